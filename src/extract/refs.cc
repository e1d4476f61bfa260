#include <algorithm>

#include "extract/parts.h"
#include "extract/rules.h"
#include "extract/text.h"
#include "text/dates.h"
#include "text/fold.h"

namespace congvan::extract {
namespace {

constexpr size_t kDateWindow = 40;     // "67-KH/HU ngày 10/01/2022": the date right after
constexpr size_t kBackWindow = 200;    // "Ngày 09 tháng 11 năm 2023, X ban hành Báo cáo số …"
constexpr size_t kMaxTarget = 180;

std::string RefKey(std::string_view ref) {
  std::string out;
  for (char c : FoldText(ref)) {
    if (c != ' ' && c != '-' && c != '_') out.push_back(c);
  }
  return out;
}

// The date written right after a reference ("… ngày 10/01/2022", "ngày 18 tháng 10 năm 2021").
std::optional<std::string> DateAfter(std::string_view text, size_t end) {
  std::string_view after = text.substr(end, std::min(kDateWindow, text.size() - end));
  const std::string f = FoldText(after);
  size_t i = f.find_first_not_of(" ,(");
  if (i == std::string::npos || f.compare(i, 2, "ng") != 0) return std::nullopt;
  return text::ReadDate(after);
}

// "Ngày 09 tháng 11 năm 2023, Văn phòng UBND tỉnh … ban hành Báo cáo số 59/BC-VP": the date
// of the sentence that issues the cited document.
std::optional<std::string> DateBefore(std::string_view text, size_t begin) {
  const size_t from = begin > kBackWindow ? begin - kBackWindow : 0;
  std::string_view before = text.substr(from, begin - from);
  const std::string f = FoldText(before);
  if (f.find("ban hanh") == std::string::npos) return std::nullopt;
  const size_t stop = f.find_last_of(".;");
  if (stop != std::string::npos && stop + 2 < f.size()) before = before.substr(before.size() - (f.size() - stop));
  return text::ReadDate(before);
}

std::optional<std::string> TypeName(const RuleSet& rules, std::string_view word, std::string_view ref) {
  if (!word.empty()) {
    if (const std::string* t = rules.LookupFolded("type_lines", CollapseSpaces(FoldText(word)))) return *t;
  }
  // The symbol after the number: "5064/UBND-TTHC" → "UBND-TTHC", "167/2017/NĐ-CP" → "NĐ-CP".
  size_t i = ref.find_first_not_of("0123456789 ");
  std::string_view symbol = i == std::string_view::npos ? ref : ref.substr(i);
  symbol = TrimChars(symbol, "-/ ");
  return TypeFromSymbol(rules, symbol);
}

// The clause around [begin, end): from the last ";", ".", ":" before it to the first after it,
// brackets dropped ("tỷ lệ … đúng hạn (tối thiểu 96%)" → "tỷ lệ … đúng hạn tối thiểu 96%").
std::string Clause(std::string_view text, size_t begin, size_t end) {
  size_t b = text.find_last_of(";:.", begin == 0 ? 0 : begin - 1);
  b = b == std::string_view::npos || b >= begin ? 0 : b + 1;
  if (begin - b > kMaxTarget / 2) {
    size_t comma = text.rfind(", ", begin);
    b = comma != std::string_view::npos && comma >= b ? comma + 2 : begin;
  }
  size_t e = text.find_first_of(";.)", end);
  const size_t comma = text.find(", ", end);
  if (comma < e) e = comma;
  if (e == std::string_view::npos) e = text.size();
  std::string out;
  for (char c : text.substr(b, e - b)) {
    if (c != '(' && c != ')') out.push_back(c);
  }
  return CollapseSpaces(TrimChars(out, ",;:. -"));
}

}  // namespace

std::optional<std::string> TypeFromSymbol(const RuleSet& rules, std::string_view symbol) {
  std::string s(symbol);
  for (size_t p; (p = s.find("\xC3\x90")) != std::string::npos;) s.replace(p, 2, "\xC4\x90");  // Ð→Đ
  size_t i = 0;
  int parts = 0;
  std::string first;
  while (i < s.size()) {
    size_t j = s.find_first_of("-/", i);
    std::string part = s.substr(i, j == std::string::npos ? j : j - i);
    bool year = !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
    if (!part.empty() && !year) {
      if (parts++ == 0) first = part;
    }
    if (j == std::string::npos) break;
    i = j + 1;
  }
  if (first.empty()) return std::nullopt;
  if (const std::string* t = rules.Lookup("doc_types", first)) return *t;
  if (const std::string* t = rules.LookupFolded("doc_types", FoldText(first))) return *t;
  if (parts >= 2) return std::string("Công văn");
  return std::nullopt;
}

std::string NormalizeRef(std::string_view ref) {
  std::string s;
  for (char c : ref) {
    if (c != ' ' && c != '\t' && c != '\n') s.push_back(c);
  }
  for (size_t p; (p = s.find("\xC3\x90")) != std::string::npos;) s.replace(p, 2, "\xC4\x90");
  for (size_t p; (p = s.find("\xE2\x80\x93")) != std::string::npos;) s.replace(p, 3, "-");
  // "221KH/TWĐTNBTG": a Party number glued to its symbol lost its hyphen ("221-KH/TWĐTNBTG").
  const size_t digits = s.find_first_not_of("0123456789");
  if (digits != std::string::npos && digits > 0 && static_cast<unsigned char>(s[digits]) >= 'A' &&
      s[digits] != '/') {
    s.insert(digits, "-");
  }
  return std::string(TrimChars(s, ".,;:-/"));
}

namespace {

// One code of a symbol ("ND", "QP", "UBND"): its repaired spelling, or the code itself.
std::string RepairCode(const RuleSet& rules, const std::string& code) {
  const WordIndex* known = rules.Index("symbol_codes");
  if (known == nullptr || code.empty() || known->count(code) > 0 || code.find("Đ") != std::string::npos) {
    return code;
  }
  std::vector<size_t> spots;  // where a "D" or "P" may be a lost "Đ"
  for (size_t i = 0; i < code.size(); ++i) {
    if (code[i] == 'D' || code[i] == 'P') spots.push_back(i);
  }
  if (spots.empty() || spots.size() > 3) return code;
  std::string found;
  for (unsigned mask = 1; mask < (1u << spots.size()); ++mask) {
    std::string candidate;
    for (size_t i = 0, k = 0; i < code.size(); ++i) {
      if (k < spots.size() && spots[k] == i) {
        candidate += (mask >> k) & 1 ? std::string("Đ") : std::string(1, code[i]);
        ++k;
      } else {
        candidate.push_back(code[i]);
      }
    }
    if (known->count(candidate) == 0) continue;
    const std::string* as_written = rules.Lookup("doc_types", code);
    const std::string* as_repaired = rules.Lookup("doc_types", candidate);
    if (as_written != nullptr && (as_repaired == nullptr || *as_written != *as_repaired)) continue;
    if (!found.empty()) return code;  // two readings: keep what is written
    found = candidate;
  }
  return found.empty() ? code : found;
}

// "Mẫu số 01/QTNĐ", "Biểu số 02/BC": a form's number, cited with a bare "số", is no document
// ([list form_words]: the word before "số").
bool NamesAForm(const RuleSet& rules, std::string_view text, const Match& m) {
  if (!m.Group("type").empty()) return false;
  const std::string_view before = TrimChars(text.substr(0, m.begin()), " ");
  const size_t space = before.find_last_of(" \n(");
  const std::string_view word = before.substr(space == std::string_view::npos ? 0 : space + 1);
  return rules.Lookup("form_words", FoldText(word)) != nullptr;
}

}  // namespace

std::string RepairSymbolCodes(const RuleSet& rules, std::string_view ref) {
  std::string out, code;
  for (char c : ref) {
    if (c == '/' || c == '-') {
      out += RepairCode(rules, code);
      out.push_back(c);
      code.clear();
    } else {
      code.push_back(c);
    }
  }
  return out + RepairCode(rules, code);
}

namespace {

// The key without a letter the OCR doubled ("89/QĐĐ-UBND" for "89/QĐ-UBND"): what the letter's
// own number line reads as, however its symbol was mended in the header.
std::string WithoutDoubledLetters(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (!out.empty() && c == out.back() && c >= 'a' && c <= 'z') continue;
    out.push_back(c);
  }
  return out;
}

}  // namespace

void ReadReferences(const RuleSet& rules, std::string_view text, Letter& letter) {
  const std::string own = letter.doc_ref ? WithoutDoubledLetters(RefKey(*letter.doc_ref)) : "";
  const Folded none;
  for (const Pattern* p : rules.Family("reference")) {
    for (const Match& m : p->FindAll(text, none)) {
      std::string_view ref_text = m.Group("ref");
      Reference r;
      r.ref = RepairSymbolCodes(rules, NormalizeRef(ref_text));
      const std::string key = RefKey(r.ref);
      if (r.ref.empty() || WithoutDoubledLetters(key) == own || NamesAForm(rules, text, m)) continue;
      const size_t end = ref_text.data() + ref_text.size() - text.data();
      r.date = DateAfter(text, end);
      if (!r.date) r.date = DateBefore(text, m.begin());
      r.type = TypeName(rules, m.Group("type"), r.ref);
      auto same = std::find_if(letter.references.begin(), letter.references.end(),
                               [&](const Reference& x) { return RefKey(x.ref) == key; });
      if (same == letter.references.end()) {
        letter.references.push_back(std::move(r));
      } else {
        if (!same->date) same->date = r.date;  // cited twice, dated once
        if (!same->type) same->type = r.type;
      }
    }
  }
}

void ReadTargets(const RuleSet& rules, std::string_view paragraph, Letter& letter) {
  // A target holds a percentage or "ít nhất N". The rules run on the short clause around each
  // "%" / "nhất", not on the paragraph: a clause is a few dozen words, a paragraph may be pages.
  Match m;
  for (size_t pos = 0; pos < paragraph.size();) {
    const size_t pct = paragraph.find('%', pos), least = paragraph.find("nhất", pos);
    const size_t at = std::min(pct, least);
    if (at == std::string_view::npos) break;
    pos = at + 1;
    std::string clause = Clause(paragraph, at, at + 1);
    if (clause.empty() || clause.size() > 2 * kMaxTarget) continue;
    const Folded folded = Fold(clause);
    if (!rules.FindFirst("target", clause, folded, &m)) continue;
    if (rules.FindFirst("target_result", clause, folded, &m)) continue;
    if (std::find(letter.targets.begin(), letter.targets.end(), clause) == letter.targets.end()) {
      letter.targets.push_back(std::move(clause));
    }
  }
}

}  // namespace congvan::extract
