// Where a PDF page's text layer lies, and how much of the page it explains.
//
// A letter that arrives through the e-office system is often a scan with a digital signature:
// the image is the letter, and the only text in the PDF is the signature's visible box ("Ký bởi:
// Ủy ban nhân dân tỉnh … Thời gian ký: …") or the gazette centre's stamp (its e-mail and time).
// Such a layer is no text of the letter. These functions tell it apart by geometry: the words are
// grouped into blocks, small blocks that read as a signature are set aside, and the rest of the
// layer must lie over most of the page's ink to be taken as the page's text.
#include <leptonica/allheaders.h>
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

#include "intake/internal.h"

namespace congvan::intake::internal {
namespace {

// Two words belong to one block when the horizontal gap between them is at most this many line
// heights (a wide word space in a justified line is under one) and the vertical gap at most
// this many (the leading between lines of one paragraph). The two header columns of a letter
// stand two or more heights apart; a signature box sits several lines away from the letter.
constexpr double kJoinGapX = 1.0;
constexpr double kJoinGapY = 0.8;

// A signature box or stamp is small: at most this share of the page's area (the boxes seen
// are 0.3 to 1 %; a whole header block of a letter is about 3 %, and is never a signature
// because it carries none of the marks below).
constexpr double kMaxSignatureArea = 0.06;

// Pixels darker than this are ink (0 black, 255 white). Mid-grey on purpose: a red seal or
// blue stamp converted to grey is dark enough to count, a scan's grey paper is not.
constexpr int kInkThreshold = 128;

// A pixel counts as coloured when its channels differ by at least this much (JPEG noise on a
// grey scan stays well below), and a page is in colour when at least this share of the
// sampled pixels is coloured: a seal 3 cm across is about 1 % of an A4 page.
constexpr int kMinChroma = 60;
constexpr double kMinColourShare = 0.001;

struct UnionFind {
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  size_t Find(size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  }
  void Join(size_t a, size_t b) { parent[Find(a)] = Find(b); }
  std::vector<size_t> parent;
};

bool Near(const PtRect& a, const PtRect& b) {
  const double h = std::max(1.0, std::min(a.height(), b.height()));
  const double dx = std::max(a.x0, b.x0) - std::min(a.x1, b.x1);
  const double dy = std::max(a.y0, b.y0) - std::min(a.y1, b.y1);
  return dx <= kJoinGapX * h && dy <= kJoinGapY * h;
}

PtRect Union(const PtRect& a, const PtRect& b) {
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

// Leptonica box of `r` in pixels, grown by `pad` points on each side.
BOX* PixelBox(const PtRect& r, double px_per_pt, double pad) {
  const int x = static_cast<int>(std::floor((r.x0 - pad) * px_per_pt));
  const int y = static_cast<int>(std::floor((r.y0 - pad) * px_per_pt));
  const int w = static_cast<int>(std::ceil((r.width() + 2 * pad) * px_per_pt));
  const int h = static_cast<int>(std::ceil((r.height() + 2 * pad) * px_per_pt));
  return boxCreate(std::max(0, x), std::max(0, y), std::max(1, w + std::min(0, x)),
                   std::max(1, h + std::min(0, y)));
}

// `s` without spaces, tabs and carriage returns: the layer's own line text and the one rebuilt
// from its words may space words differently.
std::string Squeezed(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r') out += c;
  }
  return out;
}

}  // namespace

std::vector<LayerBlock> GroupWords(const std::vector<LayerWord>& words) {
  UnionFind sets(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    for (size_t j = i + 1; j < words.size(); ++j) {
      if (Near(words[i].box, words[j].box)) sets.Join(i, j);
    }
  }
  std::vector<LayerBlock> blocks;
  std::vector<int> block_of(words.size(), -1);
  for (size_t i = 0; i < words.size(); ++i) {
    const size_t root = sets.Find(i);
    if (block_of[root] < 0) {
      block_of[root] = static_cast<int>(blocks.size());
      blocks.push_back(LayerBlock{words[i].box, {}});
    }
    LayerBlock& block = blocks[static_cast<size_t>(block_of[root])];
    block.box = Union(block.box, words[i].box);
    block.words.push_back(i);
  }
  return blocks;
}

std::string BlockText(const std::vector<LayerWord>& words, const LayerBlock& block) {
  std::string out;
  const LayerWord* previous = nullptr;
  for (size_t i : block.words) {
    const LayerWord& w = words[i];
    if (previous != nullptr) {
      // A word whose middle lies within the previous word's height, to its right, goes on the
      // line; anything else starts a new one.
      const double mid = (w.box.y0 + w.box.y1) / 2;
      const bool same_line = mid > previous->box.y0 && mid < previous->box.y1 &&
                             w.box.x0 >= previous->box.x1 - previous->box.height() / 2;
      out += same_line ? ' ' : '\n';
    }
    out += w.text;
    previous = &w;
  }
  return out;
}

bool IsSignatureBlock(std::string_view text, const PtRect& block, const PtRect& page) {
  if (page.area() <= 0 || block.area() > kMaxSignatureArea * page.area()) return false;
  // The labels of a signature's visible box, matched loosely so that a font without some
  // precomposed letters ("Ky´ bởi") still counts: "Ký bởi", "Người ký", "Thời gian ký",
  // "Ngày ký", "Signed by".
  static const RE2 kLabel(
      R"((?i)(?:^|\s)(?:k\S{0,3}\s+b\S{1,6}i|ng\S{1,8}i\s+k\S{0,3}|th\S{1,6}i\s+gian\s+k\S{0,3})"
      R"(|ng\S{1,6}y\s+k\S{0,3}|signed\s+by)\s*:)");
  // A signing time to the second: "07.01.2025 10:44:25", "27/12/2021 17:22:11".
  static const RE2 kTime(R"(\d{1,2}[./-]\d{1,2}[./-]\d{4}\s+\d{1,2}:\d{2}:\d{2})");
  const re2::StringPiece piece(text.data(), text.size());
  return RE2::PartialMatch(piece, kLabel) || RE2::PartialMatch(piece, kTime);
}

double InkShareUnder(Pix* page, double px_per_pt, const std::vector<PtRect>& boxes) {
  PixPtr ink = AdoptPix(pixThresholdToBinary(page, kInkThreshold));
  if (ink == nullptr) return 1.0;
  l_int32 total = 0;
  pixCountPixels(ink.get(), &total, nullptr);
  if (total == 0) return 1.0;
  PixPtr mask = AdoptPix(pixCreate(pixGetWidth(ink.get()), pixGetHeight(ink.get()), 1));
  if (mask == nullptr) return 1.0;
  for (const PtRect& r : boxes) {
    // A word's box is its font's ascent to descent; accents above capitals and the pixel grid
    // reach a little outside it.
    BOX* box = PixelBox(r, px_per_pt, 0.15 * r.height() + 1.0 / px_per_pt);
    pixSetInRect(mask.get(), box);
    boxDestroy(&box);
  }
  pixAnd(mask.get(), mask.get(), ink.get());
  l_int32 under = 0;
  pixCountPixels(mask.get(), &under, nullptr);
  return static_cast<double>(under) / total;
}

bool HasColour(Pix* rgb) {
  if (rgb == nullptr || pixGetDepth(rgb) != 32) return false;
  const int w = pixGetWidth(rgb), h = pixGetHeight(rgb), wpl = pixGetWpl(rgb);
  const l_uint32* data = pixGetData(rgb);
  // Every 4th pixel of every 4th row: a seal or a stamp is far larger than that grid.
  long sampled = 0, coloured = 0;
  for (int y = 0; y < h; y += 4) {
    const l_uint32* row = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < w; x += 4) {
      l_int32 r, g, b;
      extractRGBValues(row[x], &r, &g, &b);
      const int chroma = std::max({r, g, b}) - std::min({r, g, b});
      ++sampled;
      coloured += chroma >= kMinChroma;
    }
  }
  return sampled > 0 && coloured >= kMinColourShare * sampled;
}

std::string WithoutLines(const std::string& text, const std::vector<std::string>& overlay) {
  std::vector<std::string_view> lines;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.emplace_back(text.data() + start, end - start);
    start = end + 1;
  }
  std::vector<bool> drop(lines.size(), false);
  for (const std::string& block : overlay) {
    for (size_t start = 0; start <= block.size();) {
      size_t end = block.find('\n', start);
      if (end == std::string::npos) end = block.size();
      const std::string want = Squeezed(std::string_view(block).substr(start, end - start));
      start = end + 1;
      if (want.empty()) continue;
      for (size_t i = 0; i < lines.size(); ++i) {
        if (!drop[i] && Squeezed(lines[i]) == want) {
          drop[i] = true;
          break;
        }
      }
    }
  }
  std::string out;
  bool first = true;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (drop[i]) continue;
    if (!first) out += '\n';
    out += lines[i];
    first = false;
  }
  // The lines that stood above the letter leave no blank lines behind.
  const size_t begin = out.find_first_not_of('\n');
  return begin == std::string::npos ? std::string() : out.substr(begin);
}

}  // namespace congvan::intake::internal
