#include "extract/extractor.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "extract/confidence.h"
#include "extract/date.h"
#include "extract/fold.h"
#include "extract/body.h"
#include "extract/layout.h"
#include "extract/parts.h"
#include "extract/rules.h"
#include "extract/text.h"

namespace congvan::extract {
namespace {

constexpr size_t kMaxHeaderLines = 60;  // a header never runs longer; bounds the work per letter
constexpr size_t kMaxSubjectRows = 10;

// Families the extractor cannot work without; Load fails early when a rules folder lacks one.
constexpr const char* kRequiredFamilies[] = {"doc_number", "place_date", "vv", "kinh_gui",
                                             "body_start", "decoration", "motto", "syllable"};

// Indices of the rows that shape the header; npos when absent.
struct Landmarks {
  size_t number = std::string::npos, type = std::string::npos, vv = std::string::npos;
  size_t kinh_gui = std::string::npos, end = 0;  // end: first row after the header zone
};

bool Has(const RuleSet& rules, std::string_view family, const Row& row, Match* m) {
  return !row.left.empty() && rules.FindFirst(family, row.left, row.left_folded, m) != nullptr;
}

// A body-opening line: the rule matches and the line starts with a capital.
bool IsBodyStart(const RuleSet& rules, const Row& row) {
  Match m;
  return Has(rules, "body_start", row, &m) && StartsUpper(row.left);
}

bool IsDecoration(const RuleSet& rules, const Row& row) {
  Match m;
  return Has(rules, "decoration", row, &m);
}

// A stamp printed over the header ("CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ"): a line in capitals.
bool IsStamp(const RuleSet& rules, const Row& row) {
  Match m;
  return !HasLower(row.left) && Has(rules, "stamp", row, &m);
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Two or more capitals and nothing else ("UBND", "HĐND"); "Ô8" is debris.
bool IsCapitalRun(std::string_view core) {
  size_t code_points = 0;
  for (char c : core) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80 && !(c >= 'A' && c <= 'Z')) return false;
    code_points += (b & 0xC0) != 0x80;
  }
  return code_points >= 2 && !HasLower(core);
}

// OCR debris of a seal or a stamp ("&x Ô8:.. C...........ị"): not one of its tokens is a
// Vietnamese syllable, a number or an abbreviation of two or more capitals.
bool IsNoise(const RuleSet& rules, const Row& row) {
  size_t i = 0;
  std::string_view text = row.left;
  while (i < text.size()) {
    size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view core = TrimChars(text.substr(i, j - i), ",.;:()\"'-|");
    i = j + 1;
    if (core.empty()) continue;
    if (std::all_of(core.begin(), core.end(), IsAsciiDigit) || IsCapitalRun(core)) return false;
    Match m;
    for (const Pattern* p : rules.Family("syllable"))
      if (p->Find(core, &m)) return false;
  }
  return true;
}

// The type named by an all-capitals title line ("KẾ HOẠCH", "QUYẾT ĐỊNH", "KẾ HOẠCH PHỐI HỢP"),
// or nullptr.
const std::string* TypeLine(const RuleSet& rules, const Row& row) {
  if (row.left.empty() || HasLower(row.left) || !HasUpper(row.left)) return nullptr;
  // Whole line only: "QUY ĐỊNH VỀ HỆ THỐNG …" is a subject in capitals, not the type Quy định.
  return rules.LookupFolded("type_lines", CollapseSpaces(TrimChars(row.left_folded.text, ".:")));
}

Landmarks FindLandmarks(const RuleSet& rules, const std::vector<Row>& rows) {
  Landmarks lm;
  lm.end = rows.size();
  Match m;
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    if (lm.kinh_gui == std::string::npos && Has(rules, "kinh_gui", r, &m)) lm.kinh_gui = i;
    // "Số" opens its column: only upper-case header text may precede it ("Chỉ số 6 CCHC" is no
    // number line).
    if (lm.number == std::string::npos && Has(rules, "doc_number", r, &m) &&
        HasUpper(m.Group("symbol")) && !HasLower(r.left.substr(0, m.begin()))) {
      lm.number = i;
    }
    if (lm.vv == std::string::npos && lm.kinh_gui == std::string::npos && Has(rules, "vv", r, &m)) lm.vv = i;
    if (lm.type == std::string::npos && lm.kinh_gui == std::string::npos && TypeLine(rules, r)) lm.type = i;
    // The body begins at the first body-opening line after the title or the "Số" line.
    const bool past_title = lm.type != std::string::npos || lm.number != std::string::npos;
    if (i > 2 && past_title && lm.kinh_gui == std::string::npos && IsBodyStart(rules, r)) {
      lm.end = i;
      break;
    }
  }
  return lm;
}

// --- number and symbol ---

std::string RemoveSpaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\t') out.push_back(c);
  }
  return out;
}

void ReadNumber(const RuleSet& rules, const std::vector<Row>& rows, const Landmarks& lm,
                Letter& letter, std::string* type_word) {
  if (lm.number == std::string::npos) return;
  Match m;
  const Row& row = rows[lm.number];
  rules.FindFirst("doc_number", row.left, row.left_folded, &m);
  std::string symbol = RemoveSpaces(TrimChars(m.Group("symbol"), ".-–/"));
  // "09 2023 QĐ-TTg": the year lost its slashes on the scan.
  const bool year_first =
      symbol.size() > 4 && std::all_of(symbol.begin(), symbol.begin() + 4, IsAsciiDigit);
  if (year_first && symbol[4] != '/') symbol.insert(4, "/");
  for (size_t p; (p = symbol.find("–")) != std::string::npos;) symbol.replace(p, 3, "-");
  std::string number(TrimChars(m.Group("number"), "."));
  std::string_view sep = m.Group("sep");
  // Party style keeps its hyphen ("1307-CV/HU"); "J" is a misread "/"; with no separator the
  // symbol decides: a "/" inside means Party style ("526BC/TWĐTN" → "526-BC/TWĐTN").
  std::string joiner = "/";
  if (sep == "-" || sep == "–" ||
      (sep.empty() && !year_first && symbol.find('/') != std::string::npos))
    joiner = "-";
  symbol = RepairSymbolCodes(rules, symbol);
  letter.doc_symbol = symbol;
  if (number.empty()) {
    letter.doc_ref = "/" + symbol;
  } else {
    letter.doc_number = number;
    letter.doc_ref = number + joiner + symbol;
  }
  *type_word = std::string(m.Group("type"));
}

// --- type ---

void ReadType(const RuleSet& rules, const std::vector<Row>& rows, const Landmarks& lm,
              const std::string& type_word, Letter& letter) {
  if (lm.type != std::string::npos) {
    letter.doc_type = *TypeLine(rules, rows[lm.type]);
  } else if (!type_word.empty()) {
    if (const std::string* t = rules.LookupFolded("type_lines", FoldText(type_word))) letter.doc_type = *t;
  } else if (lm.vv != std::string::npos) {
    letter.doc_type = "Công văn";
  } else if (letter.doc_symbol) {
    letter.doc_type = TypeFromSymbol(rules, *letter.doc_symbol);
  }
}

// --- place and date ---

// Whether the text before a "ngày … tháng … năm" ends with a cited document's symbol
// ("… số 151/2013/NĐ-CP "), which makes the date that document's.
bool IsCitation(std::string_view before) {
  std::string_view tail = TrimChars(before, " ,");
  size_t sp = tail.rfind(' ');
  std::string_view last = sp == std::string_view::npos ? tail : tail.substr(sp + 1);
  return last.find('/') != std::string_view::npos &&
         std::any_of(last.begin(), last.end(), IsAsciiDigit);
}

void ReadPlaceDate(const RuleSet& rules, const std::vector<Row>& rows, const Landmarks& lm,
                   Letter& letter) {
  const size_t end = lm.kinh_gui != std::string::npos ? lm.kinh_gui : lm.end;
  bool found = false;
  for (size_t i = 0; i < end && i < rows.size(); ++i) {
    std::string_view text = rows[i].right;
    // A line SplitMerged could not read (a date broken over two lines) stays on the left.
    if (text.empty() && !found && rows[i].left_folded.text.find("thang") != std::string::npos) {
      text = rows[i].left;
    }
    if (text.empty()) continue;
    Match m;
    std::string joined;  // a date line the PDF broke after "tháng": "ngày 11 tháng" / "12 năm 2025"
    if (!rules.FindFirst("place_date", text, Fold(text), &m)) {
      if (i + 1 >= rows.size()) continue;
      const Row& next = rows[i + 1];
      joined = std::string(text) + " " + std::string(next.right.empty() ? next.left : next.right);
      text = joined;
      if (!rules.FindFirst("place_date", text, Fold(text), &m)) continue;
    }
    size_t ngay = m.Group("ngay").data() - text.data();
    // "… Nghị định số 151/2013/NĐ-CP ngày 01 tháng 11 năm 2013" cites another document: on a
    // page without a header (a last page scanned alone) it is no date of this letter.
    if (IsCitation(text.substr(0, ngay))) continue;
    std::string_view place = TrimChars(text.substr(PlaceStart(text, ngay, rules), ngay - PlaceStart(text, ngay, rules)), ",(");
    if (found && place.empty()) continue;  // keep the first dated line that names a place
    found = true;
    letter.place = place.empty() ? std::nullopt : std::optional<std::string>(CollapseSpaces(place));
    letter.date = IsoDate(m.Group("year"), m.Group("month"), m.Group("day"));
    if (!place.empty()) break;
  }
}

// --- issuer ---

bool Continues(const RuleSet& rules, std::string_view prev, std::string_view next) {
  const std::string fp = CollapseSpaces(FoldText(prev)), fn = CollapseSpaces(FoldText(next));
  if (rules.Lookup("issuer_incomplete", fp)) return true;
  size_t sp = fp.rfind(' ');
  std::string last = sp == std::string::npos ? fp : fp.substr(sp + 1);
  if (!fp.empty() && (fp.back() == ',' || fp.back() == '&' || fp.back() == '-')) return true;
  if (rules.Lookup("issuer_connectors", last)) return true;
  std::string first = fn.substr(0, fn.find(' '));
  return rules.Lookup("issuer_connectors", first) != nullptr;
}

void ReadIssuer(const RuleSet& rules, const std::vector<Row>& rows, const Landmarks& lm,
                Letter& letter) {
  size_t stop = std::min({lm.number, lm.type, lm.vv, lm.kinh_gui, lm.end, rows.size()});
  std::vector<std::string> groups;
  bool joinable = false;
  for (size_t i = 0; i <= stop && i < rows.size(); ++i) {
    std::string_view text = TrimChars(rows[i].left, "*\\_-=|~");
    if (i == stop) {  // only the text before "Số" on the number row
      Match m;
      if (i != lm.number || !rules.FindFirst("doc_number", rows[i].left, rows[i].left_folded, &m)) break;
      text = TrimChars(rows[i].left.substr(0, m.begin()), "*\\_-=|~ ");
    }
    if (text.empty() || IsDecoration(rules, rows[i]) || IsStamp(rules, rows[i]) || HasLower(text))
      continue;
    if (joinable && !groups.empty() && Continues(rules, groups.back(), text)) {
      groups.back() += ' ';
      groups.back() += text;
    } else {
      groups.emplace_back(text);
    }
    joinable = true;
  }
  if (groups.empty()) return;
  letter.issuer = TitleCaseBody(groups.back(), rules);
  // "SOY THE" (OCR, then repair, of "SỞ Y TẾ"): a body with no place in its name is taken
  // from the list of such bodies when the line is that close to one of them.
  const std::string folded = CollapseSpaces(FoldText(groups.back()));
  if (const std::string* known = NearestListValue(rules, "known_bodies", folded, /*squeeze=*/true)) {
    letter.issuer = *known;
  }
  if (groups.size() >= 2) letter.issuer_parent = TitleCaseBody(groups[groups.size() - 2], rules);
}

// --- subject ---

// Appends one line of a wrapped subject; a line ending in "-" before a capital is a broken
// symbol ("02/CT-" + "UBND") and joins without a space.
void AppendLine(std::string& out, std::string_view line) {
  std::string piece = CollapseSpaces(line);
  if (piece.empty()) return;
  if (!out.empty()) {
    const bool glued = out.back() == '-' && StartsUpper(piece);
    if (!glued) out.push_back(' ');
  }
  out += piece;
}

void ReadSubject(const RuleSet& rules, const std::vector<Row>& rows, const Landmarks& lm,
                 Letter& letter) {
  // The trích yếu follows "V/v", else the type name, else (Party letters) the "Số" line.
  size_t start = lm.vv != std::string::npos ? lm.vv : lm.type;
  if (start == std::string::npos) start = lm.number;
  if (start == std::string::npos) return;
  std::string subject;
  const std::string issuer_folded = letter.issuer ? CollapseSpaces(FoldText(*letter.issuer)) : "";
  Match m;
  if (start == lm.vv && rules.FindFirst("vv", rows[start].left, rows[start].left_folded, &m)) {
    AppendLine(subject, rows[start].left.substr(m.end()));
  }
  bool mixed = HasLower(subject);
  int blank_run = 0;
  for (size_t i = start + 1; i < rows.size() && i <= start + kMaxSubjectRows; ++i) {
    const Row& r = rows[i];
    if (r.blank) {
      if (++blank_run >= 2 && !subject.empty()) break;
      continue;
    }
    if (r.left.empty()) continue;  // a right-column row between subject lines
    // The first line may open like a body ("KẾ HOẠCH / Thực hiện Quy chế dân chủ …").
    if (Has(rules, "kinh_gui", r, &m) || i == lm.number || TypeLine(rules, r) ||
        (!subject.empty() && IsBodyStart(rules, r))) {
      break;
    }
    // The issuer named again above the body ("THỦ TƯỚNG CHÍNH PHỦ", "BỘ TRƯỞNG BỘ TÀI CHÍNH").
    if (!subject.empty() && !issuer_folded.empty() && !HasLower(r.left) &&
        CollapseSpaces(r.left_folded.text).ends_with(issuer_folded)) {
      break;
    }
    if (IsDecoration(rules, r)) {
      if (!subject.empty()) break;
      continue;
    }
    if (IsStamp(rules, r) || (subject.empty() && IsNoise(rules, r))) continue;
    if (!subject.empty() && mixed && !HasLower(r.left)) break;  // "THỦ TƯỚNG CHÍNH PHỦ"
    std::string_view line = r.left;
    if (subject.empty() && rules.FindFirst("vv", line, r.left_folded, &m)) line = line.substr(m.end());
    if (rules.FindFirst("subject_cut", line, Folded{}, &m)) {
      AppendLine(subject, line.substr(0, m.Group("value").data() - line.data()));
      break;
    }
    AppendLine(subject, line);
    mixed = mixed || HasLower(line);
    blank_run = 0;
  }
  std::string_view s = TrimChars(subject, " :;,");
  if (!s.empty()) letter.subject = std::string(s);
}

// --- addressees ---

void AddItems(std::string_view text, std::vector<std::string>& items) {
  size_t i = 0;
  while (i <= text.size()) {
    size_t semi = text.find(';', i);
    std::string_view part = text.substr(i, semi == std::string_view::npos ? semi : semi - i);
    // A "- " inside the line starts another item ("Kính gửi: - UBND huyện, - Đảng ủy ...").
    size_t dash;
    while ((dash = part.find(" - ")) != std::string_view::npos) {
      std::string_view item = TrimChars(part.substr(0, dash), "-+•;,.: ");
      if (!item.empty()) items.push_back(CollapseSpaces(item));
      part = part.substr(dash + 3);
    }
    std::string_view item = TrimChars(part, "-+•;,.: \"_");
    if (!item.empty()) items.push_back(CollapseSpaces(item));
    if (semi == std::string_view::npos) break;
    i = semi + 1;
  }
}

void ReadAddressees(const RuleSet& rules, const std::vector<Row>& rows, const Landmarks& lm,
                    Letter& letter) {
  if (lm.kinh_gui == std::string::npos) return;
  Match m;
  const Row& head = rows[lm.kinh_gui];
  rules.FindFirst("kinh_gui", head.left, head.left_folded, &m);
  std::string_view inline_text = TrimChars(head.left.substr(m.end()), ":. ");
  bool bullets = !inline_text.empty() && (inline_text.front() == '-' || inline_text.front() == '+');
  bool closed = false;  // the previous item ended with "." (the list is over)
  AddItems(inline_text, letter.addressees);
  if (!inline_text.empty()) closed = inline_text.back() == '.';
  int blank_run = 0;
  for (size_t i = lm.kinh_gui + 1; i < rows.size() && i <= lm.kinh_gui + 20 && !closed; ++i) {
    const Row& r = rows[i];
    if (r.blank) {
      if (++blank_run >= 2) break;
      continue;
    }
    std::string_view t = Trim(r.left);
    const bool bullet = !t.empty() && (t.front() == '-' || t.front() == '+' || t.front() == '"' ||
                                       t.front() == '_' || t.starts_with("•"));
    if (t.empty() || IsBodyStart(rules, r)) break;
    if (bullet) {
      bullets = true;
      AddItems(t, letter.addressees);
    } else if (!letter.addressees.empty() && !StartsUpper(t) && blank_run == 0) {
      letter.addressees.back() += ' ';  // a wrapped item goes on in lower case
      letter.addressees.back() += std::string(TrimChars(t, ";,.: "));
    } else if (letter.addressees.empty() && !bullets) {
      AddItems(t, letter.addressees);
    } else {
      break;
    }
    closed = t.back() == '.';
    blank_run = 0;
  }
}

}  // namespace

Extractor::Extractor(std::unique_ptr<RuleSet> rules) : rules_(std::move(rules)) {}
Extractor::~Extractor() = default;
Extractor::Extractor(Extractor&&) noexcept = default;
Extractor& Extractor::operator=(Extractor&&) noexcept = default;

Result<Extractor> Extractor::Load(const std::string& rules_dir) {
  Result<std::unique_ptr<RuleSet>> rules = RuleSet::Load(rules_dir);
  if (!rules.ok()) return rules.status();
  for (const char* family : kRequiredFamilies) {
    if ((*rules)->Family(family).empty()) {
      return Status::InvalidInput(rules_dir + ": no [pattern " + family + "] in any *.rules file");
    }
  }
  return Extractor(std::move(*rules));
}

Letter Extractor::Read(const std::vector<PageText>& pages, const std::string& file_name) const {
  return Read(pages, file_name, ReadOptions{});
}

namespace {

// All lines of all pages, in order (views into `pages`).
std::vector<std::string_view> AllLines(const std::vector<PageText>& pages) {
  std::vector<std::string_view> lines;
  for (const PageText& page : pages) {
    for (const Line& line : page.lines) lines.emplace_back(line.text);
  }
  return lines;
}

// The lines [begin, end) joined, a line ending in "-" before a capital glued to the next
// ("Chỉ thị số 02/CT-" + "UBND"), so that a reference broken over lines reads whole.
std::string JoinLines(const std::vector<std::string_view>& lines, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end && i < lines.size(); ++i) {
    std::string_view t = Trim(lines[i]);
    if (t.empty()) {
      out += "\n";
      continue;
    }
    if (!out.empty() && !(out.back() == '-' && StartsUpper(t))) out.push_back(' ');
    out += t;
  }
  return out;
}

}  // namespace

Letter Extractor::Read(const std::vector<PageText>& pages, const std::string& file_name,
                       const ReadOptions& options) const {
  Letter letter;
  letter.file = file_name;
  if (pages.empty() || rules_ == nullptr) return letter;
  const RuleSet& rules = *rules_;
  const std::vector<Row> rows = HeaderRows(pages[0], rules, kMaxHeaderLines);
  const Landmarks lm = FindLandmarks(rules, rows);
  std::string type_word;
  ReadNumber(rules, rows, lm, letter, &type_word);
  ReadType(rules, rows, lm, type_word, letter);
  ReadPlaceDate(rules, rows, lm, letter);
  ReadIssuer(rules, rows, lm, letter);
  ReadSubject(rules, rows, lm, letter);
  ReadAddressees(rules, rows, lm, letter);
  const std::vector<std::string_view> lines = AllLines(pages);
  const BodyRange body = FindBody(rules, lines);
  ReadMarks(rules, lines, letter);
  ReadTasks(rules, lines, body, letter);
  // References: the subject and the body ("V/v triển khai Chỉ thị số 02/CT-" / "UBND …").
  ReadReferences(rules, JoinLines(lines, 0, body.end), letter);
  for (size_t i = body.begin; i < body.end;) {  // targets paragraph by paragraph
    size_t j = i;
    while (j < body.end && !Trim(lines[j]).empty()) ++j;
    if (j > i) ReadTargets(rules, JoinLines(lines, i, j), letter);
    i = j + 1;
  }
  ReadSignature(rules, lines, body.end, letter);
  AssessConfidence(rules, pages, ConfidenceInput{options.today}, letter);
  return letter;
}

}  // namespace congvan::extract
