#include "cli/registry_commands.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "calendar/calendar.h"
#include "cli/command_support.h"
#include "registry/book.h"
#include "registry/registry.h"
#include "registry/report.h"
#include "registry/search.h"
#include "registry/tasks.h"
#include "text/dates.h"

namespace congvan::cli {
namespace {

using registry::TaskView;

nlohmann::json TaskJson(const TaskView& v) {
  const registry::TaskRecord& t = v.task;
  return {{"id", t.id},
          {"assignee", t.assignee},
          {"action", t.action},
          {"cooperating", t.cooperating},
          {"due_date", t.due_date.empty() ? nlohmann::json() : nlohmann::json(t.due_date)},
          {"due_time", t.due_time.empty() ? nlohmann::json() : nlohmann::json(t.due_time)},
          {"deadline_text", t.deadline_text},
          {"recurrence", t.recurrence.empty() ? nlohmann::json() : nlohmann::json(t.recurrence)},
          {"status", registry::StateSlug(v.state)},
          {"status_label", registry::StateLabel(v.state)},
          {"done_at", t.done_at.empty() ? nlohmann::json() : nlohmann::json(t.done_at)},
          {"source", t.source.empty() ? "extracted" : t.source},
          {"instruction", t.instruction},
          {"document_id", v.document_id},
          {"doc_ref", v.doc_ref},
          {"issuer", v.issuer},
          {"doc_date", v.doc_date},
          {"subject", v.subject},
          {"path", v.path}};
}

// A snippet on one terminal line: the letter's line breaks become spaces.
std::string OneLine(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

std::string Deadline(const registry::TaskRecord& t) {
  if (t.due_date.empty()) return t.recurrence.empty() ? "—" : t.recurrence;
  return t.due_date + (t.due_time.empty() ? "" : " " + t.due_time);
}

std::string CsvCell(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void PrintTasksCsv(const std::vector<TaskView>& tasks) {
  // The byte-order mark: without it Excel on Windows reads the UTF-8 as its ANSI code page.
  std::printf("%sid,han,trang_thai,don_vi,nhiem_vu,van_ban,co_quan,ngay_van_ban\r\n", registry::kUtf8Bom);
  for (const TaskView& v : tasks) {
    std::printf("%lld,%s,%s,%s,%s,%s,%s,%s\r\n", static_cast<long long>(v.task.id),
                CsvCell(Deadline(v.task)).c_str(), registry::StateSlug(v.state).c_str(),
                CsvCell(v.task.assignee).c_str(), CsvCell(v.task.action).c_str(),
                CsvCell(v.doc_ref).c_str(), CsvCell(v.issuer).c_str(), v.doc_date.c_str());
  }
}

void PrintTaskLine(const TaskView& v) {
  std::printf("%6lld  %-16s  %-19s  [%s] %s (%s)\n", static_cast<long long>(v.task.id),
              Deadline(v.task).c_str(), registry::StateSlug(v.state).c_str(),
              v.task.assignee.c_str(), v.task.action.c_str(), v.doc_ref.c_str());
}

Status WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IoError("cannot write " + path);
  out << text;
  out.close();
  if (!out) return Status::IoError("writing " + path + " failed");
  return Status::Ok();
}

int ChangeStatus(const Common& common, std::int64_t id, const std::string& note, bool done) {
  auto reg = OpenRegistry(common);
  if (!reg.ok()) return Fail(reg.status());
  const registry::TimePoint now = Now();
  Status s = done ? registry::MarkDone(**reg, id, LoginName(), note, now)
                  : registry::Reopen(**reg, id, LoginName(), note, now);
  if (!s.ok()) return Fail(s);
  Result<TaskView> v = registry::GetTask(**reg, id, now);
  if (!v.ok()) return Fail(v.status());
  std::printf("task %lld: %s\n", static_cast<long long>(id),
              registry::StateLabel(v->state).c_str());
  return 0;
}

}  // namespace

int Search(const Common& common, const std::string& query, bool json, int limit) {
  auto reg = OpenRegistry(common);
  if (!reg.ok()) return Fail(reg.status());
  registry::SearchOptions options;
  options.limit = limit;
  Result<registry::SearchResults> r = registry::Search(**reg, query, Now(), options);
  if (!r.ok()) return Fail(r.status());
  if (json) {
    nlohmann::json out = {{"documents", nlohmann::json::array()},
                          {"tasks", nlohmann::json::array()},
                          {"ignored", r->ignored}};
    for (const registry::DocumentHit& d : r->documents) {
      out["documents"].push_back({{"id", d.id}, {"doc_ref", d.doc_ref}, {"doc_type", d.doc_type},
                                  {"issuer", d.issuer}, {"date", d.date},
                                  {"subject", d.subject}, {"path", d.path},
                                  {"snippet", d.snippet}, {"score", d.score}});
    }
    for (const registry::TaskHit& t : r->tasks) {
      nlohmann::json j = TaskJson(t.view);
      j["snippet"] = t.snippet;
      j["score"] = t.score;
      out["tasks"].push_back(std::move(j));
    }
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  std::printf("Văn bản (%zu)\n", r->documents.size());
  for (const registry::DocumentHit& d : r->documents) {
    std::printf("%6lld  %s · %s · %s\n        %s\n", static_cast<long long>(d.id),
                d.doc_ref.c_str(), d.date.c_str(), d.issuer.c_str(), OneLine(d.snippet).c_str());
  }
  std::printf("\nNhiệm vụ (%zu)\n", r->tasks.size());
  for (const registry::TaskHit& t : r->tasks) PrintTaskLine(t.view);
  for (const std::string& part : r->ignored) {
    std::fprintf(stderr, "congvan: ignored \"%s\" (nothing searchable in it)\n", part.c_str());
  }
  return 0;
}

int Tasks(const Common& common, const TasksOptions& o) {
  if (o.json && o.csv) return Fail(Status::InvalidInput("choose one of --json and --csv"));
  registry::TaskFilter f;
  f.assignee = o.assignee;
  f.issuer = o.issuer;
  f.limit = o.limit;
  if (!o.due_before.empty()) {
    std::optional<std::string> d = text::ReadTypedDate(o.due_before);
    if (!d) return Fail(Status::InvalidInput("--due-before: \"" + o.due_before + "\" is not a date"));
    f.due_max = registry::IsoFromDays(registry::DaysFromIso(*d) - 1);
  }
  if (!o.status.empty()) {
    Result<std::vector<registry::TaskState>> states = registry::ParseStates(o.status);
    if (!states.ok()) return Fail(states.status());
    f.states = *states;
  }
  auto reg = OpenRegistry(common);
  if (!reg.ok()) return Fail(reg.status());
  Result<std::vector<TaskView>> tasks = registry::ListTasks(**reg, f, Now());
  if (!tasks.ok()) return Fail(tasks.status());
  if (o.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const TaskView& v : *tasks) out.push_back(TaskJson(v));
    std::printf("%s\n", out.dump(2).c_str());
  } else if (o.csv) {
    PrintTasksCsv(*tasks);
  } else {
    for (const TaskView& v : *tasks) PrintTaskLine(v);
  }
  return 0;
}

int TaskDone(const Common& common, std::int64_t id, const std::string& note) {
  return ChangeStatus(common, id, note, true);
}

int TaskReopen(const Common& common, std::int64_t id, const std::string& note) {
  return ChangeStatus(common, id, note, false);
}

int TaskShow(const Common& common, std::int64_t id) {
  auto reg = OpenRegistry(common);
  if (!reg.ok()) return Fail(reg.status());
  Result<TaskView> v = registry::GetTask(**reg, id, Now());
  if (!v.ok()) return Fail(v.status());
  PrintTaskLine(*v);
  Result<std::vector<registry::TaskEvent>> h = registry::History(**reg, id);
  if (!h.ok()) return Fail(h.status());
  for (const registry::TaskEvent& e : *h) {
    // An assignment's entry keeps the status; "giao" says what happened.
    const std::string what = e.kind == "assigned" ? "giao" : e.status;
    std::printf("        %s  %-4s  %s  %s\n", e.at.c_str(), what.c_str(), e.who.c_str(),
                e.note.c_str());
  }
  return 0;
}

namespace {

// `text` on standard output, or into `output` when one is given; the exit status.
int PrintOrWrite(const std::string& text, const std::string& output) {
  if (output.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  }
  Status s = WriteText(output, text);
  return s.ok() ? 0 : Fail(s);
}

}  // namespace

int Report(const Common& common, const ReportCliOptions& o) {
  Result<registry::ReportFormat> format = registry::ParseReportFormat(o.format);
  if (!format.ok()) return Fail(format.status());
  auto reg = OpenRegistry(common);
  if (!reg.ok()) return Fail(reg.status());
  registry::ReportOptions options{o.from, o.to, o.issuer, *format,
                                  {o.parent_office, o.office, o.number, o.place}};
  Result<std::string> text = registry::BuildReport(**reg, options, Now());
  if (!text.ok()) return Fail(text.status());
  return PrintOrWrite(*text, o.output);
}

int Book(const Common& common, const BookCliOptions& o) {
  Result<registry::BookFormat> format = registry::ParseBookFormat(o.format);
  if (!format.ok()) return Fail(format.status());
  if (*format == registry::BookFormat::kXlsx && o.output.empty()) {
    return Fail(Status::InvalidInput("the .xlsx register is a file: give -o FILE.xlsx"));
  }
  Result<registry::BookFilter> filter = registry::MakeBookFilter(o.year, o.from, o.to);
  if (!filter.ok()) return Fail(filter.status());
  auto reg = OpenRegistry(common);
  if (!reg.ok()) return Fail(reg.status());
  Result<std::vector<registry::BookEntry>> entries = registry::ListBook(**reg, *filter);
  if (!entries.ok()) return Fail(entries.status());
  if (*format == registry::BookFormat::kXlsx) {
    Status s = registry::WriteBookXlsx(*entries, *filter, o.output);
    if (!s.ok()) return Fail(s);
    std::fprintf(stderr, "wrote %s (%zu letters)\n", o.output.c_str(), entries->size());
    return 0;
  }
  Result<std::string> text = registry::RenderBook(*entries, *filter, *format);
  if (!text.ok()) return Fail(text.status());
  return PrintOrWrite(*text, o.output);
}

int Calendar(const Common& common, const CalendarCliOptions& o) {
  if (o.output.empty()) return Fail(Status::InvalidInput("give the calendar file with -o FILE.ics"));
  registry::TaskFilter f;
  f.assignee = o.assignee;
  f.with_deadline = true;
  for (const auto& [text, field] : {std::pair{&o.from, &f.due_min}, std::pair{&o.to, &f.due_max}}) {
    if (text->empty()) continue;
    std::optional<std::string> d = text::ReadTypedDate(*text);
    if (!d) return Fail(Status::InvalidInput("\"" + *text + "\" is not a date"));
    *field = *d;
  }
  auto reg = OpenRegistry(common);
  if (!reg.ok()) return Fail(reg.status());
  const registry::TimePoint now = Now();
  Result<std::vector<TaskView>> tasks = registry::ListTasks(**reg, f, now);
  if (!tasks.ok()) return Fail(tasks.status());
  calendar::Options options;
  options.alarm_days_before = o.no_alarms ? std::vector<int>{} : o.alarms;
  options.todo = o.todo;
  options.letter_url_base = o.base_url;
  Result<std::string> ics = calendar::ToICalendar(*tasks, options, now);
  if (!ics.ok()) return Fail(ics.status());
  Status s = WriteText(o.output, *ics);
  if (!s.ok()) return Fail(s);
  std::fprintf(stderr, "wrote %s\n", o.output.c_str());
  return 0;
}

}  // namespace congvan::cli
