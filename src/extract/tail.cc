#include <algorithm>
#include <cstdio>

#include "extract/date.h"
#include "extract/fold.h"
#include "extract/parts.h"
#include "extract/rules.h"
#include "extract/text.h"

namespace congvan::extract {
namespace {

constexpr size_t kMaxTailLines = 80;   // a signature block and its Nơi nhận list
constexpr size_t kMarkLines = 15;      // urgency marks sit in the header

bool IsSyllable(const RuleSet& rules, std::string_view word) {
  Match m;
  for (const Pattern* p : rules.Family("syllable")) {
    if (p->Find(word, &m)) return true;
  }
  return false;
}

// The title in normal capitalisation: "PHÓ CHỦ TỊCH" → "Phó Chủ tịch" (list signer_titles),
// else the title case of body names ("ỦY BAN NHÂN DÂN" → "Ủy ban nhân dân").
std::string TitleCase(const RuleSet& rules, std::string_view upper) {
  const std::string key = CollapseSpaces(FoldText(upper));
  if (const std::string* t = rules.Lookup("signer_titles", key)) return *t;
  return TitleCaseBody(CollapseSpaces(upper), rules);
}

// Where an upper-case title at the end of `line` starts ("- UBND tỉnh; PHÓ CHỦ TỊCH"); npos when
// there is none. Its words are syllables in capitals ("VT", "UBND" are no title).
size_t TitleTail(const RuleSet& rules, std::string_view line) {
  std::vector<std::string_view> words = Words(line);
  size_t n = 0;
  while (n < words.size()) {
    std::string_view w = TrimChars(words[words.size() - 1 - n], ",;.");
    if (w.empty() || HasLower(w) || !HasUpper(w) || !IsSyllable(rules, w)) break;
    ++n;
  }
  if (n == 0) return std::string_view::npos;
  std::string_view first = words[words.size() - n];
  const size_t at = first.data() - line.data();
  const std::string key = CollapseSpaces(FoldText(line.substr(at)));
  if (n < 2 && !rules.Lookup("signer_titles", key)) return std::string_view::npos;
  return at;
}

// A personal name: 2–5 capitalised words, the first a family name ("Phan Thị Kim Oanh").
bool IsName(const RuleSet& rules, std::string_view s) {
  std::vector<std::string_view> words = Words(s);
  if (words.size() < 2 || words.size() > 5) return false;
  for (std::string_view w : words) {
    if (!StartsUpper(w) || !HasLower(w) || w.find_first_of("0123456789:;,.()/") != std::string_view::npos) {
      return false;
    }
  }
  return rules.Lookup("surnames", FoldText(words[0])) != nullptr;
}

bool IsBulletStart(std::string_view t) {
  return !t.empty() && (t.front() == '-' || t.front() == '+' || t.front() == '"' ||
                        t.front() == '_' || t.starts_with("•") || t.starts_with("–"));
}

std::string Recipient(std::string_view t) {
  t = TrimChars(t, "-+\"_ ");
  if (t.starts_with("•")) t = Trim(t.substr(3));
  if (t.starts_with("–")) t = Trim(t.substr(3));
  return CollapseSpaces(TrimChars(t, ";,. "));
}

// "Ngày ký: 08-06-2023 09:10:48 +07:00" → "2023-06-08T09:10:48+07:00".
std::optional<std::string> SignedAt(const Match& m) {
  std::optional<std::string> date = m.Has("day") ? IsoDate(m.Group("year"), m.Group("month"), m.Group("day"))
                                                 : IsoDate(m.Group("iyear"), m.Group("imonth"), m.Group("iday"));
  if (!date) return std::nullopt;
  std::string out = *date;
  std::string_view time = m.Group("time");
  if (!time.empty()) {
    out += "T" + std::string(time.size() == 4 ? "0" : "") + std::string(time);
    if (std::count(time.begin(), time.end(), ':') == 1) out += ":00";
  }
  std::string zone(m.Group("zone"));
  if (zone == "z" || zone == "Z") zone = "Z";
  if (zone.size() == 5) zone.insert(3, ":");  // "+0700" → "+07:00"
  if (!time.empty()) out += zone;
  return out;
}

struct SignatureState {
  Signer signer;
  bool any = false;
  DigitalSignature ds;
};

// Handles the right-column part of a line: an authority ("KT. CHỦ TỊCH") or a title. Returns
// the left part that remains.
std::string_view TakeSignerPart(const RuleSet& rules, std::string_view t, SignatureState& st) {
  Match m;
  if (rules.FindFirst("signer_authority", t, Folded{}, &m)) {
    std::string_view value = m.Group("value");
    std::string_view prefix = m.Group("prefix");
    std::string_view rest = Trim(value.substr(prefix.size()));
    std::string dot = !rest.empty() && rest.front() == '.' ? "." : "";
    rest = TrimChars(rest, ".:");
    st.signer.authority = std::string(prefix) + dot + " " + TitleCase(rules, rest);
    st.signer.title.reset();  // the title follows its authority
    st.any = true;
    return Trim(t.substr(0, value.data() - t.data()));
  }
  const size_t at = TitleTail(rules, t);
  if (at != std::string_view::npos && !st.signer.title) {
    st.signer.title = TitleCase(rules, TrimChars(t.substr(at), ",;. "));
    st.any = true;
    return TrimChars(t.substr(0, at), " ");
  }
  return t;
}

// Parts of a table cell separated by two or more spaces (cells of a converted document keep
// their lines so).
std::vector<std::string_view> CellParts(std::string_view cell) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < cell.size()) {
    size_t gap = cell.find("  ", i);
    std::string_view part = Trim(cell.substr(i, gap == std::string_view::npos ? gap : gap - i));
    if (!part.empty()) out.push_back(part);
    if (gap == std::string_view::npos) break;
    i = gap + 2;
  }
  return out;
}

// "| Nơi nhận: A; B; Lưu VP. | TM. BAN BÍ THƯ  BÍ THƯ  (đã ký)  Nguyễn Văn A |": a markdown
// table row holding both columns of the signature block. Returns false for other lines.
bool ReadTableRow(const RuleSet& rules, std::string_view t, SignatureState& st, Letter& letter) {
  if (!t.starts_with("|")) return false;
  const std::string folded = FoldText(t);
  const size_t nn = folded.find("noi nhan");
  if (nn == std::string::npos) return false;
  size_t start = 1;
  while (start < t.size()) {
    size_t bar = t.find('|', start);
    std::string_view cell = Trim(t.substr(start, bar == std::string_view::npos ? bar : bar - start));
    start = bar == std::string_view::npos ? t.size() : bar + 1;
    if (cell.empty()) continue;
    Match m;
    if (rules.FindFirst("body_end", cell, Fold(cell), &m) && m.begin() <= 3) {
      std::string_view list = cell.substr(m.end());
      for (size_t i = 0; i <= list.size();) {
        size_t semi = list.find(';', i);
        std::string r = Recipient(TrimChars(list.substr(i, semi == std::string_view::npos ? semi : semi - i), ": "));
        if (!r.empty()) letter.recipients.push_back(CollapseSpaces(r));
        if (semi == std::string_view::npos) break;
        i = semi + 1;
      }
      continue;
    }
    for (std::string_view part : CellParts(cell)) {
      if (rules.FindFirst("signer_authority", part, Folded{}, &m) && m.begin() == 0) {
        TakeSignerPart(rules, part, st);
      } else if (!st.signer.title && !HasLower(part) && TitleTail(rules, part) == 0) {
        st.signer.title = TitleCase(rules, part);
        st.any = true;
      } else if (IsName(rules, part)) {
        st.signer.name = std::string(part);
        st.any = true;
      }
    }
  }
  return true;
}

}  // namespace

void ReadSignature(const RuleSet& rules, const std::vector<std::string_view>& lines, size_t from,
                   Letter& letter) {
  if (from >= lines.size()) return;
  SignatureState st;
  bool have_ds = false;
  bool in_list = true;
  bool saw_list = false;  // "Nơi nhận" seen: lines with a lost bullet are recipients
  bool open_item = false;  // the last recipient line ended with "," (it goes on below)
  const size_t end = std::min(lines.size(), from + kMaxTailLines);
  for (size_t i = from; i < end; ++i) {
    std::string_view t = Trim(lines[i]);
    if (t.empty()) continue;
    Match m;
    const Folded f = Fold(t);
    if (ReadTableRow(rules, t, st, letter)) continue;
    if (StartsUpper(t) && rules.FindFirst("body_end", t, f, &m) && m.begin() <= 3) {
      t = TrimChars(t.substr(m.end()), ": ");
      in_list = true;
      saw_list = true;
      if (t.empty()) continue;
    }
    if (rules.FindFirst("signed_by", t, f, &m)) {
      st.ds.signed_by = std::string(m.Group("value"));
      have_ds = true;
      continue;
    }
    if (rules.FindFirst("signed_at", t, f, &m)) {
      if (auto at = SignedAt(m)) st.ds.signed_at = *at;
      continue;
    }
    std::string_view left = TakeSignerPart(rules, t, st);
    if (left.empty()) continue;
    // "- UBND các xã, thị trấn; Phan Thị Kim Oanh": a name after the last "; ".
    size_t semi = left.rfind("; ");
    if (semi != std::string_view::npos && IsName(rules, Trim(left.substr(semi + 2)))) {
      st.signer.name = std::string(Trim(left.substr(semi + 2)));
      st.any = true;
      left = left.substr(0, semi);
    }
    // One leading space: a bullet glyph the text layer lost (" Ban Bí thư TW Đoàn;").
    const bool lost_bullet = lines[i].starts_with(' ') && !lines[i].starts_with("  ") && StartsUpper(left);
    // "  Trưởng Ban Dân vận TW (để b/c);" indented under " Đ/c …, Bí thư TW Đảng," goes on with it.
    const bool indented_more = lines[i].starts_with("  ") && saw_list && open_item;
    open_item = false;
    if (indented_more && in_list && !letter.recipients.empty()) {
      letter.recipients.back() += ", " + Recipient(left);
      open_item = left.ends_with(',');
    } else if ((IsBulletStart(left) || (lost_bullet && saw_list)) && in_list) {
      std::string r = Recipient(left);
      if (!r.empty()) letter.recipients.push_back(std::move(r));
      open_item = left.ends_with(',');
    } else if (IsName(rules, left)) {
      st.signer.name = std::string(left);
      st.any = true;
      in_list = false;
    } else if (!letter.recipients.empty() && in_list && !StartsUpper(left)) {
      letter.recipients.back() += " " + Recipient(left);  // a wrapped recipient
    }
  }
  if (st.any) letter.signer = st.signer;
  if (have_ds) letter.digital_signature = st.ds;
}

void ReadMarks(const RuleSet& rules, const std::vector<std::string_view>& lines, Letter& letter) {
  Match m;
  for (size_t i = 0; i < lines.size() && i < kMarkLines; ++i) {
    if (!rules.FindFirst("mark", lines[i], Folded{}, &m)) continue;
    const std::string f = FoldText(m.Group("value"));
    const std::string value(m.Group("value"));
    if (f.find("mat") != std::string::npos) {
      letter.secrecy = value;
    } else {
      letter.urgency = value;
    }
  }
}

}  // namespace congvan::extract
