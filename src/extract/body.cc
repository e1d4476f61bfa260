#include "extract/body.h"
#include "extract/body_paragraphs.h"
#include "extract/body_table.h"
#include "extract/body_tasks.h"
#include "extract/body_who.h"
#include "extract/body_words.h"
#include "extract/parts.h"

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
constexpr size_t kMaxOwnClauses = 16;         // "…; X có trách nhiệm …" clauses tried per item
// A text layer's line, even of a wide page, is shorter than this; a longer one is a paragraph a
// web page kept on one line.
constexpr size_t kMaxWrappedLineBytes = 400;

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

// How many sentences end inside `line`: ". " before a capital.
size_t SentenceBreaks(std::string_view line) {
  size_t breaks = 0;
  for (size_t at = line.find(". "); at != std::string_view::npos; at = line.find(". ", at + 2)) {
    breaks += StartsUpper(line.substr(at + 2));
  }
  return breaks;
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
    // … or a web page's paragraph of several sentences on one line ("  Trong năm 2019, các cấp
    // Hội … Để thực hiện …, đồng chí yêu cầu …"): a text layer wraps its lines far shorter, and
    // a long bullet holds a sentence or two.
    if (raw.data() != line.data() && line.size() > kMaxWrappedLineBytes && SentenceBreaks(line) >= 3) raw = line;
    const bool dash_name = open && i > range.begin && ContinuesDashName(rules, Trim(lines[i - 1]), line);
    // "“5. Quyền và trách nhiệm của …", "“b) Cơ quan thường trực …": the items of an amendment
    // quoted whole keep their markers after the opening quote.
    for (std::string_view quote : {std::string_view("\u201C"), std::string_view("\"")}) {
      if (line.starts_with(quote) && line.size() > quote.size() && line[quote.size()] != ' ') {
        raw = line.substr(quote.size());
      }
    }
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

std::vector<std::string> LeadInBodies(const RuleSet& rules, const Match& m, const Letter& letter) {
  std::string_view rest = m.Group("rest");
  Who who = ReadWho(rules, rest);
  // "Phòng GD&ĐT hướng dẫn thực hiện nhiệm vụ … như sau:" guides whoever reads it and asks no
  // one; the addressees are asked only by a request ("yêu cầu:", "đề nghị:", "giao").
  const std::string verb = FoldText(m.Group("verb"));
  if (who.bodies.empty() && (verb == "huong dan" || verb == "thong bao" || verb == "trien khai")) return {};
  // "… giao Văn phòng Ban Chỉ đạo …:" naming one of the addressees asks that one alone.
  const std::string named = FoldText(TrimChars(rest, " .;:"));
  for (const std::string& a : letter.addressees) {
    if (FoldText(TrimChars(a, " .;:")) == named) return {a};
  }
  // "… đề nghị Ủy ban nhân dân các tỉnh, thành phố:" to "Ủy ban nhân dân các tỉnh, thành phố: Hồ
  // Chí Minh, Hải Phòng, …": the addressee's own head, as the request words it.
  const std::string head = FoldText(TrimChars(rest.substr(0, rest.size() - who.rest.size()), " ,.;:"));
  for (const std::string& a : letter.addressees) {
    if (!who.bodies.empty() && !head.empty() && FoldText(a).starts_with(head + ":")) return who.bodies;
  }
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

// The item tree as Items() builds it, block by block: the items so far, the stack of open ones
// (the last is where a paragraph goes on), and the bodies the last lead-in asked.
class ItemTree {
 public:
  ItemTree(const RuleSet& rules, const Letter& letter, std::vector<Loose>* loose)
      : rules_(rules), letter_(letter), loose_(loose) {}

  // A marker ("1.", "a)", "-", "Điều 2."): a marker of a kind already open is a sibling of it,
  // which closes it and what is below.
  void AddMarker(const Block& b) {
    for (size_t j = 0; j < stack_.size(); ++j) {
      const Item& open = items_[stack_[j]];
      if (open.kind == b.kind && (b.kind != Kind::kNumber || open.depth == b.depth)) {
        stack_.resize(j);
        break;
      }
    }
    Item it = FromBlock(b, b.kind);
    it.depth = b.depth;
    it.parent = stack_.empty() ? -1 : stack_.back();
    if (it.parent < 0) it.defaults = defaults_;
    Push(std::move(it));
  }

  // A paragraph: a closing, a lead-in, a request of its own, a paragraph outside every item, an
  // item of its own under a heading, or more of the last item.
  void AddParagraph(const Block& b) {
    Match m;
    const Folded f = Fold(b.text);
    if (rules_.FindFirst("closing", b.text, f, &m)) {
      // "Đề nghị các đơn vị nghiêm túc triển khai thực hiện./." after numbered items closes
      // them and is no task (NOTES.md); in a letter of paragraphs only it is the request, and
      // so is one that asks named bodies for more.
      if (items_.empty() || AsksForMore(rules_, b.text)) loose_->push_back({&b, {}});
      stack_.clear();
      return;
    }
    const bool numbered_open = std::any_of(stack_.begin(), stack_.end(), [&](int i) {
      return !IsBullet(items_[i].kind);
    });
    if (!numbered_open && FindLeadIn(rules_, b.text, f, &m)) {
      stack_.clear();
      defaults_ = LeadInBodies(rules_, m, letter_);
      return;
    }
    // "Nhà trường yêu cầu Trưởng các đơn vị … tổ chức lấy ý kiến …" after the last numbered
    // item: a request of its own closes the items rather than going on with the last one.
    if (!stack_.empty() && StartsUpper(b.text) && AsksForMore(rules_, b.text)) {
      loose_->push_back({&b, {}});
      stack_.clear();
      return;
    }
    if (stack_.empty()) {
      // After a closing the letter's requests are over ("Trên đây là …"): only paragraphs
      // before every item are read for tasks, and requests of their own.
      if (items_.empty()) {
        loose_->push_back({&b, defaults_});
      } else if (AsksForMore(rules_, b.text)) {
        loose_->push_back({&b, {}});
      }
    } else if (const int level = HeadingOfParagraph(rules_, items_, stack_, b); level >= 0) {
      // "1. Trung ương Đoàn" / blank / "Giao Văn phòng …": an item of its own, as the text
      // layer's " Giao Văn phòng …" (a lost bullet) is.
      stack_.resize(level + 1);
      Item it = FromBlock(b, Kind::kDash);
      it.parent = stack_.back();
      it.from_paragraph = true;
      Push(std::move(it));
    } else {
      items_.back().text += "\n" + b.text;
      items_.back().deadlines.insert(items_.back().deadlines.end(), b.deadlines.begin(), b.deadlines.end());
    }
  }

  std::vector<Item> Take() { return std::move(items_); }

 private:
  static Item FromBlock(const Block& b, Kind kind) {
    Item it;
    it.kind = kind;
    it.head = b.text;
    it.first_line = b.first_line;
    it.deadlines = b.deadlines;
    it.text = b.text;
    return it;
  }

  // Appends `it`, links it to its parent and opens it.
  void Push(Item it) {
    items_.push_back(std::move(it));
    const int index = static_cast<int>(items_.size()) - 1;
    if (items_[index].parent >= 0) items_[items_[index].parent].children.push_back(index);
    stack_.push_back(index);
  }

  const RuleSet& rules_;
  const Letter& letter_;
  std::vector<Loose>* loose_;
  std::vector<Item> items_;
  std::vector<int> stack_;
  std::vector<std::string> defaults_;
};

// Builds the item tree from the blocks; lead-ins set the bodies of the items after them.
std::vector<Item> Items(const RuleSet& rules, const std::vector<Block>& blocks, const Letter& letter,
                        std::vector<Loose>* loose) {
  ItemTree tree(rules, letter, loose);
  for (const Block& b : blocks) {
    if (b.kind == Kind::kNone) {
      tree.AddParagraph(b);
    } else {
      tree.AddMarker(b);
    }
  }
  return tree.Take();
}

// --- tasks ---

// The whole text of a bullet with the bullets under it.
std::string FullText(const std::vector<Item>& items, int i, std::vector<FoundDeadline>& deadlines) {
  std::string s = items[i].text;
  deadlines.insert(deadlines.end(), items[i].deadlines.begin(), items[i].deadlines.end());
  for (int c : items[i].children) s += "\n" + FullText(items, c, deadlines);
  return s;
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

// Where a clause of an item ends: at "; ", ". " or "… " ("… các nhiệm vụ cấp thiết khác,… Các
// đơn vị: Công an …"); `next` is where the following clause starts, and `full_stop` says the
// break ends a sentence.
struct ClauseBreak {
  size_t at = std::string_view::npos;
  size_t next = std::string_view::npos;
  bool full_stop = false;
};
ClauseBreak NextClauseBreak(std::string_view text, size_t from) {
  constexpr std::string_view kEllipsis = "… ";
  const size_t stop = NextClause(text, from);
  const size_t ellipsis = text.find(kEllipsis, from);
  if (ellipsis < stop) return {ellipsis, ellipsis + kEllipsis.size(), true};
  if (stop == std::string_view::npos) return {};
  return {stop, stop + 2, text[stop] == '.'};
}

// "… báo cáo kết quả trước ngày 15/6/2024; tổng kết, báo cáo trước ngày 15/12/2024": one body,
// several dated duties in one item, each a task with its own deadline. The text is cut after the
// clause ("; " or ". ") that holds each dated deadline but the last; the rest goes with the last.
// False (nothing added) when the item has fewer than two distinct dates.
bool SplitByDeadline(const RuleSet& rules, const std::vector<std::string>& bodies, std::string_view text,
                     const std::vector<FoundDeadline>& known, const DeadlineBase& date,
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

// "…; Bộ Quốc phòng, Bộ Công an có trách nhiệm thực hiện …": a clause after "; " (or a
// sentence after ". ": "… quản lý, điều hành. Quỹ … cấp tỉnh do Chủ tịch Ủy ban nhân dân cấp
// tỉnh quyết định …") that opens with bodies and a duty verb is their task, not more of this one.
// False (nothing added) when no clause names bodies of its own.
bool SplitAtOwnClauses(const RuleSet& rules, const std::vector<std::string>& bodies, std::string_view text,
                       const DeadlineBase& date, std::vector<Task>& tasks) {
  // Each such clause starts the task of its bodies, up to the next one: "Các Ban phong trào …
  // thông tin, đôn đốc …. Báo Tiền Phong, Báo Thanh Niên công bố kết quả …" gives two tasks.
  std::vector<std::string> current = bodies;
  size_t from = 0;        // where the current task's text starts in `text`
  bool split = false;
  size_t clauses = 0;  // bounds the work on an item of thousands of "; " clauses
  for (ClauseBreak cut = NextClauseBreak(text, 0); cut.at != std::string_view::npos && ++clauses <= kMaxOwnClauses;
       cut = NextClauseBreak(text, cut.next)) {
    const size_t semi = cut.at;
    const std::string_view clause = Trim(text.substr(cut.next));
    if (!StartsUpper(clause)) continue;
    // The letter's closing joined to its last item (an OCR'd page lost the blank line before
    // "Yêu cầu Thủ trưởng … thực hiện nghiêm túc …./."): no task, as on its own (NOTES.md).
    Match closing;
    if (rules.FindFirst("closing", clause, Fold(clause), &closing)) continue;
    Who next = ReadWho(rules, clause);
    NameTheMembers(rules, clause, next);
    if (next.bodies.empty() || SameBodies(next.bodies, current)) continue;
    // A plain verb after a name ("Sở Tài chính bố trí …") counts in a new sentence only, for
    // bodies named in full, and not under a group that holds them ("Các đơn vị báo chí … đăng
    // tải …. Báo Tiền Phong, Báo Thanh Niên công bố …" is the group's one task).
    if (!next.strong) {
      const std::string rest_folded = FoldText(Utf8Prefix(next.rest, 32));  // the tokens point into it
      const std::vector<Tok> rest = Tokenize(rest_folded);
      const bool under_group = !current.empty() && FoldText(current[0]).starts_with("cac ");
      if (!cut.full_stop || under_group || !Specific(next.bodies) || PhraseAt(rules, "actions", rest, 0) == 0) {
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
  if (!split) return false;
  const std::string_view own_text = text.substr(from);
  AddTasks(rules, current, std::string(own_text), FindDeadlines(rules, own_text, date), tasks);
  return true;
}

// "1. Thống nhất chủ trương … theo đề xuất của Sở … . Giao Giám đốc Sở Tài chính …": what the
// speaker agrees to, opening an item, asks no one; the item's text after that sentence (empty
// when there is none). `text` itself when it opens otherwise.
std::string_view WithoutAgreement(const RuleSet& rules, std::string_view text) {
  const std::string folded = FoldText(Utf8Prefix(Trim(text), 32));  // the tokens point into it
  if (PhraseAt(rules, "agreement_openings", Tokenize(folded), 0) == 0) return text;
  for (size_t stop = text.find(". "); stop != std::string_view::npos; stop = text.find(". ", stop + 2)) {
    const std::string_view next = Trim(text.substr(stop + 2));
    if (StartsUpper(next)) return next;
  }
  return {};
}

// Emits the tasks of item `i`; `inherited` are the bodies of the enclosing item (or a lead-in).
// "Điều 2. Đối tượng áp dụng" / "1. Cơ quan, tổ chức, cá nhân quy định tại …": an article that
// says whom the text applies to or what its words mean asks no one for anything ([list
// articles_without_tasks]).
bool ArticleWithoutTasks(const RuleSet& rules, const Item& it) {
  const std::string folded = FoldText(Utf8Prefix(std::string_view(it.text).substr(0, it.first_line), 80));
  return PhraseAt(rules, "articles_without_tasks", Tokenize(folded), 0) > 0;
}

// "1. Vị trí, chức năng", "2. Nhiệm vụ và quyền hạn", "3. Cơ cấu tổ chức" of a unit a text sets
// up or regulates: its standing mandate, not work assigned ([list mandate_headings], the whole
// heading line).
bool MandateHeading(const RuleSet& rules, const Item& it) {
  if (IsBullet(it.kind) || it.first_line == 0) return false;
  const std::string folded = FoldText(Utf8Prefix(std::string_view(it.text).substr(0, it.first_line), 80));
  const std::vector<Tok> t = Tokenize(folded);
  return !t.empty() && PhraseAt(rules, "mandate_headings", t, 0) == t.size();
}

// "1. Chủ tịch Ủy ban nhân dân cấp xã có quyền:" over "a) Phạt cảnh cáo; b) Phạt tiền …": a list
// of powers (the sanctioning articles of decrees), not work assigned. The heading line ends with a
// phrase of [list power_lead_ins] before its colon.
bool PowerHeading(const RuleSet& rules, const Item& it) {
  if (it.first_line == 0) return false;
  const std::string_view line = Trim(std::string_view(it.text).substr(0, it.first_line));
  if (!line.ends_with(':')) return false;
  const std::string folded = FoldText(line);
  const std::vector<Tok> t = Tokenize(folded);
  for (size_t k = t.size() > 4 ? t.size() - 4 : 0; k < t.size(); ++k) {
    if (k + PhraseAt(rules, "power_lead_ins", t, k) == t.size() && PhraseAt(rules, "power_lead_ins", t, k) > 0) {
      return true;
    }
  }
  return false;
}

void Emit(const RuleSet& rules, const std::vector<Item>& items, const std::vector<Who>& whos, int i,
          const std::vector<std::string>& inherited, const DeadlineBase& date,
          int depth, std::vector<Task>& tasks) {
  if (depth > 64) return;  // deeply nested numbering: the tree is cut, not the stack
  const Item& it = items[i];
  if (it.kind == Kind::kArticle && ArticleWithoutTasks(rules, it)) return;
  if (MandateHeading(rules, it) || PowerHeading(rules, it)) return;
  Who who = whos[i];
  const std::string_view text_asked = WithoutAgreement(rules, it.text);
  if (text_asked.size() != it.text.size()) {
    if (text_asked.empty() && it.children.empty()) return;
    who = ReadWho(rules, text_asked);
  }
  // "2.3. Phòng Tư pháp" alone on the marker's line is a heading, whatever verb follows below.
  if (!who.bodies.empty() && it.text.size() - who.rest.size() >= it.first_line) who.strong = true;
  const bool top = it.parent < 0;  // a lead-in's bodies are a default, not an enclosing item
  // With no body above it, an item or bullet that opens with a body and a verb names its actor.
  const bool nothing_above = top ? !IsBullet(it.kind) || it.defaults.empty() : inherited.empty();
  // Below an item, a sub-item or bullet that opens with a body names its own actor.
  // A bullet under a lead-in that opens with a body and its verb ("… yêu cầu UBND các quận,
  // huyện, các ngành … thực hiện các việc sau:" / "- Ủy ban nhân dân các quận, huyện phối hợp …")
  // names its own actor too.
  const bool own_bullet = top && IsBullet(it.kind) && !who.scoped;
  const bool accept = !who.bodies.empty() &&
                      (who.strong || nothing_above || own_bullet || (!top && !who.scoped && Specific(who.bodies)));
  const std::vector<std::string>& bodies = accept ? who.bodies : inherited;
  std::string own = accept ? who.rest : std::string(text_asked);
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
  if (!merged_bullet && SplitAtOwnClauses(rules, bodies, text, date, tasks)) return;
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

// Whether the first line of a page without header is a headline: a line of words with no stop
// at its end, and prose after it.
bool IsHeadline(const std::vector<std::string_view>& lines) {
  constexpr size_t kMaxHeadlineWords = 40;
  if (lines.size() < 2) return false;
  const std::string_view t = Trim(lines[0]);
  if (t.empty() || !StartsUpper(t) || !HasLower(t) || Words(t).size() > kMaxHeadlineWords) return false;
  if (std::string_view(".:;,!?").find(t.back()) != std::string_view::npos) return false;
  for (size_t i = 1; i < lines.size(); ++i) {
    if (IsProse(lines[i])) return true;
  }
  return false;
}

// Whether line `t` is one of the addressees the header read (spacing and the closing ";", "."
// aside).
bool IsAddressee(std::string_view t, const std::vector<std::string>& addressees) {
  const std::string line = CollapseSpaces(FoldText(TrimChars(t, " ;,.")));
  if (line.empty()) return false;
  // The whole item, or the end of one the header joined across lines ("- Các Bộ: Công an, …," /
  // "Nông nghiệp và Môi trường;").
  return std::any_of(addressees.begin(), addressees.end(), [&](const std::string& a) {
    const std::string item = CollapseSpaces(FoldText(TrimChars(a, " ;,.")));
    return item == line || item.ends_with(", " + line);
  });
}

// "- Cục Kiểm tra văn bản …, Bộ Tư pháp;" … "- Lưu: VT, Cục DNNN (80b).": a list of recipients
// whose "Nơi nhận:" the text lost ends with the file copy ("Lưu"); the dashed lines above it,
// each ended by ";" or ",", are the list. The line where the list starts when line `i` is such a
// "Lưu" line, else nothing.
std::optional<size_t> UnlabelledRecipients(const std::vector<std::string_view>& lines, size_t begin, size_t i) {
  if (!Trim(lines[i]).starts_with("-") || !IsArchiveItem(lines[i])) return std::nullopt;
  size_t start = i;
  while (start > begin) {
    const std::string_view above = Trim(lines[start - 1]);
    if (!above.starts_with("-") || !(above.ends_with(";") || above.ends_with(","))) break;
    --start;
  }
  return start;
}

}  // namespace

BodyRange FindBody(const RuleSet& rules, const std::vector<std::string_view>& lines,
                   const std::vector<std::string>& addressees) {
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
    // The addressee list: bullets, wrapped lower-case lines, blank lines between them, and an
    // item the header read on a line of its own ("Kính gửi:" / "Ủy ban nhân dân các tỉnh Gia
    // Lai, Đắk Lắk, …").
    while (i < lines.size()) {
      std::string_view t = Trim(lines[i]);
      const bool bullet = !t.empty() && std::string_view("-+_\"•").find(t.front()) != std::string_view::npos;
      if (!t.empty() && !bullet && StartsUpper(t) && !IsAddressee(t, addressees)) break;
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
    // A news item's headline ("UBND tỉnh: Tiếp tục cho học sinh, sinh viên nghỉ học …", no
    // full stop) sums up the sentences below it; the body starts after it.
    if (r.begin == 0 && IsHeadline(lines)) r.begin = 1;
  }
  for (size_t i = r.begin; i < lines.size(); ++i) {
    if (StartsWithLetter(lines[i], 'n') && FindRecipientsLabel(rules, lines[i], &m)) {
      r.end = i;
      break;
    }
    if (const std::optional<size_t> list = UnlabelledRecipients(lines, r.begin, i)) {
      r.end = *list;
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

// "3. … Thời gian gửi bài trước ngày 10/11/2016.", "- Thời gian tiếp nhận hồ sơ … được kéo dài
// đến ngày 27/02/2010.": an item that sets the time of the request dates the duties given to its
// bodies before it, back to one that has a date of its own.
void DateDutiesBeforeTheirTime(const RuleSet& rules, std::vector<Task>& tasks) {
  for (size_t k = 0; k < tasks.size(); ++k) {
    if (!tasks[k].deadline) continue;
    const std::string folded = FoldText(Utf8Prefix(tasks[k].summary, 32));  // the tokens point into it
    if (PhraseAt(rules, "time_of_request", Tokenize(folded), 0) == 0) continue;
    for (size_t j = k; j-- > 0;) {
      if (tasks[j].assignee != tasks[k].assignee) continue;
      if (tasks[j].deadline) break;
      tasks[j].deadline = tasks[k].deadline;
      tasks[j].deadline_text = tasks[k].deadline_text;
      tasks[j].deadline_time = tasks[k].deadline_time;
    }
  }
}

// Whether `body` is the letter's issuer or its head: "Bộ Quốc phòng" or "Bộ trưởng Bộ Quốc
// phòng" in a circular of Bộ Quốc phòng, "UBND tỉnh" in a letter of "Ủy ban nhân dân tỉnh Quảng
// Ngãi".
bool IsIssuerOrItsHead(std::string_view body, const Letter& letter) {
  if (!letter.issuer) return false;
  auto folded = [](std::string_view s) {
    std::string f = CollapseSpaces(FoldText(s));
    if (f.starts_with("ubnd ")) f = "uy ban nhan dan " + f.substr(5);
    return f;
  };
  const std::string issuer = folded(*letter.issuer);
  const std::string named = folded(body);
  // A title of up to three words before the issuer's name ("Bộ trưởng", "Chủ tịch").
  constexpr int kMaxTitleWords = 3;
  size_t from = 0;
  for (int title_words = 0; title_words <= kMaxTitleWords && from < named.size(); ++title_words) {
    const std::string_view rest = std::string_view(named).substr(from);
    if (std::count(rest.begin(), rest.end(), ' ') >= 1 &&
        (issuer == rest || std::string_view(issuer).starts_with(std::string(rest) + " "))) {
      return true;
    }
    const size_t space = named.find(' ', from);
    if (space == std::string::npos) break;
    from = space + 1;
  }
  return false;
}

// `summary` with `opening` before it ("Giao Binh chủng Hóa học" + "Chủ trì, …" → "Giao Binh chủng
// Hóa học chủ trì, …"): the summary's first word in lower case after it.
std::string DutyOpenedBy(const std::string& opening, std::string duty) {
  if (!duty.empty() && StartsUpper(duty)) duty = LowerWord(Words(duty)[0]) + duty.substr(Words(duty)[0].size());
  return Summarize(opening + " " + duty);
}

// "Bộ Quốc phòng giao Binh chủng Hóa học chủ trì …" read as one name: the issuer handing work to
// one of its bodies makes it that body's task; another body handing it on ("Ủy ban nhân dân các
// tỉnh, thành phố giao cơ quan chuyên môn … thực hiện …" in a ministry's circular) has the
// handing over as its own task.
void SplitAtHandingOver(const RuleSet& rules, const Letter& letter, std::vector<Task>& tasks) {
  for (Task& t : tasks) {
    const size_t at = t.assignee.find(" giao ");
    if (at == std::string::npos) continue;
    const std::string giver = t.assignee.substr(0, at);
    const std::string given = t.assignee.substr(at + 6);
    // "Ban An toàn giao thông" holds no handing over: what follows "giao" must be a body.
    if (!StartsWithHead(rules, giver) || Words(given).empty() || !StartsWithHead(rules, CapitalizeFirst(given))) {
      continue;
    }
    if (IsIssuerOrItsHead(giver, letter)) {
      t.assignee = CapitalizeFirst(given);
      continue;
    }
    t.summary = DutyOpenedBy("Giao " + given, t.summary);
    t.assignee = giver;
  }
}

// "UBND các xã, thị trấn phân công | lãnh đạo, nhân viên trực …": a name that ends on a verb
// that hands work on ([list trailing_directive_verbs], in lower case) is the body without it;
// the verb opens its duty.
void MoveTrailingDirectiveToDuty(const RuleSet& rules, std::vector<Task>& tasks) {
  for (Task& t : tasks) {
    const std::vector<std::string_view> words = Words(t.assignee);
    for (size_t n = 1; n <= 2 && n < words.size(); ++n) {
      const size_t first = words.size() - n;
      if (StartsUpper(words[first])) break;
      std::string folded, spelled;
      for (size_t k = first; k < words.size(); ++k) {
        folded += (k > first ? " " : "") + FoldText(words[k]);
        spelled += (k > first ? " " : "") + LowerWord(words[k]);
      }
      const std::string* verb = rules.Lookup("trailing_directive_verbs", folded);
      if (verb == nullptr || *verb != spelled) continue;
      const size_t cut = static_cast<size_t>(words[first].data() - t.assignee.data());
      t.summary = DutyOpenedBy(CapitalizeFirst(spelled), t.summary);
      t.assignee = std::string(Trim(std::string_view(t.assignee).substr(0, cut)));
      break;
    }
  }
}

// "Bộ GD&ĐT khẳng định", "Bí thư Huyện ủy mong muốn trong thời gian tới", "Ban Thường vụ Tỉnh
// đoàn chọn Đoàn thanh niên xã …": a name that runs on into a verb of saying, wishing or choosing
// ([list speaker_verbs], in lower case after the name) is who speaks, not who is asked.
void DropSpeakers(const RuleSet& rules, std::vector<Task>& tasks) {
  std::erase_if(tasks, [&rules](const Task& t) {
    const std::vector<std::string_view> words = Words(t.assignee);
    for (size_t k = 1; k < words.size(); ++k) {
      if (StartsUpper(words[k])) continue;
      std::string folded, spelled;
      for (size_t n = 0; n < 3 && k + n < words.size(); ++n) {
        folded += (n > 0 ? " " : "") + FoldText(words[k + n]);
        spelled += (n > 0 ? " " : "") + LowerWord(words[k + n]);
        const std::string* verb = rules.Lookup("speaker_verbs", folded);
        if (verb != nullptr && *verb == spelled) return true;
      }
    }
    return false;
  });
}

// "đề nghị Quý Cơ quan cho ý kiến …": the courtesy stands for the addressees, each asked alike.
void AskAddresseesForCourtesy(const RuleSet& rules, Letter& letter) {
  if (letter.addressees.empty()) return;
  std::vector<Task> out;
  out.reserve(letter.tasks.size());
  for (Task& t : letter.tasks) {
    if (rules.Lookup("courtesy_addressees", FoldText(TrimChars(t.assignee, " .,;:"))) == nullptr) {
      out.push_back(std::move(t));
      continue;
    }
    for (const std::string& a : letter.addressees) {
      Task each = t;
      each.assignee = std::string(TrimChars(a, " .,;:"));
      out.push_back(std::move(each));
    }
  }
  letter.tasks = std::move(out);
}

// A legal document numbered with its year ("02/2026/TT-BGDĐT", "66.4/2025/NQ-CP") lays down
// standing rules; a công văn ("1234/UBND-KT") asks for things once.
namespace {
bool IsStandingRule(const Letter& letter) {
  const std::string ref = letter.doc_ref.value_or("");
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (size_t slash = ref.find('/'); slash != std::string::npos; slash = ref.find('/', slash + 1)) {
    if (slash + 5 < ref.size() && ref[slash + 5] == '/' &&
        std::all_of(ref.begin() + slash + 1, ref.begin() + slash + 5, digit)) {
      return true;
    }
  }
  return false;
}
}  // namespace

void ReadTasks(const RuleSet& rules, const std::vector<std::string_view>& lines, BodyRange range,
               Letter& letter) {
  // Tables of assignments are read on their own; their cells, one a line, are no items.
  const std::vector<AssignmentTable> tables =
      FindAssignmentTables(rules, lines, range.begin, range.end, DeadlineBase(letter.date, IsStandingRule(letter)));
  std::vector<std::string_view> body_lines = lines;
  for (const AssignmentTable& table : tables) {
    std::fill(body_lines.begin() + table.begin, body_lines.begin() + table.end, std::string_view());
  }
  std::vector<Block> blocks = Blocks(rules, body_lines, range);
  // A text without a date (a news item, a page body) still dates "trước ngày 10-4" in the year
  // it speaks of.
  DeadlineBase date(letter.date, IsStandingRule(letter));
  if (!date.letter_date) {
    std::string all;
    for (const Block& b : blocks) all += b.text + "\n";
    date.letter_date = YearSpokenOf(all);
  }
  for (Block& b : blocks) b.deadlines = FindDeadlines(rules, b.text, date);
  std::vector<Loose> loose;
  const std::vector<Item> items = Items(rules, blocks, letter, &loose);
  // The loose paragraph whose tasks are the last ones. A paragraph that dates them may follow it
  // directly or after one aside ("(Có đề cương chi tiết gửi kèm)").
  constexpr std::ptrdiff_t kMaxDatingDistance = 2;
  const Block* last_request = nullptr;
  for (const Loose& p : loose) {
    const size_t before = letter.tasks.size();
    const bool follows = last_request != nullptr && p.block - last_request <= kMaxDatingDistance;
    // "Cảnh sát giao thông Công an tỉnh kiểm tra, xử lý vi phạm … (Ảnh: Phạm Hơn)": a news
    // item's photo caption shows work, it asks none.
    // Only a paragraph that ends in a bracket can be one: the rest are not folded for it.
    Match caption;
    if (TrimChars(p.block->text, " .\n").ends_with(')') &&
        rules.FindFirst("photo_caption", p.block->text, Fold(p.block->text), &caption)) {
      continue;
    }
    ParagraphTasks(rules, p.block->text, p.asked, date, follows, letter.tasks);
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
    Emit(rules, items, whos, static_cast<int>(i), items[i].defaults, date, 0, letter.tasks);
  }
  for (const AssignmentTable& table : tables) {
    letter.tasks.insert(letter.tasks.end(), table.tasks.begin(), table.tasks.end());
  }
  DateDutiesBeforeTheirTime(rules, letter.tasks);
  DropSpeakers(rules, letter.tasks);
  MoveTrailingDirectiveToDuty(rules, letter.tasks);
  SplitAtHandingOver(rules, letter, letter.tasks);
  AskAddresseesForCourtesy(rules, letter);
  // Every dated deadline of the body, in text order: items and paragraphs alike.
  for (const Block& b : blocks) {
    for (const FoundDeadline& d : b.deadlines) AddDeadline(d, letter);
  }
  for (const AssignmentTable& table : tables) {
    for (const FoundDeadline& d : table.deadlines) AddDeadline(d, letter);
  }
}

}  // namespace congvan::extract
