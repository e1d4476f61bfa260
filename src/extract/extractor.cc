#include "extract/extractor.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "extract/body.h"
#include "extract/body_words.h"
#include "extract/confidence.h"
#include "extract/layout.h"
#include "extract/mend.h"
#include "extract/parts.h"
#include "extract/rules.h"
#include "extract/stamp.h"
#include "extract/text.h"
#include "text/dates.h"
#include "text/fold.h"

namespace congvan::extract {
namespace {

constexpr size_t kMaxHeaderLines = 60;  // a header never runs longer; bounds the work per letter
constexpr size_t kMaxSubjectRows = 10;
// A line of a subject that goes on is no longer than this (code points); a longer one ending a
// clause is the body.
constexpr size_t kLongestSubjectLine = 100;
// A subject's lines are centred and short; after a gap, a line this long (code points) is the
// body's first, whatever it opens with (a received stamp's handwriting may garble its words).
constexpr size_t kBodyLineAfterGap = 75;
constexpr size_t kMaxWordsBeforePlace = 8;  // a header line holds little before its place
constexpr size_t kMaxNumberLines = 20;  // the number and the date sit in the first lines

// Families the extractor cannot work without; Load fails early when a rules folder lacks one.
constexpr const char* kRequiredFamilies[] = {"doc_number", "place_date", "vv", "kinh_gui",
                                             "body_start", "decoration", "motto", "syllable"};

// Indices of the rows that shape the header; npos when absent.
struct Landmarks {
  size_t number = std::string::npos, type = std::string::npos, vv = std::string::npos;
  size_t kinh_gui = std::string::npos, end = 0;  // end: first row after the header zone
  size_t authority = std::string::npos;            // "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"
};

bool Has(const RuleSet& rules, std::string_view family, const Row& row, Match* m) {
  return !row.left.empty() && rules.FindFirst(family, row.left, row.left_folded, m) != nullptr;
}

// A body-opening line: the rule matches and the line starts with a capital.
size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool IsBodyStart(const RuleSet& rules, const Row& row) {
  Match m;
  if (!Has(rules, "body_start", row, &m) || !StartsUpper(row.left)) return false;
  // "Nhằm …" opens a body; "Nhâm Dần" (a year's name, "Tết Nguyên đán Nhâm Dần") folds alike.
  const std::string_view value = m.Group("value");
  return !(value.starts_with("Nhâm") || value.starts_with("NHÂM"));
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

// Counts the tokens of `text` that read as words: a Vietnamese syllable of `min_bytes` or more
// ("Y" of "SỞ Y TẾ" is one, but a lone "A" among signs is debris), a number, an abbreviation of
// two or more capitals ("UBND"); `tokens` gets how many there are.
size_t CleanTokens(const RuleSet& rules, std::string_view text, size_t min_bytes, size_t* tokens) {
  size_t clean = 0, i = 0;
  *tokens = 0;
  while (i < text.size()) {
    size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view core = TrimChars(text.substr(i, j - i), ",.;:()\"'-|");
    i = j + 1;
    if (core.empty()) continue;
    ++*tokens;
    if (std::all_of(core.begin(), core.end(), IsAsciiDigit) || IsCapitalRun(core)) {
      ++clean;
      continue;
    }
    Match m;
    for (const Pattern* p : rules.Family("syllable")) {
      if (core.size() >= min_bytes && p->Find(core, &m)) {
        ++clean;
        break;
      }
    }
  }
  return clean;
}

// OCR debris of a seal or a stamp ("&x Ô8:.. C...........ị", "A .ˆ -Và ký", "Lễ ˆ Lá - ˆ Và ° ,
// `4"): not even three in five of its tokens read as words.
bool IsNoise(const RuleSet& rules, const Row& row) {
  size_t tokens = 0;
  const size_t clean = CleanTokens(rules, row.left, 2, &tokens);
  return clean * 5 < tokens * 3;
}

// A line that can be part of the issuing body's name: capitals only, at least two words, and
// neither the time of a seal ("2726. 1 .2024 13:45:56") nor an e-mail of the gazette's stamp;
// "ĐẾN", the received stamp, is one word.
bool IsBodyLine(const RuleSet& rules, std::string_view text) {
  if (HasLower(text) || text.find('@') != std::string_view::npos) return false;
  size_t tokens = 0;
  const size_t clean = CleanTokens(rules, text, 1, &tokens);
  if (tokens == 1 && clean == 1) {  // "UBND" / "TỈNH ĐỒNG NAI": a kind alone that goes on
    return rules.Lookup("issuer_incomplete", FoldText(TrimChars(text, " .,:"))) != nullptr;
  }
  return clean >= 2 && clean * 5 >= tokens * 4;
}

// The words of an all-capitals title line after the type that opens it ("KẾ HOẠCH KIỂM TRA GIỮA
// HỌC KỲ II": "KIỂM TRA GIỮA HỌC KỲ II"), with the type; nothing when the line opens with no
// type, is the type alone, or opens with one that is also the first noun of a subject in
// capitals ("QUY ĐỊNH VỀ HỆ THỐNG …", [list type_lines_whole]).
struct TypeAndRest {
  const std::string* type = nullptr;
  std::string_view rest;
};
TypeAndRest TypeOpeningLine(const RuleSet& rules, const Row& row) {
  const std::vector<std::string_view> words = Words(row.left);
  for (size_t n = std::min<size_t>(2, words.size() - 1); n >= 1 && words.size() > n; --n) {
    const std::string_view type = row.left.substr(0, words[n - 1].data() + words[n - 1].size() - row.left.data());
    const std::string folded = CollapseSpaces(FoldText(type));
    const std::string* name = rules.LookupFolded("type_lines", folded);
    if (name == nullptr) continue;
    if (rules.Lookup("type_lines_whole", folded) != nullptr) return {};
    return {name, TrimChars(row.left.substr(type.size()), " .:-–")};
  }
  return {};
}

// A type line of two or more words whose last word lost its end to a seal, a pen or the scan's
// edge ("QUYẾT ĐI" for "QUYẾT ĐỊNH"): the type whose name it begins, one to three letters short,
// with as many words; nullptr when none or more than one fits.
const std::string* CutTypeLine(const RuleSet& rules, std::string_view folded) {
  constexpr size_t kMaxLettersLost = 3;
  const size_t words = Words(folded).size();
  if (words < 2) return nullptr;
  const std::string* found = nullptr;
  for (const auto& [key, value] : rules.FoldedList("type_lines", /*squeezed=*/false)) {
    if (key.size() <= folded.size() || key.size() > folded.size() + kMaxLettersLost) continue;
    if (!key.starts_with(folded) || key[folded.size()] == ' ' || Words(key).size() != words) continue;
    if (found != nullptr && *found != value) return nullptr;
    found = &value;
  }
  return found;
}

// The type named by an all-capitals title line ("KẾ HOẠCH", "QUYẾT ĐỊNH", "KẾ HOẠCH PHỐI HỢP",
// "KẾ HOẠCH KIỂM TRA GIỮA HỌC KỲ II"), or nullptr.
// Only the type: "THÔNG TƯ" alone, not "THÔNG TƯ QUY ĐỊNH …" under it (the subject).
const std::string* WholeTypeLine(const RuleSet& rules, const Row& row) {
  if (row.left.empty() || HasLower(row.left) || !HasUpper(row.left)) return nullptr;
  const std::string folded = CollapseSpaces(TrimChars(row.left_folded.text, ".:"));
  if (const std::string* whole = rules.LookupFolded("type_lines", folded)) return whole;
  return CutTypeLine(rules, folded);
}

const std::string* TypeLine(const RuleSet& rules, const Row& row) {
  if (const std::string* whole = WholeTypeLine(rules, row)) return whole;
  if (row.left.empty() || HasLower(row.left) || !HasUpper(row.left)) return nullptr;
  return TypeOpeningLine(rules, row).type;
}

Landmarks FindLandmarks(const RuleSet& rules, const std::vector<Row>& rows) {
  Landmarks lm;
  lm.end = rows.size();
  Match m;
  bool body_seen = false;  // a "Căn cứ …" line was passed: a "số …" after it cites a text
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    if (lm.kinh_gui == std::string::npos && Has(rules, "kinh_gui", r, &m)) lm.kinh_gui = i;
    // "Số" opens its column: only upper-case header text may precede it ("Chỉ số 6 CCHC" is no
    // number line).
    if (lm.number == std::string::npos && !body_seen && Has(rules, "doc_number", r, &m) &&
        HasUpper(m.Group("symbol")) && !HasLower(r.left.substr(0, m.begin()))) {
      lm.number = i;
    }
    if (lm.vv == std::string::npos && lm.kinh_gui == std::string::npos && Has(rules, "vv", r, &m)) lm.vv = i;
    if (lm.type == std::string::npos && lm.kinh_gui == std::string::npos && TypeLine(rules, r)) lm.type = i;
    if (lm.authority == std::string::npos && lm.type != std::string::npos && i > lm.type &&
        !HasLower(r.left) && Has(rules, "authority_line", r, &m)) {
      lm.authority = i;
    }
    // The body begins at the first body-opening line after the title or the "Số" line.
    const bool past_title = lm.type != std::string::npos || lm.number != std::string::npos;
    // (A line in capitals that opens like a body is a header's name: "THỰC HIỆN QUY CHẾ DÂN CHỦ".)
    if (i > 2 && HasLower(r.left) && IsBodyStart(rules, r)) body_seen = true;
    if (i > 2 && past_title && lm.kinh_gui == std::string::npos && IsBodyStart(rules, r)) {
      lm.end = i;
      // A decision whose page lost its title: the authority line is the line right above
      // the body ("ỦY BAN NHÂN DÂN TỈNH YÊN BÁI" / "Căn cứ …"), below the number.
      size_t above = i - 1;
      while (above > 0 && rows[above].blank) --above;
      if (lm.authority == std::string::npos && lm.number != std::string::npos && above > lm.number &&
          !HasLower(rows[above].left) && Has(rules, "authority_line", rows[above], &m)) {
        lm.authority = above;
      }
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
  // "QĐÐ-UBND": Tesseract reads the bar of a scanned "Đ" as a second letter (the look-alike
  // Ð); no code writes Đ twice.
  for (std::string_view twice : {"ĐÐ", "ÐĐ", "ĐĐ"}) {
    for (size_t p; (p = symbol.find(twice)) != std::string::npos;) symbol.replace(p, twice.size(), "Đ");
  }
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

// The day of a date line: its digits, or a day whose "0" OCR read as "Ø" / "O" ("Ø3" → "03").
// The confidence of such a date stays low (confidence.cc reads only the digits).
std::string DayOfDateLine(const Match& m) {
  if (!m.Group("day").empty() || !m.Has("day_zero")) return std::string(m.Group("day"));
  const std::string_view zero = m.Group("day_zero");
  return "0" + std::string(zero.substr(zero.size() - 1));
}

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
    // A line SplitMerged could not read (a date broken over two lines: "Kon Tum, ngày 25" /
    // "tháng 01 năm 2024") stays on the left.
    const std::string& left_folded = rows[i].left_folded.text;
    if (text.empty() && !found &&
        (left_folded.find("thang") != std::string::npos || left_folded.find(", ngay") != std::string::npos)) {
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
    const size_t place_start = PlaceStart(text, ngay, rules);
    // A running sentence before the place ("… đã ban hành Công văn số 1257/VPUBND-THVX Đồng
    // Tháp, ngày 15 tháng 9 năm 2020") cites a letter; a header line holds the place alone.
    if (i != lm.number && (Words(text.substr(0, place_start)).size() > kMaxWordsBeforePlace ||
                           (text.data() == rows[i].right.data() && Words(rows[i].left).size() > kMaxWordsBeforePlace))) {
      continue;
    }
    std::string_view place = TrimChars(text.substr(place_start, ngay - place_start), ",(");
    // "Sơn" / "La, ngày 02 tháng 7": the cell broke the place's name.
    std::string broken_place;
    if (i > 0 && place_start == 0 && !place.empty()) {
      const std::string_view above = Trim(rows[i - 1].left.empty() ? rows[i - 1].right : rows[i - 1].left);
      if (Words(above).size() == 1 && StartsUpper(above) && HasLower(above) && !IsAsciiDigit(above.back())) {
        broken_place = std::string(above) + " " + std::string(place);
        place = broken_place;
      }
    }
    if (found && place.empty()) continue;  // keep the first dated line that names a place
    found = true;
    letter.place = place.empty() ? std::nullopt : std::optional<std::string>(CollapseSpaces(place));
    letter.date = text::IsoDate(m.Group("year"), m.Group("month"), DayOfDateLine(m));
    if (!place.empty()) break;
  }
}

// A resolution, law or ordinance with no place-and-date line is dated by its adoption sentence
// near its end ("… phiên họp thứ 50 thông qua ngày 16 tháng 10 năm 2025"); its place stays
// unknown.
void ReadAdoptionDate(const RuleSet& rules, const std::vector<std::string_view>& lines, Letter& letter) {
  if (letter.date) return;
  for (size_t i = lines.size(); i-- > 0;) {
    Match m;
    if (!rules.FindFirst("adoption_date", lines[i], Fold(lines[i]), &m)) continue;
    letter.date = text::IsoDate(m.Group("year"), m.Group("month"), m.Group("day"));
    return;
  }
}

// --- issuer ---

// How many words from `i` of `words` (an upper-case header line) spell a place word with its
// tone marks ("TỈNH", "THÀNH PHỐ"; list place_heads), else 0. "HUYỆN ỦY" is a Party committee,
// a body of its own, and "HẢI QUAN" no "quận".
size_t PlaceWordAt(const RuleSet& rules, const std::vector<std::string_view>& words, size_t i) {
  for (size_t n = 2; n >= 1; --n) {
    if (i + n > words.size()) continue;
    std::string folded, lower;
    for (size_t k = i; k < i + n; ++k) {
      if (k > i) folded += ' ', lower += ' ';
      folded += FoldText(words[k]);
      lower += LowerWord(words[k]);
    }
    const std::string* spelled = rules.Lookup("place_heads", folded);
    if (spelled == nullptr || *spelled != lower) continue;
    if (i + n < words.size() && FoldText(words[i + n]) == "uy") return 0;
    return n;
  }
  return 0;
}

bool Continues(const RuleSet& rules, std::string_view prev, std::string_view next) {
  const std::string fp = CollapseSpaces(FoldText(prev)), fn = CollapseSpaces(FoldText(next));
  if (rules.Lookup("issuer_incomplete", fp)) return true;
  size_t sp = fp.rfind(' ');
  std::string last = sp == std::string::npos ? fp : fp.substr(sp + 1);
  if (!fp.empty() && (fp.back() == ',' || fp.back() == '&' || fp.back() == '-')) return true;
  if (rules.Lookup("issuer_connectors", last)) return true;
  std::string first = fn.substr(0, fn.find(' '));
  if (rules.Lookup("issuer_connectors", first)) return true;
  // A body whose place is on the next line: "CÔNG AN / TỈNH QUẢNG NGÃI", "ỦY BAN NHÂN DÂN
  // TỈNH / QUẢNG NGÃI". A line that already names a place is a parent ("ĐẢNG BỘ TỈNH QUẢNG
  // NGÃI / HUYỆN ỦY BÌNH SƠN", "UBND TỈNH ĐỒNG NAI / SỞ Y TẾ").
  const std::string prev_line = CollapseSpaces(prev), next_line = CollapseSpaces(next);
  const std::vector<std::string_view> pw = Words(prev_line), nw = Words(next_line);
  if (!pw.empty() && PlaceWordAt(rules, pw, pw.size() - 1) == 1) return true;
  if (pw.size() >= 2 && PlaceWordAt(rules, pw, pw.size() - 2) == 2) return true;
  // "TRƯỜNG CAO ĐẲNG CÔNG NGHỆ / THỦ ĐỨC": a short line of a name that opens no body of its
  // own goes on the line above, unless that line already ends in a place.
  if (PlaceWordAt(rules, nw, 0) == 0) {
    if (nw.empty() || nw.size() > 3 || pw.size() < 2 || rules.Lookup("issuer_incomplete", fp)) return false;
    // "SOY TE": a body of its own, however damaged.
    if (NearestListValue(rules, "known_bodies", fn, /*squeeze=*/true) != nullptr) return false;
    for (size_t n = 1; n <= std::min<size_t>(2, nw.size()); ++n) {
      std::string head = FoldText(nw[0]);
      if (n == 2) head += " " + FoldText(nw[1]);
      if (rules.Lookup("issuer_heads", head) != nullptr || rules.Lookup("body_heads", head) != nullptr) return false;
    }
    for (size_t i = 0; i < pw.size(); ++i) {
      if (PlaceWordAt(rules, pw, i) > 0) return false;
    }
    return true;
  }
  for (size_t i = 0; i < pw.size(); ++i) {
    if (PlaceWordAt(rules, pw, i) > 0) return false;
  }
  return true;
}

// A text with neither number nor date (a news item) prints no header: a capitalised line at its
// top that names no body is the reporters' byline ("NHẤT LINH - QUỐC VƯƠNG |"), not an issuer.
void DropByline(const RuleSet& rules, Letter& letter) {
  if (letter.doc_ref || letter.date || !letter.issuer || StartsWithHead(rules, *letter.issuer)) return;
  if (StartsWithIssuerHead(rules, CollapseSpaces(FoldText(*letter.issuer)))) return;
  letter.issuer.reset();
  letter.issuer_parent.reset();
}

bool IsOrganisationTitle(const RuleSet& rules, std::string_view text) {
  Match m;
  return !text.empty() && !HasLower(text) &&
         rules.FindFirst("organisation_title", text, Fold(text), &m) != nullptr;
}

// "BAN CHẤP HÀNH TRUNG ƯƠNG" names an organ, not the organisation: the Youth Union and the
// Party print the organisation as the title of the right column ("ĐOÀN TNCS HỒ CHÍ MINH"), or
// on the line under the organ. The organ's full name takes it (list organ_lines).
void CompleteOrgan(const RuleSet& rules, const std::vector<Row>& rows, size_t until,
                   std::vector<std::string>& groups) {
  if (groups.empty() || !rules.Lookup("organ_lines", CollapseSpaces(FoldText(groups.front())))) return;
  if (groups.size() >= 2 && IsOrganisationTitle(rules, groups[1])) {
    groups[0] += ' ' + groups[1];
    groups.erase(groups.begin() + 1);
    return;
  }
  for (size_t i = 0; i < until && i < rows.size(); ++i) {
    std::string_view right = TrimChars(rows[i].right, "*\\_-=|~ ");
    if (IsOrganisationTitle(rules, right)) {
      groups[0] += ' ';
      groups[0] += right;
      return;
    }
  }
}

void ReadIssuer(const RuleSet& rules, const std::vector<Row>& rows, const Landmarks& lm,
                Letter& letter) {
  size_t stop = std::min({lm.number, lm.type, lm.vv, lm.kinh_gui, lm.end, rows.size()});
  // A page with no header at all (no number, type, V/v, Kính gửi, nor a right column) opens
  // with a news headline in capitals, not with an issuer: "BẢO ĐẢM TRẬT TỰ, AN TOÀN GIAO THÔNG
  // TRONG DỊP …", "CHỦ TỊCH UBND HUYỆN KIỂM TRA TIẾN ĐỘ …". An issuer line is short and has no
  // comma.
  bool bare_page = lm.number == std::string::npos && lm.type == std::string::npos &&
                   lm.vv == std::string::npos && lm.kinh_gui == std::string::npos;
  for (size_t i = 0; bare_page && i < std::min(lm.end, rows.size()); ++i) bare_page = rows[i].right.empty();
  constexpr size_t kMostIssuerLineWords = 10;
  std::vector<std::string> groups;
  bool joinable = false;
  for (size_t i = 0; i <= stop && i < rows.size(); ++i) {
    std::string_view text = TrimChars(rows[i].left, "*\\_-=|~");
    if (bare_page && (Words(text).size() > kMostIssuerLineWords || text.find(", ") != std::string_view::npos)) {
      continue;
    }
    if (i == stop) {  // only the text before "Số" on the number row
      Match m;
      if (i != lm.number || !rules.FindFirst("doc_number", rows[i].left, rows[i].left_folded, &m)) break;
      text = TrimChars(rows[i].left.substr(0, m.begin()), "*\\_-=|~ ");
    }
    // "UỶ BAN NHÂN" / "DÂN": a narrow cell breaks the organ's name anywhere; a lone word in
    // capitals ends it.
    const bool ends_organ = joinable && !groups.empty() && !HasLower(text) && HasUpper(text) &&
                            Words(text).size() == 1 &&
                            rules.Lookup("issuer_incomplete", CollapseSpaces(FoldText(groups.back()))) != nullptr;
    if (text.empty() || IsDecoration(rules, rows[i]) || IsStamp(rules, rows[i]) ||
        (!ends_organ && !IsBodyLine(rules, text)))
      continue;
    const std::string line = SplitGluedSyllables(text, rules);
    if (joinable && !groups.empty() && Continues(rules, groups.back(), line)) {
      groups.back() += ' ';
      groups.back() += line;
    } else {
      groups.push_back(line);
    }
    joinable = true;
  }
  if (groups.empty()) return;
  CompleteOrgan(rules, rows, std::min({lm.type, lm.vv, lm.kinh_gui, lm.end, rows.size()}), groups);
  // A joint text ("NGHỊ QUYẾT LIÊN TỊCH") lists its issuers one under the other; the first is
  // the issuer and none is a parent.
  if (letter.doc_type && FoldText(*letter.doc_type).ends_with("lien tich")) {
    letter.issuer = TitleCaseBody(groups.front(), rules);
    return;
  }
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
  // "KẾ HOẠCH KIỂM TRA GIỮA HỌC KỲ II – KHỐI THCS": the subject on the type's line goes on to
  // the next blank line only ("NĂM HỌC: 2021 – 2022" after it is a line of its own).
  const bool on_type_line = start == lm.type && WholeTypeLine(rules, rows[start]) == nullptr &&
                            !TypeOpeningLine(rules, rows[start]).rest.empty();
  if (on_type_line) AppendLine(subject, TypeOpeningLine(rules, rows[start]).rest);
  bool mixed = HasLower(subject);
  int blank_run = 0;
  for (size_t i = start + 1; i < rows.size() && i <= start + kMaxSubjectRows; ++i) {
    const Row& r = rows[i];
    if (r.blank) {
      if ((++blank_run >= 2 || on_type_line) && !subject.empty()) break;
      continue;
    }
    if (r.left.empty()) continue;  // a right-column row between subject lines
    if (!subject.empty() && blank_run > 0 && CodePoints(r.left) > kBodyLineAfterGap) break;
    // The first line may open like a body ("KẾ HOẠCH / Thực hiện Quy chế dân chủ …").
    if (Has(rules, "kinh_gui", r, &m) || i == lm.number || i == lm.authority || WholeTypeLine(rules, r) ||
        (on_type_line && TypeLine(rules, r)) ||
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
    std::string_view line = r.left;
    // The received stamp: "ĐẾN …" alone, or its "Ngày: …|" before the subject's words.
    if (rules.FindFirst("received_stamp", line, r.left_folded, &m)) {
      const std::string_view stamp = m.Group("value");
      if (!stamp.ends_with("|") && HasLower(stamp.substr(0, stamp.find(' ')))) {
        // "đến năm 2030": words of the subject.
      } else {
        line = Trim(line.substr(m.end()));
        if (line.empty()) continue;
      }
    }
    if (!subject.empty() && mixed && !HasLower(line)) break;  // "THỦ TƯỚNG CHÍNH PHỦ"
    // "Thể hiện lòng yêu nước, … văn hiến;": a long line that ends a clause is the body's first
    // paragraph, not the subject going on.
    if (!subject.empty() && CodePoints(line) > kLongestSubjectLine && (line.ends_with(";") || line.ends_with(":"))) break;
    if (subject.empty() && line.data() == r.left.data() && rules.FindFirst("vv", line, r.left_folded, &m))
      line = line.substr(m.end());
    if (rules.FindFirst("subject_cut", line, Folded{}, &m)) {
      AppendLine(subject, line.substr(0, m.Group("value").data() - line.data()));
      break;
    }
    AppendLine(subject, line);
    mixed = mixed || HasLower(line);
    blank_run = 0;
  }
  std::string_view s = TrimChars(subject, " :;,");
  if (s.empty()) return;
  // The national motto split over lines by a page ("Độc lập – Tự" / "do – Hạnh phúc") is
  // never a subject.
  const std::string folded_subject = FoldText(s);
  if (folded_subject.find("doc lap") != std::string::npos && folded_subject.find("hanh phuc") != std::string::npos) {
    return;
  }
  letter.subject = std::string(s);
  // "H ướng dẫn …": the text layer split the first letter off its word. A capital consonant
  // alone before a lower-case word is glued back (a vowel alone may be a word).
  if (s.size() > 2 && s[1] == ' ' && s[0] >= 'B' && s[0] <= 'Z' &&
      std::string_view("EIOUY").find(s[0]) == std::string_view::npos && !StartsUpper(s.substr(2)) &&
      HasLower(s.substr(2, 4))) {
    letter.subject->erase(1, 1);
  }
}

// An issuer printed without its place ("ỦY BAN NHÂN DÂN" alone in a table cell) is completed
// from the decision's authority line when that names the same body with its place.
void CompleteIssuer(const RuleSet& rules, const std::vector<Row>& rows, const Landmarks& lm,
                    Letter& letter) {
  if (lm.authority == std::string::npos || !letter.issuer) return;
  Match m;
  const Row& row = rows[lm.authority];
  if (!rules.FindFirst("authority_line", row.left, row.left_folded, &m)) return;
  const std::string body = CollapseSpaces(FoldText(m.Group("body")));
  const std::string issuer = CollapseSpaces(FoldText(*letter.issuer));
  // A place head and a name beyond the issuer: "tỉnh Ninh Bình", not "tỉnh" alone.
  if (!body.starts_with(issuer + " ") || Words(body).size() < Words(issuer).size() + 3) return;
  letter.issuer = TitleCaseBody(m.Group("body"), rules);
}

// --- a headline instead of a header ---

// A page whose header names neither type nor subject (or that has none) but opens with a
// headline naming the letter ("Thông báo về việc tổ
// chức tổng vệ sinh …", "Hướng dẫn dạy học môn Lịch Sử HK II …", "Thông báo “V/v phòng chống bão
// số 10”"): the headline gives the type and the subject. One that cites a letter by its number
// ("Công văn số 1090/SGDĐT-VP …") reports on that letter, as a news item does: nothing is taken,
// unless it goes on with the letter's trích yếu ("Công văn số 357/PGD&ĐT V/v rà soát …": the
// type and the subject; the number stays a reference, as the number of a letter in a headline).
void ReadHeadline(const RuleSet& rules, const PageText& page, Letter& letter) {
  if (letter.doc_type || letter.subject) return;
  std::string_view line;
  for (const Line& l : page.lines) {
    line = Trim(l.text);
    if (!line.empty()) break;
  }
  constexpr size_t kMaxHeadlineBytes = 300;
  if (line.empty() || line.size() > kMaxHeadlineBytes || line.ends_with(':') || !StartsUpper(line)) return;
  Match m;
  std::string_view trich_yeu;
  if (rules.FindFirst("headline_cites", line, Fold(line), &m)) {
    const Folded f = Fold(line);
    const size_t vv = f.text.find(" v/v ");
    if (vv == std::string::npos || f.OriginBegin(vv) < m.end()) return;
    trich_yeu = line.substr(f.OriginBegin(vv + 1));
  }
  const std::vector<std::string_view> words = Words(line);
  for (size_t n = std::min<size_t>(3, words.size() - 1); n >= 1; --n) {
    const std::string_view type = line.substr(0, words[n - 1].data() + words[n - 1].size() - line.data());
    const std::string* name = rules.LookupFolded("type_lines", CollapseSpaces(FoldText(type)));
    if (name == nullptr) continue;
    letter.doc_type = *name;
    std::string_view rest = TrimChars(trich_yeu.empty() ? line.substr(type.size()) : trich_yeu, " \"“”.:-");
    // "Thông báo Khẩn ngày 18/10/2020": urgency and a date are no subject.
    if (rest.empty() || rules.FindFirst("headline_no_subject", rest, Fold(rest), &m)) return;
    if (FoldText(rest).starts_with("v/v")) rest = TrimChars(rest.substr(3), " \"“”.:");
    if (!rest.empty()) letter.subject = std::string(rest);
    return;
  }
}

// --- addressees ---

void AddItems(std::string_view text, std::vector<std::string>& items) {
  size_t i = 0;
  while (i <= text.size()) {
    size_t semi = text.find(';', i);
    std::string_view part = text.substr(i, semi == std::string_view::npos ? semi : semi - i);
    // A "- " after a comma starts another item ("Kính gửi: - UBND huyện, - Đảng ủy ..."); inside
    // a name it is a hyphen ("Đài Phát thanh - Truyền hình Hậu Giang").
    for (size_t dash = part.find(", - "); dash != std::string_view::npos; dash = part.find(", - ")) {
      std::string_view item = TrimChars(part.substr(0, dash), "-–—+•…;,.: ");
      if (!item.empty()) items.push_back(CollapseSpaces(item));
      part = part.substr(dash + 4);
    }
    std::string_view item = TrimChars(part, "-–—+•…;,.: \"_");  // "……" is a blank to fill
    if (!item.empty()) items.push_back(CollapseSpaces(item));
    if (semi == std::string_view::npos) break;
    i = semi + 1;
  }
}

bool EndsItem(std::string_view t) {
  return !t.empty() && (t.back() == ';' || t.back() == ',' || t.back() == '.');
}

// A line of the list after "Kính gửi" that is a paragraph of the body, not an addressee: a long
// line that does not end like an item ("Ủy ban nhân dân tỉnh nhận được Công văn số …").
bool IsParagraph(std::string_view t) { return CodePoints(t) > 90 && !EndsItem(t); }

// The addressees: the text after "Kính gửi" on its line and the lines below, one item per "-"
// or "+" line, per ";" and per line ending in ";" or ","; a line that goes on an item ends with
// it. The list ends at a blank pair, an item ending in ".", or the first line of the body.
// A markdown table puts the items in the cell right of "Kính gửi:" (a right-column row).
void ReadAddressees(const RuleSet& rules, const std::vector<Row>& rows, const Landmarks& lm,
                    Letter& letter) {
  constexpr size_t kMaxAddresseeLine = 300;  // one body with a long list of places
  if (lm.kinh_gui == std::string::npos) return;
  Match m;
  const Row& head = rows[lm.kinh_gui];
  rules.FindFirst("kinh_gui", head.left, head.left_folded, &m);
  std::string_view inline_text = TrimChars(head.left.substr(m.end()), ":. ");
  if (inline_text.empty()) inline_text = TrimChars(head.right, ":. ");
  // "Kính gửi: ……………": a blank the sender fills in per copy; the body follows.
  if (!inline_text.empty() && TrimChars(inline_text, "….").empty()) return;
  std::vector<std::string>& items = letter.addressees;
  AddItems(inline_text, items);
  bool closed = !inline_text.empty() && inline_text.back() == '.';  // the list is over
  bool open_item = !inline_text.empty() && !EndsItem(inline_text);  // the last item goes on
  int blank_run = 0;
  // "- Các Bộ: Công an, Tư pháp, Tài chính, Xây dựng," / "Nông nghiệp và Môi trường;": a list of
  // members after a colon that ends its line with a comma goes on, across an empty line too.
  bool members_go_on = false;
  for (size_t i = lm.kinh_gui + 1; i < rows.size() && i <= lm.kinh_gui + 20 && !closed; ++i) {
    const Row& r = rows[i];
    if (r.blank) {
      // Text copied from a web page puts empty lines everywhere, even between "Kính gửi:" and
      // its first item; two in a row end the list only once it has an item.
      if (++blank_run >= 2 && (!items.empty() || blank_run > 6)) break;
      open_item = false;
      continue;
    }
    std::string_view t = Trim(r.left.empty() ? r.right : r.left);
    Match detail;
    // "… điện:" / "Kính gửi:" / "Ủy ban nhân dân các tỉnh …": a telegram's "Kính gửi" under its
    // own opener is no addressee.
    if (Has(rules, "kinh_gui", r, &detail) && detail.begin() == 0) {
      const std::string_view after = TrimChars(t.substr(std::min(detail.end(), t.size())), ":. ");
      if (after.empty()) continue;
    }
    if (t.empty() || IsBodyStart(rules, r) || Has(rules, "addressee_detail", r, &detail)) break;
    // "Phòng Giáo dục và Đào tạo yêu cầu:" after the list opens the body.
    if (t.back() == ':' && rules.FindFirst("lead_in", t, Fold(t), &detail)) break;
    const bool bullet = t.front() == '-' || t.front() == '+' || t.front() == '"' ||
                        t.front() == '_' || t.starts_with("•") || t.starts_with("–");
    if (bullet) {
      AddItems(t, items);
    } else if (!items.empty() && members_go_on && blank_run <= 1 && CodePoints(t) <= 60) {
      items.back() += ", ";
      items.back() += std::string(TrimChars(t, ";,.: "));
    } else if (!items.empty() && !StartsUpper(t) && blank_run == 0 && !IsParagraph(t)) {
      items.back() += ' ';  // a wrapped item goes on in lower case
      items.back() += std::string(TrimChars(t, ";,.: "));
    } else if (!items.empty() && open_item && blank_run == 0 &&
               (CodePoints(t) <= 40 || (EndsItem(t) && CodePoints(t) <= 100))) {
      // "- Ủy ban nhân dân các tỉnh, thành phố trực thuộc" / "Trung ương;": the item goes on.
      items.back() += ' ';
      items.back() += std::string(TrimChars(t, ";,.: "));
    } else if ((items.empty() || !open_item) && StartsUpper(t) &&
               ((EndsItem(t) && CodePoints(t) <= 100) || CodePoints(t) <= 50)) {
      AddItems(t, items);  // an item on its own line, with no dash ("Bộ Tài chính;")
    } else if (items.empty() && EndsItem(t) && CodePoints(t) <= kMaxAddresseeLine && StartsWithHead(rules, t)) {
      AddItems(t, items);  // "Ủy ban nhân dân các tỉnh Gia Lai, Đắk Lắk, …, Thừa Thiên – Huế."
    } else {
      break;
    }
    closed = t.back() == '.';
    open_item = !EndsItem(t);
    members_go_on = bullet && t.back() == ',' && t.find(':') != std::string_view::npos;
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

// Where the letter ends in `lines`: before an attachment that follows its signature — a draft
// resolution, a submission, a form — which opens with a header of its own ("ỦY BAN NHÂN DÂN /
// THỊ XÃ … / CỘNG HÒA … / Độc lập - Tự do - Hạnh phúc") after the letter's "Nơi nhận". The
// attachment's signer, recipients and requests are not the letter's.
size_t LetterEnd(const RuleSet& rules, const std::vector<std::string_view>& lines) {
  Match m;
  size_t i = 0;
  while (i < lines.size() && !FindRecipientsLabel(rules, lines[i], &m)) ++i;
  for (++i; i < lines.size(); ++i) {
    if (!rules.FindFirst("motto", lines[i], Fold(lines[i]), &m)) continue;
    // The attachment's own header lines above its motto: capitals, at most a few.
    size_t start = i;
    for (int k = 0; k < 4 && start > 0; ++k) {
      const std::string_view above = Trim(lines[start - 1]);
      if (!above.empty() && HasLower(above)) break;
      --start;
    }
    return start;
  }
  return lines.size();
}

bool EndsInNumber(std::string_view t) {
  return !t.empty() && (IsAsciiDigit(t.back()) || t.back() == '/');
}

// Whether `t` is only the label of the number: "Số:", "Số".
bool IsBareNumberLabel(std::string_view t) {
  return t.size() <= 5 && FoldText(TrimChars(t, " :")) == "so";
}

// Whether the header line `t` holds the number or the date, where a break inside a number
// must be undone ("Số: 78/202", "8 năm 202").
bool IsNumberOrDateLine(std::string_view t) {
  const std::string f = FoldText(Utf8Prefix(t, 80));
  return f.starts_with("so") || f.find("nam ") != std::string::npos || f.find("ngay") != std::string::npos;
}

// Whether `t` starts with the number's label and ends in its digits ("Số: 565").
bool IsNumberWithoutSymbol(std::string_view t) {
  return !t.empty() && IsAsciiDigit(t.back()) && FoldText(Utf8Prefix(t, 4)).starts_with("so");
}

// Whether `t` is a document's symbol alone on its line ("/TB-UBND").
bool IsBareSymbol(std::string_view t) {
  return t.size() >= 3 && t.size() <= 24 && t.front() == '/' && t.find(' ') == std::string_view::npos;
}

// The PDF text layer breaks header lines inside a number: "Số: 78/202" / "5/TT-BCA", "8 năm
// 202" / "5"; a table cell puts "Số:" above its number. OCR sets a number written larger than
// the print apart from its symbol ("Số: 565" / "/TB-UBND", an empty line between). The lines of
// such a break are glued back (only in the first lines; a number broken inside only in text
// without geometry); nullopt when there is none, so the page is not copied.
std::optional<PageText> GlueBrokenNumbers(const PageText& page) {
  std::optional<PageText> out;
  const size_t n = std::min(page.lines.size(), kMaxNumberLines);
  for (size_t i = 0, k = 0; i + 1 < n; ++i, ++k) {
    std::string_view t = Trim(page.lines[i].text);
    size_t j = i + 1;
    if (Trim(page.lines[j].text).empty() && j + 1 < n) ++j;  // one empty line between
    std::string_view next = Trim(page.lines[j].text);
    // The cheap tests first: this runs on every letter.
    // "Số:" / "/QĐ-UBND Hà Nội, ngày …": a blank number whose gap the page's layout cut.
    const bool symbol_apart = (IsBareSymbol(next) && IsNumberWithoutSymbol(t)) ||
                              (IsBareNumberLabel(t) && IsBareSymbol(next.substr(0, next.find(' '))));
    const bool number_broken = page.width == 0 && j == i + 1 &&
                               (EndsInNumber(t) || IsBareNumberLabel(t)) && !next.empty() &&
                               IsAsciiDigit(next.front()) && next.size() <= 24 &&
                               IsNumberOrDateLine(t);
    if (!symbol_apart && !number_broken) continue;
    if (!out) out = page;
    // k: the same line in the copy, which has lost the lines glued so far.
    out->lines[k].text = std::string(t) + (symbol_apart ? " " : "") + std::string(next);
    out->lines.erase(out->lines.begin() + static_cast<long>(k) + 1,
                     out->lines.begin() + static_cast<long>(k + (j - i)) + 1);
    i = j;
  }
  return out;
}

// Whether `token` is only the initial consonants of a syllable ("N", "c", "Th", "đ", "TH").
bool IsInitialOnly(std::string_view token) {
  if (token.starts_with("Đ") || token.starts_with("đ")) token.remove_prefix(2);
  if (token.size() > 3) return false;
  static constexpr std::string_view kInitials[] = {"", "b", "c", "d", "g", "h", "k", "l", "m",
      "n", "p", "q", "r", "s", "t", "v", "x", "ch", "gh", "gi", "kh", "ng", "ngh", "nh", "ph",
      "qu", "th", "tr"};
  std::string lower;
  for (char c : token) {
    if (c < 'A' || (c > 'Z' && c < 'a') || c > 'z') return false;
    lower.push_back(static_cast<char>(c | 0x20));
  }
  return std::find(std::begin(kInitials), std::end(kInitials), lower) != std::end(kInitials);
}

// Whether `token` starts with a vowel (a Vietnamese vowel with its marks is a non-ASCII letter
// other than "Đ").
bool StartsWithVowel(std::string_view token) {
  if (token.empty() || token.starts_with("Đ") || token.starts_with("đ")) return false;
  const auto c = static_cast<unsigned char>(token.front());
  return c >= 0x80 || std::string_view("aeiouyAEIOUY").find(token.front()) != std::string_view::npos;
}

bool IsSyllableWord(const RuleSet& rules, std::string_view word) {
  Match m;
  for (const Pattern* p : rules.Family("syllable")) {
    if (p->Find(word, &m)) return true;
  }
  return false;
}

// The text layer of some PDFs splits a word after its first consonants: "Hà N ội", "Căn c ứ",
// "TH" / "Ủ TƯỚNG CHÍNH PHỦ". Within the header lines such pieces are joined when together they
// make one syllable; nullopt when there is none, so the page is not copied.
std::optional<PageText> JoinSplitWords(const RuleSet& rules, const PageText& page) {
  if (page.width > 0) return std::nullopt;
  std::optional<PageText> out;
  const size_t n = std::min(page.lines.size(), kMaxHeaderLines);
  for (size_t i = 0, k = 0; i < n; ++i, ++k) {
    std::string_view t = Trim(page.lines[i].text);
    // A line that is only the first consonants of the next line's first word.
    if (i + 1 < n && !t.empty() && IsInitialOnly(t)) {
      std::string_view next = Trim(page.lines[i + 1].text);
      std::string_view first = next.substr(0, next.find(' '));
      if (StartsWithVowel(first) && IsSyllableWord(rules, std::string(t) + std::string(first))) {
        if (!out) out = page;
        out->lines[k].text = std::string(t) + std::string(next);
        out->lines.erase(out->lines.begin() + static_cast<long>(k) + 1);
        ++i;
        continue;
      }
    }
    // Pieces inside a line: "Hà N ội, ngày …". A cheap look for a short token before a space
    // first: this runs on every header line.
    bool candidate = false;
    for (size_t sp = t.find(' '); sp != std::string_view::npos && !candidate; sp = t.find(' ', sp + 1)) {
      const size_t start = t.rfind(' ', sp - 1 < t.size() ? sp - 1 : 0);
      const size_t begin = start == std::string_view::npos || sp == 0 ? 0 : start + 1;
      candidate = sp - begin <= 4 && sp > begin && sp + 1 < t.size() &&
                  IsInitialOnly(t.substr(begin, sp - begin)) && StartsWithVowel(t.substr(sp + 1));
    }
    if (!candidate) continue;
    std::vector<std::string_view> words = Words(t);
    std::string joined;
    bool changed = false;
    for (size_t w = 0; w < words.size(); ++w) {
      if (!joined.empty()) joined.push_back(' ');
      if (w + 1 < words.size() && IsInitialOnly(words[w]) && StartsWithVowel(words[w + 1])) {
        std::string_view rest = words[w + 1];
        size_t end = rest.find_first_of(",.;:)");
        const std::string word = std::string(words[w]) + std::string(rest.substr(0, end));
        if (IsSyllableWord(rules, word)) {
          joined += std::string(words[w]) + std::string(rest);
          ++w;
          changed = true;
          continue;
        }
      }
      joined += words[w];
    }
    if (!changed) continue;
    if (!out) out = page;
    out->lines[k].text = std::move(joined);
  }
  return out;
}

// A Tờ trình submits to a higher body and a Báo cáo reports: neither assigns work, even where it
// asks its reader to consider, approve or help ([list types_without_tasks]). The kind must be
// both the title and the code of the number ("Số: 239/TTr-UBND", "73-BC/TWĐTN"), since a news
// item about a report, or a letter that asks for one, is no report.
bool AssignsNoWork(const RuleSet& rules, const Letter& letter) {
  if (!letter.doc_type || !letter.doc_ref) return false;
  const std::string* code = rules.Lookup("types_without_tasks", FoldText(*letter.doc_type));
  if (code == nullptr) return false;
  const std::string ref = FoldText(*letter.doc_ref);
  size_t begin = 0;
  while (begin <= ref.size()) {
    const size_t end = std::min(ref.find_first_of("/-", begin), ref.size());
    if (ref.compare(begin, end - begin, *code) == 0) return true;
    begin = end + 1;
  }
  return false;
}

}  // namespace

Letter Extractor::Read(const std::vector<PageText>& in_pages, const std::string& file_name,
                       const ReadOptions& options) const {
  Letter letter;
  letter.file = file_name;
  if (in_pages.empty() || rules_ == nullptr) return letter;
  const RuleSet& rules = *rules_;
  // A text layer that lost its shape (a header run on one line, marks apart from their
  // letters) is mended first; a copy is made only then.
  const std::optional<std::vector<PageText>> mended = MendTextLayer(rules, in_pages);
  const std::vector<PageText>& pages = mended ? *mended : in_pages;
  // Header lines the text layer broke are mended first (copies only when there is a break).
  const std::optional<PageText> glued = GlueBrokenNumbers(pages[0]);
  const std::optional<PageText> joined = JoinSplitWords(rules, glued ? *glued : pages[0]);
  const PageText& header = joined ? *joined : glued ? *glued : pages[0];
  const std::vector<Row> rows = HeaderRows(header, rules, kMaxHeaderLines);
  const Landmarks lm = FindLandmarks(rules, rows);
  std::string type_word;
  ReadNumber(rules, rows, lm, letter, &type_word);
  ReadType(rules, rows, lm, type_word, letter);
  ReadPlaceDate(rules, rows, lm, letter);
  ReadIssuer(rules, rows, lm, letter);
  ReadSubject(rules, rows, lm, letter);
  CompleteIssuer(rules, rows, lm, letter);
  DropByline(rules, letter);
  ReadAddressees(rules, rows, lm, letter);
  if (pages[0].source != "ocr") ReadHeadline(rules, header, letter);
  std::vector<std::string_view> lines = AllLines(pages);
  lines.resize(LetterEnd(rules, lines));
  ReadAdoptionDate(rules, lines, letter);
  const BodyRange body = FindBody(rules, lines, letter.addressees);
  ReadMarks(rules, lines, letter);
  ReadStamps(rules, pages, letter);
  if (!AssignsNoWork(rules, letter)) ReadTasks(rules, lines, body, letter);
  // References: the subject and the body ("V/v triển khai Chỉ thị số 02/CT-" / "UBND …").
  ReadReferences(rules, JoinLines(lines, 0, body.end), letter);
  for (size_t i = body.begin; i < body.end;) {  // targets paragraph by paragraph
    size_t j = i;
    while (j < body.end && !Trim(lines[j]).empty()) ++j;
    if (j > i) ReadTargets(rules, JoinLines(lines, i, j), letter);
    i = j + 1;
  }
  // No "Nơi nhận" where the body ends (OCR damaged it): the list is the "-" lines above that
  // end with "- Lưu …".
  size_t tail = body.end;
  Match nn;
  if (tail >= lines.size() || !FindRecipientsLabel(rules, lines[tail], &nn)) {
    tail = FindRecipientList(lines, body.begin, body.end);
  }
  ReadSignature(rules, lines, tail, letter);
  ReadOverlaySignatures(pages, letter);
  AssessConfidence(rules, pages, ConfidenceInput{options.today}, letter);
  return letter;
}

}  // namespace congvan::extract
