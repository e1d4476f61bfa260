// Layout after Tesseract's layout analysis: column splitting, the letter's reading order, stamp
// and seal debris, paragraph ends (see internal.h).
#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "ocr/internal.h"
#include "text/syllable.h"

namespace congvan::ocr::internal {
namespace {

int Right(const Box& b) { return b.x + b.w; }
int Bottom(const Box& b) { return b.y + b.h; }

}  // namespace

Box Union(const Box& a, const Box& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  const int x = std::min(a.x, b.x), y = std::min(a.y, b.y);
  return Box{x, y, std::max(Right(a), Right(b)) - x, std::max(Bottom(a), Bottom(b)) - y};
}

namespace {

// A line made of words [first, last) of `line`.
Line Part(const Line& line, size_t first, size_t last) {
  Line part;
  part.block = line.block;
  float confidence = 0;
  for (size_t i = first; i < last; ++i) {
    const Word& w = line.words[i];
    if (!part.text.empty()) part.text += ' ';
    part.text += w.text;
    part.box = Union(part.box, w.box);
    confidence += w.confidence;
    part.words.push_back(w);
  }
  if (last > first) part.confidence = confidence / static_cast<float>(last - first);
  return part;
}

// Index of the first word right of a column gap, or 0 when the line has none. A gap counts when
// it is wider than two word heights and 4% of the page: more than justified body text stretches
// a space, less than the gutter between the header columns (on real 200 dpi scans the gutter
// beside "CỘNG HÒA XÃ HỘI ..." can be under three heights of its capitals and tone marks).
size_t GapIndex(const Line& line, int page_width) {
  size_t best = 0;
  int widest = 0;
  for (size_t i = 1; i < line.words.size(); ++i) {
    const int gap = line.words[i].box.x - Right(line.words[i - 1].box);
    const int height = std::max(line.words[i].box.h, line.words[i - 1].box.h);
    if (gap > widest && gap > 2 * height && gap * 25 > page_width) {
      widest = gap;
      best = i;
    }
  }
  return best;
}

// A two-column run: the pieces left and right of the gutter.
struct Run {
  std::vector<Line> left, right;
  int gutter = 0;     // x in the middle of the gap
  Box last;           // the run's lowest line, to tell whether the next line is close
};

bool CloseBelow(const Box& previous, const Box& next) {
  return next.y - Bottom(previous) < 2 * std::max(previous.h, 1);
}

// Adds line `line` to `run` if it belongs there; false ends the run.
bool Extend(Run& run, const Line& line, int page_width) {
  const size_t gap = GapIndex(line, page_width);
  if (gap > 0) {
    Line left = Part(line, 0, gap), right = Part(line, gap, line.words.size());
    if (Right(left.box) > run.gutter || right.box.x < run.gutter) return false;
    run.left.push_back(std::move(left));
    run.right.push_back(std::move(right));
  } else if (!CloseBelow(run.last, line.box)) {
    return false;
  } else if (Right(line.box) < run.gutter) {
    run.left.push_back(line);
  } else if (line.box.x > run.gutter) {
    run.right.push_back(line);
  } else {
    return false;
  }
  run.last = line.box;
  return true;
}

// The lines of one Tesseract block, as one or more blocks.
void SplitBlock(const std::vector<Line>& lines, int page_width, std::vector<std::vector<Line>>& out) {
  std::vector<Line> plain;
  auto flush = [&](std::vector<Line>& block) {
    if (!block.empty()) out.push_back(std::move(block));
    block.clear();
  };
  size_t i = 0;
  while (i < lines.size()) {
    const size_t gap = GapIndex(lines[i], page_width);
    if (gap == 0) {
      plain.push_back(lines[i++]);
      continue;
    }
    Run run;
    const Line& first = lines[i];
    run.gutter = (Right(first.words[gap - 1].box) + first.words[gap].box.x) / 2;
    run.last = Box{first.box.x, first.box.y - 1, 0, 0};
    Extend(run, first, page_width);
    for (++i; i < lines.size() && Extend(run, lines[i], page_width); ++i) {
    }
    flush(plain);
    flush(run.left);
    flush(run.right);
  }
  flush(plain);
}

}  // namespace

std::vector<Line> SplitColumns(std::vector<Line> lines, int page_width) {
  std::vector<std::vector<Line>> blocks;
  size_t start = 0;
  for (size_t i = 1; i <= lines.size(); ++i) {
    if (i == lines.size() || lines[i].block != lines[start].block) {
      std::vector<Line> block(lines.begin() + start, lines.begin() + i);
      SplitBlock(block, page_width, blocks);
      start = i;
    }
  }
  std::vector<Line> out;
  for (size_t b = 0; b < blocks.size(); ++b) {
    for (Line& line : blocks[b]) {
      line.block = static_cast<int>(b);
      out.push_back(std::move(line));
    }
  }
  return out;
}

namespace {

// Where a line sits across the page: spanning the text (body, centred titles) or in the left
// or right column of a two-column part (header, Nơi nhận beside the signer).
enum class Side { kWide, kLeft, kRight };

int Middle(const Box& b) { return b.x + b.w / 2; }

int Median(std::vector<int> values) {
  if (values.empty()) return 0;
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

// The left and right edge of the body text: the medians over lines at least half the page wide.
// Falls back to the whole page when no line is that wide.
std::pair<int, int> TextEdges(const std::vector<Line>& lines, int page_width) {
  std::vector<int> lefts, rights;
  for (const Line& line : lines) {
    if (line.box.w * 2 >= page_width) {
      lefts.push_back(line.box.x);
      rights.push_back(Right(line.box));
    }
  }
  if (lefts.empty()) return {0, page_width};
  return {Median(lefts), Median(rights)};
}

Side SideOf(const Box& box, int left, int right) {
  const int width = std::max(right - left, 1);
  const int middle = (left + right) / 2;
  if (box.w * 4 >= width * 3) return Side::kWide;
  // A centred line (a title, "QUYẾT ĐỊNH") belongs to the whole page, not to a column.
  if (box.x < middle && Right(box) > middle && std::abs(Middle(box) - middle) * 20 < width) {
    return Side::kWide;
  }
  return Middle(box) < middle ? Side::kLeft : Side::kRight;
}

// Lines of one stretch of the page without a wide line, as they should be read: when a clean
// gutter runs through them (every left line ends before every right line starts) and some left
// and right lines sit side by side, the left column and then the right one; otherwise top to
// bottom (indented body text such as the lines after "Kính gửi:"), with a block for each run of
// one column's lines when the gutter is clean. Appends groups of lines, each group one block.
void OrderColumns(std::vector<Line> lines, int left, int right,
                  std::vector<std::vector<Line>>& out) {
  std::vector<Line> lefts, rights;
  for (Line& line : lines) {
    (SideOf(line.box, left, right) == Side::kRight ? rights : lefts).push_back(line);
  }
  bool clean = !lefts.empty() && !rights.empty();
  bool beside = false;
  for (const Line& l : lefts) {
    for (const Line& r : rights) {
      if (Right(l.box) >= r.box.x) clean = false;
      if (l.box.y < Bottom(r.box) && r.box.y < Bottom(l.box)) beside = true;
    }
  }
  if (!clean) {
    out.push_back(std::move(lines));
    return;
  }
  if (!beside) {
    // Columns one above the other: top to bottom, each side's run a block of its own.
    Side last = Side::kWide;
    for (Line& line : lines) {
      const Side side = SideOf(line.box, left, right) == Side::kRight ? Side::kRight : Side::kLeft;
      if (side != last) out.emplace_back();
      last = side;
      out.back().push_back(std::move(line));
    }
    return;
  }
  out.push_back(std::move(lefts));
  out.push_back(std::move(rights));
}

// Splits lines (sorted by top) into rows at horizontal bands of paper at least half a line high
// that no line crosses: the header's issuer and motto are one row, "Số" and the date the next.
std::vector<std::vector<Line>> Rows(std::vector<Line> lines) {
  std::vector<int> heights;
  for (const Line& line : lines) heights.push_back(line.box.h);
  const int band = std::max(Median(heights) / 2, 1);
  std::vector<std::vector<Line>> rows;
  int bottom = 0;
  for (Line& line : lines) {
    if (rows.empty() || line.box.y - bottom >= band) {
      rows.emplace_back();
      bottom = 0;
    }
    bottom = std::max(bottom, Bottom(line.box));
    rows.back().push_back(std::move(line));
  }
  return rows;
}

}  // namespace

std::vector<Line> OrderReading(std::vector<Line> lines, int page_width) {
  std::vector<Line> kept;
  for (Line& line : lines) {
    if (!line.box.empty()) kept.push_back(std::move(line));
  }
  if (kept.empty()) return kept;
  std::stable_sort(kept.begin(), kept.end(),
                   [](const Line& a, const Line& b) { return a.box.y < b.box.y; });
  // Named variables rather than a structured binding: clang before 16 cannot capture one.
  const auto edges = TextEdges(kept, page_width);
  const int left = edges.first, right = edges.second;
  std::vector<std::vector<Line>> groups;
  std::vector<Line> stretch;  // lines since the last wide one
  bool above_body = true;     // still in the header, above the first wide line
  bool in_wide_group = false;  // the last group holds wide lines
  auto flush = [&]() {
    if (stretch.empty()) return;
    if (above_body) {
      // The header is read row by row: issuer, motto; then number and subject, place and date.
      for (std::vector<Line>& row : Rows(std::move(stretch))) {
        OrderColumns(std::move(row), left, right, groups);
      }
    } else {
      OrderColumns(std::move(stretch), left, right, groups);
    }
    stretch.clear();
    in_wide_group = false;
  };
  int last_block = -1;
  for (Line& line : kept) {
    if (SideOf(line.box, left, right) != Side::kWide) {
      stretch.push_back(std::move(line));
      continue;
    }
    flush();
    above_body = false;
    // Wide lines keep Tesseract's blocks (often one per paragraph).
    if (!in_wide_group || line.block != last_block) {
      groups.emplace_back();
      in_wide_group = true;
    }
    last_block = line.block;
    groups.back().push_back(std::move(line));
  }
  flush();
  std::vector<Line> out;
  int block = 0;
  for (std::vector<Line>& group : groups) {
    if (group.empty()) continue;
    for (Line& line : group) {
      line.block = block;
      out.push_back(std::move(line));
    }
    ++block;
  }
  return out;
}

namespace {

// Letters and digits in `text`, and the other characters but spaces.
struct CharacterCounts {
  int alphanumeric = 0, other = 0;
};

CharacterCounts CountCharacters(std::string_view text) {
  CharacterCounts counts;
  for (size_t i = 0; i < text.size();) {
    UChar32 c = 0;
    U8_NEXT(text.data(), i, text.size(), c);
    if (c > 0 && (u_isalpha(c) || u_isdigit(c))) {
      ++counts.alphanumeric;
    } else if (c != ' ') {
      ++counts.other;
    }
  }
  return counts;
}

// Whether `text` holds a letter's symbol: a "/" and then two capitals ("/CT-UBND", "/QĐ-UBND").
bool HasSymbol(std::string_view text) {
  for (size_t slash = text.find('/'); slash != std::string_view::npos; slash = text.find('/', slash + 1)) {
    size_t i = slash + 1;
    int capitals = 0;
    while (i < text.size() && capitals < 2) {
      UChar32 c = 0;
      U8_NEXT(text.data(), i, text.size(), c);
      if (c <= 0 || !u_isupper(c)) break;
      ++capitals;
    }
    if (capitals == 2) return true;
  }
  return false;
}

// Share of the words of `text` that are Vietnamese syllables, words in capitals counted too: a
// header line in capitals Tesseract was unsure of ("ỦY BAN NHÂN DÂN") is words all the same,
// where ValidSyllableShare leaves its short capital words out as abbreviations.
double SyllableShareAnyCase(std::string_view text) {
  int words = 0, syllables = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    ++words;
    if (text::IsVietnameseSyllable(word)) ++syllables;
  }
  return words == 0 ? 0.0 : static_cast<double>(syllables) / words;
}

}  // namespace

bool IsDebris(const Line& line) {
  const CharacterCounts counts = CountCharacters(line.text);
  if (counts.alphanumeric == 0) return true;  // rules, dots, the rim of a seal
  // "SôztT /CT-UBND": the number's line, its pen digits misread, is the letter's own.
  if (HasSymbol(line.text)) return false;
  // Tesseract reads the ring of a seal, a stamp's frame or a scribble as a few letters it is
  // unsure of; text it cannot read well still scores far higher, or is a word of the language.
  if (line.confidence >= kDebrisConfidence) return false;
  // Unsure and more signs than letters and digits: the dotted fields of a received stamp with
  // their handwriting ("Ngày:.25.|4..L2O26....", whose one word is a syllable).
  if (counts.other > counts.alphanumeric) return true;
  return text::ValidSyllableShare(line.text) < 0.5 && SyllableShareAnyCase(line.text) < 0.5;
}

namespace {

// The left and right edges of each block's text.
struct Extent {
  int left = 0, right = 0;
  int lines = 0;
};

std::vector<Extent> BlockExtents(const std::vector<Line>& lines) {
  std::vector<Extent> extents;
  for (const Line& line : lines) {
    if (line.box.empty() || line.block < 0) continue;
    if (static_cast<size_t>(line.block) >= extents.size()) extents.resize(line.block + 1);
    Extent& e = extents[line.block];
    e.left = e.lines == 0 ? line.box.x : std::min(e.left, line.box.x);
    e.right = e.lines == 0 ? Right(line.box) : std::max(e.right, Right(line.box));
    ++e.lines;
  }
  return extents;
}

// The usual distance from one line's top to the next one's in each run of lines of one block
// (indexed by block), or 0 when unknown.
std::vector<int> UsualLineSteps(const std::vector<Line>& lines, size_t blocks) {
  std::vector<int> usual(blocks, 0);
  std::vector<int> steps;
  for (size_t first = 0; first < lines.size();) {
    size_t last = first + 1;
    while (last < lines.size() && lines[last].block == lines[first].block) ++last;
    steps.clear();
    for (size_t i = first + 1; i < last; ++i) steps.push_back(lines[i].box.y - lines[i - 1].box.y);
    const int block = lines[first].block;
    if (!steps.empty() && block >= 0 && static_cast<size_t>(block) < blocks) {
      std::nth_element(steps.begin(), steps.begin() + steps.size() / 2, steps.end());
      usual[block] = steps[steps.size() / 2];
    }
    first = last;
  }
  return usual;
}

// Whether `text` starts with a lower-case letter (after quotes and brackets): a sentence going
// on, never the start of a paragraph, however short the line above it ends (ragged-right text).
bool StartsLower(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    UChar32 c = 0;
    U8_NEXT(text.data(), i, text.size(), c);
    if (c < 0) return false;
    if (u_isalpha(c)) return u_islower(c);
    if (u_isdigit(c)) return false;
  }
  return false;
}

// Whether `text` ends as a sentence, an item or a lead-in does: ". : ; ! ?", or a closing
// bracket or quote after one ("…/.)", "…”").
bool EndsSentence(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == ')' || text.back() == '"')) text.remove_suffix(1);
  if (text.ends_with("”")) text.remove_suffix(std::string_view("”").size());
  return !text.empty() && std::string_view(".:;!?").find(text.back()) != std::string_view::npos;
}

// The empty line that ends a paragraph, as in text files.
Line ParagraphEnd(int block) {
  Line blank;
  blank.block = block;
  return blank;
}

}  // namespace

std::vector<Line> MarkParagraphEnds(std::vector<Line> lines) {
  const std::vector<Extent> extents = BlockExtents(lines);
  int text_width = 0;
  for (const Extent& e : extents) text_width = std::max(text_width, e.right - e.left);
  if (text_width <= 0) return lines;
  const std::vector<int> usual_step = UsualLineSteps(lines, extents.size());
  std::vector<Line> out;
  out.reserve(lines.size() + lines.size() / 3);
  for (size_t i = 0; i < lines.size(); ++i) {
    out.push_back(lines[i]);
    if (i + 1 == lines.size() || lines[i].box.empty() || lines[i + 1].box.empty()) continue;
    const Line& line = lines[i];
    const Line& next = lines[i + 1];
    // Only body text: the narrow blocks of the header and signature columns are left alone
    // (their short lines are the layout, not paragraph ends).
    auto wide = [&](int block) {
      const Extent& e = extents[block];
      return (e.right - e.left) * 10 >= text_width * 6;
    };
    if (next.block != line.block) {
      // Tesseract often makes each paragraph of body text a block of its own, and a heading
      // ("IV. TỔ CHỨC THỰC HIỆN") a narrow block beside the body's left margin.
      const bool body = wide(line.block) || wide(next.block);
      const int tolerance = 2 * std::max(line.box.h, 1);
      const bool aligned = std::abs(line.box.x - next.box.x) <= tolerance ||
                           (wide(line.block) && wide(next.block));
      if (body && aligned && !StartsLower(next.text)) out.push_back(ParagraphEnd(line.block));
      continue;
    }
    if (!wide(line.block)) continue;
    const Extent& e = extents[line.block];
    // Justified text reaches the right margin on every line but a paragraph's last.
    // A line that stops short mid-phrase ("… hiệu quả của") in ragged-right text is a wrap: a
    // paragraph's last line ends a sentence, unless it is a short heading ("1. Phòng Nội vụ").
    const bool heading = (Right(line.box) - e.left) * 3 < text_width * 2;
    const bool ends_short = e.right - Right(line.box) > std::max(text_width / 16, 2 * line.box.h) &&
                            (heading || EndsSentence(line.text));
    const int step = usual_step[line.block];
    // Space before a paragraph: a step well beyond the block's usual one.
    const bool spaced = step > 0 && next.box.y - line.box.y > step + std::max(line.box.h, 1) / 2;
    if ((ends_short || spaced) && !StartsLower(next.text)) out.push_back(ParagraphEnd(line.block));
  }
  return out;
}

}  // namespace congvan::ocr::internal
