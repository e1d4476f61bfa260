#include "extract/body_table.h"

#include <optional>
#include <string>

#include "extract/body.h"
#include "extract/body_tasks.h"
#include "extract/body_words.h"
#include "extract/rules.h"
#include "extract/text.h"
#include "text/fold.h"

namespace congvan::extract {
namespace {

constexpr size_t kMinColumns = 3;      // number, item and at least one column of bodies
constexpr size_t kMaxColumns = 9;
constexpr size_t kMaxTitleWords = 12;  // "Cơ quan chủ trì thẩm tra", never a sentence

enum class Column { kOther, kBodies, kTime };

Column KindOf(const RuleSet& rules, std::string_view title) {
  const std::string folded = FoldText(title);  // the tokens point into it
  const std::vector<Tok> t = Tokenize(folded);
  if (PhraseAt(rules, "table_body_columns", t, 0) > 0) return Column::kBodies;
  if (PhraseAt(rules, "table_time_columns", t, 0) > 0) return Column::kTime;
  return Column::kOther;
}

// Whether `line` is the row number `n` alone ("1", "1.").
bool IsRowNumber(std::string_view line, int n) {
  return TrimChars(Trim(line), ".") == std::to_string(n);
}

// An article, chapter or signature-block line that closes any table before it.
bool ClosesTable(std::string_view line) {
  const std::string f = FoldText(Trim(line));
  const bool article = f.starts_with("dieu ") && f.size() > 5 && f[5] >= '0' && f[5] <= '9';
  return article || f.starts_with("chuong ") || f.starts_with("noi nhan");
}

// The column titles of a table whose "STT" line is `at`, and the line of its row 1; nothing when
// the lines after it are no titles of a table of assignments.
struct Header {
  std::vector<std::string_view> titles;
  std::vector<Column> kinds;
  size_t first_row = 0;
};

std::optional<Header> ReadHeader(const RuleSet& rules, const std::vector<std::string_view>& lines, size_t at,
                                 size_t to) {
  constexpr size_t kMaxNumberTitleBytes = 16;  // "Số thứ tự" and shorter: most lines are longer
  const std::string_view first = TrimChars(Trim(lines[at]), ".");
  if (first.empty() || first.size() > kMaxNumberTitleBytes ||
      rules.Lookup("table_number_titles", FoldText(first)) == nullptr) {
    return std::nullopt;
  }
  Header h;
  size_t i = at + 1;
  for (; i < to && !IsRowNumber(lines[i], 1); ++i) {
    const std::string_view title = Trim(lines[i]);
    if (title.empty() || Words(title).size() > kMaxTitleWords || title.ends_with('.') ||
        h.titles.size() + 1 >= kMaxColumns) {
      return std::nullopt;
    }
    h.titles.push_back(title);
    h.kinds.push_back(KindOf(rules, title));
  }
  if (i == to || h.titles.size() + 1 < kMinColumns) return std::nullopt;
  bool bodies = false;
  for (Column k : h.kinds) bodies = bodies || k == Column::kBodies;
  if (!bodies) return std::nullopt;
  h.first_row = i;
  return h;
}

// Whether `line` goes on with the cell above it, a name the narrow column wrapped: "Ủy ban" /
// "Kinh tế và Tài chính" (a body head alone above words that open no body; "Chính phủ" above
// "Ủy ban Pháp luật và Tư pháp" are two cells), or a line that opens in lower case.
bool ContinuesCell(const RuleSet& rules, std::string_view cell, std::string_view line) {
  if (!StartsUpper(line)) return true;
  const std::string folded = FoldText(cell);  // the tokens point into it
  const std::vector<Tok> t = Tokenize(folded);
  return !t.empty() && PhraseAt(rules, "body_heads", t, 0) == t.size() && !StartsWithHead(rules, line);
}

// The dated deadline of a time cell: "Phiên họp tháng 9/2025", "Quý III/2025", "Trước ngày
// 30/6/2025". A month or quarter without "trong" is read as if it had it.
std::optional<FoundDeadline> CellDeadline(const RuleSet& rules, std::string_view cell, const DeadlineBase& base) {
  std::vector<FoundDeadline> found = FindDeadlines(rules, cell, base);
  if (found.empty() || !found.front().date) {
    const Folded folded = Fold(cell);
    for (const char* word : {"thang ", "quy "}) {
      if (const size_t at = folded.text.find(word); at != std::string::npos) {
        found = FindDeadlines(rules, "trong " + std::string(cell.substr(folded.OriginBegin(at))), base);
        break;
      }
    }
  }
  if (found.empty() || !found.front().date) return std::nullopt;
  FoundDeadline d = found.front();
  d.text = std::string(Trim(cell));
  d.time.reset();
  return d;
}

// Which column each cell of a row stands in. A row with a cell for every column reads them in
// order; a row with fewer (a merged cell left empty) keeps its first cell as the item and the
// others against the last columns.
std::vector<size_t> ColumnsOfCells(size_t cells, size_t columns) {
  std::vector<size_t> out(cells);
  for (size_t c = 0; c < cells; ++c) {
    out[c] = (cells >= columns || c == 0) ? c : columns - cells + c;
  }
  return out;
}

void ReadRow(const RuleSet& rules, const Header& h, const std::vector<std::string>& cells,
             const DeadlineBase& base, AssignmentTable& table) {
  if (cells.size() < 2) return;
  const std::vector<size_t> columns = ColumnsOfCells(cells.size(), h.titles.size());
  std::optional<FoundDeadline> when;
  for (size_t c = 0; c < cells.size() && !when; ++c) {
    if (columns[c] < h.kinds.size() && h.kinds[columns[c]] == Column::kTime) when = CellDeadline(rules, cells[c], base);
  }
  if (when) table.deadlines.push_back(*when);
  const std::string_view item = Trim(cells.front());
  for (size_t c = 1; c < cells.size(); ++c) {
    if (columns[c] >= h.kinds.size() || h.kinds[columns[c]] != Column::kBodies) continue;
    for (const std::string& body : SplitBodies(rules, cells[c])) {
      Task t;
      t.assignee = body;
      t.summary = Summarize(std::string(h.titles[columns[c]]) + ": " + std::string(item));
      if (when) TakeDeadline(*when, t);
      table.tasks.push_back(std::move(t));
    }
  }
}

// The table whose header is `h`, read from its row 1 on; `table.end` is where it stops.
AssignmentTable ReadRows(const RuleSet& rules, const std::vector<std::string_view>& lines, size_t at, size_t to,
                         const Header& h, const DeadlineBase& base) {
  AssignmentTable table;
  table.begin = at;
  size_t i = h.first_row;
  for (int n = 1; i < to && IsRowNumber(lines[i], n); ++n) {
    std::vector<std::string> cells;
    for (++i; i < to && !IsRowNumber(lines[i], n + 1) && !ClosesTable(lines[i]); ++i) {
      const std::string_view line = Trim(lines[i]);
      if (line.empty()) continue;
      if (!cells.empty() && ContinuesCell(rules, cells.back(), line)) {
        cells.back() += " " + std::string(line);
        continue;
      }
      // The last row stops after a cell for each column: what follows is the letter again.
      if (cells.size() == h.titles.size()) break;
      cells.emplace_back(line);
    }
    ReadRow(rules, h, cells, base, table);
  }
  table.end = i;
  return table;
}

}  // namespace

std::vector<AssignmentTable> FindAssignmentTables(const RuleSet& rules, const std::vector<std::string_view>& lines,
                                                  size_t from, size_t to, const DeadlineBase& base) {
  std::vector<AssignmentTable> out;
  to = std::min(to, lines.size());
  for (size_t i = from; i < to; ++i) {
    const std::optional<Header> h = ReadHeader(rules, lines, i, to);
    if (!h) continue;
    AssignmentTable table = ReadRows(rules, lines, i, to, *h, base);
    if (table.tasks.empty()) continue;
    i = table.end - 1;
    out.push_back(std::move(table));
  }
  return out;
}

}  // namespace congvan::extract

