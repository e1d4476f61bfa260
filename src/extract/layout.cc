#include "extract/layout.h"

#include <cstdlib>

#include <string>
#include <vector>

#include "extract/text.h"

namespace congvan::extract {
namespace {

bool HasGeometry(const PageText& page) {
  if (page.width <= 0 || page.height <= 0) return false;
  for (const Line& l : page.lines) {
    if (!l.box.empty()) return true;
  }
  return false;
}

Row MakeRow(std::string_view left, std::string_view right) {
  Row r;
  r.left = Trim(left);
  r.right = Trim(right);
  r.left_folded = Fold(r.left);
  r.blank = r.left.empty() && r.right.empty();
  return r;
}

// A motto whose rule demands capitals ("ĐẢNG CỘNG SẢN VIỆT NAM") must have no lower-case letter.
// The earliest wins: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc" on one
// line is all right column.
bool FindMotto(std::string_view text, const Folded& folded, const RuleSet& rules, Match* m) {
  bool found = rules.FindFirst("motto", text, folded, m) != nullptr;
  Match upper;
  for (const Pattern* p : rules.Family("motto_upper")) {
    if (p->Find(text, folded, &upper) && !HasLower(upper.whole()) && (!found || upper.begin() < m->begin())) {
      *m = upper;
      found = true;
    }
  }
  return found;
}

// Splits a line the OCR merged from both columns: left text, then motto or place/date.
Row SplitMerged(std::string_view text, const RuleSet& rules) {
  const Folded folded = Fold(text);
  Match m;
  if (FindMotto(text, folded, rules, &m)) return MakeRow(text.substr(0, m.begin()), text.substr(m.begin()));
  if (rules.FindFirst("place_date", text, folded, &m)) {
    size_t ngay = m.Group("ngay").data() - text.data();
    size_t start = PlaceStart(text, ngay, rules);
    // A date with no place after other text is a date inside a subject ("… số 01/2022/QĐ-UBND
    // ngày 06 tháng 01 năm 2022 …"), not the right column.
    if (start == ngay && !Trim(text.substr(0, ngay)).empty()) return MakeRow(text, {});
    return MakeRow(text.substr(0, start), text.substr(start));
  }
  return MakeRow(text, {});
}

// Pieces of a markdown cell: its original lines were joined with two or more spaces. A piece
// that is only "Số: 04" keeps the symbol that follows ("Số: 04  KHPH/BNNTWĐTN").
std::vector<std::string_view> CellPieces(std::string_view cell) {
  std::vector<std::string_view> pieces;
  size_t i = 0;
  while (i < cell.size()) {
    size_t gap = cell.find("  ", i);
    std::string_view piece = Trim(cell.substr(i, gap == std::string_view::npos ? gap : gap - i));
    if (!piece.empty()) {
      const bool number_only = !pieces.empty() && !pieces.back().empty() &&
                               pieces.back().back() >= '0' && pieces.back().back() <= '9' &&
                               FoldText(pieces.back()).find("s") != std::string::npos &&
                               pieces.back().find(':') != std::string_view::npos;
      if (number_only) {  // re-join over the gap, keeping views into the original text
        const char* b = pieces.back().data();
        pieces.back() = std::string_view(b, piece.data() + piece.size() - b);
      } else {
        pieces.push_back(piece);
      }
    }
    if (gap == std::string_view::npos) break;
    i = gap + 2;
  }
  return pieces;
}

// "| left | right |" → rows of left pieces, then rows of right pieces.
void TableRows(std::string_view line, std::vector<Row>& rows) {
  std::vector<std::string_view> cells;
  size_t i = 1;
  while (i < line.size()) {
    size_t bar = line.find('|', i);
    std::string_view cell = Trim(line.substr(i, bar == std::string_view::npos ? bar : bar - i));
    if (!cell.empty()) cells.push_back(cell);
    if (bar == std::string_view::npos) break;
    i = bar + 1;
  }
  if (cells.empty()) {
    rows.push_back(MakeRow({}, {}));
    return;
  }
  for (std::string_view p : CellPieces(cells[0])) rows.push_back(MakeRow(p, {}));
  for (size_t c = 1; c < cells.size(); ++c) {
    for (std::string_view p : CellPieces(cells[c])) rows.push_back(MakeRow({}, p));
  }
}

// Lines that start in the left half of the header may still hold both columns: Tesseract merges
// "CHÍNH PHỦ   CỘNG HÒA XÃ HỘI …" into one line when the gap is narrow, so they are split by text.
std::vector<Row> GeometryRows(const PageText& page, const RuleSet& rules, size_t max_lines) {
  constexpr int kCentredSlackPercent = 6;  // of the page width, between a line's centre and the page's
  std::vector<Row> rows;
  const int w = page.width, top_zone = page.height * 45 / 100;
  for (const Line& l : page.lines) {
    if (rows.size() >= max_lines) break;
    const Box& b = l.box;
    const bool in_header = !b.empty() && b.y + b.h <= top_zone;
    // A short title centred on the page ("CHỈ THỊ" under the header, read as "CHÍ THỊ") starts
    // right of the middle too, but it is no part of the right column, whose lines centre on it.
    const bool centred = !b.empty() && std::abs(b.x + b.w / 2 - w / 2) < w * kCentredSlackPercent / 100;
    if (in_header && b.x >= w * 45 / 100 && !centred) {
      rows.push_back(MakeRow({}, l.text));  // right column
    } else if (in_header) {
      rows.push_back(SplitMerged(l.text, rules));  // left column, perhaps merged with the right
    } else {
      rows.push_back(MakeRow(l.text, {}));  // centred title or body
    }
  }
  return rows;
}

// A header line as a web page flattens a table: its cells run on, parted by rules of dashes
// ("HỘI KHUYẾN HỌC … ----------------- Số: 14 / CV- HKH") and closed by a cell bar ("BỘ Y TẾ |").
// The pieces between rules, each without its bar.
std::vector<std::string_view> RuledPieces(std::string_view text) {
  constexpr size_t kMinRule = 4;
  std::vector<std::string_view> pieces;
  size_t from = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t run_end = text.find_first_not_of("-_=", i);
    const size_t end = run_end == std::string_view::npos ? text.size() : run_end;
    if (end - i >= kMinRule && (i == 0 || text[i - 1] == ' ') && (end == text.size() || text[end] == ' ')) {
      pieces.push_back(text.substr(from, i - from));
      from = end;
    }
    i = text.find_first_of("-_=", end);
    if (i == std::string_view::npos) break;
  }
  pieces.push_back(text.substr(from));
  std::vector<std::string_view> out;
  for (std::string_view p : pieces) {
    p = TrimChars(Trim(p), "| ");
    if (!p.empty()) out.push_back(p);
  }
  if (out.empty()) out.push_back(text);  // a rule alone, or a bar: kept as the line it was
  return out;
}

// "VIỆT NAM" alone under a right column that ends "CỘNG HÒA XÃ HỘI CHỦ NGHĨA": the rest of the
// national title (alone anywhere else it ends a left name: "HỘI NÔNG DÂN" / "VIỆT NAM").
bool EndsNationalTitle(const std::vector<Row>& rows, std::string_view piece) {
  if (rows.empty() || rows.back().right.empty() || HasLower(piece)) return false;
  const std::string right = FoldText(rows.back().right);
  return FoldText(piece) == "viet nam" && right.size() >= 9 && right.ends_with("chu nghia");
}

}  // namespace

size_t PlaceStart(std::string_view text, size_t ngay, const RuleSet& rules) {
  std::string_view before = TrimChars(text.substr(0, ngay), ",(");
  std::vector<std::string_view> words = Words(before);
  size_t start = ngay;
  int taken = 0;
  for (size_t k = words.size(); k-- > 0 && taken < 5;) {
    std::string_view w = TrimChars(words[k], ",");
    // "Tp.Hồ": the abbreviation glued to the name's first word; the name decides.
    const size_t dot = w.find('.');
    if (dot != std::string_view::npos && dot + 1 < w.size() &&
        rules.Lookup("place_words", FoldText(w.substr(0, dot + 1))) != nullptr) {
      w.remove_prefix(dot + 1);
    }
    // "Tứ", "Quản", "Hdén": a capital, then lower case only; "19/CTr-UBND", "Số:" are no place.
    // Each part of a hyphenated name counts alone ("Phan Rang-Tháp Chàm").
    bool title = w.find_first_of("0123456789/:") == std::string_view::npos && !w.empty();
    for (size_t from = 0; title && from <= w.size();) {
      const size_t dash = std::min(w.find('-', from), w.size());
      const std::string_view part = w.substr(from, dash - from);
      title = StartsUpper(part) && HasLower(part) && !HasUpper(part.substr(1));
      from = dash + 1;
    }
    const bool single = w.size() <= 2 && StartsUpper(w) && !HasLower(w) && taken > 0;
    const bool place_word = rules.Lookup("place_words", FoldText(w)) != nullptr && taken > 0;
    if (!title && !single && !place_word) break;
    start = words[k].data() - text.data();
    ++taken;
  }
  return start;
}

std::vector<Row> HeaderRows(const PageText& page, const RuleSet& rules, size_t max_lines) {
  if (HasGeometry(page)) return GeometryRows(page, rules, max_lines);
  std::vector<Row> rows;
  bool split = true;  // merged columns exist only above "Kính gửi"
  size_t n = 0;
  for (const Line& l : page.lines) {
    if (n++ >= max_lines) break;
    std::string_view text = Trim(l.text);
    if (!text.empty() && text.front() == '|') {
      TableRows(text, rows);
      continue;
    }
    Match m;
    if (split && rules.FindFirst("kinh_gui", text, Fold(text), &m)) split = false;
    if (!split) {
      rows.push_back(MakeRow(text, {}));
      continue;
    }
    for (std::string_view piece : RuledPieces(text)) {
      rows.push_back(EndsNationalTitle(rows, piece) ? MakeRow({}, piece) : SplitMerged(piece, rules));
    }
  }
  return rows;
}

}  // namespace congvan::extract
