#include "extract/text.h"

#include <algorithm>

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "extract/rules.h"
#include "text/fold.h"

namespace congvan::extract {

std::string_view Trim(std::string_view s) { return TrimChars(s, ""); }

namespace {

// Bytes of the UTF-8 sequence a lead byte opens (1 for ASCII and for a stray continuation byte).
size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

// Whole characters only: "–" (E2 80 93) in `chars` must not strip the last byte of "ồ" (E1 BB 93)
// nor leave the 0x93 of a dash behind.
std::string_view TrimChars(std::string_view s, std::string_view chars) {
  auto strip = [&](std::string_view c) {
    if (c.size() == 1 && (c[0] == ' ' || c[0] == '\t' || c[0] == '\r' || c[0] == '\n')) return true;
    for (size_t at = chars.find(c); at != std::string_view::npos; at = chars.find(c, at + 1)) {
      const bool starts_char = (static_cast<unsigned char>(chars[at]) & 0xC0) != 0x80;
      if (starts_char && SequenceLength(static_cast<unsigned char>(chars[at])) == c.size()) return true;
    }
    return false;
  };
  while (!s.empty()) {
    const size_t n = std::min(s.size(), SequenceLength(static_cast<unsigned char>(s.front())));
    if (!strip(s.substr(0, n))) break;
    s.remove_prefix(n);
  }
  while (!s.empty()) {
    size_t start = s.size() - 1;
    while (start > 0 && s.size() - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    if (!strip(s.substr(start))) break;
    s.remove_suffix(s.size() - start);
  }
  return s;
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  return BoundedEditDistance(a, b, std::max(a.size(), b.size()));
}

size_t BoundedEditDistance(std::string_view a, std::string_view b, size_t limit) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
  constexpr size_t kStackRow = 128;  // list keys are short: no allocation for them
  size_t stack_row[kStackRow + 1];
  std::vector<size_t> heap_row;
  size_t* row = stack_row;
  if (b.size() > kStackRow) {
    heap_row.resize(b.size() + 1);
    row = heap_row.data();
  }
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    size_t row_min = row[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
      row_min = std::min(row_min, row[j]);
    }
    if (row_min > limit) return limit + 1;  // every path is already too long
  }
  return std::min(row[b.size()], limit + 1);
}

namespace {

std::string WithoutSpaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ') out.push_back(c);
  }
  return out;
}

}  // namespace

bool FindRecipientsLabel(const RuleSet& rules, std::string_view line, Match* m) {
  if (!rules.FindFirst("body_end", line, Fold(line), m)) return false;
  return !StartsLower(Trim(line.substr(m->end())));
}

const std::string* NearestListValue(const RuleSet& rules, std::string_view list,
                                    std::string_view key, bool squeeze) {
  if (const std::string* exact = rules.LookupFolded(list, key)) return exact;
  const std::string squeezed = squeeze ? WithoutSpaces(key) : std::string();
  const std::string_view folded_key = squeeze ? std::string_view(squeezed) : key;
  const size_t allowed = folded_key.size() >= 12 ? 2 : folded_key.size() >= 6 ? 1 : 0;
  const std::string* best = nullptr;
  size_t best_distance = allowed + 1;
  bool tie = false;
  for (const auto& [folded, value] : rules.FoldedList(list, squeeze)) {
    if (folded.size() + allowed < folded_key.size() || folded_key.size() + allowed < folded.size()) {
      continue;
    }
    const size_t d = BoundedEditDistance(folded, folded_key, best_distance);
    if (d < best_distance) {
      best = &value;
      best_distance = d;
      tie = false;
    } else if (d == best_distance && d <= allowed && best != nullptr && *best != value) {
      tie = true;
    }
  }
  return tie ? nullptr : best;
}

std::string_view Utf8Prefix(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

void AppendCollapsed(std::string& out, std::string_view s) {
  const size_t start = out.size();
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j == i) break;
    if (out.size() > start) out.push_back(' ');  // one space between two words, none at the ends
    out.append(s.data() + i, j - i);
    i = j;
  }
}

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  AppendCollapsed(out, s);
  return out;
}

namespace {

// Calls f(code point) for each code point until it returns false.
template <typename F>
void ForEachCodePoint(std::string_view s, F f) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0 && !f(c)) return;
  }
}

}  // namespace

bool HasLower(std::string_view s) {
  bool found = false;
  ForEachCodePoint(s, [&](UChar32 c) { return !(found = u_islower(c)); });
  return found;
}

bool HasUpper(std::string_view s) {
  bool found = false;
  ForEachCodePoint(s, [&](UChar32 c) { return !(found = u_isupper(c)); });
  return found;
}

bool StartsUpper(std::string_view s) {
  bool upper = false;
  ForEachCodePoint(s, [&](UChar32 c) {
    if (!u_isalpha(c)) return true;  // skip bullets and quotes before the first letter
    upper = u_isupper(c);
    return false;
  });
  return upper;
}

bool StartsLower(std::string_view s) {
  bool lower = false;
  ForEachCodePoint(s, [&](UChar32 c) {
    lower = u_islower(c);
    return false;
  });
  return lower;
}

std::string LowerWord(std::string_view w) {
  static const icu::Locale vi("vi");  // immutable
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(w.data(), w.size()));
  std::string out;
  u.toLower(vi).toUTF8String(out);
  return out;
}

std::string CapitalWord(std::string_view w) {
  static const icu::Locale vi("vi");
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(w.data(), w.size()));
  u.toLower(vi);
  // Capitalise the first letter, after any leading punctuation ("(Nhâm" → "(Nhâm").
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    UChar32 c = u.char32At(i);
    if (u_isalpha(c)) {
      icu::UnicodeString upper(u_totitle(c));
      u.replace(i, U16_LENGTH(c), upper);
      break;
    }
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

namespace {

enum class Casing { kLower, kCapital, kKeep };

// Folded words of `tokens` from i joined by spaces, n of them.
std::string Phrase(const std::vector<std::string>& folded, size_t i, size_t n) {
  std::string p;
  for (size_t k = i; k < i + n && k < folded.size(); ++k) {
    if (!p.empty()) p.push_back(' ');
    p += folded[k];
  }
  return p;
}

bool IsAbbreviation(std::string_view token, const RuleSet& rules) {
  std::string_view core = TrimChars(token, ",.;:()\"'");
  if (core.empty() || !HasUpper(core)) return !HasLower(core);  // "&", "-", digits: as they are
  if (HasLower(core)) return false;
  Match m;
  for (const Pattern* p : rules.Family("syllable")) {
    if (p->Find(core, &m)) return false;
  }
  return true;
}

// Marks proper names after place words ("huyện Tứ Kỳ") and fields after heads ("Sở Y tế").
void MarkNames(const std::vector<std::string_view>& tokens, const std::vector<std::string>& folded,
               const RuleSet& rules, std::vector<Casing>& casing) {
  const size_t n = folded.size();
  auto tokens_end_comma = [&](size_t i) { return !tokens[i].empty() && tokens[i].back() == ','; };
  auto connector = [&](size_t i) {
    return rules.Lookup("issuer_connectors", folded[i]) != nullptr;
  };
  // Field name after a head word at the start: "Sở Y tế", "Bộ Giáo dục và Đào tạo".
  size_t head = rules.Lookup("field_heads", Phrase(folded, 0, 2)) ? 2
                : (n > 0 && rules.Lookup("field_heads", folded[0])) ? 1 : 0;
  if (head > 0 && head < n && casing[head] == Casing::kLower) {
    casing[head] = Casing::kCapital;
    for (size_t i = head + 1; i + 1 < n; ++i) {
      const bool comma = tokens_end_comma(i);
      if ((folded[i] == "va" || folded[i] == "-" || comma) && casing[i + 1] == Casing::kLower) {
        casing[i + 1] = Casing::kCapital;
      }
    }
  }
  // Place names: everything after "tỉnh", "huyện ủy", ... up to a connector.
  for (size_t i = 0; i < n; ++i) {
    size_t len = rules.Lookup("name_after", Phrase(folded, i, 2)) ? 2
                 : rules.Lookup("name_after", folded[i]) ? 1 : 0;
    if (len == 0 || i + len >= n) continue;
    size_t j = i + len;
    // Up to a connector. (Not at another place word: "Quản" folds like "quận".)
    for (; j < n && !connector(j); ++j) {
      if (casing[j] == Casing::kLower) casing[j] = Casing::kCapital;
    }
    i = j - 1;
  }
  // Fixed phrases: "Trung ương", "Việt Nam".
  const size_t longest = rules.LongestKeyWords("proper_words");
  for (size_t i = 0; i < n; ++i) {
    for (size_t len = std::min(longest, n - i); len >= 2; --len) {
      const std::string* cased = rules.Lookup("proper_words", Phrase(folded, i, len));
      if (cased == nullptr) continue;
      std::vector<std::string_view> parts = Words(*cased);
      for (size_t k = 0; k < len && k < parts.size(); ++k) {
        if (casing[i + k] != Casing::kKeep) {
          casing[i + k] = StartsUpper(parts[k]) ? Casing::kCapital : Casing::kLower;
        }
      }
      break;
    }
  }
}

}  // namespace

std::string TitleCaseBody(std::string_view name, const RuleSet& rules) {
  std::vector<std::string_view> tokens = Words(name);
  if (tokens.empty()) return {};
  // A name already in mixed case was typed by a person: keep it.
  size_t lower_words = 0;
  for (std::string_view t : tokens) lower_words += HasLower(t) ? 1 : 0;
  if (lower_words * 2 > tokens.size()) return CollapseSpaces(name);

  std::vector<std::string> folded;
  std::vector<Casing> casing;
  for (std::string_view t : tokens) {
    folded.push_back(FoldText(TrimChars(t, ",;:")));
    casing.push_back(IsAbbreviation(t, rules) ? Casing::kKeep : Casing::kLower);
  }
  if (casing[0] == Casing::kLower) casing[0] = Casing::kCapital;
  MarkNames(tokens, folded, rules, casing);
  std::string out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0) out.push_back(' ');
    switch (casing[i]) {
      case Casing::kKeep: out.append(tokens[i]); break;
      case Casing::kCapital: out += CapitalWord(tokens[i]); break;
      case Casing::kLower: out += LowerWord(tokens[i]); break;
    }
  }
  return out;
}

namespace {

bool IsSyllableToken(std::string_view token, const RuleSet& rules) {
  Match m;
  for (const Pattern* p : rules.Family("syllable")) {
    if (p->Find(token, &m)) return true;
  }
  return false;
}

bool EndsInConsonant(std::string_view token) {
  const std::string f = FoldText(token);
  return !f.empty() && std::string_view("aeiouy").find(f.back()) == std::string_view::npos;
}

}  // namespace

std::string SplitGluedSyllables(std::string_view line, const RuleSet& rules) {
  std::string out;
  for (std::string_view token : Words(line)) {
    if (!out.empty()) out.push_back(' ');
    const bool candidate = token.size() >= 5 && !HasLower(token) && HasUpper(token) &&
                           !IsSyllableToken(token, rules);
    size_t cut = 0;
    for (size_t i = 1; candidate && i + 1 < token.size(); ++i) {
      if ((static_cast<unsigned char>(token[i]) & 0xC0) == 0x80) continue;  // inside a letter
      std::string_view head = token.substr(0, i), tail = token.substr(i);
      if (head.size() >= 2 && tail.size() >= 2 && EndsInConsonant(head) &&
          IsSyllableToken(head, rules) && IsSyllableToken(tail, rules)) {
        cut = i;
        break;
      }
    }
    if (cut == 0) {
      out.append(token);
    } else {
      out.append(token.substr(0, cut));
      out.push_back(' ');
      out.append(token.substr(cut));
    }
  }
  return out;
}

}  // namespace congvan::extract
