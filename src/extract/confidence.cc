#include "extract/confidence.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <unordered_map>

#include "extract/rules.h"
#include "extract/text.h"
#include "text/dates.h"
#include "text/fold.h"

namespace congvan::extract {

// --- the reasons, in one place ---

namespace review_reason {
namespace {

// "2023-06-20" → "20/06/2023"; anything else as it is.
std::string Dmy(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::string(iso);
  return std::string(iso.substr(8, 2)) + "/" + std::string(iso.substr(5, 2)) + "/" +
         std::string(iso.substr(0, 4));
}

}  // namespace

std::string NoNumber() { return "Không tìm thấy số văn bản"; }
std::string NumberUnsure() { return "Số, ký hiệu văn bản đọc không chắc chắn"; }
std::string NumberBlank() { return "Chưa đọc được số văn bản (số để trống hoặc viết tay)"; }
std::string NoDate() { return "Không tìm thấy ngày ban hành"; }
std::string DateIncomplete() { return "Ngày ban hành không đọc được đầy đủ (thiếu ngày, tháng hoặc năm)"; }
std::string DateUnsure() { return "Ngày ban hành không đọc được chắc chắn"; }
std::string DateInFuture(std::string_view date, std::string_view today) {
  return "Ngày ban hành " + Dmy(date) + " sau ngày nhận văn bản " + Dmy(today);
}
std::string DateYearDisagrees(std::string_view date, std::string_view symbol_year) {
  return "Năm ban hành " + std::string(date.substr(0, 4)) + " khác năm trong số ký hiệu (" +
         std::string(symbol_year) + ")";
}
std::string DateAfterSigning(std::string_view date, std::string_view signing_day) {
  return "Ngày ban hành đọc được " + Dmy(date) + " sau ngày ký số " + Dmy(signing_day) +
         "; tạm lấy ngày ký số, cần kiểm tra lại";
}
std::string DateLongBeforeSigning(std::string_view date, std::string_view signing_day, int days) {
  return "Ngày ban hành " + Dmy(date) + " sớm hơn ngày ký số " + Dmy(signing_day) + " " +
         std::to_string(days) + " ngày";
}
std::string DateUnsureBeforeSigning(std::string_view date, std::string_view signing_day) {
  return "Ngày ban hành đọc chưa chắc " + Dmy(date) + ", xa ngày ký số " + Dmy(signing_day) +
         "; tạm lấy ngày ký số, cần kiểm tra lại";
}
std::string DateFromSigning(std::string_view signing_day) {
  return "Ngày ban hành không đọc được; tạm lấy ngày ký số " + Dmy(signing_day) + ", cần kiểm tra lại";
}
std::string NoIssuer() { return "Không tìm thấy cơ quan ban hành"; }
std::string IssuerUnsure() { return "Cơ quan ban hành có thể sai"; }
std::string SymbolDisagrees(std::string_view symbol, std::string_view issuer) {
  return "Ký hiệu " + std::string(symbol) + " không khớp với cơ quan ban hành \"" +
         std::string(issuer) + "\"";
}
std::string DeadlineBeforeDate(std::string_view deadline, std::string_view text,
                               std::string_view letter_date) {
  return "Hạn xử lý " + Dmy(deadline) + " (\"" + std::string(text) + "\") trước ngày ban hành " +
         Dmy(letter_date);
}
std::string DeadlinePassed(std::string_view deadline, std::string_view text, std::string_view today) {
  return "Hạn xử lý " + Dmy(deadline) + " (\"" + std::string(text) +
         "\") đã qua khi nhận văn bản (" + Dmy(today) + ")";
}
std::string ImpossibleDeadline(std::string_view text) {
  return "Hạn xử lý không phải ngày có thật: \"" + std::string(text) + "\"";
}
std::string TasksUnsure(int doubtful, int total) {
  return std::to_string(doubtful) + "/" + std::to_string(total) +
         " nhiệm vụ đọc không chắc chắn (đơn vị thực hiện hoặc nội dung có thể sai)";
}

std::string TasksFromProse() {
  return "Văn bản không có số và ngày ban hành: nhiệm vụ được đọc từ lời văn, cần đối chiếu với văn bản gốc";
}

std::string TaskUnsure() { return "Cần kiểm tra: đơn vị thực hiện hoặc nội dung đọc không chắc chắn"; }

}  // namespace review_reason

namespace {

constexpr size_t kHeaderLines = 60;  // as far as the extractor looks for the header

// The quality (SpanQuality) below which a span holds a word that was not read cleanly: the OCR
// gave it less than about 85, or repair changed it.
constexpr double kSureWord = 0.75;
// A word the OCR gave less than this is a guess (the pen reader's unsure day is written in at
// 20): a span holding one has this quality, which puts its field below kGuessedBelow.
constexpr float kGuessedWord = 30.0f;
constexpr double kGuessedQuality = 0.2;
constexpr double kReportedTask = 0.55;  // a task of a text without number or date: below kDoubtfulBelow

// --- evidence from the text ---

// What may stand around a word without making it any less a word. The signs outside ASCII are
// taken off whole, never byte by byte (their bytes end Vietnamese letters too: "ờ", "“").
constexpr std::string_view kAsciiPunctuation = ",.;:()[]\"'!?-/*|+\\";
constexpr std::string_view kWidePunctuation[] = {"“", "”", "–", "—", "…", "‘", "’"};

std::string_view TrimPunctuation(std::string_view s) {
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    s = TrimChars(s, kAsciiPunctuation);
    for (std::string_view p : kWidePunctuation) {
      if (s.starts_with(p)) s.remove_prefix(p.size()), changed = true;
      if (s.ends_with(p)) s.remove_suffix(p.size()), changed = true;
    }
  }
  return s;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A token that reads as Vietnamese or as something letters print on purpose: a syllable, a
// number, an abbreviation ("UBND", "HĐND") or a code with digits ("1532/UBND-VP", "QH15").
bool IsSyllable(const RuleSet& rules, std::string_view word) {
  Match m;
  for (const Pattern* p : rules.Family("syllable")) {
    if (p->Find(word, &m)) return true;
  }
  return false;
}

// A run of letters and digits between separators, as codes and numbers write them: digits
// ("2023"), letters ("ubnd"), letters then digits ("qh15") or digits then a letter or two
// ("2b"). Letters on both sides of a digit ("b4n", "thang11ndm") are OCR debris or glued words.
bool CodeSegment(std::string_view folded) {
  size_t i = 0;
  while (i < folded.size() && !IsDigit(folded[i])) ++i;
  const bool letters_first = i > 0;
  while (i < folded.size() && IsDigit(folded[i])) ++i;
  const size_t tail = folded.size() - i;
  if (tail == 0) return true;
  if (letters_first) return false;
  return tail <= 2 && std::all_of(folded.begin() + i, folded.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// A token that reads as Vietnamese or as something letters print on purpose: a syllable, a
// number, an abbreviation ("UBND", "HĐND"), a code ("1532/UBND-VP", "QH15"), a name.
bool ReadsAsText(const RuleSet& rules, std::string_view token) {
  std::string_view core = TrimPunctuation(token);
  if (core.empty()) return true;
  const std::string folded = FoldText(core);
  constexpr std::string_view kSeparators = "/-.&_,%:+";
  bool digit = false, letter = false;
  for (char c : folded) {
    if (IsDigit(c)) {
      digit = true;
    } else if (c >= 'a' && c <= 'z') {
      letter = true;
    } else if (kSeparators.find(c) == std::string_view::npos) {
      return false;  // "#", "~", "%", a letter no Vietnamese word has ("ß")
    }
  }
  if (digit) {
    if (!letter) return true;  // "20/6/2023", "1.000", "100%"
    size_t start = 0;
    for (size_t i = 0; i <= folded.size(); ++i) {
      if (i == folded.size() || kSeparators.find(folded[i]) != std::string_view::npos) {
        if (!CodeSegment(std::string_view(folded).substr(start, i - start))) return false;
        start = i + 1;
      }
    }
    return true;
  }
  // "UBND", "TWĐTN", "QĐ-UBND", but also "SỞ", "HUYỆN": capitals are taken as they are.
  if (!HasLower(core)) return true;
  // A capitalised word of letters only is a name or a foreign word ("Papi", "Sipas", "Zalo").
  if (StartsUpper(core) && folded.find_first_of(kSeparators) == std::string::npos) return true;
  if (IsSyllable(rules, core) || folded.size() == 1) return true;  // "b)" marks an item
  // "Đ/c", "b/c", "p/h": abbreviations of a letter or two around "/".
  if (folded.find('/') != std::string::npos) {
    bool short_parts = true;
    size_t start = 0;
    for (size_t i = 0; i <= folded.size(); ++i) {
      if (i == folded.size() || folded[i] == '/') {
        short_parts = short_parts && i - start >= 1 && i - start <= 3;
        start = i + 1;
      }
    }
    if (short_parts) return true;
  }
  // "Ủy-ban", "Lao động-Thương binh": each part a syllable.
  if (core.find('-') == std::string_view::npos) return false;
  size_t start = 0;
  while (start <= core.size()) {
    const size_t dash = core.find('-', start);
    std::string_view part = core.substr(start, dash == std::string_view::npos ? dash : dash - start);
    if (!part.empty() && !IsSyllable(rules, part)) return false;
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  return true;
}

// A line and what the reader knew of it.
struct LineView {
  std::string_view text;
  std::string squeezed;  // FoldText with no spaces at all
  const Line* line = nullptr;
};

// The folded text with no spaces, so that "1532 /UBND-VP" and "1532/UBND-VP" compare equal.
std::string Squeezed(std::string_view text) {
  std::string out;
  for (char c : FoldText(text)) {
    if (c != ' ' && c != '\t') out.push_back(c);
  }
  return out;
}

std::vector<LineView> Lines(const std::vector<PageText>& pages, size_t page_limit, size_t max_lines) {
  std::vector<LineView> out;
  for (size_t p = 0; p < pages.size() && p < page_limit; ++p) {
    for (const Line& line : pages[p].lines) {
      if (out.size() >= max_lines) return out;
      out.push_back({line.text, Squeezed(line.text), &line});
    }
  }
  return out;
}

// 0–1 from the OCR's word confidences on one line: 1 for text that was given (no words) or read
// cleanly; lower as words fall below what Tesseract gives a clean print. A word below 95 was
// open to repair (repair/restorer.h), so this also covers the words repair may have changed.
double OcrQuality(const Line& line) {
  if (line.words.empty()) return std::clamp((line.confidence - 40.0) / 45.0, 0.3, 1.0);
  double sum = 0;
  int low = 0;
  for (const Word& w : line.words) {
    sum += w.confidence;
    low += w.confidence < 60.0f;
  }
  const double mean = sum / line.words.size();
  const double low_share = static_cast<double>(low) / line.words.size();
  return std::clamp(std::min((mean - 40.0) / 45.0, 1.0 - low_share), 0.3, 1.0);
}

// 0–1 from the confidences of the words of `line` that make up `span` (the worst of them): a
// field is as sure as its least sure word. The whole line when no word is found in the span.
// A single letter would be found in almost any span and says nothing; a single digit is a
// number of its own ("Số: 6 /CT-UBND") and counts.
double SpanQuality(const Line& line, std::string_view span) {
  if (line.words.empty()) return OcrQuality(line);
  const std::string needle = Squeezed(span);
  float worst = 100.0f;
  int found = 0;
  for (const Word& w : line.words) {
    const std::string word = Squeezed(TrimPunctuation(w.text));
    const bool one_digit = word.size() == 1 && IsDigit(word[0]);
    if ((word.size() < 2 && !one_digit) || needle.find(word) == std::string::npos) continue;
    worst = std::min(worst, w.confidence);
    ++found;
  }
  if (found == 0) return OcrQuality(line);
  if (worst < kGuessedWord) return kGuessedQuality;
  return std::clamp((worst - 40.0) / 45.0, 0.3, 1.0);
}

// Judges tokens as ReadsAsText does, remembering each token's verdict: a letter's tasks,
// lists and header repeat the same few hundred words, and each judgement costs a folding and
// a pattern match. One judge lives for one letter.
class TokenJudge {
 public:
  explicit TokenJudge(const RuleSet& rules) : rules_(rules) {}

  bool ReadsAsText(std::string_view token) {
    auto it = known_.find(token);
    if (it != known_.end()) return it->second;
    const bool verdict = congvan::extract::ReadsAsText(rules_, token);
    known_.emplace(std::string(token), verdict);
    return verdict;
  }

  // The share (0–1) of the word tokens of `text` that read as Vietnamese; 1 for no words.
  double VietnameseShare(std::string_view text) {
    size_t words = 0, good = 0;
    for (size_t start = 0; start <= text.size();) {  // line by line: a token never spans lines
      size_t nl = text.find('\n', start);
      if (nl == std::string_view::npos) nl = text.size();
      for (std::string_view w : Words(text.substr(start, nl - start))) {
        w = TrimChars(w, "\r");
        if (TrimPunctuation(w).empty()) continue;
        ++words;
        good += ReadsAsText(w);
      }
      start = nl + 1;
    }
    return words == 0 ? 1.0 : static_cast<double>(good) / words;
  }

  // 0–1 from the text itself: how much of it still reads as Vietnamese after repair. A line
  // whose words are a quarter garbage is worth much less than its length suggests.
  double TextQuality(std::string_view text) {
    return std::clamp(1.0 - 1.5 * (1.0 - VietnameseShare(text)), 0.3, 1.0);
  }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  const RuleSet& rules_;
  std::unordered_map<std::string, bool, Hash, std::equal_to<>> known_;
};


// The first line in `lines` whose squeezed folded text holds `needle` (squeezed, folded);
// nullptr when none does.
// The first line from `*cursor` on (at most kSearchWindow lines once a line was found) that
// holds `needle`; the cursor moves to it. Items of a list and tasks come in the order of the
// text, so each search starts where the last one ended, and a letter of 100,000 items costs
// no more than a window per item.
constexpr size_t kSearchWindow = 400;
constexpr size_t kMaxItems = 200;  // a list's confidence is judged on its first items

const LineView* FindNext(const std::vector<LineView>& lines, std::string_view needle,
                         size_t* cursor, bool* found_before) {
  const std::string n = Squeezed(needle);
  if (n.empty()) return nullptr;
  const size_t end = *found_before ? std::min(lines.size(), *cursor + kSearchWindow) : lines.size();
  for (size_t i = *cursor; i < end; ++i) {
    if (lines[i].squeezed.find(n) != std::string::npos) {
      *cursor = i;
      *found_before = true;
      return &lines[i];
    }
  }
  return nullptr;
}

const LineView* FindLine(const std::vector<LineView>& lines, std::string_view needle) {
  const std::string n = Squeezed(needle);
  if (n.empty()) return nullptr;
  for (const LineView& v : lines) {
    if (v.squeezed.find(n) != std::string::npos) return &v;
  }
  return nullptr;
}

// The first `n` words of `text`, folded.
std::string FirstWords(std::string_view text, size_t n) {
  std::vector<std::string_view> words = Words(text);
  std::string out;
  for (size_t i = 0; i < words.size() && i < n; ++i) {
    if (!out.empty()) out.push_back(' ');
    out += words[i];
  }
  return out;
}

size_t WordCount(std::string_view text) { return Words(text).size(); }

// Whether the folded phrase starts with a body head of rules/body.rules ("ubnd", "so", "phong",
// "chu tich", "cac") and not with a word that only folds like one ("truong hop").
bool StartsWithBodyHead(const RuleSet& rules, std::string_view folded) {
  std::vector<std::string_view> words = Words(folded);
  for (size_t n = std::min<size_t>(3, words.size()); n >= 1; --n) {
    std::string head;
    for (size_t i = 0; i < n; ++i) {
      if (i) head.push_back(' ');
      head += TrimChars(words[i], ",.;:");
    }
    if (rules.Lookup("not_body_heads", head)) return false;
    if (rules.Lookup("body_heads", head)) return true;
  }
  return false;
}


// The verb phrases of rules/body.rules `actions` of two words or more, padded with spaces:
// single words ("tăng", "cử") are also parts of names ("Kinh tế - Hạ tầng").
std::vector<std::string> ActionPhrases(const RuleSet& rules) {
  std::vector<std::string> out;
  for (const auto& [key, value] : rules.List("actions")) {
    if (key.find(' ') != std::string::npos) out.push_back(" " + key + " ");
  }
  return out;
}

// Whether one of `phrases` stands inside the name, written in lower case: an assignee that
// swallowed its action ("Phòng Nội vụ chủ trì thực hiện"). A capitalised word is part of the
// name ("Chánh Thanh tra tỉnh"), so no phrase is looked for from it.
// Whether an assignee ends in a verb or a manner word written in lower case ("Bộ Công an xem
// xét"), or holds a ":" or is one bare word ("Ban", "Ông, bà: …"): the span was cut in the
// wrong place.
bool CutBadly(const RuleSet& rules, std::string_view assignee) {
  if (assignee.find(':') != std::string_view::npos || WordCount(assignee) < 2) return true;
  const std::vector<std::string_view> words = Words(assignee);
  for (size_t n = 1; n <= 2 && n <= words.size(); ++n) {
    const std::string_view first = words[words.size() - n];
    if (StartsUpper(first)) break;  // "Sở Thông tin": a capitalised word is part of the name
    std::string tail;
    for (size_t k = words.size() - n; k < words.size(); ++k) tail += (tail.empty() ? "" : " ") + FoldText(words[k]);
    tail = std::string(TrimChars(tail, ",;.: "));
    if (rules.Lookup("assignee_verb_tails", tail) || rules.Lookup("actions", tail)) return true;
  }
  return false;
}

bool HoldsAction(const std::vector<std::string>& phrases, std::string_view assignee) {
  std::string padded = " ";
  for (std::string_view word : Words(assignee)) {
    padded += StartsUpper(word) ? std::string("^") : FoldText(word);
    padded += ' ';
  }
  padded = CollapseSpaces(padded) + " ";
  for (const std::string& p : phrases) {
    if (padded.find(p) != std::string::npos) return true;
  }
  return false;
}

// Whether a run of three words comes twice in the folded phrase (of its first 40 words).
bool RepeatsItself(std::string_view folded) {
  std::vector<std::string_view> words = Words(folded);
  if (words.size() > 40) words.resize(40);
  for (size_t i = 0; i + 3 <= words.size(); ++i) {
    for (size_t j = i + 1; j + 3 <= words.size(); ++j) {
      if (TrimChars(words[i], ",;.") == TrimChars(words[j], ",;.") &&
          TrimChars(words[i + 1], ",;.") == TrimChars(words[j + 1], ",;.") &&
          TrimChars(words[i + 2], ",;.") == TrimChars(words[j + 2], ",;.")) {
        return true;
      }
    }
  }
  return false;
}

// --- the fields ---

// The four-digit year a symbol carries ("2025/NĐ-CP"), or "".
std::string SymbolYear(std::string_view symbol) {
  for (size_t i = 0; i + 4 <= symbol.size(); ++i) {
    if ((i == 0 || !IsDigit(symbol[i - 1])) && (i + 4 == symbol.size() || !IsDigit(symbol[i + 4])) &&
        std::all_of(symbol.begin() + i, symbol.begin() + i + 4, IsDigit) &&
        (symbol.substr(i, 2) == "19" || symbol.substr(i, 2) == "20")) {
      return std::string(symbol.substr(i, 4));
    }
  }
  return "";
}

// The parts of a symbol between "-" and "/".
std::vector<std::string_view> SymbolParts(std::string_view symbol) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= symbol.size(); ++i) {
    if (i == symbol.size() || symbol[i] == '-' || symbol[i] == '/') {
      if (i > start) parts.push_back(symbol.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

// A symbol part as letters print it: a year, or a capital followed by letters and digits
// ("UBND", "TTg", "CTr", "QH15", "TWĐTN"); OCR debris ("ubnd", "U8ND.", "VP,") is not.
bool WellFormedPart(std::string_view part) {
  if (part.size() == 4 && std::all_of(part.begin(), part.end(), IsDigit)) return true;
  if (part.empty() || !StartsUpper(part) || part.size() > 16) return false;
  // Vietnamese capitals fold to ASCII ("Đ" → "d"); "ß", "¥" and signs do not.
  for (char c : FoldText(part)) {
    if (!(c >= 'a' && c <= 'z') && !IsDigit(c) && c != '&' && c != '.') return false;
  }
  return true;
}

struct Scorer {
  const RuleSet& rules;
  const std::vector<PageText>& pages;
  const ConfidenceInput& input;
  Letter& letter;
  mutable TokenJudge judge{rules};
  std::vector<LineView> header;  // the first page's first lines
  std::vector<LineView> all;     // every line
  double page_quality = 1.0;     // the OCR's mean word confidence, as OcrQuality scales it
  std::vector<std::string> reasons;

  void Reason(std::string r) {
    if (std::find(reasons.begin(), reasons.end(), r) == reasons.end()) reasons.push_back(std::move(r));
  }

  // How sure the words of `span` on line `v` were read; the page's mean when the line is not
  // known.
  double Quality(const LineView* v, std::string_view span) const {
    return v == nullptr ? page_quality : SpanQuality(*v->line, span);
  }

  // Whether a part of `ref` looks like a listed code that lost its "Đ" or had one letter misread
  // ("TWDTNBTG", "TWBTNCNDT" for "TWĐTN…", "QDTTg" for "QĐ-TTg", "ND-CP" for "NĐ-CP"). A code
  // that is a type of its own ("HD" Hướng dẫn beside "HĐ" Hợp đồng) is not.
  bool LostStroke(std::string_view ref) const {
    for (std::string_view part : SymbolParts(ref)) {
      const std::string folded = FoldText(part);
      bool listed = false;  // the part starts with a listed code with its "Đ" as written
      for (const char* list : {"symbol_codes", "doc_types"}) {
        for (const auto& [key, value] : rules.List(list)) {
          listed = listed || (key.find("Đ") != std::string::npos && part.starts_with(key));
        }
      }
      if (listed) continue;
      for (const char* list : {"symbol_codes", "doc_types"}) {
        for (const auto& [key, value] : rules.List(list)) {
          if (key.find("Đ") == std::string::npos || part.starts_with(key)) continue;
          const std::string k = FoldText(key);
          if (folded.size() < k.size()) continue;
          const std::string_view prefix = std::string_view(folded).substr(0, k.size());
          if (prefix == k) {
            // "QD" is listed as "QĐ" read without its stroke; "HD" is a type of its own.
            const std::string original(part.substr(0, std::min(part.size(), k.size())));
            const std::string* as_read = rules.Lookup("doc_types", original);
            const std::string* meant = rules.Lookup("doc_types", key);
            if (as_read == nullptr || (meant != nullptr && *as_read == *meant)) return true;
          } else if (k.size() >= 5 && BoundedEditDistance(prefix, k, 1) <= 1) {
            return true;
          }
        }
      }
    }
    return false;
  }

  void Number() {
    if (!letter.doc_ref) {
      Reason(review_reason::NoNumber());
      return;
    }
    double c = 0.95;
    bool blank_on_scan = false;
    if (letter.doc_number) {
      const std::string& n = *letter.doc_number;
      // "1532", "66.9" (a resolution numbered within another).
      const bool digits = !n.empty() && n.size() <= 6 && IsDigit(n.front()) && IsDigit(n.back()) &&
                          std::all_of(n.begin(), n.end(), [](char c) { return IsDigit(c) || c == '.'; });
      if (!digits) c = 0.4;
    } else if (!pages.empty() && pages.front().source == "ocr") {
      // A scanned letter was issued, so its number was written in; a blank means the pen's
      // digits were not read, and the register cannot do without the number.
      c = 0.5;
      blank_on_scan = true;
    } else {
      c = 0.8;  // a copy whose number was left blank for the pen: the symbol as printed
    }
    const std::string symbol = letter.doc_symbol.value_or("");
    for (std::string_view part : SymbolParts(symbol)) {
      if (!WellFormedPart(part)) c = std::min(c, 0.45);
    }
    if (SymbolParts(symbol).empty()) c = std::min(c, 0.4);
    // The "Số" line itself, before any other line that names the symbol (a stamp, a citation):
    // its words say how surely the number was read (a pen's digits). The symbol as written may
    // differ from the one read ("QĐÐ-UBND"), so the line is the one the number rule reads.
    const LineView* line = NumberLine();
    if (line == nullptr) line = FindLine(header, symbol.empty() ? *letter.doc_ref : symbol);
    if (line != nullptr && SymbolCutShort(*line)) c = std::min(c, 0.45);
    if (LostStroke(symbol)) c = std::min(c, 0.45);
    c *= Quality(line, letter.doc_number.value_or("") + symbol);
    letter.confidence["doc_ref"] = c;
    if (letter.doc_number) letter.confidence["doc_number"] = c;
    if (letter.doc_symbol) letter.confidence["doc_symbol"] = c;
    if (blank_on_scan) {
      Reason(review_reason::NumberBlank());
    } else if (IsDoubtful(c)) {
      Reason(review_reason::NumberUnsure());
    }
  }

  // The first header line the number rule reads, when it reads the letter's number there.
  const LineView* NumberLine() const {
    for (const LineView& v : header) {
      Match m;
      if (!rules.FindFirst("doc_number", v.text, Fold(v.text), &m)) continue;
      if (m.Group("number") == letter.doc_number.value_or("")) return &v;
    }
    return nullptr;
  }

  // Whether the symbol the rule took on the "Số" line stops inside a token: "Số: 1532 /Uß%D-vp"
  // gives "1532/Uß", a symbol cut short by a sign no symbol holds.
  bool SymbolCutShort(const LineView& v) const {
    Match m;
    if (!rules.FindFirst("doc_number", v.text, Fold(v.text), &m)) return false;
    std::string_view symbol = m.Group("symbol");
    if (symbol.empty()) return false;
    std::string_view rest = v.text.substr(symbol.data() + symbol.size() - v.text.data());
    rest = TrimChars(rest.substr(0, rest.find(' ')), ",.;:|");
    return !rest.empty();
  }

  // The first header line where rule `place_date` matches, and whether its date is whole.
  const LineView* DateLine(bool* whole, bool* with_place, std::string* span) const {
    for (const LineView& v : header) {
      Match m;
      if (!rules.FindFirst("place_date", v.text, Fold(v.text), &m)) continue;
      *span = std::string(m.whole());
      *whole = text::IsoDate(m.Group("year"), m.Group("month"), m.Group("day")).has_value();
      const std::string_view before = Trim(v.text.substr(0, m.Group("ngay").data() - v.text.data()));
      *with_place = !before.empty();
      // "… số 151/2013/NĐ-CP ngày 01 tháng 11 năm 2013" cites another letter.
      if (before.find('/') != std::string_view::npos && !*with_place) continue;
      return &v;
    }
    return nullptr;
  }

  void Date() {
    bool whole = false, with_place = false;
    std::string span;
    const LineView* line = DateLine(&whole, &with_place, &span);
    if (!letter.date) {
      Reason(line != nullptr && !whole ? review_reason::DateIncomplete() : review_reason::NoDate());
      return;
    }
    const std::string& date = *letter.date;
    double c;
    if (line == nullptr) {
      c = 0.5;  // read outside a header date line
    } else {
      c = with_place ? 0.95 : 0.8;
      // The line found must give this date; else the date came from elsewhere.
      if (line->squeezed.find(date.substr(0, 4)) == std::string::npos) c = std::min(c, 0.5);
    }
    c *= Quality(line, span);
    // A day read from a letter OCR put for its "0" ("ngày Ø3"): the digits alone give no date.
    if (line != nullptr && !whole) {
      c = std::min(c, 0.5);
      Reason(review_reason::DateUnsure());
    }
    if (date < "1945-09-02") {
      c = std::min(c, 0.2);
      Reason(review_reason::DateUnsure());
    }
    if (input.today && date > *input.today) {
      c = std::min(c, 0.3);
      Reason(review_reason::DateInFuture(date, *input.today));
    }
    const std::string year = SymbolYear(letter.doc_symbol.value_or(""));
    if (!year.empty() && year != date.substr(0, 4)) {
      c = std::min(c, 0.45);
      Reason(review_reason::DateYearDisagrees(date, year));
    }
    letter.confidence["date"] = c;
    if (IsDoubtful(c)) Reason(review_reason::DateUnsure());
  }

  // A text with neither number nor date: a news item or a page body, which reports requests in
  // prose rather than carrying a letter's own header and items.
  bool Prose() const { return !letter.doc_ref && !letter.date; }

  double BodyName(std::string_view name, bool known_list) const {
    const std::string folded = CollapseSpaces(FoldText(name));
    if (known_list && rules.LookupFolded("known_bodies", folded)) return 0.97;
    double c = 0.9;
    if (!StartsWithBodyHead(rules, folded) && !StartsWithIssuerHead(rules, folded)) c = 0.55;
    const size_t words = WordCount(name);
    if (words < 2 || words > 16) c = std::min(c, 0.5);
    return c * judge.TextQuality(name);
  }

  void Issuer() {
    if (!letter.issuer) {
      Reason(review_reason::NoIssuer());
      return;
    }
    double c = BodyName(*letter.issuer, true);
    const LineView* line = FindLine(header, FirstWords(*letter.issuer, 2));
    c *= Quality(line, *letter.issuer);
    // "Ủy ban nhân dân", "Văn phòng Chính": only the kind of body, its place or its last word
    // lost (a page that dropped the header's second line); the symbol's "UBND" agrees all the same.
    const bool incomplete =
        rules.Lookup("issuer_incomplete", CollapseSpaces(FoldText(*letter.issuer))) != nullptr;
    if (letter.doc_symbol) {
      const std::optional<bool> fits =
          SymbolFitsIssuer(rules, *letter.doc_symbol, *letter.issuer, letter.issuer_parent.value_or(""));
      if (fits == false) {
        c *= 0.75;
        if (IsDoubtful(c)) Reason(review_reason::SymbolDisagrees(*letter.doc_symbol, *letter.issuer));
      } else if (fits == true) {
        c = std::min(1.0, c + 0.1);  // two readings agree
      }
    }
    if (incomplete) c = std::min(c, 0.5);
    letter.confidence["issuer"] = c;
    if (IsDoubtful(c)) Reason(review_reason::IssuerUnsure());
    if (letter.issuer_parent) {
      double p = BodyName(*letter.issuer_parent, false);
      p *= Quality(FindLine(header, FirstWords(*letter.issuer_parent, 2)), *letter.issuer_parent);
      letter.confidence["issuer_parent"] = p;
    }
  }

  void Type() {
    if (!letter.doc_type) return;
    // A title line or "V/v" names the type; a symbol's code only suggests it.
    double c = 0.9;
    if (FindLine(header, *letter.doc_type) == nullptr && letter.doc_type != "Công văn") c = 0.7;
    // A text with neither number nor date (a news item) names its type in prose, if at all.
    if (Prose()) c = std::min(c, kReportedTask);
    letter.confidence["doc_type"] = c * page_quality;
  }

  void Place() {
    if (!letter.place) return;
    double c = 0.92 * judge.TextQuality(*letter.place);
    if (WordCount(*letter.place) > 5) c = std::min(c, 0.5);
    const LineView* line = FindLine(header, *letter.place);
    if (line == nullptr) {
      c = std::min(c, 0.5);  // not on one line: pieced together from two
    } else {
      // Where the place begins is a guess when a capitalised word stands before it on its line
      // (a merged header: "ĐOÀN TNCS HỒ Chí Minh Hà Nội, ngày …").
      const size_t at = line->text.find(*letter.place);
      if (at != std::string::npos) {
        std::vector<std::string_view> before = Words(line->text.substr(0, at));
        if (!before.empty() && StartsUpper(before.back()) && HasLower(before.back()) &&
            TrimPunctuation(before.back()).size() == before.back().size()) {
          c = std::min(c, 0.5);
        }
      }
    }
    // Names of places and people are where repair guesses worst (the corpus lacks most of
    // them): a place with a word the restorer changed or the OCR doubted is doubtful.
    const double q = Quality(line, *letter.place);
    letter.confidence["place"] = q < kSureWord ? std::min(c * q, 0.5) : c * q;
  }

  void Subject() {
    if (!letter.subject) return;
    const size_t words = WordCount(*letter.subject);
    double c = 0.9;
    if (words < 3 || words > 60) c = 0.5;
    if (Prose()) c = std::min(c, kReportedTask);  // a headline or a sentence, not a "V/v" line
    c *= judge.TextQuality(*letter.subject);
    letter.confidence["subject"] =
        c * Quality(FindLine(header, FirstWords(*letter.subject, 4)), *letter.subject);
  }

  // How sure one item of a list is: its text, and the words it was read from.
  double Item(std::string_view text, size_t* cursor, bool* found_before) const {
    const LineView* line = FindNext(all, FirstWords(text, 3), cursor, found_before);
    return judge.TextQuality(text) * Quality(line, text);
  }

  // Lists and the signature: the text of their items and the words they were read from.
  void Lists() {
    auto list = [&](const char* key, const std::vector<std::string>& items) {
      if (items.empty()) return;
      // Half the mean, half the worst item: one garbled item says the list was read badly.
      double sum = 0, worst = 1.0;
      size_t cursor = 0, n = 0;
      bool found = false;
      for (const std::string& s : items) {
        if (++n > kMaxItems) break;
        const double q = Item(s, &cursor, &found);
        sum += q;
        worst = std::min(worst, q);
      }
      letter.confidence[key] = 0.85 * (0.5 * sum / std::min(items.size(), kMaxItems) + 0.5 * worst);
    };
    list("addressees", letter.addressees);
    list("recipients", letter.recipients);
    list("targets", letter.targets);
    if (!letter.references.empty()) {
      double sum = 0;
      size_t n = 0;
      for (Reference& r : letter.references) {
        // References are listed once each, in no set order: each is looked for from the start
        // (the first kMaxItems of them; the rest get the page's quality).
        size_t cursor = 0;
        bool found = false;
        const LineView* line = ++n <= kMaxItems ? FindNext(all, r.ref, &cursor, &found) : nullptr;
        r.confidence = (LostStroke(r.ref) ? 0.45 : 0.92) * Quality(line, r.ref);
        sum += r.confidence;
      }
      letter.confidence["references"] = sum / letter.references.size();
    }
    if (!letter.deadlines.empty()) {
      double sum = 0;
      size_t cursor = 0;
      bool found = false;
      // The deadlines of a text with neither number nor date are read from its prose, like its
      // tasks (an earlier letter's day, a period, an event's date).
      const double c = Prose() ? kReportedTask : 0.92;
      for (const Deadline& d : letter.deadlines) {
        sum += c * Quality(FindNext(all, d.text, &cursor, &found), d.text);
      }
      letter.confidence["deadlines"] = sum / letter.deadlines.size();
    }
    if (letter.signer) {
      double c = 0.9;
      if (letter.signer->title) {
        // A title is one of the listed ones, after any "KT."/"TM." authority.
        const std::string folded = CollapseSpaces(FoldText(*letter.signer->title));
        bool listed = false;
        for (const auto& [key, value] : rules.List("signer_titles")) {
          listed = listed || folded == key || folded.starts_with(key + " ");
        }
        if (!listed) c = 0.5;
      }
      if (letter.signer->name) {
        size_t cursor = 0;
        bool found = false;
        const double q = Item(*letter.signer->name, &cursor, &found);
        c = q < kSureWord ? std::min(c * q, 0.5) : c * q;  // a name, as a place above
      }
      letter.confidence["signer"] = c;
    }
    if (letter.digital_signature) letter.confidence["digital_signature"] = 0.95;
  }

  void Tasks() {
    const std::vector<std::string> actions = ActionPhrases(rules);
    int doubtful = 0;
    size_t cursor = 0;
    bool found = false;
    for (Task& t : letter.tasks) {
      const std::string folded = CollapseSpaces(FoldText(t.assignee));
      double c = 0.9;
      if (!StartsWithBodyHead(rules, folded) && !rules.LookupFolded("known_bodies", folded)) c = 0.5;
      if (HoldsAction(actions, t.assignee) || WordCount(t.assignee) > 18 || CutBadly(rules, t.assignee)) {
        c = std::min(c, 0.5);
      }
      if (WordCount(t.summary) < 3) c = std::min(c, 0.55);
      // A body's name is short and plain: one word of debris in it, or the same words twice
      // ("Các tỉnh, thành Đoàn Các Tỉnh, thành đoàn"), and it was misread.
      if (judge.VietnameseShare(t.assignee) < 1.0 || RepeatsItself(folded)) c = std::min(c, 0.5);
      c *= judge.TextQuality(t.summary);
      if (t.deadline && letter.date && *t.deadline < *letter.date) c = std::min(c, 0.4);
      // A text with neither number nor date (a news item, a page body) reports requests in prose:
      // who it asks is read from sentences, not from the letter's own items.
      if (Prose()) c = std::min(c, kReportedTask);
      // A body's name, as a place: a word the restorer changed or the OCR doubted makes it
      // doubtful.
      const double q = Quality(FindNext(all, FirstWords(t.assignee, 3), &cursor, &found), t.assignee);
      c = q < kSureWord ? std::min(c * q, 0.5) : c * q;
      t.confidence = c;
      doubtful += IsDoubtful(c);
    }
    if (!letter.tasks.empty() && Prose()) Reason(review_reason::TasksFromProse());
    if (doubtful > 0) Reason(review_reason::TasksUnsure(doubtful, static_cast<int>(letter.tasks.size())));
  }

  // Deadlines that cannot be right as read: before the letter's date (one of the two is
  // misread), or already past when the letter arrived.
  void Deadlines() {
    for (const Deadline& d : letter.deadlines) {
      if (letter.date && d.date < *letter.date) {
        Reason(review_reason::DeadlineBeforeDate(d.date, d.text, *letter.date));
      }
      if (input.today && d.date < *input.today) {
        Reason(review_reason::DeadlinePassed(d.date, d.text, *input.today));
      }
    }
  }
};

}  // namespace

bool StartsWithIssuerHead(const RuleSet& rules, std::string_view folded) {
  std::vector<std::string_view> words = Words(folded);
  std::string head;
  for (size_t i = 0; i < words.size() && i < 4; ++i) {
    if (i) head.push_back(' ');
    head += TrimChars(words[i], ",.;:");
    if (rules.Lookup("issuer_heads", head)) return true;
  }
  return false;
}

double VietnameseShare(const RuleSet& rules, std::string_view text) {
  return TokenJudge(rules).VietnameseShare(text);
}

namespace {

// Whether the letters of `code` appear in order in the folded `name`, the first at the start of
// one of its words: "ubnd" in "uy ban nhan dan", "ttg" in "thu tuong chinh phu", "syt" in "so y
// te", "tudtn" in "ban chap hanh trung uong doan tncs". Codes are initials, but not always of
// every word, and some take two letters of one ("TTg").
bool CodeFitsName(std::string_view code, std::string_view name) {
  if (code.empty()) return false;
  for (size_t start = 0; start < name.size(); ++start) {
    if (name[start] != code[0] || (start > 0 && name[start - 1] != ' ')) continue;
    size_t k = 0;
    for (size_t i = start; i < name.size() && k < code.size(); ++i) {
      if (name[i] == code[k]) ++k;
    }
    if (k == code.size()) return true;
  }
  return false;
}

}  // namespace

std::optional<bool> SymbolFitsIssuer(const RuleSet& rules, std::string_view symbol,
                                     std::string_view issuer, std::string_view issuer_parent) {
  const std::vector<std::string_view> parts = SymbolParts(symbol);
  const std::string own = CollapseSpaces(FoldText(issuer)), parent = CollapseSpaces(FoldText(issuer_parent));
  // The code may span both names ("TWĐTN": Ban Chấp hành Trung ương, Đoàn TNCS Hồ Chí Minh).
  const std::string names[] = {own, parent, own + " " + parent, parent + " " + own};
  bool any_code = false;
  for (size_t i = 0; i < parts.size(); ++i) {
    // A type's code ("CV", "QĐ", "KH") names no body.
    if (parts.size() > 1 && rules.Lookup("doc_types", parts[i])) continue;
    std::string code = FoldText(parts[i]);
    code.erase(std::remove_if(code.begin(), code.end(), [](char c) { return !(c >= 'a' && c <= 'z'); }),
               code.end());
    if (code.size() < 2) continue;
    any_code = true;
    // Central bodies write "TW" for "Trung ương".
    std::string alt = code;
    for (size_t p; (p = alt.find("tw")) != std::string::npos;) alt.replace(p, 2, "tu");
    // Party symbols glue the drafting department to the issuer's code ("TWĐTN" + "BTG"): a
    // prefix of three letters or more that fits is enough.
    for (size_t len = code.size(); len >= std::min<size_t>(3, code.size()) && len >= 2; --len) {
      for (const std::string& name : names) {
        if (CodeFitsName(std::string_view(code).substr(0, len), name) ||
            CodeFitsName(std::string_view(alt).substr(0, len), name)) {
          return true;
        }
      }
    }
  }
  if (!any_code) return std::nullopt;
  return false;
}

void AssessConfidence(const RuleSet& rules, const std::vector<PageText>& pages,
                      const ConfidenceInput& input, Letter& letter) {
  Scorer s{rules, pages, input, letter, TokenJudge(rules), {}, {}, 1.0, {}};
  s.header = Lines(pages, 1, kHeaderLines);
  s.all = Lines(pages, pages.size(), static_cast<size_t>(-1));
  float sum = 0;
  for (const PageText& p : pages) sum += p.MeanConfidence();
  if (!pages.empty()) s.page_quality = std::clamp((sum / pages.size() - 40.0) / 45.0, 0.3, 1.0);
  letter.confidence.clear();
  s.Number();
  s.Date();
  s.Issuer();
  s.Type();
  s.Place();
  s.Subject();
  s.Lists();
  s.Tasks();
  s.Deadlines();
  // Remarks made while reading (an impossible deadline) are reasons too.
  for (const std::string& f : letter.flags) s.Reason(f);
  letter.review.reasons = std::move(s.reasons);
  letter.review.needed = !letter.review.reasons.empty();
  letter.flags = letter.review.reasons;  // the registry's older readers show `flags`
}

}  // namespace congvan::extract
