#include "registry/report.h"

#include <array>
#include <map>
#include <vector>

#include "registry/book.h"
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

std::vector<Table> Tables(const std::vector<TaskView>& tasks, TimePoint now) {
  std::map<std::string, Counts> by_assignee;           // keyed by folded name: one row per body
  std::map<std::string, std::string> assignee_names;   // first spelling seen
  std::vector<std::pair<std::string, Counts>> by_letter;
  std::map<std::int64_t, std::size_t> letter_index;
  Table overdue{"3. Nhiệm vụ quá hạn",
                {"Đơn vị", "Nhiệm vụ", "Văn bản", "Hạn", "Số ngày quá hạn"}, {}};
  const int today = DaysFromIso(LocalMinute(now).substr(0, 10));
  for (const TaskView& v : tasks) {
    const std::string key = v.task.assignee_key.empty() ? "(chưa rõ)" : v.task.assignee_key;
    assignee_names.emplace(key, v.task.assignee.empty() ? "(chưa rõ đơn vị)" : v.task.assignee);
    by_assignee[key].Add(v.state);
    auto [it, added] = letter_index.emplace(v.document_id, by_letter.size());
    if (added) by_letter.push_back({LetterName(v), Counts()});
    by_letter[it->second].second.Add(v.state);
    if (v.state == TaskState::kOverdue) {
      overdue.rows.push_back({v.task.assignee, v.task.action, LetterName(v),
                              Vn(v.task.due_date) + (v.task.due_time.empty()
                                                         ? ""
                                                         : " " + v.task.due_time),
                              std::to_string(today - DaysFromIso(v.task.due_date))});
    }
  }
  Table assignees{"1. Theo đơn vị được giao", CountHeader("Đơn vị"), {}};
  Counts all;
  for (const auto& [key, c] : by_assignee) {
    assignees.rows.push_back(CountRow(assignee_names[key], c));
    for (std::size_t i = 0; i < 4; ++i) all.by_state[i] += c.by_state[i];
    all.total += c.total;
  }
  assignees.rows.push_back(CountRow("Cộng", all));
  Table letters{"2. Theo văn bản giao nhiệm vụ", CountHeader("Văn bản"), {}};
  for (const auto& [name, c] : by_letter) letters.rows.push_back(CountRow(name, c));
  return {assignees, letters, overdue};
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
  Result<std::vector<TaskView>> tasks = ListTasks(registry, filter, now);
  if (!tasks.ok()) return tasks.status();
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
  r.tables = Tables(*tasks, now);
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
