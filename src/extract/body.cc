#include "extract/body.h"
#include "extract/body_who.h"
#include "extract/body_words.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <optional>
#include <set>

#include "extract/confidence.h"
#include "extract/deadline.h"
#include "extract/member_list.h"
#include "extract/rules.h"
#include "extract/text.h"
#include "text/dates.h"
#include "text/fold.h"

namespace congvan::extract {
namespace {

constexpr size_t kMaxItems = 20000;      // bounds the work on adversarial input
constexpr size_t kMaxCooperatingBytes = 240;  // "phối hợp với …": the list of partners
constexpr size_t kMaxOwnClauses = 16;         // "…; X có trách nhiệm …" clauses tried per item
constexpr int kMaxLeadInTries = 4;             // capitalised verbs skipped inside names

// --- blocks: a marker line and the lines after it, or a paragraph ---

enum class Kind { kNone, kArticle, kRoman, kNumber, kLetter, kDash, kPlus };

struct Block {
  Kind kind = Kind::kNone;
  int depth = 0;        // 1 for "1.", 2 for "1.1." …
  std::string text;     // lines joined (marker removed)
  size_t first_line = 0;  // bytes of `text` that come from the first line
  size_t lines = 0;
  std::vector<FoundDeadline> deadlines;  // found once, shared by the item and the letter
};

// Appends a wrapped line: a line ending in "-" before a capital is a broken symbol ("02/CT-" +
// "UBND") and joins without a space.
void AppendLine(std::string& out, std::string_view line) {
  const std::string_view piece = Trim(line);
  if (piece.empty()) return;
  if (!out.empty() && !(out.back() == '-' && StartsUpper(piece))) out.push_back(' ');
  AppendCollapsed(out, piece);
}

Kind MarkerKind(const Match& m, int* depth) {
  if (m.Has("article")) return Kind::kArticle;
  if (m.Has("roman")) return Kind::kRoman;
  if (m.Has("num")) {
    std::string_view n = m.Group("num");
    *depth = 1 + static_cast<int>(std::count(n.begin(), n.end(), '.'));
    return Kind::kNumber;
  }
  if (m.Has("letter")) return Kind::kLetter;
  return m.Group("bullet") == "+" ? Kind::kPlus : Kind::kDash;
}

// Whether `line`, a "- …" line after `above`, goes on a name the page wrapped at its dash
// ("Giám đốc các Sở: Lao động" / "- Thương binh và Xã hội, Nội vụ, …").
bool ContinuesDashName(const RuleSet& rules, std::string_view above, std::string_view line) {
  if (above.empty() || !line.starts_with('-')) return false;
  const char last = above.back();
  if (last == '.' || last == ':' || last == ';' || last == ',') return false;
  const std::vector<std::string_view> before = Words(above);
  const std::vector<std::string_view> after = Words(TrimChars(line.substr(1), " "));
  if (before.size() < 2 || after.size() < 2) return false;
  const std::string key = FoldText(std::string(before[before.size() - 2]) + " " +
                                   std::string(before.back()) + " - " + std::string(after[0]) +
                                   " " + std::string(after[1]));
  return rules.LookupFolded("dash_names", key) != nullptr;
}

// A cheap test before the item_marker rules run on a line: most body lines are wrapped text
// that starts with a lower-case letter and holds no ")" near its start.
bool MayBeMarker(std::string_view raw) {
  if (raw.starts_with(' ') && !raw.starts_with("   ")) return true;  // a lost bullet glyph
  std::string_view t = Trim(raw);
  if (t.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(t[0]);
  if (c >= '0' && c <= '9') return true;
  if (c == 'I' || c == 'V' || c == 'X') return true;
  if (t.starts_with("Điều") || t.starts_with("ĐIỀU")) return true;  // an article of a legal text
  if (std::string_view("-+*_\"").find(static_cast<char>(c)) != std::string_view::npos) return true;
  if (c >= 0x80 && !((c >= 0xC3 && c <= 0xC6) || c == 0xE1)) return true;  // "•", "–", "—"
  return t.substr(0, 6).find(')') != std::string_view::npos;  // "a) …", "đ) …", "¢) …"
}

bool FindLeadIn(const RuleSet& rules, std::string_view text, const Folded& folded, Match* m);

std::vector<Block> Blocks(const RuleSet& rules, const std::vector<std::string_view>& lines,
                          BodyRange range) {
  std::vector<Block> out;
  bool open = false;  // the last block takes continuation lines
  for (size_t i = range.begin; i < range.end && i < lines.size(); ++i) {
    std::string_view line = Trim(lines[i]);
    if (line.empty()) {
      open = false;
      continue;
    }
    // A page number between two pages of one paragraph.
    if (line.size() <= 3 && line.find_first_not_of("0123456789") == std::string_view::npos) continue;
    Match m;
    // The raw line: one or two leading spaces may stand for a lost bullet glyph.
    std::string_view raw = lines[i].starts_with(' ') && !lines[i].starts_with("   ") ? lines[i] : line;
    // … unless the line leads into a request (" Thực hiện Chỉ thị số 02/CT-UBND …, Chủ tịch UBND
    // huyện yêu cầu:"): an indented paragraph.
    if (raw.data() != line.data() && line.ends_with(':') && FindLeadIn(rules, line, Fold(line), &m)) raw = line;
    const bool dash_name = open && i > range.begin && ContinuesDashName(rules, Trim(lines[i - 1]), line);
    if (!dash_name && out.size() < kMaxItems && MayBeMarker(raw) &&
        rules.FindFirst("item_marker", raw, Folded{}, &m)) {
      Block b;
      b.kind = MarkerKind(m, &b.depth);
      AppendLine(b.text, m.Group("rest"));
      b.first_line = b.text.size();
      b.lines = 1;
      out.push_back(std::move(b));
      open = true;
      continue;
    }
    if (!open) {
      if (out.size() >= kMaxItems) continue;
      out.emplace_back();
      open = true;
    }
    Block& last = out.back();
    AppendLine(last.text, line);
    ++last.lines;
    // "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:" enact what follows: the next line starts a paragraph of its
    // own even when the page left no empty line between them.
    if (line.ends_with(':') && HasUpper(line) && !HasLower(line) && Words(line).size() <= 3) {
      open = false;
      continue;
    }
    // "Điều 5." alone, then its title "Đặc xá trong trường hợp đặc biệt" on the next line, then
    // "Chính phủ chủ trì …": the title is the marker's line, as in "Điều 5. Tổ chức thực hiện".
    if (last.kind != Kind::kNone && last.lines == 2 && last.first_line == 0 && !line.ends_with('.') &&
        !line.ends_with(':') && !line.ends_with(';') && !line.ends_with(',') &&
        Words(line).size() <= kMaxHeadingWords) {
      last.first_line = last.text.size();
    }
  }
  return out;
}

// --- items ---

struct Item {
  Kind kind = Kind::kNone;
  int depth = 0;
  int parent = -1;
  std::string head;                  // the marker block's text
  size_t first_line = 0;             // bytes of `text` from the marker's line
  std::string text;                  // head + continuation paragraphs
  std::vector<int> children;
  std::vector<std::string> defaults; // bodies a lead-in asked, for items without their own
  std::vector<FoundDeadline> deadlines;  // of the item's own blocks, in text order
  bool from_paragraph = false;       // a paragraph under a heading, read as a bullet
};

bool IsBullet(Kind k) { return k == Kind::kDash || k == Kind::kPlus; }


// Whether the lead-in's bodies are the addressees in other words ("các phòng, đơn vị" for
// "Các phòng chuyên môn Sở; Các đơn vị trực thuộc"): every content word is in the addressees.
bool NamesAddressees(std::string_view phrase, const std::vector<std::string>& addressees) {
  if (addressees.empty()) return false;
  std::string all;
  for (const std::string& a : addressees) all += " " + FoldText(a) + " ";
  const std::string f = FoldText(phrase);
  static const std::set<std::string_view> kStop = {"cac", "va", "thuoc", "truc", "co", "lien", "quan"};
  for (const Tok& t : Tokenize(f)) {
    if (kStop.count(t.f)) continue;
    if (all.find(" " + std::string(t.f)) == std::string::npos) return false;
  }
  return true;
}

// The lead-in of a paragraph ([pattern lead_in]): a directive verb in capitals inside a sentence
// is part of a name ("Ban Chỉ đạo Phòng chống lụt bão … yêu cầu …:"), so the search goes on
// after it.
bool FindLeadIn(const RuleSet& rules, std::string_view text, const Folded& folded, Match* m) {
  size_t from = 0;
  for (int tries = 0; tries < kMaxLeadInTries && from < text.size(); ++tries) {
    const std::string_view rest = text.substr(from);
    // The whole text's fold serves the first look; a later one folds what is left.
    if (!(from == 0 ? rules.FindFirst("lead_in", rest, folded, m) : rules.FindFirst("lead_in", rest, Fold(rest), m))) {
      return false;
    }
    const std::string_view verb = m->Group("verb");
    const std::string_view before = TrimChars(text.substr(0, static_cast<size_t>(verb.data() - text.data())), " ");
    const bool in_name = StartsUpper(verb) && !before.empty() && before.back() != '.' && before.back() != ':';
    // Folding makes "giáo dục" read "giao": the verb "giao" carries no tone mark.
    const bool marked_giao = verb.size() != 4 && FoldText(verb) == "giao";
    if (!in_name && !marked_giao) return true;
    from = static_cast<size_t>(verb.data() + verb.size() - text.data());
  }
  return false;
}

std::vector<std::string> LeadInBodies(const RuleSet& rules, const Match& m, const Letter& letter) {
  std::string_view rest = m.Group("rest");
  Who who = ReadWho(rules, rest);
  // "Phòng GD&ĐT hướng dẫn thực hiện nhiệm vụ … như sau:" guides whoever reads it and asks no
  // one; the addressees are asked only by a request ("yêu cầu:", "đề nghị:", "giao").
  const std::string verb = FoldText(m.Group("verb"));
  if (who.bodies.empty() && (verb == "huong dan" || verb == "thong bao" || verb == "trien khai")) return {};
  if (who.bodies.empty() || NamesAddressees(rest.substr(0, rest.size() - who.rest.size()), letter.addressees)) {
    return letter.addressees;
  }
  return who.bodies;
}

// Where in `stack` the topic heading sits ("1. Trung ương Đoàn TNCS Hồ Chí Minh": one line, no
// full stop, no colon) that the paragraph block `b` is an item of, or -1. Printed letters mark
// those sub-items with a bullet glyph or an indent that OCR does not keep; a scan keeps only the
// paragraph break. The heading's children so far must all be such paragraphs (bullets below
// them are theirs), and the paragraph must name who acts ("Giao Ban …", "Các tỉnh, thành đoàn …
// tổ chức …"): other prose goes on with the item above, as before.
int HeadingOfParagraph(const RuleSet& rules, const std::vector<Item>& items, const std::vector<int>& stack,
                       const Block& b) {
  if (stack.empty() || !StartsUpper(b.text)) return -1;
  int level = static_cast<int>(stack.size()) - 1;
  // Bullets under a paragraph item ("Giao Ban …:" / "+ Chủ trì …") belong to it.
  while (level >= 0 && IsBullet(items[stack[level]].kind) && !items[stack[level]].from_paragraph) --level;
  if (level >= 0 && items[stack[level]].from_paragraph) --level;
  if (level < 0) return -1;
  const Item& heading = items[stack[level]];
  if (IsBullet(heading.kind) || heading.text != heading.head) return -1;
  const std::string_view head = Trim(heading.head);
  if (head.empty() || head.size() != heading.first_line || head.ends_with('.') || head.ends_with(':') ||
      Words(head).size() > kMaxHeadingWords) {
    return -1;
  }
  if (!std::all_of(heading.children.begin(), heading.children.end(),
                   [&](int c) { return items[c].from_paragraph; })) {
    return -1;
  }
  // A paragraph that is bodies only ("UBND các xã, thị trấn:") is the heading's wrapped line.
  const Who who = ReadWho(rules, b.text);
  return !who.bodies.empty() && !TrimChars(who.rest, ":;,. ").empty() ? level : -1;
}


// A paragraph outside every item (a letter without numbered items, or text before the first
// item) and the bodies a lead-in before it asked ("Chủ tịch UBND tỉnh yêu cầu các sở …:").
struct Loose {
  const Block* block = nullptr;
  std::vector<std::string> asked;
};

std::optional<Who> SentenceWho(const RuleSet& rules, std::string_view sentence);
bool GenericRequest(const RuleSet& rules, std::string_view action);
std::vector<std::string_view> Sentences(std::string_view text);

// Whether a paragraph after the numbered items is a request of its own: a directive verb asks
// named bodies for something more than carrying the items out ("Đề nghị Đài truyền thanh xã,
// các đồng chí Trưởng thôn thông báo liên tục …", "BCH Đoàn … kính đề nghị Bí thư các chi đoàn
// đẩy mạnh công tác tuyên truyền …"), not the closing formula ("Đề nghị các đơn vị nghiêm túc
// triển khai thực hiện./.").
bool AsksForMore(const RuleSet& rules, std::string_view text) {
  const std::vector<std::string_view> sentences = Sentences(text);
  if (sentences.empty()) return false;
  const std::string_view first = sentences.front();
  const std::string folded = FoldText(Utf8Prefix(first, kWhoBytes));
  const std::vector<Tok> t = Tokenize(folded);
  if (FindPhrase(rules, "directive_verbs", t, 0, std::min(t.size(), kStrongWindow)) >= t.size()) return false;
  const std::optional<Who> who = SentenceWho(rules, first);
  return who && !GenericRequest(rules, TrimChars(who->rest, " .;,/"));
}

// Builds the item tree from the blocks; lead-ins set the bodies of the items after them.
std::vector<Item> Items(const RuleSet& rules, const std::vector<Block>& blocks, const Letter& letter,
                        std::vector<Loose>* loose) {
  std::vector<Item> items;
  std::vector<int> stack;
  std::vector<std::string> defaults;
  for (const Block& b : blocks) {
    if (b.kind == Kind::kNone) {
      Match m;
      const Folded f = Fold(b.text);
      if (rules.FindFirst("closing", b.text, f, &m)) {
        // "Đề nghị các đơn vị nghiêm túc triển khai thực hiện./." after numbered items closes
        // them and is no task (NOTES.md); in a letter of paragraphs only it is the request, and
        // so is one that asks named bodies for more.
        if (items.empty() || AsksForMore(rules, b.text)) loose->push_back({&b, {}});
        stack.clear();
        continue;
      }
      const bool numbered_open = std::any_of(stack.begin(), stack.end(), [&](int i) {
        return !IsBullet(items[i].kind);
      });
      if (!numbered_open && FindLeadIn(rules, b.text, f, &m)) {
        stack.clear();
        defaults = LeadInBodies(rules, m, letter);
        continue;
      }
      // "Nhà trường yêu cầu Trưởng các đơn vị … tổ chức lấy ý kiến …" after the last numbered
      // item: a request of its own closes the items rather than going on with the last one.
      if (!stack.empty() && StartsUpper(b.text) && AsksForMore(rules, b.text)) {
        loose->push_back({&b, {}});
        stack.clear();
        continue;
      }
      if (stack.empty()) {
        // After a closing the letter's requests are over ("Trên đây là …"): only paragraphs
        // before every item are read for tasks, and requests of their own.
        if (items.empty()) {
          loose->push_back({&b, defaults});
        } else if (AsksForMore(rules, b.text)) {
          loose->push_back({&b, {}});
        }
      } else if (const int level = HeadingOfParagraph(rules, items, stack, b); level >= 0) {
        // "1. Trung ương Đoàn" / blank / "Giao Văn phòng …": an item of its own, as the text
        // layer's " Giao Văn phòng …" (a lost bullet) is.
        stack.resize(level + 1);
        Item it;
        it.kind = Kind::kDash;
        it.head = b.text;
        it.first_line = b.first_line;
        it.deadlines = b.deadlines;
        it.text = b.text;
        it.parent = stack.back();
        it.from_paragraph = true;
        items.push_back(std::move(it));
        const int index = static_cast<int>(items.size()) - 1;
        items[items[index].parent].children.push_back(index);
        stack.push_back(index);
      } else {
        items.back().text += "\n" + b.text;
        items.back().deadlines.insert(items.back().deadlines.end(), b.deadlines.begin(), b.deadlines.end());
      }
      continue;
    }
    // A marker of a kind already open is a sibling of it: close it and what is below.
    for (size_t j = 0; j < stack.size(); ++j) {
      const Item& open = items[stack[j]];
      if (open.kind == b.kind && (b.kind != Kind::kNumber || open.depth == b.depth)) {
        stack.resize(j);
        break;
      }
    }
    Item it;
    it.kind = b.kind;
    it.depth = b.depth;
    it.head = b.text;
    it.first_line = b.first_line;
    it.deadlines = b.deadlines;
    it.text = b.text;
    it.parent = stack.empty() ? -1 : stack.back();
    if (it.parent < 0) it.defaults = defaults;
    items.push_back(std::move(it));
    const int index = static_cast<int>(items.size()) - 1;
    if (items[index].parent >= 0) items[items[index].parent].children.push_back(index);
    stack.push_back(index);
  }
  return items;
}

// --- tasks ---

// "có trách nhiệm tuyên truyền …" → "tuyên truyền …": the duty words add nothing to a summary.
std::string_view StripDuty(std::string_view text) {
  const std::string f = FoldText(Trim(text).substr(0, 24));
  for (const char* duty : {"co trach nhiem ", "chiu trach nhiem "}) {
    if (f.starts_with(duty)) {
      std::string_view t = Trim(text);
      std::vector<std::string_view> w = Words(t.substr(0, 40));
      if (w.size() >= 4) return t.substr(w[3].data() - t.data());
    }
  }
  return text;
}

// The bodies a task's text asks to work with: "phối hợp với Bộ Nông nghiệp và Môi trường, Bộ
// Xây dựng trong việc …" → both ministries. The list ends where its action begins (as a body
// name does: rules/body.rules, [list actions]); only phrases that open with a body head count.
std::vector<std::string> Cooperating(const RuleSet& rules, std::string_view text) {
  std::vector<std::string> out;
  // Most tasks name no partner: skip the folding unless "hợp" (or an OCR'd "hop") is there.
  if (text.find("hợp") == std::string_view::npos && text.find("Hợp") == std::string_view::npos &&
      text.find("HỢP") == std::string_view::npos && text.find("hop") == std::string_view::npos) {
    return out;
  }
  std::string_view head = text.substr(0, std::min(text.size(), kWhoBytes * 2));
  while (!head.empty() && head.size() < text.size() &&
         (static_cast<unsigned char>(text[head.size()]) & 0xC0) == 0x80) {
    head.remove_suffix(1);  // end on a character boundary
  }
  const Folded f = Fold(head);
  for (const Match& m : rules.Family("cooperating").empty() ? std::vector<Match>{}
                                                              : rules.Family("cooperating")[0]->FindAll(head, f)) {
    // The rule leaves the list open-ended (a bounded repeat such as {3,240} makes RE2's DFA
    // blow up and fall back to its slow engine); the list is read from its first bytes only.
    const std::string_view after = Utf8Prefix(m.Group("value"), kMaxCooperatingBytes);
    const Folded fa = Fold(after);
    const std::vector<Tok> toks = Tokenize(fa.text);
    const size_t window = std::min(toks.size(), kMaxBodyWords);
    size_t end = FindPhrase(rules, "actions", toks, 0, window);
    while (end > 0 && end < window && InsideName(after, fa.OriginBegin(toks[end].fb))) {
      end = FindPhrase(rules, "actions", toks, end + 1, window);  // "Bộ Xây dựng"
    }
    end = std::min(end, toks.size());
    const size_t adverb = FindPhrase(rules, "adverbs", toks, 0, end);
    end = std::min(end, adverb);
    const size_t stop = FindPhrase(rules, "cooperating_stop", toks, 0, end);
    end = std::min(end, stop);
    if (end == 0) continue;
    const std::string_view phrase = end < toks.size() ? after.substr(0, fa.OriginBegin(toks[end].fb)) : after;
    if (!StartsWithHead(rules, phrase)) continue;
    for (std::string& b : SplitBodies(rules, phrase)) {
      if (std::find(out.begin(), out.end(), b) == out.end()) out.push_back(std::move(b));
    }
  }
  return out;
}

// Gives `t` the dated deadline `d`: its date, its words and the time of day it names.
void TakeDeadline(const FoundDeadline& d, Task& t) {
  t.deadline = d.date;
  t.deadline_text = d.text;
  t.deadline_time = d.time;
}

void AddTasks(const RuleSet& rules, const std::vector<std::string>& bodies, const std::string& text,
              const std::vector<FoundDeadline>& deadlines, std::vector<Task>& tasks) {
  if (bodies.empty() || Trim(text).empty()) return;
  Task t;
  t.summary = Summarize(StripDuty(text));
  t.cooperating = Cooperating(rules, text);
  for (const FoundDeadline& d : deadlines) {
    if (d.date && !t.deadline) TakeDeadline(d, t);
    // A recurrence with its day ("weekly:MO 09:00") is preferred to a bare "weekly".
    const bool precise = d.recurrence && d.recurrence->find(':') != std::string::npos;
    const bool had_precise = t.recurrence && t.recurrence->find(':') != std::string::npos;
    if (d.recurrence && (!t.recurrence || (precise && !had_precise))) {
      t.recurrence = d.recurrence;
      if (!t.deadline) t.deadline_text = d.text;
    }
  }
  for (const std::string& b : bodies) {
    t.assignee = b;
    tasks.push_back(t);
  }
}

// The whole text of a bullet with the bullets under it.
std::string FullText(const std::vector<Item>& items, int i, std::vector<FoundDeadline>& deadlines) {
  std::string s = items[i].text;
  deadlines.insert(deadlines.end(), items[i].deadlines.begin(), items[i].deadlines.end());
  for (int c : items[i].children) s += "\n" + FullText(items, c, deadlines);
  return s;
}

// Whether a body names one office rather than restating a group: "Tỉnh đoàn Hà Giang", "Các
// Ban phong trào", "Văn phòng …" are specific; "Các cơ quan, đơn vị" under "1. Người đứng đầu
// các sở, ban, ngành …" restates the item's own bodies.
bool Specific(const std::vector<std::string>& bodies) {
  for (const std::string& b : bodies) {
    const std::vector<std::string_view> words = Words(b);
    if (words.empty()) continue;
    if (FoldText(words[0]) != "cac") return true;
    for (size_t k = 1; k < words.size(); ++k) {
      if (StartsUpper(words[k])) return true;
    }
  }
  return false;
}

bool SameBodies(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); ++k) {
    if (CollapseSpaces(FoldText(a[k])) != CollapseSpaces(FoldText(b[k]))) return false;
  }
  return true;
}

// Where the next clause of an item's text starts (at or after `from`): the "; " or ". " before it.
size_t NextClause(std::string_view text, size_t from) {
  return std::min(text.find("; ", from), text.find(". ", from));
}

// "… báo cáo kết quả trước ngày 15/6/2024; tổng kết, báo cáo trước ngày 15/12/2024": one body,
// several dated duties in one item, each a task with its own deadline. The text is cut after the
// clause ("; " or ". ") that holds each dated deadline but the last; the rest goes with the last.
// False (nothing added) when the item has fewer than two distinct dates.
bool SplitByDeadline(const RuleSet& rules, const std::vector<std::string>& bodies, std::string_view text,
                     const std::vector<FoundDeadline>& known, const std::optional<std::string>& date,
                     std::vector<Task>& tasks) {
  if (bodies.empty()) return false;
  // The item's deadlines are already known: most items hold none or one, and are not read again.
  size_t dates = 0;
  for (size_t k = 0; k < known.size(); ++k) {
    if (known[k].date && (k == 0 || known[k - 1].date != known[k].date)) ++dates;
  }
  if (dates < 2) return false;
  const std::vector<FoundDeadline> found = FindDeadlines(rules, text, date);
  std::vector<const FoundDeadline*> dated;
  for (const FoundDeadline& d : found) {
    if (d.date && (dated.empty() || *dated.back()->date != *d.date)) dated.push_back(&d);
  }
  if (dated.size() < 2) return false;
  std::vector<size_t> cuts;  // where each task's text ends
  for (size_t k = 0; k + 1 < dated.size(); ++k) {
    const size_t end = NextClause(text, dated[k]->end);
    if (end == std::string_view::npos || end >= dated[k + 1]->begin) return false;  // one clause, two dates
    cuts.push_back(end);
  }
  size_t from = 0;
  cuts.push_back(text.size());
  for (size_t end : cuts) {
    const std::string_view piece = Trim(text.substr(from, end - from));
    std::string own(end == text.size() ? piece : TrimChars(piece, "; "));
    if (end != text.size() && !own.ends_with('.')) own += ".";
    AddTasks(rules, bodies, own, FindDeadlines(rules, piece, date), tasks);
    from = std::min(text.size(), end + 2);
  }
  return true;
}

// Emits the tasks of item `i`; `inherited` are the bodies of the enclosing item (or a lead-in).
void Emit(const RuleSet& rules, const std::vector<Item>& items, const std::vector<Who>& whos, int i,
          const std::vector<std::string>& inherited, const std::optional<std::string>& date,
          int depth, std::vector<Task>& tasks) {
  if (depth > 64) return;  // deeply nested numbering: the tree is cut, not the stack
  const Item& it = items[i];
  Who who = whos[i];
  // "2.3. Phòng Tư pháp" alone on the marker's line is a heading, whatever verb follows below.
  if (!who.bodies.empty() && it.text.size() - who.rest.size() >= it.first_line) who.strong = true;
  const bool top = it.parent < 0;  // a lead-in's bodies are a default, not an enclosing item
  // With no body above it, an item or bullet that opens with a body and a verb names its actor.
  const bool nothing_above = top ? !IsBullet(it.kind) || it.defaults.empty() : inherited.empty();
  // Below an item, a sub-item or bullet that opens with a body names its own actor.
  const bool accept = !who.bodies.empty() &&
                      (who.strong || nothing_above || (!top && !who.scoped && Specific(who.bodies)));
  const std::vector<std::string>& bodies = accept ? who.bodies : inherited;
  std::string own = accept ? who.rest : it.text;
  const bool has_numbered = std::any_of(it.children.begin(), it.children.end(),
                                        [&](int c) { return !IsBullet(items[c].kind); });
  if (has_numbered) {
    // "2. Ban thường vụ các tỉnh, thành đoàn …: Phối hợp triển khai …" over "2.1. Tỉnh đoàn Bình
    // Định: …": the heading's own duty is its task too.
    // One that leads into its sub-items ("…, cụ thể:") is theirs.
    if (accept && who.strong && !TrimChars(own, ":;,. ").empty() && !Trim(own).ends_with(':')) {
      AddTasks(rules, bodies, own, it.deadlines, tasks);
    }
    for (int c : it.children) Emit(rules, items, whos, c, bodies, date, depth + 1, tasks);
    return;
  }
  std::string merged = own;
  std::vector<FoundDeadline> deadlines = it.deadlines;
  bool merged_bullet = false;
  for (int c : it.children) {
    const Who& cw = whos[c];
    // A bullet that names its own body is that body's task; one that names the item's own
    // body again ("2. Các tỉnh, thành Đoàn" / "Các Tỉnh, thành đoàn ban hành …") is part of it.
    // A bullet that names a body after a scope with a plain verb ("Hàng năm, Ban Thường vụ Đoàn
    // cấp tỉnh báo cáo …" under "Các tỉnh, thành Đoàn") says how the item's bodies report.
    const bool restates = cw.scoped && !cw.strong && !bodies.empty();
    if (!cw.bodies.empty() && !SameBodies(cw.bodies, bodies) && !restates) {
      Emit(rules, items, whos, c, bodies, date, depth + 1, tasks);
      continue;
    }
    if (!merged.empty()) merged += "\n";
    merged += FullText(items, c, deadlines);
    merged_bullet = true;
  }
  // "Đối với …:" over bullets that each name their own body gives no task of its own.
  if (!it.children.empty() && !merged_bullet) return;
  std::string_view text = Trim(merged);
  if (!merged_bullet && accept && text.empty()) return;
  // "…; Bộ Quốc phòng, Bộ Công an có trách nhiệm thực hiện …": a clause after "; " (or a
  // sentence after ". ": "… quản lý, điều hành. Quỹ … cấp tỉnh do Chủ tịch Ủy ban nhân dân cấp
  // tỉnh quyết định …") that opens with bodies and a duty verb is their task, not more of this one.
  if (!merged_bullet) {
    // Each such clause starts the task of its bodies, up to the next one: "Các Ban phong trào …
    // thông tin, đôn đốc …. Báo Tiền Phong, Báo Thanh Niên công bố kết quả …" gives two tasks.
    std::vector<std::string> current = bodies;
    size_t from = 0;        // where the current task's text starts in `text`
    bool split = false;
    size_t clauses = 0;  // bounds the work on an item of thousands of "; " clauses
    for (size_t semi = NextClause(text, 0); semi != std::string_view::npos && ++clauses <= kMaxOwnClauses;
         semi = NextClause(text, semi + 2)) {
      const std::string_view clause = Trim(text.substr(semi + 2));
      if (!StartsUpper(clause)) continue;
      // The letter's closing joined to its last item (an OCR'd page lost the blank line before
      // "Yêu cầu Thủ trưởng … thực hiện nghiêm túc …./."): no task, as on its own (NOTES.md).
      Match closing;
      if (rules.FindFirst("closing", clause, Fold(clause), &closing)) continue;
      const Who next = ReadWho(rules, clause);
      if (next.bodies.empty() || SameBodies(next.bodies, current)) continue;
      // A plain verb after a name ("Sở Tài chính bố trí …") counts in a new sentence only, for
      // bodies named in full, and not under a group that holds them ("Các đơn vị báo chí … đăng
      // tải …. Báo Tiền Phong, Báo Thanh Niên công bố …" is the group's one task).
      if (!next.strong) {
        const std::string rest_folded = FoldText(Utf8Prefix(next.rest, 32));  // the tokens point into it
        const std::vector<Tok> rest = Tokenize(rest_folded);
        const bool under_group = !current.empty() && FoldText(current[0]).starts_with("cac ");
        if (text[semi] != '.' || under_group || !Specific(next.bodies) || PhraseAt(rules, "actions", rest, 0) == 0) {
          continue;
        }
      }
      // "Yêu cầu các cơ quan, đơn vị và địa phương báo cáo …" under "1. Thủ trưởng các cơ quan …,
      // Chủ tịch UBND các xã …" only restates the item's own bodies.
      if (!bodies.empty() && !Specific(next.bodies)) continue;
      const std::string_view own_text = text.substr(from, semi - from);
      AddTasks(rules, current, std::string(own_text), FindDeadlines(rules, own_text, date), tasks);
      current = next.bodies;
      from = text.size() - std::min(text.size(), next.rest.size());
      split = true;
    }
    if (split) {
      const std::string_view own_text = text.substr(from);
      AddTasks(rules, current, std::string(own_text), FindDeadlines(rules, own_text, date), tasks);
      return;
    }
  }
  if (!merged_bullet && SplitByDeadline(rules, bodies, text, deadlines, date, tasks)) return;
  AddTasks(rules, bodies, std::string(text), deadlines, tasks);
}

// "… đề nghị A, B, C thực hiện như sau:" over "- Tuyên truyền …" / "- Triển khai … trước …":
// dash bullets under a lead-in are one duty of the bodies it asked, as bullets under a numbered
// item are part of its one task. The number of top-level bullets from `i` that name no body of
// their own and carry the same lead-in bodies; 0 when item `i` is not such a bullet.
size_t LeadInBullets(const std::vector<Item>& items, const std::vector<Who>& whos, size_t i) {
  size_t run = 0;
  for (size_t k = i; k < items.size(); ++k) {
    const Item& it = items[k];
    if (it.parent >= 0) continue;
    if (!IsBullet(it.kind) || it.defaults.empty() || it.defaults != items[i].defaults || !whos[k].bodies.empty()) break;
    ++run;
  }
  return run;
}

// The index of the top-level item `run` top-level items after `i` (or the end).
size_t NextTopItem(const std::vector<Item>& items, size_t i, size_t run) {
  size_t k = i;
  for (size_t seen = 0; k < items.size(); ++k) {
    if (items[k].parent >= 0) continue;
    if (seen++ == run) break;
  }
  return k;
}

// One task per lead-in body for the `run` bullets from `i`, their texts joined.
void EmitLeadInBullets(const RuleSet& rules, const std::vector<Item>& items, size_t i, size_t run,
                       std::vector<Task>& tasks) {
  std::string merged;
  std::vector<FoundDeadline> deadlines;
  for (size_t k = i, seen = 0; k < items.size() && seen < run; ++k) {
    if (items[k].parent >= 0) continue;
    ++seen;
    if (!merged.empty()) merged += "\n";
    merged += FullText(items, static_cast<int>(k), deadlines);
  }
  AddTasks(rules, items[i].defaults, merged, deadlines, tasks);
}

// --- tasks of paragraphs: letters without numbered items ---

// The sentences of a paragraph: it is cut after ". " or "; " before a capital ("Giao Sở Y tế chủ
// trì …. Sở Tài chính bố trí kinh phí …"). A "." inside a number or a symbol cuts nothing.
std::vector<std::string_view> Sentences(std::string_view text) {
  std::vector<std::string_view> out;
  size_t from = 0;
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    if ((text[i] != '.' && text[i] != ';') || text[i + 1] != ' ') continue;
    if (!StartsUpper(Trim(text.substr(i + 2)))) continue;
    out.push_back(Trim(text.substr(from, i + 1 - from)));
    from = i + 2;
  }
  if (from < text.size()) out.push_back(Trim(text.substr(from)));
  return out;
}

// Whether a directive verb ("đề nghị", "yêu cầu", "giao") opens a request within the first words.
bool HasDirective(const RuleSet& rules, std::string_view sentence) {
  const std::string folded = FoldText(Utf8Prefix(sentence, kWhoBytes));  // the tokens point into it
  const std::vector<Tok> t = Tokenize(folded);
  return FindPhrase(rules, "directive_verbs", t, 0, std::min(t.size(), kStrongWindow)) < std::min(t.size(), kStrongWindow);
}

// "Thực hiện Chỉ thị số 02/CT-UBND …, để đảm bảo …, Chủ tịch UBND huyện yêu cầu: Thủ trưởng các
// cơ quan … thực hiện …": a lead-in inside a sentence, after a long preamble, ends a sentence of
// its own; what follows it is the request.
std::vector<std::string_view> SplitAtLeadIns(const RuleSet& rules, const std::vector<std::string_view>& sentences) {
  std::vector<std::string_view> out;
  for (std::string_view sentence : sentences) {
    for (size_t colon = sentence.find(": "); colon != std::string_view::npos; colon = sentence.find(": ", colon + 2)) {
      const std::string_view head = sentence.substr(0, colon + 1);
      const std::string_view rest = Trim(sentence.substr(colon + 2));
      Match m;
      // Only a verb right before the colon: "Giao các Bộ: Công an, Tài chính …" is one request.
      if (rest.empty() || !StartsUpper(rest) || !FindLeadIn(rules, head, Fold(head), &m) ||
          !Trim(m.Group("rest")).empty()) {
        continue;
      }
      out.push_back(head);
      sentence = rest;
      break;
    }
    out.push_back(sentence);
  }
  return out;
}

// Whether the words before a directive verb are who speaks: nothing, courtesy ("Trân trọng đề
// nghị"), or a body ("Ban Bí thư Trung ương Đoàn đề nghị", "UBND tỉnh yêu cầu"), back to the
// last comma ("Thực hiện Công văn số …, Sở Y tế đề nghị …"). "Tờ trình số 12 … đề nghị UBND
// huyện" (a document asks), "… đã giao Sở Y tế" (a past act) and "nhiệm vụ được giao" are none.
bool SpeakerBefore(const RuleSet& rules, const std::string& folded, const std::vector<Tok>& t, size_t verb,
                   std::string_view sentence, const Folded& f) {
  size_t begin = verb;
  while (begin > 0 && folded.find(',', t[begin - 1].fe) >= t[begin].fb) --begin;
  // "… có ý kiến chỉ đạo như sau: Giao các sở …": after the formula that announces them, the
  // directive opens a clause of its own (a petition quoted before a colon does not).
  if (verb >= 2 && t[verb - 2].f == "nhu" && t[verb - 1].f == "sau" &&
      folded.find(':', t[verb - 1].fe) < t[verb].fb) {
    return true;
  }
  while (begin < verb && PhraseAt(rules, "directive_courtesy", t, begin) > 0) {
    begin += PhraseAt(rules, "directive_courtesy", t, begin);
  }
  if (begin == verb) return true;
  const std::string_view subject =
      sentence.substr(f.OriginBegin(t[begin].fb), f.OriginBegin(t[verb].fb) - f.OriginBegin(t[begin].fb));
  // "Ban Thường vụ Thành ủy có Công văn số 4182-CV/TU yêu cầu …": a body speaks through its
  // letter (a letter alone that asks, "Tờ trình số 12 … đề nghị", is a petition, no speaker).
  Match letter;
  if (verb - begin <= 2 * kMaxHeadingWords &&
      rules.FindFirst("speaker_letter", Trim(subject), Fold(Trim(subject)), &letter)) {
    return StartsWithHead(rules, Trim(letter.Group("body")));
  }
  if (verb - begin > kMaxHeadingWords) return false;
  for (size_t k = begin; k < verb; ++k) {
    if (PhraseAt(rules, "directive_subject_not", t, k) > 0) return false;
  }
  return StartsWithHead(rules, Trim(subject));
}

// Who a sentence of a paragraph asks to act, and what: "Giao Sở Y tế chủ trì, phối hợp …",
// "Ban Bí thư Trung ương Đoàn đề nghị Ban Thường vụ các tỉnh, thành đoàn … triển khai …", "UBND
// tỉnh yêu cầu Giám đốc các Sở … báo cáo … trước ngày …" (a directive verb, then the bodies), or
// a sentence that opens with bodies and their duty ("Sở Tài chính chủ trì …", "Ủy ban nhân dân
// cấp xã lập hồ sơ …"). Nothing for a passive ("Các đơn vị hành chính cấp xã được …"), a past or
// present fact ("UBND huyện đã triển khai …"), or a sentence with no body.
std::optional<Who> SentenceWhoOfAnyone(const RuleSet& rules, std::string_view sentence);

// "(HNM) - UBND TP vừa ban hành công văn …": a news item opens with its paper's initials.
std::string_view WithoutByline(std::string_view sentence) {
  constexpr size_t kMaxBylineBytes = 16;
  if (!sentence.starts_with('(')) return sentence;
  const size_t close = sentence.find(')');
  if (close == std::string_view::npos || close > kMaxBylineBytes) return sentence;
  const std::string_view rest = TrimChars(sentence.substr(close + 1), " ");
  for (std::string_view dash : {"- ", "– ", "— "}) {
    if (rest.starts_with(dash)) return Trim(rest.substr(dash.size()));
  }
  return sentence;
}

// Who a sentence asks to act (below), leaving out those who petition ([pattern petitioner]).
std::optional<Who> SentenceWho(const RuleSet& rules, std::string_view sentence) {
  std::optional<Who> who = SentenceWhoOfAnyone(rules, WithoutByline(sentence));
  if (!who) return who;
  Match m;
  std::erase_if(who->bodies, [&](const std::string& b) { return rules.FindFirst("petitioner", b, Fold(b), &m) != nullptr; });
  if (who->bodies.empty()) return std::nullopt;
  return who;
}

std::optional<Who> SentenceWhoOfAnyone(const RuleSet& rules, std::string_view sentence) {
  const std::string_view opening = Utf8Prefix(sentence, kWhoBytes);
  const Folded f = Fold(opening);
  const std::vector<Tok> t = Tokenize(f.text);
  const PhraseList verbs = Resolve(rules, "directive_verbs");
  for (size_t i = 0; i < t.size() && i < kStrongWindow; ++i) {
    const size_t n = PhraseAt(verbs, t, i);
    if (n == 0 || i + n >= t.size()) continue;
    // "Ban Tuyên giáo …": folding reads "giáo" as the verb "giao", which carries no tone mark.
    const size_t word_bytes = f.OriginEnd(t[i].fe) - f.OriginBegin(t[i].fb);
    if (t[i].f == "giao" && word_bytes != t[i].f.size()) continue;
    if (!SpeakerBefore(rules, f.text, t, i, opening, f)) continue;
    Who who = ReadAskedWho(rules, sentence.substr(f.OriginBegin(t[i + n].fb)));
    if (who.bodies.empty() || TrimChars(who.rest, ":;,. ").empty()) continue;
    return who;
  }
  Who who = ReadWho(rules, sentence);
  if (who.bodies.empty() || TrimChars(who.rest, ":;,. ").empty()) return std::nullopt;
  // The words after the name must be a duty ("lập", "báo cáo", "chủ trì", "có trách nhiệm"), or
  // an adverb before one, not any word after a name.
  const std::string rest_folded = FoldText(Utf8Prefix(who.rest, kPrefixBytes));  // the tokens point into it
  const std::vector<Tok> rest = Tokenize(rest_folded);
  if (rest.empty()) return std::nullopt;
  // "Chính phủ ban hành Nghị định …", "Bộ trưởng Bộ Tài chính ban hành Thông tư …": the formula
  // that enacts the text, no duty.
  if (PhraseAt(rules, "enacting_verbs", rest, 0) > 0) return std::nullopt;
  // "Ban Thường vụ Tỉnh ủy yêu cầu …" whose bodies asked could not be read: who speaks is
  // never who acts.
  if (PhraseAt(rules, "directive_verbs", rest, 0) > 0) return std::nullopt;
  if (PhraseAt(rules, "actions", rest, 0) == 0 && PhraseAt(rules, "adverbs", rest, 0) == 0 && !who.strong) {
    return std::nullopt;
  }
  return who;
}

// Whether an action is only "carry it out" ("khẩn trương tổ chức thực hiện", "triển khai thực
// hiện nghiêm túc, hiệu quả"): every word of it is in [list generic_request_words].
bool GenericRequest(const RuleSet& rules, std::string_view action) {
  // "… triển khai thực hiện để cuộc thi đạt kết quả cao": a purpose asks nothing more, nor does
  // whose direction is carried out ("thực hiện nghiêm túc chỉ đạo của Chủ tịch UBND huyện").
  for (std::string_view cut : {" để ", " của "}) {
    if (const size_t at = action.find(cut); at != std::string_view::npos && at > 0) action = action.substr(0, at);
  }
  const std::string folded = FoldText(Utf8Prefix(action, kPrefixBytes));  // the tokens point into it
  const std::vector<Tok> t = Tokenize(folded);
  if (t.empty() || action.size() > kPrefixBytes) return false;
  const PhraseList generic = Resolve(rules, "generic_request_words");
  for (size_t i = 0; i < t.size();) {
    const size_t n = PhraseAt(generic, t, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// The text of `action` without its deadline phrases.
std::string WithoutDeadlines(std::string_view action, const std::vector<FoundDeadline>& deadlines) {
  std::string out;
  size_t from = 0;
  for (const FoundDeadline& d : deadlines) {
    if (d.begin < from || d.end > action.size()) continue;
    out += action.substr(from, d.begin - from);
    from = d.end;
  }
  out += action.substr(std::min(from, action.size()));
  return out;
}

// A sentence that only sets a date for what was asked just before it ("Các đơn vị thực hiện
// trước ngày 24/3/2016.", "Thời hạn hoàn thành trước ngày …" said by a group): its deadline goes
// to the tasks of the last request that have none, and it is no task of its own. False (nothing
// changed) when the sentence asks more than "carry it out" or names no date.
bool GiveDeadlineToLastRequest(const RuleSet& rules, const Who& who, const std::vector<FoundDeadline>& found,
                               const std::optional<std::string>& date, std::vector<Task>& tasks) {
  const std::vector<FoundDeadline> own = FindDeadlines(rules, who.rest, date);
  if (own.empty() || !own.front().date || found.empty()) return false;
  if (!GenericRequest(rules, TrimChars(WithoutDeadlines(who.rest, own), " .;,"))) return false;
  // The last request's tasks: the run of tasks at the end that share its text.
  const std::string& last = tasks.back().summary;
  bool given = false;
  for (auto it = tasks.rbegin(); it != tasks.rend() && it->summary == last; ++it) {
    if (it->deadline) continue;
    TakeDeadline(own.front(), *it);
    given = true;
  }
  return given;
}

// Appends `sentence` to the tasks of the last request (the run of tasks at the end that share
// its text) and gives its dated deadline to those that have none.
void JoinSentence(std::string_view sentence, const std::vector<FoundDeadline>& found, std::vector<Task>& tasks) {
  const std::string last = tasks.back().summary;
  const std::string joined = Summarize(last + " " + std::string(Trim(sentence)));
  for (auto it = tasks.rbegin(); it != tasks.rend() && it->summary == last; ++it) {
    it->summary = joined;
    for (const FoundDeadline& d : found) {
      if (d.date && !it->deadline) TakeDeadline(d, *it);
    }
  }
}

// A sentence of the same bodies as the request just before it ("Sở … đề nghị các đơn vị tham
// gia ý kiến …" / "Các đơn vị gửi ý kiến về Phòng C2 trước ngày 13.12.2007."): one duty told in
// two sentences, so one task per body (a letter of paragraphs is one item). Its text joins the
// last request's tasks and its deadline goes to those that have none. False when the bodies
// differ.
bool JoinLastRequest(const Who& who, std::string_view sentence, const std::vector<FoundDeadline>& found,
                     std::vector<Task>& tasks) {
  const std::string last = tasks.back().summary;
  std::vector<std::string> last_bodies;
  for (auto it = tasks.rbegin(); it != tasks.rend() && it->summary == last; ++it) {
    last_bodies.push_back(CollapseSpaces(FoldText(it->assignee)));
  }
  if (last_bodies.size() != who.bodies.size()) return false;
  for (const std::string& b : who.bodies) {
    if (std::find(last_bodies.begin(), last_bodies.end(), CollapseSpaces(FoldText(b))) == last_bodies.end()) {
      return false;
    }
  }
  JoinSentence(sentence, found, tasks);
  return true;
}

// A schedule line's date ([pattern schedule_line]) and where its duty starts in `text`; nullopt
// when `text` is no such line.
struct ScheduleLine {
  FoundDeadline deadline;
  size_t duty = 0;
};
std::optional<ScheduleLine> ReadScheduleLine(const RuleSet& rules, std::string_view text) {
  Match m;
  const std::string_view opening = Utf8Prefix(text, kWhoBytes);
  if (!rules.FindFirst("schedule_line", opening, Fold(opening), &m)) {
    return std::nullopt;
  }
  const bool range_end = !m.Group("day2").empty();
  const std::string_view day = range_end ? m.Group("day2") : !m.Group("day1b").empty() ? m.Group("day1b") : m.Group("day1");
  const std::string_view month = range_end ? m.Group("month2") : m.Group("month1");
  ScheduleLine line;
  line.deadline.date = text::IsoDate(m.Group("year"), month, day);
  if (!line.deadline.date) return std::nullopt;
  line.deadline.text = std::string(m.Group("value"));
  line.duty = m.end();
  return line;
}

// The tasks of a paragraph outside every item, one per (body, sentence that asks it).
// `follows_request`: the paragraph just before this one asked for something (its tasks are the
// last of `tasks`).
void ParagraphTasks(const RuleSet& rules, std::string_view text, const std::vector<std::string>& asked,
                    const std::optional<std::string>& date, bool follows_request, std::vector<Task>& tasks) {
  const std::optional<ScheduleLine> schedule = ReadScheduleLine(rules, text);
  if (schedule) {
    // The line's bodies and duties, each by the line's date: a duty of its own, even for the
    // bodies of the line before.
    std::vector<Task> own;
    ParagraphTasks(rules, text.substr(schedule->duty), {}, date, false, own);
    for (Task& t : own) {
      if (!t.deadline) TakeDeadline(schedule->deadline, t);
      tasks.push_back(std::move(t));
    }
    return;
  }
  const std::vector<std::string_view> sentences = SplitAtLeadIns(rules, Sentences(text));
  const size_t asked_before = tasks.size();  // tasks asked by this paragraph come after
  for (size_t k = 0; k < sentences.size(); ++k) {
    std::string_view sentence = sentences[k];
    std::optional<Who> who = SentenceWho(rules, sentence);
    // "… đề nghị Ban Tuyên giáo các huyện, thị, thành phố; Tuyên huấn các Đảng ủy trực thuộc …;
    // Ủy ban Mặt trận … chỉ đạo …": a list of bodies asked, cut at its "; ", is one sentence.
    while (!who && sentence.ends_with(';') && k + 1 < sentences.size() && HasDirective(rules, sentence)) {
      const std::string_view next = sentences[k + 1];
      sentence = std::string_view(sentence.data(), static_cast<size_t>(next.data() + next.size() - sentence.data()));
      who = SentenceWho(rules, sentence);
      ++k;
    }
    // "Yêu cầu gửi báo cáo về Sở … trước ngày 23/5/2019." after a request of this paragraph, or
    // a paragraph of its own after the request ("Báo cáo hoàn thành của các cơ quan, đơn vị gửi
    // … trước ngày 05/6/2017."): that request's deadline.
    if (!who && ((k > 0 && tasks.size() > asked_before) || (k == 0 && follows_request))) {
      const std::vector<FoundDeadline> found = FindDeadlines(rules, sentence, date);
      if (!found.empty() && found.front().date && !tasks.back().deadline) {
        JoinSentence(sentence, found, tasks);
        continue;
      }
    }
    if (!who) {
      // After a lead-in ("… yêu cầu các sở, ngành:"), a paragraph that opens with a verb of work
      // and names no body is one duty of the bodies asked, as a numbered item would be.
      const std::string folded = FoldText(Utf8Prefix(sentence, 32));  // the tokens point into it
      const std::vector<Tok> opening = Tokenize(folded);
      const bool verb = PhraseAt(rules, "actions", opening, 0) > 0 || PhraseAt(rules, "adverbs", opening, 0) > 0;
      if (k == 0 && !asked.empty() && StartsUpper(sentence) && verb) {
        AddTasks(rules, asked, std::string(text), FindDeadlines(rules, text, date), tasks);
        break;
      }
      continue;
    }
    // "… yêu cầu UBND huyện, thị, thành phố khẩn trương tổ chức thực hiện." after the request
    // itself: the closing formula of a letter of paragraphs, no task of its own.
    if (!tasks.empty() && GenericRequest(rules, who->rest)) continue;
    const std::vector<FoundDeadline> deadlines = FindDeadlines(rules, sentence, date);
    // "Các đơn vị thực hiện trước ngày 24/3/2016." after the request: its deadline, no new task.
    if (!tasks.empty() && !Specific(who->bodies) && GiveDeadlineToLastRequest(rules, *who, deadlines, date, tasks)) {
      continue;
    }
    if (!tasks.empty() && JoinLastRequest(*who, sentence, deadlines, tasks)) continue;
    AddTasks(rules, who->bodies, who->rest, deadlines, tasks);
  }
}

void AddDeadline(const FoundDeadline& d, Letter& letter) {
  if (d.impossible) {
    letter.flags.push_back(review_reason::ImpossibleDeadline(d.text));
    return;
  }
  if (!d.date) return;
  for (const Deadline& x : letter.deadlines) {
    if (x.date == *d.date) return;
  }
  letter.deadlines.push_back({*d.date, d.text});
}

// A cheap test before folding a line: its first letter (after bullets and spaces) is `c` in
// either case. "Kính gửi" and "Nơi nhận" both start with plain ASCII letters.
bool StartsWithLetter(std::string_view line, char c) {
  for (char x : line) {
    if (x == ' ' || x == '\t' || x == '-' || x == '*' || x == '(' || x == '"' || x == '|') continue;
    return x == c || x == c - 'a' + 'A';
  }
  return false;
}

// "KT. …", "TM. …", "T/M …", "TL. …", "TUQ. …", "Q. …": a cheap test before the rule runs.
bool LooksLikeAuthority(std::string_view t) {
  for (std::string_view p : {"KT", "K/T", "TM", "TL", "TUQ", "Q.", "T/M", "T.M", "T/L"}) {
    if (t.starts_with(p) && t.size() > p.size() + 2 &&
        (t[p.size()] == '.' || t[p.size()] == ' ' || p.back() == '.' || p.size() == 3)) {
      return true;
    }
  }
  return false;
}

// "BỘ TRƯỞNG" / "(Đã ký)" / "Trần Đức Thắng": a signature with neither authority line nor "Nơi
// nhận" before it (a minister, a chairman signing in their own name). The line is a listed
// signer title in capitals alone, and a "đã ký" mark or a name follows within a few lines.
bool IsBareSignerTitle(const RuleSet& rules, const std::vector<std::string_view>& lines, size_t i) {
  constexpr size_t kNameLines = 4;
  const std::string_view t = TrimChars(lines[i], ":.");
  if (t.empty() || t.size() > 60 || HasLower(t) || !HasUpper(t)) return false;
  if (!rules.Lookup("signer_titles", CollapseSpaces(FoldText(t)))) return false;
  for (size_t k = i + 1; k < lines.size() && k <= i + kNameLines; ++k) {
    const std::string_view next = Trim(lines[k]);
    if (next.empty()) continue;
    const std::string folded = FoldText(next);
    if (folded.find("da ky") != std::string::npos) return true;
    const std::vector<std::string_view> words = Words(next);
    const bool name_like = words.size() >= 2 && words.size() <= 5 &&
                           std::all_of(words.begin(), words.end(), [](std::string_view w) {
                             return StartsUpper(w) && HasLower(w);
                           });
    if (name_like) return true;
  }
  return false;
}

// Whether a line is a sentence of prose rather than a header line: header lines are short
// (organ, motto, number, date, title) or a trích yếu without a closing stop, while a body
// sentence runs long and ends with ".", ":" or ";".
bool IsProse(std::string_view line) {
  constexpr size_t kMinWords = 15;
  const std::string_view t = Trim(line);
  if (t.empty() || !HasLower(t) || std::string_view("-+•*").find(t.front()) != std::string_view::npos) return false;
  if (std::string_view(".:;").find(t.back()) == std::string_view::npos) return false;
  return Words(t).size() >= kMinWords;
}

}  // namespace

BodyRange FindBody(const RuleSet& rules, const std::vector<std::string_view>& lines) {
  BodyRange r;
  r.end = lines.size();
  Match m;
  const size_t header = std::min<size_t>(lines.size(), 60);
  size_t kinh = lines.size();
  for (size_t i = 0; i < header; ++i) {
    if (StartsWithLetter(lines[i], 'k') && rules.FindFirst("kinh_gui", lines[i], Fold(lines[i]), &m)) {
      kinh = i;
      break;
    }
  }
  if (kinh < lines.size()) {
    size_t i = kinh + 1;
    // The addressee list: bullets, wrapped lower-case lines, blank lines between them.
    while (i < lines.size()) {
      std::string_view t = Trim(lines[i]);
      const bool bullet = !t.empty() && std::string_view("-+_\"•").find(t.front()) != std::string_view::npos;
      if (!t.empty() && !bullet && StartsUpper(t)) break;
      ++i;
    }
    r.begin = i;
  } else {
    for (size_t i = 3; i < header; ++i) {
      std::string_view t = Trim(lines[i]);
      if (!t.empty() && StartsUpper(t) && rules.FindFirst("body_start", t, Fold(t), &m)) {
        r.begin = i;
        break;
      }
    }
    // A page that prints the body without the header ("Thường trực Hội … đề nghị các cơ sở Hội
    // … thực hiện như sau:" on line 1): the body starts at its first sentence, not at a later
    // line that opens like a body ("Đề nghị …").
    for (size_t i = 0; i < r.begin; ++i) {
      if (IsProse(lines[i])) {
        r.begin = i;
        break;
      }
    }
  }
  for (size_t i = r.begin; i < lines.size(); ++i) {
    if (StartsWithLetter(lines[i], 'n') && rules.FindFirst("body_end", lines[i], Fold(lines[i]), &m)) {
      r.end = i;
      break;
    }
    if (i > r.begin && IsBareSignerTitle(rules, lines, i)) {
      r.end = i;
      break;
    }
    // The signature block printed before "Nơi nhận": "TM. BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN".
    std::string_view t = Trim(lines[i]);
    if (LooksLikeAuthority(t) && rules.FindFirst("signer_authority", t, Folded{}, &m) && m.begin() == 0) {
      r.end = i;
      break;
    }
  }
  return r;
}

void ReadTasks(const RuleSet& rules, const std::vector<std::string_view>& lines, BodyRange range,
               Letter& letter) {
  std::vector<Block> blocks = Blocks(rules, lines, range);
  for (Block& b : blocks) b.deadlines = FindDeadlines(rules, b.text, letter.date);
  std::vector<Loose> loose;
  const std::vector<Item> items = Items(rules, blocks, letter, &loose);
  // The loose paragraph whose tasks are the last ones. A paragraph that dates them may follow it
  // directly or after one aside ("(Có đề cương chi tiết gửi kèm)").
  constexpr std::ptrdiff_t kMaxDatingDistance = 2;
  const Block* last_request = nullptr;
  for (const Loose& p : loose) {
    const size_t before = letter.tasks.size();
    const bool follows = last_request != nullptr && p.block - last_request <= kMaxDatingDistance;
    ParagraphTasks(rules, p.block->text, p.asked, letter.date, follows, letter.tasks);
    if (letter.tasks.size() > before) last_request = p.block;
  }
  std::vector<Who> whos;
  whos.reserve(items.size());
  for (const Item& it : items) {
    Who who = ReadWho(rules, it.text);
    // "4. Chế độ thông tin, báo cáo" / "Các tỉnh, thành Đoàn … thực hiện …": a topic heading,
    // then a sentence that names the body.
    const bool heading_kind = it.kind == Kind::kNumber || it.kind == Kind::kRoman ||
                              it.kind == Kind::kLetter || it.kind == Kind::kArticle;
    // "2. Trách nhiệm của Bộ Tài chính" / "Trên cơ sở …, Bộ Tài chính cân đối …": a heading that
    // is a body name says who acts; its name ends with its line when the next line opens with
    // a scope or a verb ("1. Thủ trưởng …, Chủ tịch" / "UBND các xã, thị trấn: …" and "Hội đồng" /
    // "Đội Trung ương xây dựng …" are names wrapped over two lines).
    const std::string_view after_head = Trim(std::string_view(it.text).substr(std::min(it.first_line, it.text.size())));
    const std::string_view after_opening = Utf8Prefix(after_head, kPrefixBytes);
    Match scope;
    if (heading_kind && it.first_line > 0 && !after_head.empty() && StartsUpper(after_head) &&
        (PhraseAt(rules, "actions", Tokenize(FoldText(Utf8Prefix(after_head, 32))), 0) > 0 ||
         rules.FindFirst("assignee_prefix", after_opening, Fold(after_opening), &scope))) {
      Who head = ReadWho(rules, std::string_view(it.text).substr(0, it.first_line));
      if (!head.bodies.empty() && TrimChars(head.rest, ":;,. ").empty() && head.bodies != who.bodies) {
        head.rest = std::string(Trim(std::string_view(it.text).substr(it.first_line)));
        head.strong = true;
        who = std::move(head);
      }
    }
    if (who.bodies.empty() && heading_kind && it.first_line > 0 && it.first_line < it.text.size() &&
        Words(std::string_view(it.text).substr(0, it.first_line)).size() <= kMaxHeadingWords) {
      std::string_view next = Trim(std::string_view(it.text).substr(it.first_line));
      if (StartsUpper(next)) who = ReadWho(rules, next);
    }
    whos.push_back(std::move(who));
  }
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].parent >= 0) continue;
    if (const size_t run = LeadInBullets(items, whos, i); run > 0) {
      EmitLeadInBullets(rules, items, i, run, letter.tasks);
      i = NextTopItem(items, i, run) - 1;
      continue;
    }
    Emit(rules, items, whos, static_cast<int>(i), items[i].defaults, letter.date, 0, letter.tasks);
  }
  // Every dated deadline of the body, in text order: items and paragraphs alike.
  for (const Block& b : blocks) {
    for (const FoundDeadline& d : b.deadlines) AddDeadline(d, letter);
  }
}

}  // namespace congvan::extract
