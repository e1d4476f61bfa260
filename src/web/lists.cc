#include "web/lists.h"

#include <algorithm>
#include <charconv>
#include <utility>
#include <vector>

#include "registry/corrections.h"
#include "registry/paging.h"
#include "registry/tasks.h"
#include "text/dates.h"
#include "web/html.h"
#include "web/pages.h"

namespace congvan::web {
namespace {

using registry::LetterSort;
using registry::TaskSort;

// Characters of a task's text shown before "xem thêm".
constexpr std::size_t kTaskSummaryChars = 200;
// Open tasks due in the next 7 days shown above the list.
constexpr int kSoonRows = 20;

std::string Param(const QueryParams& params, const std::string& key) {
  auto it = params.find(key);
  return it == params.end() ? "" : it->second;
}

// The parameters `keys` that have a value, encoded ("don-vi=Ph%C3%B2ng&sap=so"), in that order.
std::string QueryOf(const QueryParams& params, const std::vector<std::string>& keys) {
  std::string q;
  for (const std::string& key : keys) {
    const std::string value = Param(params, key);
    if (!value.empty()) q += (q.empty() ? "" : "&") + key + "=" + UrlEncode(value);
  }
  return q;
}

std::string Link(const std::string& href, const std::string& text) {
  return "<a href=\"" + Escape(href) + "\">" + Escape(text) + "</a>";
}

std::string TextInput(const char* name, const char* label, const std::string& value,
                      const char* placeholder = "") {
  // A unit is completed from the directory's <datalist> (web/unit_pages.h) when the page has one.
  const std::string list = std::string(name) == "don-vi" ? " list=\"don-vi-ds\"" : "";
  return std::string("<label>") + label + "<input name=\"" + name + "\" value=\"" +
         Escape(value) + "\" placeholder=\"" + placeholder + "\"" + list + "></label>";
}

std::string Select(const char* name, const char* label, const std::string& current,
                   const std::vector<std::pair<const char*, const char*>>& options) {
  std::string h = std::string("<label>") + label + "<select name=\"" + name + "\">";
  for (const auto& [value, text] : options) {
    h += std::string("<option value=\"") + value + "\"" + (current == value ? " selected" : "") +
         ">" + text + "</option>";
  }
  return h + "</select></label>";
}

const std::vector<std::pair<const char*, const char*>>& StateOptions() {
  static const std::vector<std::pair<const char*, const char*>> kOptions = {
      {"", "Tất cả"},
      {"dang-thuc-hien", "Đang thực hiện"},
      {"qua-han", "Quá hạn"},
      {"trong-han", "Trong hạn"},
      {"hoan-thanh", "Đã hoàn thành"},
  };
  return kOptions;
}

// One sortable column: its key in `sap`, its heading, and the direction a first click sorts in.
struct SortColumn {
  const char* key;
  const char* label;
  bool descending_first;
};

// The order named by `sap` and `chieu` among `columns` (the first is the default); `note` says
// when the order asked for is unknown.
struct ChosenSort {
  std::size_t column = 0;
  bool descending = false;
  std::string note;
};

ChosenSort ChooseSort(const QueryParams& params, const std::vector<SortColumn>& columns) {
  ChosenSort s;
  const std::string key = Param(params, "sap");
  const std::string dir = Param(params, "chieu");
  if (!key.empty()) {
    auto it = std::find_if(columns.begin(), columns.end(),
                           [&](const SortColumn& c) { return key == c.key; });
    if (it == columns.end()) {
      s.note = "Không có cách sắp xếp \"" + key + "\"; danh sách được sắp theo " +
               columns[0].label + ".";
    } else {
      s.column = static_cast<std::size_t>(it - columns.begin());
    }
  }
  s.descending = columns[s.column].descending_first;
  if (s.note.empty() && (dir == "tang" || dir == "giam")) s.descending = dir == "giam";
  return s;
}

// A column heading: a link that sorts by it (the other way round when it is the current
// order), with an arrow on the current one.
std::string SortHeading(const std::string& path, const std::string& filters, const SortColumn& c,
                        bool current, bool descending) {
  const bool next_descending = current ? !descending : c.descending_first;
  const std::string href = path + "?" + (filters.empty() ? "" : filters + "&") + "sap=" + c.key +
                           "&chieu=" + (next_descending ? "giam" : "tang");
  std::string h = "<th" + std::string(current ? std::string(" aria-sort=\"") +
                                                    (descending ? "descending" : "ascending") + "\""
                                              : "") +
                  "><a class=\"sort\" href=\"" + Escape(href) + "\">" + Escape(c.label);
  if (current) h += descending ? " ▼" : " ▲";
  return h + "</a></th>";
}

Result<std::vector<registry::TaskState>> StatesOf(const std::string& text) {
  if (text.empty()) return std::vector<registry::TaskState>();
  return registry::ParseStates(text);
}

Status ParseDate(const std::string& text, const char* label, std::string& iso) {
  if (text.empty()) return Status::Ok();
  std::optional<std::string> d = text::ReadTypedDate(text);
  if (!d) return Status::InvalidInput(std::string(label) + ": \"" + text + "\" không phải ngày (dd/mm/yyyy).");
  iso = *d;
  return Status::Ok();
}

// --- letters ---

const std::vector<SortColumn>& LetterColumns() {
  static const std::vector<SortColumn> kColumns = {
      {"ngay-den", "Ngày đến", true},
      {"so", "Số, ký hiệu", false},
      {"ngay", "Ngày văn bản", true},
      {"co-quan", "Cơ quan ban hành", false},
  };
  return kColumns;
}

constexpr LetterSort kLetterSorts[] = {LetterSort::kArrival, LetterSort::kRef, LetterSort::kDate,
                                       LetterSort::kIssuer};

const std::vector<std::pair<const char*, const char*>>& UrgencyOptions() {
  static const std::vector<std::pair<const char*, const char*>> kOptions = {
      {"", "Tất cả"}, {"khan", "Mọi mức khẩn"}, {"hoa-toc", "Hỏa tốc"},
      {"thuong-khan", "Thượng khẩn"}, {"muc-khan", "Khẩn"},
  };
  return kOptions;
}

Result<std::string> UrgencyOf(const std::string& slug) {
  if (slug.empty() || slug == "khan") return slug;
  if (slug == "hoa-toc") return std::string("HỎA TỐC");
  if (slug == "thuong-khan") return std::string("THƯỢNG KHẨN");
  if (slug == "muc-khan") return std::string("KHẨN");
  return Status::InvalidInput("Độ khẩn \"" + slug +
                              "\" không có; dùng khan, hoa-toc, thuong-khan hoặc muc-khan.");
}

Result<registry::LetterFilter> LetterFilterOf(const QueryParams& params) {
  registry::LetterFilter f;
  f.assignee = Param(params, "don-vi");
  f.issuer = Param(params, "co-quan");
  Result<std::vector<registry::TaskState>> states = StatesOf(Param(params, "trang-thai"));
  if (!states.ok()) return states.status();
  f.states = *states;
  CONGVAN_RETURN_IF_ERROR(ParseDate(Param(params, "tu"), "Từ ngày", f.date_min));
  CONGVAN_RETURN_IF_ERROR(ParseDate(Param(params, "den"), "Đến ngày", f.date_max));
  Result<std::string> urgency = UrgencyOf(Param(params, "do-khan"));
  if (!urgency.ok()) return urgency.status();
  f.urgency = *urgency;
  return f;
}

const std::vector<std::string> kLetterFilterKeys = {"don-vi", "co-quan", "trang-thai", "tu", "den",
                                                    "do-khan"};

std::string LetterFiltersHtml(const QueryParams& p) {
  std::string h = "<form class=\"filters\" method=\"get\" action=\"/\" aria-label=\"Lọc văn bản\">" +
                  TextInput("don-vi", "Đơn vị", Param(p, "don-vi"), "Phòng Nội vụ") +
                  TextInput("co-quan", "Cơ quan ban hành", Param(p, "co-quan")) +
                  Select("trang-thai", "Nhiệm vụ", Param(p, "trang-thai"), StateOptions()) +
                  TextInput("tu", "Từ ngày", Param(p, "tu"), "dd/mm/yyyy") +
                  TextInput("den", "Đến ngày", Param(p, "den"), "dd/mm/yyyy") +
                  Select("do-khan", "Độ khẩn", Param(p, "do-khan"), UrgencyOptions());
  // Filtering keeps the order chosen.
  for (const char* key : {"sap", "chieu"}) {
    const std::string v = Param(p, key);
    if (!v.empty()) h += std::string("<input type=\"hidden\" name=\"") + key + "\" value=\"" + Escape(v) + "\">";
  }
  return h + "<button type=\"submit\">Lọc</button> <a href=\"/\">Bỏ lọc</a></form>";
}

std::string LetterRowHtml(const registry::LetterRow& r) {
  const std::string title = (r.doc_type.empty() ? "Văn bản" : r.doc_type) + " " +
                            (r.doc_ref.empty() ? "(chưa rõ số)" : r.doc_ref);
  std::string h = "<tr class=\"letter\" data-doc=\"" + std::to_string(r.id) + "\">";
  h += "<td data-label=\"Ngày đến\">" + Escape(VnDate(r.arrival_date)) +
       (r.arrival_number > 0 ? "<div class=\"meta\">Số đến " + std::to_string(r.arrival_number) + "</div>" : "") +
       "</td>";
  h += "<td data-label=\"Số, ký hiệu\"><a class=\"doc-title\" href=\"/documents/" + std::to_string(r.id) +
       "\">" + Escape(title) + "</a>" +
       (r.urgency.empty() ? "" : " <span class=\"badge urgent\">" + Escape(r.urgency) + "</span>") + "</td>";
  h += "<td data-label=\"Ngày văn bản\">" + Escape(r.date.empty() ? "—" : VnDate(r.date)) + "</td>";
  h += "<td data-label=\"Cơ quan ban hành\">" + Escape(r.issuer.empty() ? "(chưa rõ)" : r.issuer) + "</td>";
  h += "<td class=\"subject\" data-label=\"Trích yếu\">" + Escape(r.subject) + "</td>";
  h += "<td data-label=\"Nhiệm vụ\">" + std::to_string(r.task_count) + "</td></tr>";
  return h;
}

// --- tasks ---

const std::vector<SortColumn>& TaskColumns() {
  static const std::vector<SortColumn> kColumns = {
      {"han", "Hạn", false},
      {"don-vi", "Đơn vị thực hiện", false},
      {"van-ban", "Văn bản", true},
  };
  return kColumns;
}

constexpr TaskSort kTaskSorts[] = {TaskSort::kDue, TaskSort::kAssignee, TaskSort::kLetter};

const std::vector<std::string> kTaskFilterKeys = {"don-vi", "co-quan", "so", "han-tu", "han-den",
                                                  "trang-thai"};

Result<registry::TaskFilter> TaskFilterOf(const QueryParams& params) {
  registry::TaskFilter f;
  f.assignee = Param(params, "don-vi");
  f.issuer = Param(params, "co-quan");
  f.doc_ref = Param(params, "so");
  CONGVAN_RETURN_IF_ERROR(ParseDate(Param(params, "han-tu"), "Hạn từ", f.due_min));
  CONGVAN_RETURN_IF_ERROR(ParseDate(Param(params, "han-den"), "Hạn đến", f.due_max));
  Result<std::vector<registry::TaskState>> states = StatesOf(Param(params, "trang-thai"));
  if (!states.ok()) return states.status();
  f.states = *states;
  return f;
}

std::string TaskFiltersHtml(const QueryParams& p) {
  std::string h = "<form class=\"filters\" method=\"get\" action=\"/tasks\">" +
                  TextInput("don-vi", "Đơn vị", Param(p, "don-vi"), "Phòng Nội vụ") +
                  TextInput("co-quan", "Cơ quan ban hành", Param(p, "co-quan")) +
                  TextInput("so", "Số văn bản", Param(p, "so"), "1138/UBND-NC") +
                  TextInput("han-tu", "Hạn từ", Param(p, "han-tu"), "dd/mm/yyyy") +
                  TextInput("han-den", "Hạn đến", Param(p, "han-den"), "dd/mm/yyyy") +
                  Select("trang-thai", "Trạng thái", Param(p, "trang-thai"), StateOptions());
  for (const char* key : {"sap", "chieu"}) {
    const std::string v = Param(p, key);
    if (!v.empty()) h += std::string("<input type=\"hidden\" name=\"") + key + "\" value=\"" + Escape(v) + "\">";
  }
  return h + "<button type=\"submit\">Lọc</button> <a href=\"/tasks\">Bỏ lọc</a></form>";
}

std::string TaskTableHtml(const std::vector<registry::TaskView>& tasks, const std::string& thead) {
  std::string h = "<table class=\"tasks\"><thead><tr>" + thead + "</tr></thead><tbody>";
  for (const registry::TaskView& v : tasks) h += TaskRowHtml(v);
  return h + "</tbody></table>";
}

std::string PlainTaskHead() {
  return "<th>Hạn</th><th>Trạng thái</th><th>Đơn vị thực hiện</th><th>Nội dung</th>"
         "<th>Văn bản</th><th>Cập nhật</th>";
}

// Open tasks due today or in the six days after (local), within the clerk's filter: what to
// chase first. A calendar week would hide next Thursday's deadline on a Sunday.
Result<std::string> SoonSection(const registry::Registry& registry, registry::TaskFilter filter,
                                registry::TimePoint now) {
  const std::string today = registry::LocalMinute(now).substr(0, 10);
  const std::string last = registry::IsoFromDays(registry::DaysFromIso(today) + 6);
  filter.due_min = std::max(filter.due_min, today);
  filter.due_max = filter.due_max.empty() ? last : std::min(filter.due_max, last);
  filter.states = {registry::TaskState::kInProgress};
  std::string h = "<section class=\"this-week\"><h2>";
  std::int64_t count = 0;
  std::vector<registry::TaskView> soon;
  if (filter.due_min <= filter.due_max) {
    Result<std::int64_t> n = registry::CountTasks(registry, filter, now);
    if (!n.ok()) return n.status();
    count = *n;
    Result<std::vector<registry::TaskView>> rows =
        registry::ListTaskPage(registry, filter, TaskSort::kDue, false, 0, kSoonRows, now);
    if (!rows.ok()) return rows.status();
    soon = std::move(*rows);
    CONGVAN_RETURN_IF_ERROR(registry::ApplyCorrections(registry, soon));
  }
  h += "Đến hạn trong 7 ngày tới (" + std::to_string(count) + ")</h2>";
  if (soon.empty()) return h + "<p class=\"meta\">Không có nhiệm vụ nào đến hạn trong 7 ngày tới.</p></section>";
  h += TaskTableHtml(soon, PlainTaskHead());
  if (count > static_cast<std::int64_t>(soon.size())) {
    h += "<p class=\"meta\">" + Link("/tasks?han-tu=" + UrlEncode(VnDate(filter.due_min)) + "&han-den=" +
                                         UrlEncode(VnDate(filter.due_max)) + "&trang-thai=trong-han",
                                     "Xem cả " + std::to_string(count) + " nhiệm vụ") + "</p>";
  }
  return h + "</section>";
}

// The rows of `pager`'s page read from whichever end of the list is nearer: a page past the
// middle is read in the reverse order, counted from the end, and turned round, so no page walks
// more than half the index (the last of 10,000 letters costs what the first 5,000 do). Only for
// orders whose reverse is exact (every key reversed, ties included).
template <typename Row, typename Read>
Result<std::vector<Row>> NearerEnd(const Pager& pager, bool reversible, bool descending, Read read) {
  const std::int64_t offset = pager.offset();
  if (!reversible || offset <= pager.total / 2) return read(descending, offset, pager.per_page);
  const std::int64_t rows = std::min<std::int64_t>(pager.per_page, pager.total - offset);
  if (rows <= 0) return std::vector<Row>();
  Result<std::vector<Row>> reversed =
      read(!descending, pager.total - offset - rows, static_cast<int>(rows));
  if (!reversed.ok()) return reversed.status();
  std::reverse(reversed->begin(), reversed->end());
  return reversed;
}

}  // namespace

Pager MakePager(const std::string& requested, std::int64_t total, int per_page) {
  Pager p;
  p.per_page = std::max(1, per_page);
  p.total = std::max<std::int64_t>(0, total);
  p.pages = std::max<std::int64_t>(1, (p.total + p.per_page - 1) / p.per_page);
  std::int64_t page = 1;
  const bool digits = !requested.empty() && requested.size() <= 18 &&
                      std::all_of(requested.begin(), requested.end(),
                                  [](char c) { return c >= '0' && c <= '9'; });
  if (digits) std::from_chars(requested.data(), requested.data() + requested.size(), page);
  p.page = std::clamp<std::int64_t>(page, 1, p.pages);
  return p;
}

std::string PagerHtml(const std::string& path, const std::string& query, const Pager& pager,
                      bool known_total, bool more) {
  const bool has_next = known_total ? pager.page < pager.pages : more;
  if (pager.page <= 1 && !has_next) return "";
  const std::string base = path + "?" + (query.empty() ? "" : query + "&") + "trang=";
  std::string h = "<nav class=\"pager\" aria-label=\"Phân trang\">";
  if (pager.page > 1) {
    h += "<a rel=\"prev\" href=\"" + Escape(base + std::to_string(pager.page - 1)) + "\">‹ Trang trước</a> ";
  }
  h += "<span class=\"page-of\">Trang " + std::to_string(pager.page) +
       (known_total ? "/" + std::to_string(pager.pages) : "") + "</span>";
  if (has_next) {
    h += " <a rel=\"next\" href=\"" + Escape(base + std::to_string(pager.page + 1)) + "\">Trang sau ›</a>";
  }
  return h + "</nav>";
}

std::string TaskTextHtml(const std::string& text) {
  // Cut at the last space within the first kTaskSummaryChars code points.
  std::size_t chars = 0, i = 0, cut = std::string::npos;
  while (i < text.size()) {
    if (chars == kTaskSummaryChars) {
      const std::size_t space = text.rfind(' ', i);
      cut = space == std::string::npos || space == 0 ? i : space;
      break;
    }
    const unsigned char c = static_cast<unsigned char>(text[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++chars;
  }
  // A short remainder is shown whole: "xem thêm" for three words helps nobody.
  if (cut == std::string::npos || text.size() - cut < 40) return Escape(text);
  return "<span class=\"task-text\">" + Escape(text.substr(0, cut)) +
         "<details class=\"more\"><summary>… xem thêm</summary>" + Escape(text.substr(cut)) +
         "</details></span>";
}

Result<ListSection> LetterListSection(const registry::Registry& registry, const QueryParams& params,
                                      registry::TimePoint now) {
  ListSection out;
  const ChosenSort sort = ChooseSort(params, LetterColumns());
  const std::string filters = QueryOf(params, kLetterFilterKeys);
  std::string h = "<section class=\"letters\"><h2>Văn bản đã đăng ký</h2>" + LetterFiltersHtml(params);
  if (!sort.note.empty()) h += "<p class=\"meta\">" + Escape(sort.note) + "</p>";
  Result<registry::LetterFilter> filter = LetterFilterOf(params);
  if (!filter.ok()) {
    out.error = filter.status().message();
    out.html = h + "<p class=\"error\" role=\"alert\">" + Escape(out.error) + "</p></section>";
    return out;
  }
  Result<std::int64_t> total = registry::CountLetters(registry, *filter, now);
  if (!total.ok()) {
    if (total.status().code() != Code::kInvalidInput) return total.status();
    out.error = total.status().message();
    out.html = h + "<p class=\"error\" role=\"alert\">" + Escape(out.error) + "</p></section>";
    return out;
  }
  const Pager pager = MakePager(Param(params, "trang"), *total, kLettersPerPage);
  Result<std::vector<registry::LetterRow>> rows = NearerEnd<registry::LetterRow>(
      pager, /*reversible=*/true, sort.descending, [&](bool descending, std::int64_t offset, int limit) {
        return registry::ListLetters(registry, *filter, kLetterSorts[sort.column], descending,
                                     offset, limit, now);
      });
  if (!rows.ok()) return rows.status();
  h += "<p class=\"meta count\">" + std::to_string(*total) + " văn bản</p>";
  if (rows->empty()) {
    h += filters.empty() ? "<p>Chưa có văn bản nào. " + Link("/upload", "Tải lên văn bản đầu tiên") + ".</p>"
                         : "<p class=\"meta\">Không có văn bản nào khớp bộ lọc.</p>";
    out.html = h + "</section>";
    return out;
  }
  h += "<table class=\"letters\"><thead><tr>";
  for (std::size_t c = 0; c < LetterColumns().size(); ++c) {
    h += SortHeading("/", filters, LetterColumns()[c], c == sort.column, sort.descending);
  }
  h += "<th>Trích yếu</th><th>Nhiệm vụ</th></tr></thead><tbody>";
  for (const registry::LetterRow& r : *rows) h += LetterRowHtml(r);
  h += "</tbody></table>";
  const std::string keep = QueryOf(params, [] {
    std::vector<std::string> keys = kLetterFilterKeys;
    keys.push_back("sap");
    keys.push_back("chieu");
    return keys;
  }());
  h += PagerHtml("/", keep, pager);
  out.html = h + "</section>";
  return out;
}

Result<ListSection> TaskListSection(const registry::Registry& registry, const QueryParams& params,
                                    const std::string& calendar_url, const std::string& feed_url,
                                    registry::TimePoint now) {
  ListSection out;
  const ChosenSort sort = ChooseSort(params, TaskColumns());
  const std::string filters = QueryOf(params, kTaskFilterKeys);
  std::string h = "<h1>Nhiệm vụ theo hạn</h1>" + TaskFiltersHtml(params);
  h += "<p class=\"calendar\"><a class=\"button\" href=\"" + Escape(calendar_url) +
       "\" download>Tải lịch (.ics)</a> <label>Địa chỉ đăng ký lịch <input readonly "
       "class=\"feed\" value=\"" + Escape(feed_url) + "\"></label></p>";
  if (!sort.note.empty()) h += "<p class=\"meta\">" + Escape(sort.note) + "</p>";
  Result<registry::TaskFilter> filter = TaskFilterOf(params);
  Result<std::int64_t> total = filter.ok() ? registry::CountTasks(registry, *filter, now)
                                           : Result<std::int64_t>(filter.status());
  if (!total.ok()) {
    if (total.status().code() != Code::kInvalidInput) return total.status();
    out.error = total.status().message();
    out.html = h + "<p class=\"error\" role=\"alert\">" + Escape(out.error) + "</p>";
    return out;
  }
  const Pager pager = MakePager(Param(params, "trang"), *total, kTasksPerPage);
  if (pager.page == 1) {
    Result<std::string> soon = SoonSection(registry, *filter, now);
    if (!soon.ok()) return soon.status();
    h += *soon;
  }
  // By letter, the tasks of one letter stay in their order either way: not reversible.
  const bool reversible = kTaskSorts[sort.column] != TaskSort::kLetter;
  Result<std::vector<registry::TaskView>> tasks = NearerEnd<registry::TaskView>(
      pager, reversible, sort.descending, [&](bool descending, std::int64_t offset, int limit) {
        return registry::ListTaskPage(registry, *filter, kTaskSorts[sort.column], descending,
                                      offset, limit, now);
      });
  if (!tasks.ok()) return tasks.status();
  CONGVAN_RETURN_IF_ERROR(registry::ApplyCorrections(registry, *tasks));
  h += "<section class=\"all-tasks\"><h2>Tất cả nhiệm vụ (" + std::to_string(*total) + ")</h2>";
  if (tasks->empty()) {
    out.html = h + "<p class=\"meta\">Không có nhiệm vụ nào.</p></section>";
    return out;
  }
  std::string thead;
  auto heading = [&](std::size_t c) {
    return SortHeading("/tasks", filters, TaskColumns()[c], c == sort.column, sort.descending);
  };
  thead = heading(0) + "<th>Trạng thái</th>" + heading(1) + "<th>Nội dung</th>" + heading(2) +
          "<th>Cập nhật</th>";
  h += TaskTableHtml(*tasks, thead);
  std::vector<std::string> keep_keys = kTaskFilterKeys;
  keep_keys.push_back("sap");
  keep_keys.push_back("chieu");
  h += PagerHtml("/tasks", QueryOf(params, keep_keys), pager);
  out.html = h + "</section>";
  return out;
}

}  // namespace congvan::web
