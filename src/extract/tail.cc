#include <algorithm>
#include <cstdio>

#include "extract/parts.h"
#include "extract/rules.h"
#include "extract/text.h"
#include "text/dates.h"
#include "text/fold.h"

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
// A title damaged by OCR or repair is the listed title it is one or two letters away from
// ("PHÓ GIÁM POC" → "Phó Giám đốc", "GIẢM bóc" → "Giám đốc").
std::string TitleCase(const RuleSet& rules, std::string_view upper) {
  const std::string key = CollapseSpaces(FoldText(upper));
  if (const std::string* t = NearestListValue(rules, "signer_titles", key)) return *t;
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
  // "- Như trên, Bí THƯ": OCR lower-cased part of a capitalised title; the words before the
  // capitals that, with them, spell a listed title belong to it.
  for (size_t k = std::min<size_t>(4, words.size()); k > n; --k) {
    std::string_view head = words[words.size() - k];
    const size_t at = head.data() - line.data();
    const std::string key = CollapseSpaces(FoldText(TrimChars(line.substr(at), ",;. ")));
    if (StartsUpper(head) && rules.Lookup("signer_titles", key)) return at;
  }
  std::string_view first = words[words.size() - n];
  const size_t at = first.data() - line.data();
  const std::string key = CollapseSpaces(FoldText(line.substr(at)));
  if (n < 2 && !rules.Lookup("signer_titles", key)) return std::string_view::npos;
  return at;
}

// The family name list's spelling of `word` (list surnames, folded key), or nullptr. OCR reads
// "Đ" as "P" ("Pao Văn Soài" for "Đào"), so a "P" that gives no family name is tried as "Đ".
const std::string* Surname(const RuleSet& rules, std::string_view word) {
  const std::string folded = FoldText(word);
  if (const std::string* s = rules.Lookup("surnames", folded)) return s;
  if (folded.size() > 1 && folded[0] == 'p' && folded[1] != 'h') {
    return rules.Lookup("surnames", "d" + folded.substr(1));
  }
  return nullptr;
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
  return Surname(rules, words[0]) != nullptr;
}

// A name whose family name is not listed ("Ngôn Nghiệp", "Bế Ngọc Huyền": families of the
// northern provinces), taken only right under the signer's title: two to four capitalised
// syllables, none of them a body's head word ("Phòng Địa chính" is a recipient).
bool IsNameUnderTitle(const RuleSet& rules, std::string_view s) {
  std::vector<std::string_view> words = Words(s);
  if (words.size() < 2 || words.size() > 4) return false;
  if (rules.Lookup("body_heads", FoldText(words[0])) != nullptr) return false;
  for (std::string_view w : words) {
    if (!StartsUpper(w) || !HasLower(w) || !IsSyllable(rules, w)) return false;
  }
  return true;
}

// A name printed in capitals under the title ("HIỆU TRƯỞNG" / "TRẦN PHƯỚC ĐỨC"), in normal
// case ("Trần Phước Đức"); empty when `s` is no such name (2–4 syllables, a family name first).
std::string CapitalName(const RuleSet& rules, std::string_view s) {
  std::vector<std::string_view> words = Words(s);
  if (words.size() < 2 || words.size() > 4 || HasLower(s) || Surname(rules, words[0]) == nullptr) return {};
  std::string out;
  for (std::string_view w : words) {
    if (!IsSyllable(rules, w)) return {};
    if (!out.empty()) out.push_back(' ');
    out += CapitalWord(w);
  }
  return out;
}

// A name as the registry keeps it: the family name spelled as the list spells it when OCR lost
// its marks ("Nguyen" → "Nguyễn") or read its "Đ" as "P" ("Pao" → "Đào") — a family name written
// with marks is kept as written ("Luồng" is no "Lương") — and the women's middle name "Thị"
// restored from "Thi" (it is written so in every name; "Thi" alone is not a middle name).
std::string NormalName(const RuleSet& rules, std::string_view s) {
  std::vector<std::string_view> words = Words(s);
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out.push_back(' ');
    const bool plain = std::all_of(words[i].begin(), words[i].end(), [](char c) { return (c & 0x80) == 0; });
    const bool listed = i == 0 && rules.Lookup("surnames", FoldText(words[0])) != nullptr;
    const std::string* surname = i == 0 && (plain || !listed) ? Surname(rules, words[0]) : nullptr;
    if (surname != nullptr && surname->size() > 1 && StartsUpper(*surname)) {
      out += *surname;
    } else if (i == 1 && words.size() >= 3 && words[i] == "Thi") {
      out += "Thị";
    } else {
      out += words[i];
    }
  }
  return out;
}

// At most this many lower-case words before a name are taken for a signature's scribble: OCR
// reads a signature as one or two short words ("gỗ gỡ" on the real scans); more lower-case words
// are text, not a scribble, and the line is not a name.
constexpr size_t kMaxScribbleWords = 3;

// A name after the last "; " of a recipient line (the right column merged into the left), once
// the lower-case scribble OCR read from the signature is dropped ("…; gỗ gỡ Phần Thi Kim Anh").
std::string_view NameAfterScribble(const RuleSet& rules, std::string_view tail) {
  std::vector<std::string_view> words = Words(tail);
  size_t skip = 0;
  while (skip < words.size() && skip < kMaxScribbleWords && !StartsUpper(words[skip])) ++skip;
  if (skip == words.size()) return {};
  std::string_view name = tail.substr(words[skip].data() - tail.data());
  return IsName(rules, name) ? name : std::string_view();
}

// "- Công báo; Cổng Thông tin điện tử Chính phủ": two recipients on one bullet line. A part
// after "; " is an item of its own when it starts with a capital, or with a lower-case word on a
// line that is no sub-list ("- Hội đồng Dân tộc; các Ủy ban của Quốc hội", not "- Bộ Tư pháp: Bộ
// trưởng, các Thứ trưởng; các đơn vị thuộc Bộ"); "…; (theo dõi)" stays, and a capital token of
// one or two letters ("…; RN", a stamp read by OCR) is dropped.
std::vector<std::string_view> RecipientParts(std::string_view line) {
  constexpr size_t kShortestItem = 3;  // bytes of the shortest real item ("Như trên", "UBND")
  std::vector<std::string_view> out;
  size_t from = 0;
  const bool sub_list = line.find(':') != std::string_view::npos || line.find('(') != std::string_view::npos;
  for (size_t semi = line.find("; "); semi != std::string_view::npos; semi = line.find("; ", semi + 2)) {
    const std::string_view next = Trim(line.substr(semi + 2));
    if (StartsUpper(next) || (!sub_list && StartsLower(next))) {
      out.push_back(line.substr(from, semi - from));
      from = semi + 2;
    }
  }
  const std::string_view last = line.substr(from);
  if (out.empty() || TrimChars(last, ";,.:'\"/ ").size() >= kShortestItem) out.push_back(last);
  return out;
}

// Whether `t` (the text after a recipient's last "; ") is noise: no two letters in a row
// ("W", ". /", "T '" — marks of the stamp or signature beside the list).
bool IsNoise(std::string_view t) {
  int run = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(t[i]);
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
    if (c >= 0x80 && (c & 0xC0) == 0x80) continue;  // continuation byte of the same letter
    run = letter ? run + 1 : 0;
    if (run >= 2) return false;
  }
  return true;
}

bool IsBulletStart(std::string_view t) {
  return !t.empty() && (t.front() == '-' || t.front() == '+' || t.front() == '"' ||
                        t.front() == '_' || t.front() == '~' || t.starts_with("•") || t.starts_with("–"));
}

std::string Recipient(std::string_view t) {
  t = TrimChars(t, "-+\"_~ ");  // "~": a dash as OCR reads it on a scan
  if (t.starts_with("•")) t = Trim(t.substr(3));
  if (t.starts_with("–")) t = Trim(t.substr(3));
  // "TT Huyện ủy, /": a stroke of the stamp or signature read after the item.
  return CollapseSpaces(TrimChars(t, ";:,. /\\|'`"));
}

// "Ngày ký: 08-06-2023 09:10:48 +07:00" → "2023-06-08T09:10:48+07:00".
std::optional<std::string> SignedAt(const Match& m) {
  std::optional<std::string> date = m.Has("day") ? text::IsoDate(m.Group("year"), m.Group("month"), m.Group("day"))
                                                 : text::IsoDate(m.Group("iyear"), m.Group("imonth"), m.Group("iday"));
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
  bool found = rules.FindFirst("signer_authority", t, Folded{}, &m) != nullptr;
  // "KT. GIẢM bóc": OCR broke the capitals of the title; it counts when the damaged title is
  // still near a listed one.
  if (!found && rules.FindFirst("signer_authority_damaged", t, Folded{}, &m)) {
    found = NearestListValue(rules, "signer_titles", CollapseSpaces(FoldText(m.Group("rest")))) != nullptr;
  }
  if (found) {
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
    if (FindRecipientsLabel(rules, cell, &m) && m.begin() <= 3) {
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
        st.signer.name = NormalName(rules, part);
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
  bool list_closed = false;  // "Lưu …" or the signature came: no more items without a bullet
  bool archive_seen = false;  // "Lưu …", the last item of every Nơi nhận list
  const size_t end = std::min(lines.size(), from + kMaxTailLines);
  // A list that starts on a bullet: its "Nơi nhận" was lost by OCR (FindRecipientList).
  if (IsBulletStart(Trim(lines[from]))) saw_list = true;
  for (size_t i = from; i < end; ++i) {
    std::string_view t = Trim(lines[i]);
    if (t.empty()) continue;
    Match m;
    const Folded f = Fold(t);
    // A table row that OCR read over several lines: the row goes on to the line ending in "|".
    if (t.starts_with("|") && !t.ends_with("|")) {
      std::string row(t);
      size_t j = i + 1;
      for (; j < end && !row.ends_with("|"); ++j) {
        const std::string_view next = Trim(lines[j]);
        if (!next.empty()) row += " " + std::string(next);
      }
      if (row.ends_with("|") && ReadTableRow(rules, row, st, letter)) {
        i = j - 1;
        continue;
      }
    }
    if (ReadTableRow(rules, t, st, letter)) continue;
    if (StartsUpper(t) && FindRecipientsLabel(rules, t, &m) && m.begin() <= 3) {
      // "Nơi nhận: | TM. ỦY BAN NHÂN DÂN |": a table row's bars are no recipient's.
      t = TrimChars(t.substr(m.end()), ": |");
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
    const bool signer_before = st.any;
    std::string_view left = TakeSignerPart(rules, t, st);
    // A line that is all signature ("TM. BAN BÍ THƯ …") follows the list; a signature part beside
    // an item ("- Như trên;  KT. CHỦ TỊCH", two columns read as one line) does not end it.
    if (saw_list && st.any && !signer_before && left.empty()) list_closed = true;
    if (left.empty()) continue;
    // "- UBND các xã, thị trấn; Phan Thị Kim Oanh": a name after the last "; ".
    size_t semi = left.rfind("; ");
    if (semi != std::string_view::npos) {
      const std::string_view tail = Trim(left.substr(semi + 2));
      const std::string_view name = NameAfterScribble(rules, tail);
      if (!name.empty()) {
        st.signer.name = NormalName(rules, name);
        st.any = true;
        left = left.substr(0, semi);
      } else if (IsBulletStart(left) && IsNoise(tail)) {
        left = left.substr(0, semi);  // "- Sở Nội vụ; W"
      }
    }
    // One leading space: a bullet glyph the text layer lost (" Ban Bí thư TW Đoàn;").
    const bool lost_bullet = lines[i].starts_with(' ') && !lines[i].starts_with("  ") && StartsUpper(left);
    // "  Trưởng Ban Dân vận TW (để b/c);" indented under " Đ/c …, Bí thư TW Đảng," goes on with it.
    const bool indented_more = lines[i].starts_with("  ") && saw_list && open_item;
    // A scan keeps neither the bullet glyph nor the indent: below "Nơi nhận", until the archive
    // item ("Lưu …") or the signature, a line opening with a capital is an item, and one after an
    // item ending in "," goes on with it ("Bộ Văn hoá, Thể thao và Du lịch," / "Bộ Thông tin …").
    // Only under a title and before any name: "TRẦN PHƯỚC ĐỨC" (a title is never a family name).
    std::string capital_name =
        st.signer.title && !st.signer.name ? CapitalName(rules, left) : std::string();
    if (capital_name.empty() && st.signer.title && !st.signer.name && !IsBulletStart(left) &&
        IsNameUnderTitle(rules, left)) {
      capital_name = std::string(left);
    }
    const bool bare_item = saw_list && !list_closed && StartsUpper(left) && !IsBulletStart(left) &&
                           !IsName(rules, left) && capital_name.empty();
    const bool goes_on = indented_more || (bare_item && open_item);
    open_item = false;
    if (goes_on && in_list && !letter.recipients.empty()) {
      letter.recipients.back() += ", " + Recipient(left);
      open_item = left.ends_with(',');
    } else if (((IsBulletStart(left) || (lost_bullet && saw_list) || bare_item) && in_list) ||
               (IsBulletStart(left) && saw_list && !archive_seen)) {
      // The second test: a list read in two parts around the signature's name (two columns of
      // a scan) goes on until its archive item.
      for (std::string_view part : RecipientParts(left)) {
        std::string r = Recipient(part);
        if (FoldText(r).starts_with("luu")) list_closed = archive_seen = true;
        if (!r.empty()) letter.recipients.push_back(std::move(r));
      }
      open_item = left.ends_with(',');
    } else if (IsName(rules, left)) {
      st.signer.name = NormalName(rules, left);
      st.any = true;
      in_list = false;
    } else if (!capital_name.empty()) {
      st.signer.name = capital_name;
      in_list = false;
    } else if (!letter.recipients.empty() && in_list && !StartsUpper(left)) {
      const std::string more = Recipient(left);  // a wrapped recipient, or a stray mark (":")
      if (!more.empty()) letter.recipients.back() += " " + more;
    }
  }
  if (st.any) letter.signer = st.signer;
  if (have_ds) letter.digital_signature = st.ds;
}

bool IsArchiveItem(std::string_view line) {
  const std::string_view t = Trim(line);
  if (!IsBulletStart(t)) return false;
  const std::string folded = FoldText(TrimChars(t, "-–+~_• "));
  return folded == "luu" || folded.starts_with("luu:") || folded.starts_with("luu,") ||
         folded.starts_with("luu vt") || folded.starts_with("luu van thu") || folded.starts_with("luu hs") ||
         folded.starts_with("luu ho so");
}

size_t FindRecipientList(const std::vector<std::string_view>& lines, size_t from, size_t to) {
  to = std::min(to, lines.size());
  const size_t first = to > kMaxTailLines ? to - kMaxTailLines : 0;
  for (size_t i = to; i-- > std::max(first, from);) {
    if (!IsArchiveItem(lines[i])) continue;
    // The archive item: the list is the run of bullet lines above it.
    size_t start = i;
    while (start > from && IsBulletStart(Trim(lines[start - 1]))) --start;
    return i - start >= 2 ? start : to;
  }
  return to;
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
