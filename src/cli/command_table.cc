#include "cli/command_table.h"

#include <cstdint>
#include <memory>
#include <string>

#include "cli/eval_command.h"
#include "cli/queue_commands.h"
#include "cli/registry_commands.h"
#include "registry/registry.h"

namespace congvan::cli {

void AddDbOption(CLI::App* command, Common& common) {
  command->add_option("--db", common.db,
                      "Registry file (default: " + registry::Registry::DefaultPath() + ")");
}

void AddDocumentCommands(CLI::App& app, Common& common, CommandTable& table) {
  // Options live as long as the table's functions: shared by the lambdas below.
  struct Args {
    std::vector<std::string> paths;
    std::string file, gold;
    bool json = false, raw = false, text = false, explain = false, per_doc = false;
    std::int64_t id = 0;
    int limit = 50;
  };
  auto a = std::make_shared<Args>();
  Common* c = &common;

  CLI::App* ingest = app.add_subcommand("ingest", "Register scans, PDFs and text files (folders are searched)");
  AddDbOption(ingest, common);
  ingest->add_option("paths", a->paths, "Files or folders")->required();
  table.push_back({ingest, [a, c] { return Ingest(*c, a->paths); }});

  CLI::App* enqueue = app.add_subcommand(
      "enqueue", "Hand files to the registry's work queue, for any congvan worker to register");
  AddDbOption(enqueue, common);
  enqueue->add_option("paths", a->paths, "Files or folders")->required();
  table.push_back({enqueue, [a, c] { return Enqueue(*c, a->paths); }});

  auto w = std::make_shared<WorkerOptions>();
  CLI::App* worker = app.add_subcommand(
      "worker", "Read and register the files of the work queue, one at a time, until SIGTERM");
  AddDbOption(worker, common);
  worker->add_option("--name", w->name, "Who claims the jobs (default: HOST:PID)");
  worker->add_option("--lease", w->lease_seconds,
                     "A job this worker holds goes to another worker this many seconds after "
                     "this one stops renewing it (killed, disconnected)")
      ->capture_default_str()
      ->check(CLI::Range(1, 86400));
  worker->add_option("--poll", w->poll_seconds, "When idle, look for new jobs every SECONDS")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 3600.0));
  worker->add_flag("--once", w->once, "Exit once no job is left to take, instead of waiting");
  table.push_back({worker, [w, c] { return Worker(*c, *w); }});

  CLI::App* extract = app.add_subcommand("extract", "Read a letter's fields without registering it");
  extract->add_flag("--json", a->json, "Print the fields as JSON (devset/SCHEMA.md)");
  extract->add_option("file", a->file, "Scan, PDF or text file")->required();
  table.push_back({extract, [a, c] { return Extract(*c, a->file, a->json); }});

  CLI::App* ocr = app.add_subcommand("ocr", "Print the text of a scan, PDF or text file");
  ocr->add_flag("--raw", a->raw, "Print the text as read, without repair");
  ocr->add_option("file", a->file, "Scan, PDF or text file")->required();
  table.push_back({ocr, [a, c] { return Ocr(*c, a->file, a->raw); }});

  CLI::App* repair = app.add_subcommand("repair", "Restore the diacritics of OCR text (from FILE, or standard input)");
  repair->add_flag("--explain", a->explain, "List each changed syllable with its alternatives and scores");
  repair->add_option("file", a->file, "UTF-8 (or other, detected) text file");
  table.push_back({repair, [a, c] { return Repair(*c, a->file, a->explain); }});

  CLI::App* show = app.add_subcommand("show", "Show one registered document");
  AddDbOption(show, common);
  show->add_flag("--json", a->json, "Print the record as JSON");
  show->add_flag("--text", a->text, "Print the document's text too");
  show->add_option("id", a->id, "Document number, as printed by ingest and list")->required();
  table.push_back({show, [a, c] { return Show(*c, a->id, a->json, a->text); }});

  CLI::App* list = app.add_subcommand("list", "List registered documents, newest first");
  AddDbOption(list, common);
  list->add_option("--limit", a->limit, "At most this many (0: all)")->capture_default_str();
  table.push_back({list, [a, c] { return List(*c, a->limit); }});

  CLI::App* eval = app.add_subcommand("eval", "Score extraction against gold field files (like score_fields.py)");
  eval->add_option("--gold", a->gold, "Folder of gold NAME.json files (devset/SCHEMA.md)")->required();
  eval->add_flag("--per-doc", a->per_doc, "Also print one line per letter");
  eval->add_option("inputs", a->paths, "Letters to read: text, scans, PDFs or folders")->required();
  table.push_back({eval, [a, c] { return Eval(*c, a->gold, a->paths, a->per_doc); }});
}

void AddRegistryCommands(CLI::App& app, Common& common, CommandTable& table) {
  struct Args {
    std::string query, note;
    bool json = false;
    int limit = 20;
    std::int64_t id = 0;
    TasksOptions tasks;
    ReportCliOptions report;
    CalendarCliOptions calendar;
    BookCliOptions book;
  };
  auto a = std::make_shared<Args>();
  Common* c = &common;

  CLI::App* search = app.add_subcommand("search", "Search documents and tasks, without accents or with");
  AddDbOption(search, common);
  search->add_flag("--json", a->json, "Print the results as JSON");
  search->add_option("--limit", a->limit, "At most this many results")->capture_default_str();
  search->add_option("query", a->query,
                     "Words, \"phrases\", prefix*, don-vi:X co-quan:X so:X han<YYYY-MM-DD trang-thai:qua-han; "
                     "a query that starts with '-' goes after --: search -- -nang")
      ->required();
  table.push_back({search, [a, c] { return Search(*c, a->query, a->json, a->limit); }});

  CLI::App* tasks = app.add_subcommand("tasks", "List tasks by deadline");
  AddDbOption(tasks, common);
  TasksOptions& t = a->tasks;
  tasks->add_option("--assignee", t.assignee, "Responsible body (accents optional)");
  tasks->add_option("--issuer", t.issuer, "Issuing body of the letter");
  tasks->add_option("--due-before", t.due_before, "Deadline before this day (YYYY-MM-DD or D/M/YYYY)");
  tasks->add_option("--status", t.status,
                    "trong-han, qua-han, hoan-thanh-dung-han, hoan-thanh-qua-han (comma-separated)");
  tasks->add_option("--limit", t.limit, "At most this many (0: all)");
  auto* tj = tasks->add_flag("--json", t.json, "Print as JSON");
  tasks->add_flag("--csv", t.csv, "Print as CSV")->excludes(tj);
  table.push_back({tasks, [a, c] { return Tasks(*c, a->tasks); }});

  CLI::App* task = app.add_subcommand("task", "Mark a task done or reopen it; show its history");
  task->require_subcommand(1);
  for (const char* verb : {"done", "reopen", "show"}) {
    CLI::App* sub = task->add_subcommand(verb, std::string(verb) == "show"
                                                   ? "Show a task and its history"
                                                   : std::string("Mark a task ") + verb);
    AddDbOption(sub, common);
    sub->add_option("id", a->id, "Task number, as printed by tasks")->required();
    if (std::string(verb) != "show") sub->add_option("--note", a->note, "Why, for the history");
    const std::string v = verb;
    table.push_back({sub, [a, c, v] {
                       if (v == "done") return TaskDone(*c, a->id, a->note);
                       if (v == "reopen") return TaskReopen(*c, a->id, a->note);
                       return TaskShow(*c, a->id);
                     }});
  }

  CLI::App* report = app.add_subcommand("report", "Progress report per assignee and letter, in Vietnamese");
  AddDbOption(report, common);
  ReportCliOptions& r = a->report;
  report->add_option("--from", r.from, "Letters dated from this day");
  report->add_option("--to", r.to, "Letters dated up to this day");
  report->add_option("--issuer", r.issuer, "Only letters of this issuer");
  report->add_option("--format", r.format, "md, csv or html")->capture_default_str();
  report->add_option("-o,--output", r.output, "Write to this file (default: standard output)");
  report->add_option("--office", r.office, "Official heading (md, html): the reporting office's name");
  report->add_option("--parent-office", r.parent_office, "Official heading: the office's parent body");
  report->add_option("--number", r.number, "Official heading: the report's number (e.g. 15/BC-SNV)");
  report->add_option("--place", r.place, "Official heading: the place on the date line");
  table.push_back({report, [a, c] { return Report(*c, a->report); }});

  CLI::App* book = app.add_subcommand(
      "book", "The register of incoming letters (so den), by arrival number, in Vietnamese");
  AddDbOption(book, common);
  BookCliOptions& b = a->book;
  book->add_option("--year", b.year, "Only letters that arrived in this year");
  book->add_option("--from", b.from, "Letters that arrived from this day (YYYY-MM-DD or D/M/YYYY)");
  book->add_option("--to", b.to, "Letters that arrived up to this day");
  book->add_option("--format", b.format, "md, csv, html or xlsx (xlsx needs -o)")->capture_default_str();
  book->add_option("-o,--output", b.output, "Write to this file (default: standard output)");
  table.push_back({book, [a, c] { return Book(*c, a->book); }});

  CLI::App* calendar = app.add_subcommand("calendar", "Export the deadline calendar (iCalendar)");
  AddDbOption(calendar, common);
  CalendarCliOptions& k = a->calendar;
  calendar->add_option("-o,--output", k.output, "The .ics file to write")->required();
  calendar->add_option("--assignee", k.assignee, "Only this body's deadlines");
  calendar->add_option("--from", k.from, "Deadlines from this day");
  calendar->add_option("--to", k.to, "Deadlines up to this day");
  calendar->add_option("--alarm", k.alarms, "Reminder, days before (0 to 365; repeatable; default 3 and 1)")
      ->check(CLI::Range(0, 365));
  calendar->add_flag("--no-alarms", k.no_alarms, "No reminders");
  calendar->add_flag("--todo", k.todo, "Write VTODO items instead of events");
  calendar->add_option("--base-url", k.base_url,
                       "Address of the web pages (https://...): each event links to its letter's page");
  table.push_back({calendar, [a, c] { return Calendar(*c, a->calendar); }});
}

}  // namespace congvan::cli
