#include "extract/body.h"
#include "extract/body_words.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <optional>
#include <set>

#include "extract/text.h"
#include "text/fold.h"

namespace congvan::extract {
namespace {

constexpr size_t kMaxSummary = 200;  // SCHEMA.md: first ~200 characters

// The levels of administrative places, folded, each with its trailing space.
constexpr std::string_view kPlaceLevels[] = {"tinh ", "thanh pho ", "huyen ", "quan ", "thi xa ", "xa ",
                                             "phuong ", "thi tran ", "dac khu ", "thon "};

bool IsWordByte(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// A count written in digits ("12" of "12 thôn").
bool IsNumber(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

// --- words of folded text ---

std::vector<Tok> Tokenize(const std::string& folded) {
  std::vector<Tok> out;
  size_t i = 0;
  while (i < folded.size()) {
    if (!IsWordByte(folded[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < folded.size() && IsWordByte(folded[j])) ++j;
    out.push_back({std::string_view(folded).substr(i, j - i), i, j});
    i = j;
  }
  return out;
}

std::string Phrase(const std::vector<Tok>& t, size_t i, size_t n) {
  std::string p;
  for (size_t k = i; k < i + n && k < t.size(); ++k) {
    if (!p.empty()) p.push_back(' ');
    p += t[k].f;
  }
  return p;
}

// Length in words of the phrase of list `name` that starts at token i (longest first), or 0.
// Runs for every word of every item: it looks the folded text up in place when the words are
// separated by single spaces, and builds the phrase only when they are not.
// Whether the folded words from token i are `words` (no string is built: this runs per word).
bool WordsAt(const std::vector<Tok>& t, size_t i, std::initializer_list<std::string_view> words) {
  if (i + words.size() > t.size()) return false;
  for (std::string_view w : words) {
    if (t[i++].f != w) return false;
  }
  return true;
}


PhraseList Resolve(const RuleSet& rules, std::string_view name) {
  return {rules.Index(name), rules.FirstWords(name), rules.LongestKeyWords(name)};
}

size_t PhraseAt(const PhraseList& list, const std::vector<Tok>& t, size_t i) {
  const WordIndex* index = list.phrases;
  if (index == nullptr || i >= t.size()) return 0;
  // Most words start no phrase of the list: one look-up of the word says so.
  if (list.first_words != nullptr && list.first_words->find(t[i].f) == list.first_words->end()) return 0;
  for (size_t n = std::min(list.max_words, t.size() - i); n >= 1; --n) {
    const char* begin = t[i].f.data();
    const std::string_view view(begin, t[i + n - 1].f.data() + t[i + n - 1].f.size() - begin);
    bool plain = true;
    for (size_t k = i; k + 1 < i + n; ++k) {
      plain = plain && t[k + 1].fb == t[k].fe + 1 && view[t[k].fe - t[i].fb] == ' ';
    }
    const bool found = plain ? index->find(view) != index->end()
                             : index->find(Phrase(t, i, n)) != index->end();
    if (found) return n;
  }
  return 0;
}

size_t PhraseAt(const RuleSet& rules, std::string_view name, const std::vector<Tok>& t, size_t i) {
  return PhraseAt(Resolve(rules, name), t, i);
}

bool SpelledAsListed(const RuleSet& rules, std::string_view name, const Tok& tok, std::string_view word) {
  const std::string* spelled = rules.Lookup(name, std::string(tok.f));
  // A key without "= spelling" has itself as value.
  return spelled == nullptr || *spelled == tok.f || LowerWord(word) == *spelled;
}

// First token index in [from, to) where a phrase of `name` starts; t.size() when none.
size_t FindPhrase(const RuleSet& rules, std::string_view name, const std::vector<Tok>& t,
                  size_t from, size_t to) {
  const PhraseList list = Resolve(rules, name);  // resolved once, not once per word
  for (size_t i = from; i < to && i < t.size(); ++i) {
    if (PhraseAt(list, t, i) > 0) return i;
  }
  return t.size();
}

// --- body names ---

// Upper-cases the first letter of `s` ("các đơn vị" → "Các đơn vị"); the rest is kept.
std::string CapitalizeFirst(std::string_view s) {
  std::string out(s);
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || !u_isalpha(c)) continue;
    UChar32 up = u_toupper(c);
    if (up == c) return out;
    char buf[4];
    int32_t len = 0;
    UBool err = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, up, err);
    if (err) return out;
    out.replace(start, i - start, buf, len);
    return out;
  }
  return out;
}

// Whether `phrase` opens with a body head word: "Phòng …", "UBND …", "các …".
bool StartsWithHead(const RuleSet& rules, std::string_view phrase) {
  const std::string folded = FoldText(phrase);
  // "2.7. Phông Tài nguyên và Môi trường", "2.10. Phải Truyền thanh — Truyền hình": a heading
  // whose head word OCR and repair turned into another word is still a listed body.
  if (folded.size() <= kMaxKnownBodyBytes && StartsUpper(phrase) &&
      NearestListValue(rules, "known_bodies", CollapseSpaces(folded), /*squeeze=*/true)) {
    return true;
  }
  const std::vector<Tok> t = Tokenize(folded);
  if (t.empty()) return false;
  // "Bản thống kê …", "Bản tin khẩn cấp": a paper, not a board; the head word's own spelling
  // says so ([list head_lookalikes]).
  const Folded f = Fold(phrase);
  const std::string_view first = phrase.substr(f.OriginBegin(t[0].fb), f.OriginEnd(t[0].fe) - f.OriginBegin(t[0].fb));
  if (rules.Lookup("head_lookalikes", LowerWord(first))) return false;
  // "Tất cả các cơ quan, đơn vị …": "all" before a group of bodies.
  if (t.size() > 3 && WordsAt(t, 0, {"tat", "ca", "cac"})) {
    return StartsWithHead(rules, phrase.substr(Fold(phrase).OriginBegin(t[2].fb)));
  }
  if (PhraseAt(rules, "body_heads", t, 0) == 0) {
    // "bảng ủy các xã" (OCR "bang uy" for "Đảng ủy", then repaired): OCR reads "Đ" as "b" or
    // "P"; a head of two or more words that fits once its first letter is "đ" is that head.
    if (t[0].f.size() < 2 || (t[0].f[0] != 'b' && t[0].f[0] != 'p') || t[0].f[1] == 'h') return false;
    std::string as_d = folded;
    as_d[t[0].fb] = 'd';
    const std::vector<Tok> td = Tokenize(as_d);
    return PhraseAt(rules, "body_heads", td, 0) >= 2 && PhraseAt(rules, "not_body_heads", td, 0) == 0;
  }
  // "Trường hợp …" is no "Trường"; "Tổ chức thu phí" is a body all the same (the longer key);
  // after "Các" too ("Các trường hợp …" are none, "Các tổ chức …" are a group).
  if (PhraseAt(rules, "not_body_heads", t, 0) >= PhraseAt(rules, "body_heads", t, 0)) return false;
  if (t[0].f == "cac" && t.size() > 1 &&
      PhraseAt(rules, "not_body_heads", t, 1) >
          std::max(PhraseAt(rules, "body_heads", t, 1), PhraseAt(rules, "group_nouns", t, 1))) {
    return false;
  }
  // A bare role or party with no name: "Cơ quan, tổ chức và cá nhân …", "Thường trực, …".
  std::string bare;
  for (const Tok& tok : t) bare += (bare.empty() ? "" : " ") + std::string(tok.f);
  if (rules.Lookup("not_bodies", bare)) return false;
  // "Các …" must go on with an office or a group of them: "Các phòng", "các đơn vị", "các tỉnh";
  // "Các quy định tại Thông tư này …" is no body.
  if (t[0].f == "cac" && (t.size() < 2 || (PhraseAt(rules, "body_heads", t, 1) == 0 &&
                                           PhraseAt(rules, "group_nouns", t, 1) == 0))) {
    return false;
  }
  // "Số" folds like "Sở", "Bao gồm" like "Báo …": a one-word head with its spelling given must
  // be written so, unless the OCR lost every tone mark of the phrase (not of one word: "Bao"
  // is plain ASCII in "Bao gồm" too).
  // After "Các" too: "Các sổ quốc tịch" are registers, "Các Sở" offices.
  const size_t h = t[0].f == "cac" && t.size() > 1 ? 1 : 0;
  const std::string* spelled = rules.Lookup("body_heads", std::string(t[h].f));
  if (spelled && *spelled != t[h].f && PhraseAt(rules, "body_heads", t, h) == 1) {
    std::vector<std::string_view> words = Words(Trim(phrase));
    std::string_view first = words.size() <= h ? std::string_view() : TrimChars(words[h], ",:;.");
    const std::string_view marked = Utf8Prefix(phrase, kPrefixBytes);
    const bool ascii = std::all_of(marked.begin(), marked.end(), [](char c) { return (c & 0x80) == 0; });
    if (!ascii && LowerWord(first) != *spelled) return false;
  }
  // "(yêu cầu) lãnh đạo các sở, ban, ngành", "thủ trưởng đơn vị": a title in lower case before
  // the bodies it heads.
  const size_t title = PhraseAt(rules, "opening_titles", t, 0);
  if (title > 0 && title < t.size() &&
      (t[title].f == "cac" || PhraseAt(rules, "body_heads", t, title) > 0 ||
       PhraseAt(rules, "group_nouns", t, title) > 0)) {
    return true;
  }
  return t[0].f == "cac" || StartsUpper(phrase);
}

// "các xã,phường, thị trấn" as printed: a comma glued to the next word gets its space, as in the
// rest of the name; one between digits ("1,5") is a number's and stays.
std::string SpaceAfterCommas(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 4);
  for (size_t i = 0; i < s.size(); ++i) {
    out.push_back(s[i]);
    const bool digit_before = i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9';
    if (s[i] == ',' && i + 1 < s.size() && s[i + 1] != ' ' && !digit_before) out.push_back(' ');
  }
  return out;
}

std::string_view CleanBody(std::string_view s) {
  s = TrimChars(s, ",;:.-–—+•*\"'“”");
  // "Các cơ quan, đơn vị và" left by a generic party cut off after it; "Công an đơn vị, địa
  // phương trong" by the duty of a heading ("Trách nhiệm của … trong quản lý hội thảo").
  for (std::string_view dangling : {" và", " trong"}) {
    if (s.ends_with(dangling)) s = TrimChars(s.substr(0, s.size() - dangling.size()), ", ");
  }
  // A note in brackets at the end ("Phòng Nội vụ (thường trực)") is no part of the name.
  if (!s.empty() && s.back() == ')') {
    size_t open = s.rfind('(');
    if (open != std::string_view::npos && open > 0) s = TrimChars(s.substr(0, open), ",;:. ");
  }
  return s;
}

namespace {

// Byte offsets in `phrase` where another body starts: after ", " or " và " before a head word.
// "Người đứng đầu tổ chức do Chính phủ, Thủ tướng Chính phủ thành lập mà không phải là …": the
// body at token i belongs to who set the named one up ("do" a few words before it, a verb of its
// own right after it), not to the list of those asked.
bool AgentOfRelativeClause(const RuleSet& rules, std::string_view phrase, const Folded& f, const std::vector<Tok>& t,
                           size_t i) {
  constexpr size_t kReach = 8;  // words between "do" and the body, and between the body and its verb
  bool agent = false;
  for (size_t k = i > kReach ? i - kReach : 0; k < i && !agent; ++k) {
    agent = t[k].f == "do" && phrase.substr(f.OriginBegin(t[k].fb), 2) == "do";
  }
  if (!agent) return false;
  for (size_t j = i + 1; j < t.size() && j <= i + kReach; ++j) {
    if (f.text.find(',', t[j - 1].fe) < t[j].fb) return false;  // the body's own name ends first
    if (PhraseAt(rules, "actions", t, j) > 0 && !InsideNoun(rules, t, j)) return true;
  }
  return false;
}

std::vector<size_t> SplitPoints(const RuleSet& rules, std::string_view phrase, const Folded& f,
                                const std::vector<Tok>& t) {
  std::vector<size_t> cuts;
  for (size_t i = 1; i < t.size(); ++i) {
    const size_t head = PhraseAt(rules, "body_heads", t, i);
    // "Cục Đo đạc, Bản đồ và Thông tin địa lý Việt Nam": "bản đồ" is no "Ban".
    if (head == 0 || PhraseAt(rules, "not_heads_in_names", t, i) >= head) continue;
    // "Cục Trồng trọt và Bảo vệ thực vật": a one-word head with its spelling given ("báo") must be
    // written so.
    if (head == 1) {
      const std::string_view word =
          phrase.substr(f.OriginBegin(t[i].fb), f.OriginEnd(t[i].fe) - f.OriginBegin(t[i].fb));
      if (!SpelledAsListed(rules, "body_heads", t[i], word)) continue;
    }
    const bool comma = f.text.find(',', t[i - 1].fe) < t[i].fb;
    // "Bộ, cơ quan trung ương hoặc cơ quan cấp trên của chủ đầu tư": either body does it, so
    // each has the task, as with "và".
    const bool va = (t[i - 1].f == "va" || t[i - 1].f == "hoac") && !comma;
    if (!comma && !va) continue;
    const size_t at = f.OriginBegin(t[i].fb);
    // "X và các Y" names two bodies, but not "Chủ tịch và các thành viên …" (one body's
    // members) nor "… và các cơ quan có liên quan" (a generic party).
    const bool members_or_party =
        va && t[i].f == "cac" && i + 2 < t.size() &&
        ((t[i + 1].f == "thanh" && t[i + 2].f == "vien") ||
         f.text.substr(t[i].fb, 40).find("lien quan") != std::string::npos);
    if (members_or_party) continue;
    // "Uỷ ban nhân dân thành phố và các huyện": one council's name over two levels of place; a
    // place word alone ("các huyện") is no body of its own.
    const bool council_places = va && t[i].f == "cac" && i + 1 < t.size() &&
                                PhraseAt(rules, "place_heads", t, i + 1) > 0 &&
                                (f.text.substr(0, t[i].fb).find("uy ban nhan dan") != std::string::npos ||
                                 f.text.substr(0, t[i].fb).find("ubnd") != std::string::npos);
    if (council_places) continue;
    // "Các Quận ủy, Huyện ủy", "các trường ĐH, CĐ": a bare head after "Các …," is one more kind
    // of the same group; but an organ that takes its level from the next body is one of its own
    // after a group of another kind ("các cơ quan, ban, ngành huyện, Đảng ủy, UBND xã Bình Phú").
    size_t piece_begin = i - 1;  // the first word after the comma before this one
    while (piece_begin > 0 && f.text.find(',', t[piece_begin - 1].fe) >= t[piece_begin].fb) --piece_begin;
    // The group's "các" opens the phrase or the piece, or follows an office-holder's title there
    // when the piece is no more than title, "các" and one kind ("Cục trưởng các Vụ, Cục …"; not
    // "Thủ trưởng các đơn vị thuộc Ngân hàng Nhà nước, tổ chức tín dụng": a named group, then a
    // body of its own).
    size_t titled_cac = piece_begin;
    if (const size_t title = std::max(PhraseAt(rules, "person_titles", t, piece_begin),
                                      PhraseAt(rules, "department_titles", t, piece_begin));
        title > 0) {
      titled_cac += title;
    }
    const bool titled_kind = titled_cac > piece_begin && titled_cac + 1 < i && t[titled_cac].f == "cac" &&
                             titled_cac + 1 + std::max(PhraseAt(rules, "body_heads", t, titled_cac + 1),
                                                       PhraseAt(rules, "group_nouns", t, titled_cac + 1)) == i;
    if (comma && i > 1 && (t[0].f == "cac" || (t[piece_begin].f == "cac" && piece_begin + 1 < i) || titled_kind)) {
      const size_t piece_end = i + head;
      // "các Vụ, Cục thuộc Bộ Y tế": the group's own tail after its last kind.
      const bool group_tail = head == 1 && piece_end < t.size() && (t[piece_end].f == "thuoc" ||
                                                       (t[piece_end].f == "truc" && piece_end + 1 < t.size() &&
                                                        t[piece_end + 1].f == "thuoc"));
      const bool bare = piece_end == t.size() || f.text.find(',', t[piece_end - 1].fe) < t[piece_end].fb ||
                        t[piece_end].f == "va" || group_tail;
      const size_t group_cac = t[0].f == "cac" ? 0 : t[piece_begin].f == "cac" ? piece_begin : titled_cac;
      const bool lower_group = !StartsUpper(phrase.substr(f.OriginBegin(t[group_cac + 1].fb)));
      const bool own_organ = lower_group && rules.Lookup("levelless_organs", Phrase(t, i, head)) != nullptr;
      if (bare && !own_organ) continue;
    }
    const bool lower_cac = t[i].f == "cac" && (comma || va);
    const size_t office = (comma || va) ? PhraseAt(rules, "lower_case_offices", t, i) : 0;
    bool lower_office = office > 0;
    if (const std::string* when = lower_office ? rules.Lookup("lower_case_offices", Phrase(t, i, office)) : nullptr;
        when != nullptr && *when == "after a name") {
      // "Thủ trưởng các đơn vị thuộc Ngân hàng Nhà nước, tổ chức tín dụng, …" names a new body;
      // "Thủ trưởng các doanh nghiệp, tổ chức tín dụng có hoạt động …" goes on with one group.
      lower_office = false;
      for (size_t k = piece_begin + 1; k < i && !lower_office; ++k) lower_office = StartsUpper(phrase.substr(f.OriginBegin(t[k].fb)));
    }
    if (!lower_cac && !lower_office && !StartsUpper(phrase.substr(at))) continue;
    // "Văn phòng HĐND và UBND huyện", "Sở, Ban, Ngành" are one body (keys are words without
    // their commas).
    bool inside = false;
    std::string words_only = f.text;
    std::replace(words_only.begin(), words_only.end(), ',', ' ');
    const std::string collapsed = CollapseSpaces(words_only);
    for (const auto& [key, value] : rules.List("body_nosplit")) {
      for (size_t p = collapsed.find(key); p != std::string::npos; p = collapsed.find(key, p + 1)) {
        // Compare in token space: the key's words against the tokens around i.
        const size_t words = std::count(key.begin(), key.end(), ' ') + 1;
        for (size_t s = (i >= words ? i - words + 1 : 0); s < i; ++s) {
          if (Phrase(t, s, words) == key && s + words > i) inside = true;
        }
        break;
      }
    }
    if (!inside && !AgentOfRelativeClause(rules, phrase, f, t, i)) cuts.push_back(va ? f.OriginBegin(t[i - 1].fb) : at);
  }
  return cuts;
}

// "Chủ tịch và các thành viên Hội đồng tư vấn đặc xá" → "Chủ tịch Hội đồng tư vấn đặc xá", "Các
// thành viên Hội đồng tư vấn đặc xá": a bare title, "và các", then members of a named body (its
// name starts at the first capital); empty when the piece is not so.
std::vector<std::string> TitleAndMembers(const RuleSet& rules, std::string_view piece) {
  const size_t va = piece.find(" và các ");
  if (va == std::string_view::npos || va == 0) return {};
  const std::string_view title = Trim(piece.substr(0, va));
  if (!rules.Lookup("person_titles", CollapseSpaces(FoldText(title)))) return {};
  const std::string_view members = Trim(piece.substr(va + 4));
  const std::vector<std::string_view> words = Words(members);
  for (size_t k = 2; k < words.size(); ++k) {
    if (!StartsUpper(words[k])) continue;
    const std::string_view body = members.substr(words[k].data() - members.data());
    return {std::string(title) + " " + std::string(body), CapitalizeFirst(members)};
  }
  return {};
}

// "Thường trực Hội đồng nhân dân cấp tỉnh, cấp xã" → the body at each level; empty when the
// name lists no levels so. Each level is one or two words ("cấp tỉnh", "cấp trung ương").
std::vector<std::string> Levels(std::string_view body) {
  constexpr std::string_view kLevel = " cấp ";
  size_t sep = body.find(", cấp ");
  const size_t va = body.find(" và cấp ");
  if (va < sep) sep = va;
  if (sep == std::string_view::npos) return {};
  const size_t first = body.rfind(kLevel, sep);
  if (first == std::string_view::npos || first == 0) return {};
  const std::string_view head = body.substr(0, first);
  std::vector<std::string> out;
  std::string_view rest = body.substr(first + 1);  // "cấp tỉnh, cấp xã"
  while (!rest.empty()) {
    size_t next = std::min(rest.find(", cấp "), rest.find(" và cấp "));
    const std::string_view level = Trim(rest.substr(0, next));
    const size_t words = Words(level).size();
    if (words < 2 || words > 3) return {};
    out.push_back(std::string(head) + " " + std::string(level));
    if (next == std::string_view::npos) break;
    rest = rest.substr(next + (rest.substr(next).starts_with(", ") ? 2 : 4));
  }
  return out.size() >= 2 ? out : std::vector<std::string>{};
}

// "Chủ tịch UBND các huyện, thị xã, thành phố, xã, phường, thị trấn" → the district-level
// councils and the commune-level ones, each a body (as "cấp tỉnh, cấp xã" in Levels); empty
// unless the words after "các" are all kinds of place, district-level first, then communal.
std::vector<std::string> PlaceLevels(std::string_view body) {
  constexpr std::string_view kCac = " các ";
  const size_t cac = body.find(kCac);
  if (cac == std::string_view::npos || cac == 0) return {};
  const std::string_view head = body.substr(0, cac);
  std::string_view rest = body.substr(cac + kCac.size());
  std::vector<std::string_view> district, commune;
  while (!rest.empty()) {
    const size_t comma = rest.find(", ");
    const std::string_view kind = Trim(rest.substr(0, comma));
    const std::string folded = FoldText(kind);
    const bool is_district = folded == "huyen" || folded == "quan" || folded == "thi xa" || folded == "thanh pho";
    const bool is_commune = folded == "xa" || folded == "phuong" || folded == "thi tran";
    if (is_district && commune.empty()) {
      district.push_back(kind);
    } else if (is_commune && !district.empty()) {
      commune.push_back(kind);
    } else {
      return {};
    }
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 2);
  }
  if (district.empty() || commune.empty()) return {};
  auto join = [&](const std::vector<std::string_view>& kinds) {
    std::string out = std::string(head) + " các ";
    for (size_t i = 0; i < kinds.size(); ++i) out += (i > 0 ? ", " : "") + std::string(kinds[i]);
    return out;
  };
  return {join(district), join(commune)};
}

// "Các xã, phường, cơ quan, đơn vị" → "Các xã, phường", "Các cơ quan, đơn vị": bare groups
// after "các", one body per kind ([list group_kinds]); people in the list are left out, and
// what follows the last group ("… tại các khu vực bị ảnh hưởng") is every group's. Empty when
// the body is no such list, holds one kind only, or names a group the list does not know.
std::vector<std::string> GroupsByKind(const RuleSet& rules, std::string_view body) {
  const Folded f = Fold(body);
  const std::vector<Tok> t = Tokenize(f.text);
  if (t.size() < 3 || t[0].f != "cac" || StartsUpper(body.substr(f.OriginBegin(t[1].fb)))) return {};
  // `counted`: a group the letter counts ("12 thôn", "7 phường") is named by its count, not
  // by "các", and is a body of its own even when its kind is the one before it.
  struct Group { std::string kind; std::vector<std::string_view> nouns; bool counted = false; };
  std::vector<Group> groups;
  size_t i = 1;
  size_t last_end = 0;  // byte offset in `body` after the last group noun
  while (i < t.size()) {
    const bool counted = i > 1 && IsNumber(t[i].f) && i + 1 < t.size();
    size_t n = PhraseAt(rules, "group_kinds", t, counted ? i + 1 : i);
    if (n == 0) break;
    const std::string* kind = rules.Lookup("group_kinds", Phrase(t, counted ? i + 1 : i, n));
    if (kind == nullptr) return {};
    if (counted) ++n;
    const size_t begin = f.OriginBegin(t[i].fb);
    last_end = f.OriginEnd(t[i + n - 1].fe);
    if (counted || groups.empty() || groups.back().kind != *kind || groups.back().counted) {
      groups.push_back({*kind, {}, counted});
    }
    groups.back().nouns.push_back(body.substr(begin, last_end - begin));
    i += n;
    if (i >= t.size()) break;
    // The next noun follows ", " or " và "; anything else ends the list (its qualifier).
    const bool comma = f.text.find(',', t[i - 1].fe) < t[i].fb;
    if (!comma && t[i].f != "va") break;
    if (t[i].f == "va") ++i;
  }
  size_t kinds = 0;
  for (const Group& g : groups) kinds += g.kind != "people";
  if (kinds < 2) return {};
  const std::string_view qualifier = Trim(body.substr(last_end));
  // "Các thôn, đơn vị Trường học": a capitalised word names the last group, not all of them.
  if (!qualifier.empty() &&
      (qualifier.front() == ',' || FoldText(qualifier).starts_with("va ") || StartsUpper(qualifier))) {
    return {};
  }
  std::vector<std::string> out;
  for (const Group& g : groups) {
    if (g.kind == "people") continue;
    std::string one = g.counted ? "" : "Các ";
    for (size_t k = 0; k < g.nouns.size(); ++k) one += (k > 0 ? ", " : "") + std::string(g.nouns[k]);
    if (!qualifier.empty()) one += " " + std::string(qualifier);
    out.push_back(std::move(one));
  }
  return out;
}

std::string PersonTitle(const RuleSet& rules, std::string_view piece) {
  const Folded f = Fold(piece);
  const std::vector<Tok> t = Tokenize(f.text);
  const size_t n = t.empty() ? 0 : PhraseAt(rules, "person_titles", t, 0);
  if (n == 0 || n >= t.size() || t[n].f != "cac") return {};
  return std::string(Trim(piece.substr(0, f.OriginBegin(t[n].fb))));
}


// Whether every word of `s` starts with a capital and goes on in lower case ("Sơn La", "Quảng
// Ngãi"; not "Thể thao", nor the initials of "Sở NN và PTNT", which are no place).
bool AllCapitalised(std::string_view s) {
  const std::vector<std::string_view> words = Words(Trim(s));
  if (words.empty() || words.size() > 4) return false;
  return std::all_of(words.begin(), words.end(), [](std::string_view w) { return StartsUpper(w) && HasLower(w); });
}

// Byte offsets where a bare place name follows ", " or " và " at the end of a name that
// itself ends in a place: "Tỉnh đoàn Hà Giang, Sơn La và Nghệ An" → cuts before "Sơn La" and
// "và Nghệ An". Each piece after the cut is a name in capitals of at most four words.
namespace {


// Bytes of the place level `s` opens with ("thành phố Đà Nẵng" → those of "thành phố "), when a
// capitalised name follows it; 0 otherwise.
size_t LevelAt(std::string_view s) {
  const Folded f = Fold(s);
  for (std::string_view level : kPlaceLevels) {
    if (!std::string_view(f.text).starts_with(level) || f.text.size() <= level.size()) continue;
    const size_t name = f.OriginBegin(level.size());
    if (StartsUpper(s.substr(name))) return name;
  }
  return 0;
}

}  // namespace

// The words of `body` before its last named place ("Chủ tịch Ủy ban nhân dân" of "Chủ tịch Ủy ban
// nhân dân Thành phố Hồ Chí Minh"): the head that a place after a comma shares. Empty when the
// name does not end with a place level and its capitalised name.
std::string LevelPrefix(std::string_view body) {
  const std::vector<std::string_view> words = Words(Trim(body));
  for (size_t k = words.size(); k-- > 1;) {
    const std::string_view from = body.substr(words[k].data() - body.data());
    const size_t name = LevelAt(from);
    if (name == 0) {
      // A capitalised name goes on; "phố" of "Thành phố" is the level's second word.
      const bool second_level_word = LevelAt(body.substr(words[k - 1].data() - body.data())) > 0;
      if (!StartsUpper(words[k]) && !second_level_word) return {};
      continue;
    }
    if (!AllCapitalised(from.substr(name))) return {};
    // "Chủ tịch Ủy ban nhân dân các huyện, thành phố Mỹ Tho, thị xã Gò Công" names one group of
    // places, each asked alike; it is not split.
    const std::string_view prefix = Trim(body.substr(0, words[k].data() - body.data()));
    const std::string folded = FoldText(prefix);  // the tokens point into it
    const std::vector<Tok> t = Tokenize(folded);
    if (std::any_of(t.begin(), t.end(), [](const Tok& w) { return w.f == "cac"; })) return {};
    return std::string(prefix);
  }
  return {};
}

std::vector<size_t> PlaceCuts(const RuleSet& rules, std::string_view part) {
  std::vector<size_t> cuts;
  size_t pos = 0;
  while (pos < part.size()) {
    const size_t comma = part.find(',', pos), va = part.find(" và ", pos);
    const size_t at = std::min(comma, va);
    if (at == std::string_view::npos) break;
    const size_t name_begin = at + (at == comma ? 1 : 4);
    size_t name_end = std::min(part.find(',', name_begin), part.find(" và ", name_begin));
    if (name_end == std::string_view::npos) name_end = part.size();
    // The words before the cut must end in a place too ("… Hà Giang").
    const std::string_view before = part.substr(0, at);
    const size_t sp = before.rfind(' ');
    const std::string_view last_word = sp == std::string_view::npos ? before : before.substr(sp + 1);
    // A body head is no place: "các Sở, Ban, Ngành" is one group.
    const std::string_view name = Trim(part.substr(name_begin, name_end - name_begin));
    // "Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh, thành phố Đà Nẵng": a second place of a
    // level after a name that ends with a place shares its head.
    const bool another_place = LevelAt(name) > 0 && !LevelPrefix(before).empty();
    if ((AllCapitalised(name) && StartsUpper(last_word) && !StartsWithHead(rules, name)) || another_place) {
      cuts.push_back(at == comma ? at + 1 : at + 1);
    }
    pos = name_begin;
  }
  return cuts;
}

// "các huyện Chương Mỹ" → "huyện Chương Mỹ": one place of a level, named, is one body.
std::string OnePlace(const std::string& body) {
  const std::string folded = FoldText(body);
  if (!folded.starts_with("cac ")) return body;
  for (std::string_view level : kPlaceLevels) {
    if (!std::string_view(folded).substr(4).starts_with(level)) continue;
    const std::vector<std::string_view> words = Words(body);
    const size_t level_words = Words(level).size();
    if (words.size() <= 1 + level_words || !StartsUpper(words[1 + level_words])) return body;
    return CapitalizeFirst(std::string_view(body).substr(words[1].data() - body.data()));
  }
  return body;
}

// The words of `body` before its final run of capitalised words ("Tỉnh đoàn" of "Tỉnh đoàn Hà
// Giang"); empty when there is no such run or nothing before it.
std::string PlacePrefix(std::string_view body) {
  const std::vector<std::string_view> words = Words(Trim(body));
  size_t k = words.size();
  while (k > 0 && StartsUpper(words[k - 1])) --k;
  if (k == 0 || k == words.size()) return {};
  return std::string(Trim(body.substr(0, words[k].data() - body.data())));
}


// "Vụ trưởng" before "Cục trưởng các Vụ, Cục thuộc Bộ Y tế": a department head's bare title
// before another such title heading a group of departments, which the two share.
bool DepartmentTitleOfGroup(const RuleSet& rules, const std::string& folded, std::string_view next) {
  if (rules.Lookup("department_titles", folded) == nullptr) return false;
  const std::string next_folded = FoldText(Utf8Prefix(next, 60));  // the tokens point into it
  const std::vector<Tok> t = Tokenize(next_folded);
  const size_t title = PhraseAt(rules, "department_titles", t, 0);
  return title > 0 && title < t.size() && t[title].f == "cac";
}

// Bodies that share what the next one says: a bare title before another title of the same
// bodies ("Giám đốc, Thủ trưởng các Sở, ban, ngành Thành phố" is one assignee) and a bare organ
// before another organ with its place ("Hội đồng nhân dân, Ủy ban nhân dân thành phố Đà Nẵng":
// the council of Đà Nẵng too).
void ShareWithNext(const RuleSet& rules, std::vector<std::string>& bodies) {
  for (size_t i = 0; i + 1 < bodies.size();) {
    const std::string folded = CollapseSpaces(FoldText(bodies[i]));
    if (rules.Lookup("person_titles", folded) != nullptr || DepartmentTitleOfGroup(rules, folded, bodies[i + 1])) {
      bodies[i] += ", " + bodies[i + 1];
      bodies.erase(bodies.begin() + static_cast<long>(i) + 1);
      continue;
    }
    if (rules.Lookup("bare_organs", folded) != nullptr) {
      const std::string next = CollapseSpaces(FoldText(bodies[i + 1]));
      for (const auto& [organ, unused] : rules.List("bare_organs")) {
        if (!next.starts_with(organ + " ")) continue;
        // The place: the next body's words after its organ, as written.
        const std::vector<std::string_view> words = Words(bodies[i + 1]);
        const size_t organ_words = Words(organ).size();
        if (words.size() > organ_words) {
          bodies[i] += " " + std::string(bodies[i + 1].substr(words[organ_words].data() - bodies[i + 1].data()));
        }
        break;
      }
    }
    ++i;
  }
}
// "HĐND, UBND, Ủy ban MTTQ Việt Nam xã", "Ban Công an, Ban Chỉ huy quân sự xã": organs named
// without their level before the last body, which ends with it, are of that level too
// ([list levelless_organs], [list levels] of body.rules).
void ShareLevel(const RuleSet& rules, std::vector<std::string>& bodies) {
  if (bodies.size() < 2) return;
  const std::vector<std::string_view> words = Words(bodies.back());
  if (words.size() < 2) return;
  // The level is the last body's last one or two words, or the level before its place's name
  // ("UBND xã Bình Phú": "xã Bình Phú").
  std::string level;
  const std::string_view last = bodies.back();
  size_t named = 0;  // capitalised words at the end: the place's name
  while (named < 4 && named + 2 < words.size() && StartsUpper(words[words.size() - 1 - named])) ++named;
  const std::string_view level_end = words[words.size() - 1 - named];
  for (size_t n = 2; n >= 1 && level.empty(); --n) {
    if (words.size() <= n + named) continue;
    const std::string_view word = words[words.size() - n - named];
    const std::string_view level_words =
        last.substr(word.data() - last.data(), level_end.data() + level_end.size() - word.data());
    if (StartsUpper(level_words) || rules.Lookup("levels", CollapseSpaces(FoldText(level_words))) == nullptr) continue;
    level = std::string(last.substr(word.data() - last.data()));
  }
  if (level.empty()) return;
  for (size_t i = 0; i + 1 < bodies.size(); ++i) {
    if (rules.Lookup("levelless_organs", CollapseSpaces(FoldText(bodies[i]))) != nullptr) bodies[i] += " " + level;
  }
}

// The body's head word after its office-holder's title, folded ("so" of "Giám đốc Sở Du lịch"),
// with how many bytes of `body` the title takes.
std::pair<std::string, size_t> HeadAfterTitle(const RuleSet& rules, std::string_view body) {
  const std::string folded = FoldText(Utf8Prefix(body, 60));  // the tokens point into it
  const std::vector<Tok> t = Tokenize(folded);
  const size_t title = PhraseAt(rules, "person_titles", t, 0);
  if (title >= t.size()) return {};
  const size_t title_bytes = title == 0 ? 0 : Fold(body).OriginBegin(t[title].fb);
  return {std::string(t[title].f), title_bytes};
}

// The run of offices ending at bodies[end] that share its places, as SharePlacesOfAList says.
void SharePlacesOfARun(const RuleSet& rules, std::vector<std::string>& bodies, size_t end) {
  const std::string& last = bodies[end];
  const Folded f = Fold(last);
  const std::vector<Tok> t = Tokenize(f.text);
  size_t places = 0;
  for (size_t k = 1; k + 1 < t.size() && places == 0; ++k) {
    if (t[k].f == "cac" && PhraseAt(rules, "place_heads", t, k + 1) > 0) places = k;
  }
  if (places == 0) return;
  const std::string tail(last.substr(f.OriginBegin(t[places].fb)));
  const auto [head, last_title] = HeadAfterTitle(rules, last);
  if (head.empty()) return;
  // Named offices ("Sở Du lịch các tỉnh"), not a kind in lower case ("Trung tâm Kiểm soát bệnh
  // tật, Trung tâm y tế các huyện": the districts' health centres only).
  const std::vector<std::string_view> words = Words(std::string_view(last).substr(last_title));
  const size_t head_words = Words(head).size();
  if (words.size() <= head_words + 1 || !StartsUpper(words[head_words])) return;
  size_t first = end;
  while (first > 0) {
    const std::string& b = bodies[first - 1];
    if (HeadAfterTitle(rules, b).first != head || (" " + FoldText(b) + " ").find(" cac ") != std::string::npos) break;
    --first;
  }
  if (first == end) return;
  const size_t first_title = HeadAfterTitle(rules, bodies[first]).second;
  const std::string title = first_title > 0 ? std::string(Trim(std::string_view(bodies[first]).substr(0, first_title))) : "";
  for (size_t k = first; k <= end; ++k) {
    if (k < end) bodies[k] += " " + tail;
    if (!title.empty() && HeadAfterTitle(rules, bodies[k]).second == 0) bodies[k] = title + " " + bodies[k];
  }
}

// "Giám đốc Sở Văn hóa, Thể thao và Du lịch, Sở Văn hóa và Thể thao, Sở Du lịch các tỉnh, thành
// phố trực thuộc trung ương": offices of one kind listed before the places they are in, which the
// last names for all ("các tỉnh, …"), and under the title the first gives for all. Each earlier
// office of the same head word takes the places, and the title when it has none of its own.
void SharePlacesOfAList(const RuleSet& rules, std::vector<std::string>& bodies) {
  // Each run may end anywhere in the list: "…; Giám đốc Sở Văn hóa, Thể thao và Du lịch, Sở Văn
  // hóa và Thể thao các tỉnh, thành phố …; Chủ tịch Ủy ban nhân dân cấp xã …".
  for (size_t end = 1; end < bodies.size(); ++end) SharePlacesOfARun(rules, bodies, end);
}

// Whether `phrase` opens with a list that names one body as a whole ([list undivided_lists],
// keys folded, without commas) and goes on past it: "Cấp ủy, Chính quyền các thôn" is two
// organs of the villages.
bool IsUndividedList(const RuleSet& rules, std::string_view phrase) {
  if (std::count(phrase.begin(), phrase.end(), ',') < 2 && phrase.find(" và ") == std::string_view::npos) return false;
  std::string words = FoldText(phrase);
  std::replace(words.begin(), words.end(), ',', ' ');
  words = CollapseSpaces(words);
  for (const auto& [key, unused] : rules.List("undivided_lists")) {
    if (words.starts_with(key + " ") || words == key) return true;
  }
  return false;
}

// The kinds of office in a generic tail ("tổ chức và cá nhân có liên quan" → "tổ chức"), as
// written; private persons are no office.
std::vector<std::string_view> OfficeKinds(std::string_view tail) {
  static const std::set<std::string, std::less<>> kKinds = {"co quan", "to chuc", "don vi", "doanh nghiep"};
  std::vector<std::string_view> kinds;
  const std::vector<std::string_view> words = Words(tail);
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string_view pair(words[i].data(), static_cast<size_t>(words[i + 1].data() + words[i + 1].size() - words[i].data()));
    if (kKinds.count(FoldText(TrimChars(pair, ",;"))) > 0) kinds.push_back(TrimChars(pair, ",;"));
  }
  return kinds;
}

// "Thủ trưởng các cơ quan, tổ chức và cá nhân có liên quan chịu trách nhiệm thi hành": when the
// generic tail goes on, after a comma, from a group headed by a title ("Thủ trưởng các …"), its
// offices belong to that group and the group is the one concerned: "Thủ trưởng các cơ quan, tổ
// chức có liên quan".
// `head` is the list before the tail; returns the list with the group completed, or nothing
// when the tail follows a named body ("Chủ tịch Ủy ban nhân dân các cấp, tổ chức …").
std::optional<std::string> TitledGroupTakesTail(const RuleSet& rules, std::string_view head, std::string_view tail) {
  // "…, đơn vị và các tổ chức, cá nhân có liên quan": "các" opens parties of their own.
  if (FoldText(tail).starts_with("cac ")) return std::nullopt;
  size_t end = head.size();
  while (end > 0) {
    const size_t sep = head.find_last_of(",;", end - 1);
    const size_t begin = sep == std::string_view::npos ? 0 : sep + 1;
    const std::string_view piece = Trim(head.substr(begin, end - begin));
    if (!PersonTitle(rules, piece).empty()) {
      std::string group = std::string(TrimChars(head, " ,;"));
      for (const std::string_view kind : OfficeKinds(tail)) group += ", " + std::string(kind);
      group += FoldText(tail).find("co lien quan") != std::string::npos ? " có liên quan" : " liên quan";
      return group;
    }
    // Only the kinds of the group may come between its title and the tail ("…, đơn vị").
    if (piece.empty() || StartsUpper(piece) || Words(piece).size() > 3 || sep == std::string_view::npos ||
        head[sep] == ';') {
      return std::nullopt;
    }
    end = sep;
  }
  return std::nullopt;
}

}  // namespace


// Whether `body` opens with an office-holder's title ("Chủ tịch UBND cấp huyện").
bool StartsWithPersonTitle(const RuleSet& rules, std::string_view body) {
  const std::string folded = FoldText(Utf8Prefix(body, 40));  // the tokens point into it
  return PhraseAt(rules, "person_titles", Tokenize(folded), 0) > 0;
}

std::vector<std::string> SplitBodies(const RuleSet& rules, std::string_view phrase) {
  std::vector<std::string> out;
  std::string title;  // "Thủ trưởng" of the first body, for "các …" bodies after it
  // "…, tổ chức, cá nhân có liên quan" at the end names no office: it is dropped.
  Match generic;
  std::string with_tail;  // the list when a titled group takes the tail's offices
  if (rules.FindFirst("body_generic_tail", phrase, Fold(phrase), &generic) && generic.begin() > 0) {
    const std::string_view head = phrase.substr(0, generic.begin());
    const bool after_comma = phrase.substr(generic.begin(), generic.Group("value").data() - phrase.data() - generic.begin()).find(',') != std::string_view::npos;
    if (std::optional<std::string> joined = after_comma ? TitledGroupTakesTail(rules, head, generic.Group("value")) : std::nullopt) {
      with_tail = std::move(*joined);
      phrase = with_tail;
    } else {
      phrase = head;
    }
  }
  // "Các cấp ủy, chính quyền, Mặt trận và đoàn thể": the political system of each level, asked
  // as one ([list undivided_lists]).
  if (IsUndividedList(rules, phrase)) return {CapitalizeFirst(SpaceAfterCommas(CollapseSpaces(CleanBody(phrase))))};
  size_t start = 0;
  while (start <= phrase.size()) {
    size_t semi = phrase.find(';', start);
    std::string_view part = phrase.substr(start, semi == std::string_view::npos ? semi : semi - start);
    const Folded f = Fold(part);
    const std::vector<Tok> t = Tokenize(f.text);
    std::vector<size_t> cuts = SplitPoints(rules, part, f, t);
    for (size_t c : PlaceCuts(rules, part)) cuts.push_back(c);
    // "Các Tổ kiểm soát dịch bệnh tại các Thôn, Tổ dân phố": after "tại các" the commas list
    // where one body works, not more bodies.
    if (const size_t where = f.text.find(" tai cac "); where != std::string::npos) {
      const size_t at = f.OriginBegin(where);
      std::erase_if(cuts, [at](size_t c) { return c > at; });
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    cuts.push_back(part.size());
    size_t from = 0;
    std::string place_prefix;  // "Tỉnh đoàn" for the bare places after "Tỉnh đoàn Hà Giang"
    std::string bare_title;    // "Thủ trưởng" cut from its body by a comma
    for (size_t cut : cuts) {
      if (cut < from) continue;
      std::string_view piece = CleanBody(part.substr(from, cut - from));
      if (const std::string fp = FoldText(piece); fp.starts_with("va ") || fp.starts_with("hoac ")) {
        piece = CleanBody(piece.substr(piece.find(' ')));
      }
      from = cut;
      if (piece.empty()) continue;
      std::string body = SpaceAfterCommas(CollapseSpaces(piece));
      const bool bare_place = !out.empty() && !place_prefix.empty() && AllCapitalised(body) && !StartsWithHead(rules, body);
      // "thành phố Đà Nẵng" after "Chủ tịch UBND Thành phố Hồ Chí Minh" takes its head.
      const bool another_place = !out.empty() && !StartsUpper(body) && LevelAt(body) > 0;
      const std::string level_prefix = another_place ? LevelPrefix(out.back()) : std::string();
      if (bare_place) {
        body = place_prefix + " " + body;
      } else if (!level_prefix.empty()) {
        body = level_prefix + " " + body;
      } else {
        // "Sở NN&PTNT, các huyện Chương Mỹ, Đan Phượng …": the prefix of the latest named body.
        place_prefix = PlacePrefix(body);
      }
      body = OnePlace(body);
      // "Chủ tịch và các thành viên Hội đồng tư vấn đặc xá": two office-holders of one body.
      if (std::vector<std::string> pair = TitleAndMembers(rules, body); !pair.empty()) {
        for (std::string& b : pair) out.push_back(std::move(b));
        continue;
      }
      // "Thường trực Hội đồng nhân dân cấp tỉnh, cấp xã": one body at each level.
      if (std::vector<std::string> levels = Levels(body); !levels.empty()) {
        for (std::string& b : levels) out.push_back(CapitalizeFirst(b));
        continue;
      }
      if (std::vector<std::string> levels = PlaceLevels(body); !levels.empty()) {
        for (std::string& b : levels) out.push_back(CapitalizeFirst(b));
        continue;
      }
      if (std::vector<std::string> kinds = GroupsByKind(rules, body); !kinds.empty()) {
        for (std::string& b : kinds) out.push_back(std::move(b));
        continue;
      }
      // "Thủ trưởng, các cơ quan, đơn vị, chủ tịch UBND các xã": a title with a stray comma
      // after it is the title of the body that follows.
      if (rules.Lookup("person_titles", FoldText(body)) != nullptr) {
        bare_title = body;
        continue;
      }
      if (!bare_title.empty()) {
        // "Giám đốc, Thủ trưởng các Sở, ban, ngành": two titles of one body stay as written.
        if (!PersonTitle(rules, body).empty()) {
          body = bare_title + ", " + body;
        } else {
          if (body.starts_with("Các ")) body[0] = 'c';
          body = bare_title + " " + body;
        }
        bare_title.clear();
      }
      if (out.empty() && title.empty()) {
        title = PersonTitle(rules, body);
      } else if (!out.empty() && StartsWithPersonTitle(rules, body)) {
        // "Thủ trưởng các sở, ban ngành tỉnh, Chủ tịch UBND cấp huyện, các đơn vị sự nghiệp": a
        // second office-holder ends what the first title covers.
        title.clear();
      }
      // "Thủ trưởng các đơn vị, các đoàn thể quần chúng": mass organisations are led by their
      // own officers, not by the title ([list untitled_groups]); nor is a group the letter names
      // as a kind of its own, in capitals ("…, các Chủ đầu tư, các Cơ quan chủ trì Dự án").
      const std::string folded_body = FoldText(body);
      const bool named_kind = folded_body.starts_with("cac ") && body.size() > 4 &&
                              StartsUpper(std::string_view(body).substr(body.find(' ') + 1));
      if (!out.empty() && !title.empty() && folded_body.starts_with("cac ") && !StartsUpper(body) && !named_kind &&
          PhraseAt(rules, "untitled_groups", Tokenize(folded_body), 1) == 0) {
        body = title + " " + body;
      }
      out.push_back(CapitalizeFirst(body));
    }
    if (semi == std::string_view::npos) break;
    start = semi + 1;
  }
  ShareWithNext(rules, out);
  ShareLevel(rules, out);
  SharePlacesOfAList(rules, out);
  // "Ban", "Ban thường vụ và ban": a name that is, or ends with "và" and, a word that only opens
  // a name was cut at a verb of its own name ("ban soạn thảo", "ban chấp hành"): no body is
  // known. Compared as spelled ("địa bàn" folds alike).
  std::erase_if(out, [&rules](const std::string& body) {
    const std::vector<std::string_view> words = Words(body);
    if (words.empty() || (words.size() > 1 && words[words.size() - 2] != "và")) return false;
    const std::string* spelled = rules.Lookup("name_openers", FoldText(words.back()));
    return spelled != nullptr && LowerWord(words.back()) == *spelled;
  });
  return out;
}

std::string Summarize(std::string_view text) {
  std::string flat(text);
  std::replace(flat.begin(), flat.end(), '\n', ' ');
  // Leading bullets and punctuation go; the final "." stays, as in the gold summaries.
  std::string_view v = flat;
  while (!v.empty() && std::string_view("-+*:;,. \t").find(v.front()) != std::string_view::npos) v.remove_prefix(1);
  std::string s = CollapseSpaces(TrimChars(v, ",;:"));
  s = CapitalizeFirst(s);
  // "Ủy ban nhân dân cấp tỉnh bố trí kinh phí.”": the close of a quoted amendment whose opening
  // quote stayed with the item before; "”." too.
  for (std::string_view end : {std::string_view("\u201D"), std::string_view("\u201D.")}) {
    if (s.ends_with(end) && s.find("\u201C") == std::string::npos) {
      s.erase(s.size() - end.size());
      if (!s.ends_with('.')) s += '.';
      break;
    }
  }
  // Count code points, cut at the last space at or before the 200th.
  size_t cps = 0, cut = std::string::npos, i = 0;
  while (i < s.size()) {
    if (cps == kMaxSummary) {
      size_t sp = s.rfind(' ', i);
      cut = sp == std::string::npos ? i : sp;
      break;
    }
    const unsigned char c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++cps;
  }
  if (cut == std::string::npos) return s;
  return std::string(TrimChars(s.substr(0, cut), ",;: ")) + " ...";
}

}  // namespace congvan::extract
