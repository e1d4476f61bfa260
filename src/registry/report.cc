#include "registry/report.h"

#include <array>
#include <map>
#include <vector>

#include "registry/book.h"
#include "registry/statement.h"
#include "registry/task_sql.h"
#include "registry/tasks.h"
#include "text/dates.h"

namespace congvan::registry {
namespace {

using Table = ReportTable;

constexpr std::array<TaskState, 4> kStates = {TaskState::kDoneOnTime, TaskState::kDoneLate,
                                              TaskState::kInProgress, TaskState::kOverdue};

// Counts per status, in kStates order.
struct Counts {
  std::array<int, 4> by_state{};
  int total = 0;
  void Add(TaskState s) {
    for (std::size_t i = 0; i < kStates.size(); ++i) {
      if (kStates[i] == s) ++by_state[i];
    }
    ++total;
  }
};

std::vector<std::string> CountHeader(const std::string& first) {
  std::vector<std::string> h = {first, "Tổng số"};
  for (TaskState s : kStates) h.push_back(StateLabel(s));
  return h;
}

std::vector<std::string> CountRow(const std::string& name, const Counts& c) {
  std::vector<std::string> row = {name, std::to_string(c.total)};
  for (int n : c.by_state) row.push_back(std::to_string(n));
  return row;
}

std::string Vn(const std::string& iso) { return VietnameseDate(iso); }

// The four counts of a group of tasks in kStates order, as SQL sums over tasks `t`; `now` is
// the parameter holding the local minute. The conditions mirror ComputeState() (tasks.cc): a
// done task without done_at counts as on time there, hence the coalesce.
std::string StateSums(Connection db, const std::string& now) {
  return CountWhere(db, "t.status = 'done' AND coalesce(t.done_at, '') <= t.due_at") + ", " +
         CountWhere(db, "t.status = 'done' AND t.done_at > t.due_at") + ", " +
         CountWhere(db, "t.status = 'open' AND t.due_at >= " + now) + ", " +
         CountWhere(db, "t.status = 'open' AND t.due_at < " + now);
}

// Counts from four columns from `first` on, in kStates order.
Counts ReadCounts(const Statement& stmt, int first) {
  Counts c;
  for (int i = 0; i < 4; ++i) {
    c.by_state[static_cast<std::size_t>(i)] = static_cast<int>(stmt.ColumnInt64(first + i));
    c.total += c.by_state[static_cast<std::size_t>(i)];
  }
  return c;
}

template <typename OnRow>
Status ForEachRow(Statement& stmt, OnRow on_row) {
  for (;;) {
    Result<bool> row = stmt.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    on_row(stmt);
  }
}

// A query over the tasks `filter` selects: `head` + the filter's conditions + `tail`.
Result<Statement> FilteredQuery(const Registry& registry, const TaskFilter& filter, TimePoint now,
                                const std::string& head, const std::string& tail,
                                SqlBuilder q) {
  q.Append(head);
  CONGVAN_RETURN_IF_ERROR(AppendTaskConditions(q, registry.folder(), filter, now));
  q.Append(tail);
  return q.Prepare(registry.db());
}
Result<Statement> FilteredQuery(const Registry& registry, const TaskFilter& filter, TimePoint now,
                                const std::string& head, const std::string& tail) {
  return FilteredQuery(registry, filter, now, head, tail, SqlBuilder(registry.db()));
}

// The assignee as written on the first task of a unit in the list's order (deadline, letter,
// position): the name the unit's line carries. One statement, rebound per unit: the first entry
// of the unit in tasks_assignee_due and its row.
class FirstSpelling {
 public:
  static Result<FirstSpelling> Prepare(const Registry& registry) {
    Result<Statement> stmt = Statement::Prepare(
        registry.db(), std::string("SELECT assignee FROM tasks") +
                           IndexedBy(registry.db(), "tasks_assignee_due") +
                           " WHERE assignee_key = ?1 ORDER BY due_at, document_id, position "
                           "LIMIT 1");
    if (!stmt.ok()) return stmt.status();
    return FirstSpelling(std::move(*stmt));
  }
  Result<std::string> Of(const std::string& key) {
    stmt_.Reset();
    CONGVAN_RETURN_IF_ERROR(stmt_.BindText(1, key));
    Result<bool> row = stmt_.Step();
    if (!row.ok()) return row.status();
    return *row ? stmt_.ColumnText(0) : std::string();
  }

 private:
  explicit FirstSpelling(Statement stmt) : stmt_(std::move(stmt)) {}
  Statement stmt_;
};

// The name and counts of each assignee key with a task `filter` selects. Without a filter from
// unit_task_counts (schema version 12) and the open tasks due from now on (tasks_assignee_due:
// the coming weeks' work); else by one pass over the tasks the filter selects, the name taken
// from the row with the least (deadline, letter, position): SQLite gives a bare column the value
// of the row where the query's one min() is reached.
Result<std::map<std::string, std::pair<std::string, Counts>>> CountsByAssignee(
    const Registry& registry, const TaskFilter& filter, TimePoint now) {
  std::map<std::string, std::pair<std::string, Counts>> out;
  if (!HasConditions(filter)) {
    Result<Statement> stmt = Statement::Prepare(
        registry.db(),
        "SELECT c.assignee_key, c.done_on_time, c.done_late, c.open_dated, c.open_undated, "
        "(SELECT count(*) FROM tasks t" + IndexedBy(registry.db(), "tasks_assignee_due") +
        " WHERE t.assignee_key = c.assignee_key AND t.due_at >= ?1 "
        "AND t.due_at < '9999-12-31T23:59' AND t.status = 'open') FROM unit_task_counts c");
    if (!stmt.ok()) return stmt.status();
    CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, LocalMinute(now)));
    Result<FirstSpelling> spelling = FirstSpelling::Prepare(registry);
    if (!spelling.ok()) return spelling.status();
    Status failed = Status::Ok();
    CONGVAN_RETURN_IF_ERROR(ForEachRow(*stmt, [&](const Statement& s) {
      const int dated = static_cast<int>(s.ColumnInt64(3));
      const int undated = static_cast<int>(s.ColumnInt64(4));
      const int due_later = static_cast<int>(s.ColumnInt64(5));
      Counts c;
      c.by_state = {static_cast<int>(s.ColumnInt64(1)), static_cast<int>(s.ColumnInt64(2)),
                    undated + due_later, dated - due_later};
      for (int n : c.by_state) c.total += n;
      if (c.total == 0 || !failed.ok()) return;
      const std::string key = s.ColumnText(0);
      Result<std::string> name = spelling->Of(key);
      if (!name.ok()) {
        failed = name.status();
        return;
      }
      out[key] = {*name, c};
    }));
    CONGVAN_RETURN_IF_ERROR(failed);
    return out;
  }
  SqlBuilder q(registry.db());
  const std::string now_param = q.Param(LocalMinute(now));
  // PostgreSQL has no bare columns: the first name in the list's order is the first of the
  // group's names sorted so.
  const std::string first_name =
      registry.is_postgres()
          ? "(array_agg(t.assignee ORDER BY t.due_at, t.document_id, t.position))[1], NULL"
          : "t.assignee, min(t.due_at || printf('%020d%010d', t.document_id, t.position))";
  Result<Statement> stmt = FilteredQuery(
      registry, filter, now,
      "SELECT t.assignee_key, " + first_name + ", " +
          StateSums(registry.db(), now_param) + " FROM tasks t WHERE true",
      " GROUP BY t.assignee_key", std::move(q));
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(ForEachRow(*stmt, [&](const Statement& s) {
    out[s.ColumnText(0)] = {s.ColumnText(1), ReadCounts(s, 3)};
  }));
  return out;
}

// 1. One line per assignee (by folded name, "(chưa rõ)" for tasks without one) and the total.
Result<Table> AssigneeTable(const Registry& registry, const TaskFilter& filter, TimePoint now,
                            Counts& all) {
  Result<std::map<std::string, std::pair<std::string, Counts>>> counts =
      CountsByAssignee(registry, filter, now);
  if (!counts.ok()) return counts.status();
  std::map<std::string, std::pair<std::string, Counts>> lines;  // shown key -> name, counts
  for (auto& [key, line] : *counts) {
    lines[key.empty() ? "(chưa rõ)" : key] = {
        line.first.empty() ? "(chưa rõ đơn vị)" : line.first, line.second};
  }
  Table t{"1. Theo đơn vị được giao", CountHeader("Đơn vị"), {}};
  for (const auto& [key, line] : lines) {
    t.rows.push_back(CountRow(line.first, line.second));
    for (std::size_t i = 0; i < 4; ++i) all.by_state[i] += line.second.by_state[i];
    all.total += line.second.total;
  }
  t.rows.push_back(CountRow("Cộng", all));
  return t;
}

// 2. One line per letter, in the order its first task comes in the list (deadline, letter,
// position); at most `max_rows` (0: all), the rest counted.
Result<Table> LetterTable(const Registry& registry, const TaskFilter& filter, TimePoint now,
                          std::size_t max_rows) {
  Table t{"2. Theo văn bản giao nhiệm vụ", CountHeader("Văn bản"), {}};
  // The letters to list: walking the tasks in the list's order until enough letters are seen
  // reads a few tasks per letter (tasks_due_order), where grouping would read every task.
  std::vector<std::int64_t> order;
  std::map<std::int64_t, std::size_t> index;
  bool cut = false;
  {
    Result<Statement> walk = FilteredQuery(registry, filter, now,
                                           "SELECT t.document_id FROM tasks t WHERE true",
                                           " ORDER BY t.due_at, t.document_id, t.position");
    if (!walk.ok()) return walk.status();
    for (;;) {
      Result<bool> row = walk->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      const std::int64_t id = walk->ColumnInt64(0);
      if (index.count(id) > 0) continue;
      if (max_rows > 0 && order.size() == max_rows) {
        cut = true;
        break;
      }
      index.emplace(id, order.size());
      order.push_back(id);
    }
  }
  if (order.empty()) return t;
  if (cut) {
    Result<Statement> count = FilteredQuery(
        registry, filter, now, "SELECT count(DISTINCT t.document_id) FROM tasks t WHERE true", "");
    if (!count.ok()) return count.status();
    Result<bool> row = count->Step();
    if (!row.ok()) return row.status();
    t.more_rows = count->ColumnInt64(0) - static_cast<std::int64_t>(order.size());
  }
  // Their names and counts: the listed letters' tasks only when the list is cut.
  SqlBuilder q(registry.db());
  const std::string now_param = q.Param(LocalMinute(now));
  std::string listed;
  if (cut) {
    listed = " AND t.document_id IN (";
    for (std::size_t i = 0; i < order.size(); ++i) {
      listed += (i > 0 ? ", " : "") + q.Param(order[i]);
    }
    listed += ")";
  }
  Result<Statement> stmt = FilteredQuery(
      registry, filter, now,
      "SELECT t.document_id, d.doc_type, d.doc_ref, d.date, d.issuer, " +
          StateSums(registry.db(), now_param) +
          " FROM tasks t JOIN documents d ON d.id = t.document_id WHERE true" + listed,
      // PostgreSQL reads the letter's columns of a group only when its key is grouped on.
      registry.is_postgres() ? " GROUP BY t.document_id, d.id" : " GROUP BY t.document_id",
      std::move(q));
  if (!stmt.ok()) return stmt.status();
  std::vector<std::vector<std::string>> rows(order.size());
  CONGVAN_RETURN_IF_ERROR(ForEachRow(*stmt, [&](const Statement& s) {
    auto it = index.find(s.ColumnInt64(0));
    if (it == index.end()) return;
    TaskView letter;
    letter.doc_type = s.ColumnText(1);
    letter.doc_ref = s.ColumnText(2);
    letter.doc_date = s.ColumnText(3);
    letter.issuer = s.ColumnText(4);
    rows[it->second] = CountRow(LetterName(letter), ReadCounts(s, 5));
  }));
  t.rows = std::move(rows);
  return t;
}

// 3. The overdue tasks in the list's order, at most `max_rows` (0: all) of `overdue_count`.
Result<Table> OverdueTable(const Registry& registry, TaskFilter filter, TimePoint now,
                           std::size_t max_rows, int overdue_count) {
  Table t{"3. Nhiệm vụ quá hạn", {"Đơn vị", "Nhiệm vụ", "Văn bản", "Hạn", "Số ngày quá hạn"}, {}};
  filter.states = {TaskState::kOverdue};
  filter.limit = static_cast<int>(max_rows);
  Result<std::vector<TaskView>> tasks = ListTasks(registry, filter, now);
  if (!tasks.ok()) return tasks.status();
  const int today = DaysFromIso(LocalMinute(now).substr(0, 10));
  for (const TaskView& v : *tasks) {
    t.rows.push_back({v.task.assignee, v.task.action, LetterName(v),
                      Vn(v.task.due_date) + (v.task.due_time.empty() ? "" : " " + v.task.due_time),
                      std::to_string(today - DaysFromIso(v.task.due_date))});
  }
  t.more_rows = overdue_count - static_cast<std::int64_t>(t.rows.size());
  return t;
}

std::string Escape(const std::string& s, ReportFormat f) {
  std::string out;
  for (char c : s) {
    if (f == ReportFormat::kHtml && c == '<') out += "&lt;";
    else if (f == ReportFormat::kHtml && c == '>') out += "&gt;";
    else if (f == ReportFormat::kHtml && c == '&') out += "&amp;";
    else if (f == ReportFormat::kHtml && c == '"') out += "&quot;";
    else if (f == ReportFormat::kMarkdown && c == '|') out += "\\|";
    else if (f == ReportFormat::kMarkdown && c == '\n') out += ' ';
    else if (f == ReportFormat::kCsv && c == '"') out += "\"\"";
    else out += c;
  }
  return out;
}

// The heading's lines: left column (parent, office, number), right column (motto, date line).
struct HeadingLines {
  std::vector<std::string> left, right;
};
HeadingLines Lines(const OfficialHeading& h, const std::string& local_date) {
  HeadingLines out;
  if (!h.parent.empty()) out.left.push_back(h.parent);
  out.left.push_back(h.office);
  out.left.push_back("Số: " + (h.number.empty() ? std::string("      /BC-") : h.number));
  out.right = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
               PlaceAndDateLine(h.place, local_date)};
  return out;
}

std::string Markdown(const ReportContent& r, const OfficialHeading& heading) {
  std::string out;
  if (!heading.office.empty()) {
    const HeadingLines lines = Lines(heading, r.local_date);
    for (const std::string& l : lines.left) out += Escape(l, ReportFormat::kMarkdown) + "  \n";
    out += "\n";
    for (const std::string& l : lines.right) out += Escape(l, ReportFormat::kMarkdown) + "  \n";
    out += "\n";
  }
  out += "# " + r.title + "\n\n" + r.stamp + "\n";
  for (const Table& t : r.tables) {
    out += "\n## " + t.title + "\n\n";
    if (t.rows.empty()) {
      out += "Không có.\n";
      continue;
    }
    std::string rule = "|";
    out += "|";
    for (const std::string& h : t.header) {
      out += " " + Escape(h, ReportFormat::kMarkdown) + " |";
      rule += " --- |";
    }
    out += "\n" + rule + "\n";
    for (const auto& row : t.rows) {
      out += "|";
      for (const std::string& cell : row) out += " " + Escape(cell, ReportFormat::kMarkdown) + " |";
      out += "\n";
    }
  }
  return out;
}

// One CSV: a "Bảng" column names the table each row belongs to, so one file opens in a
// spreadsheet and can be filtered.
std::string Csv(const std::vector<Table>& tables) {
  std::string out = kUtf8Bom;  // else Excel on Windows reads the UTF-8 as its ANSI code page
  for (const Table& t : tables) {
    auto line = [&out](const std::string& first, const std::vector<std::string>& cells) {
      out += "\"" + Escape(first, ReportFormat::kCsv) + "\"";
      for (const std::string& c : cells) out += ",\"" + Escape(c, ReportFormat::kCsv) + "\"";
      out += "\r\n";
    };
    line("Bảng", t.header);
    for (const auto& row : t.rows) line(t.title, row);
  }
  return out;
}

std::string Html(const ReportContent& r, const OfficialHeading& heading) {
  const auto e = [](const std::string& s) { return Escape(s, ReportFormat::kHtml); };
  std::string out = "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>" +
                    e(r.title) + "</title><style>table{border-collapse:collapse}td,th{border:1px "
                    "solid #888;padding:2px 6px}table.heading td{border:0;text-align:center;"
                    "vertical-align:top;width:50%}@page{size:A4;margin:20mm 15mm 20mm 30mm}"
                    "</style></head><body>\n";
  if (!heading.office.empty()) {
    const HeadingLines lines = Lines(heading, r.local_date);
    auto column = [&](const std::vector<std::string>& ls) {
      std::string c = "<td>";
      for (std::size_t i = 0; i < ls.size(); ++i) c += (i ? "<br>" : "") + e(ls[i]);
      return c + "</td>";
    };
    out += "<table class=\"heading\"><tr>" + column(lines.left) + column(lines.right) +
           "</tr></table>\n";
  }
  out += "<h1>" + e(r.title) + "</h1>\n<p>" + e(r.stamp) + "</p>\n";
  for (const Table& t : r.tables) {
    out += "<h2>" + e(t.title) + "</h2>\n";
    if (t.rows.empty()) {
      out += "<p>Không có.</p>\n";
      continue;
    }
    out += "<table><tr>";
    for (const std::string& h : t.header) out += "<th>" + e(h) + "</th>";
    out += "</tr>\n";
    for (const auto& row : t.rows) {
      out += "<tr>";
      for (const std::string& c : row) out += "<td>" + e(c) + "</td>";
      out += "</tr>\n";
    }
    out += "</table>\n";
  }
  return out + "</body></html>\n";
}

}  // namespace

Result<ReportFormat> ParseReportFormat(const std::string& name) {
  if (name == "md" || name == "markdown") return ReportFormat::kMarkdown;
  if (name == "csv") return ReportFormat::kCsv;
  if (name == "html") return ReportFormat::kHtml;
  return Status::InvalidInput("unknown report format \"" + name + "\"; use md, csv or html");
}

std::string PlaceAndDateLine(const std::string& place, const std::string& iso_date) {
  if (!text::IsIsoDate(iso_date)) return place;
  const std::string line = "ngày " + iso_date.substr(8, 2) + " tháng " + iso_date.substr(5, 2) +
                           " năm " + iso_date.substr(0, 4);
  return place.empty() ? line : place + ", " + line;
}

Result<ReportContent> CollectReport(const Registry& registry, const ReportOptions& o,
                                    TimePoint now) {
  TaskFilter filter;
  filter.issuer = o.issuer;
  for (const std::string* d : {&o.from, &o.to}) {
    if (!d->empty() && !text::ReadTypedDate(*d)) {
      return Status::InvalidInput("\"" + *d + "\" is not a date (yyyy-mm-dd or d/m/yyyy)");
    }
  }
  if (!o.from.empty()) filter.due_min = *text::ReadTypedDate(o.from);
  if (!o.to.empty()) filter.due_max = *text::ReadTypedDate(o.to);
  // One snapshot for every table, so the totals agree with the lines under concurrent writes.
  Result<Transaction> read = Transaction::Begin(registry.db(), Transaction::Mode::kDeferred);
  if (!read.ok()) return read.status();
  ReportContent r;
  const std::string local = LocalMinute(now);
  r.local_date = local.substr(0, 10);
  r.stamp = "Tính đến " + local.substr(11, 5) + " ngày " + Vn(r.local_date);
  if (!filter.due_min.empty() || !filter.due_max.empty()) {
    r.stamp += "; nhiệm vụ có hạn";
    if (!filter.due_min.empty()) r.stamp += " từ " + Vn(filter.due_min);
    if (!filter.due_max.empty()) r.stamp += " đến " + Vn(filter.due_max);
  }
  if (!o.issuer.empty()) r.stamp += "; cơ quan ban hành: " + o.issuer;
  r.stamp += ".";
  r.title = "BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ";
  Counts all;
  Result<Table> assignees = AssigneeTable(registry, filter, now, all);
  if (!assignees.ok()) return assignees.status();
  Result<Table> letters = LetterTable(registry, filter, now, o.max_rows);
  if (!letters.ok()) return letters.status();
  // kStates order: the overdue count is the last.
  Result<Table> overdue = OverdueTable(registry, filter, now, o.max_rows, all.by_state[3]);
  if (!overdue.ok()) return overdue.status();
  r.tables = {std::move(*assignees), std::move(*letters), std::move(*overdue)};
  return r;
}

Result<std::string> BuildReport(const Registry& registry, const ReportOptions& o, TimePoint now) {
  Result<ReportContent> r = CollectReport(registry, o, now);
  if (!r.ok()) return r.status();
  switch (o.format) {
    case ReportFormat::kMarkdown: return Markdown(*r, o.heading);
    case ReportFormat::kCsv: return Csv(r->tables);
    case ReportFormat::kHtml: return Html(*r, o.heading);
  }
  return Status::Internal("unknown report format");
}

std::string VietnameseDate(const std::string& iso) {
  if (!text::IsIsoDate(iso)) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string LetterName(const TaskView& v) {
  std::string s = v.doc_type.empty() ? "Văn bản" : v.doc_type;
  if (!v.doc_ref.empty()) s += " số " + v.doc_ref;
  if (!v.doc_date.empty()) s += " ngày " + VietnameseDate(v.doc_date);
  if (!v.issuer.empty()) s += " của " + v.issuer;
  return s;
}

}  // namespace congvan::registry
