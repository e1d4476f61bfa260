#include "ocr/stamps.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <string>

#include "base/pix.h"
#include "ocr/internal.h"

namespace congvan::ocr {
namespace {

constexpr int kInk = 170;                 // grey level under which a cleaned pixel is ink
constexpr float kMinSideInches = 0.35f;   // a stamp is larger than a letter ...
constexpr float kMaxSideInches = 3.2f;    // ... and smaller than a table
constexpr float kMaxOutlineFill = 0.15f;  // an outline covers little of its box
constexpr float kHeaderPart = 0.5f;       // stamps sit in the upper half of the first page
// A reading this confident is taken without trying rotations.
constexpr int kConfidentEnough = 75;
// Lines holding handwritten numbers are read again this much larger.
constexpr float kLineEnlargement = 2.0f;
// Only an outline whose box is at most this much longer than wide may be a slanted stamp.
constexpr float kMaxSlantedAspect = 1.5f;
// A frame's rules: a top or bottom at least this long, a side at least this tall. Longer than
// any stroke of a letter, and than the straight run of a seal's ring (about 0.4 inch).
constexpr float kRuleInches = 0.5f;
constexpr float kSideInches = 0.25f;
// The text column starts where this share of the ink of the page's lower half lies left of it.
constexpr float kMarginInkShare = 0.005f;
// Rotations (degrees, counter-clockwise positive) tried when the upright reading is poor:
// urgency arrows are stamped at a slant, seldom beyond 45°.
constexpr std::array<float, 8> kSlants = {35, -35, 25, -25, 45, -45, 15, -15};

Pix* Mutable(const Pix* pix) { return const_cast<Pix*>(pix); }

struct BoxaDeleter {
  void operator()(BOXA* boxa) const { boxaDestroy(&boxa); }
};
struct PixaDeleter {
  void operator()(PIXA* pixa) const { pixaDestroy(&pixa); }
};
struct BoxDeleter {
  void operator()(BOX* box) const { boxDestroy(&box); }
};

// A stamp's outline (box or arrow) and where it lies on the page.
struct Region {
  Box box;
  PixPtr outline;  // 1 bpp, the size of `box`
};

bool Overlap(const Box& a, const Box& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

std::vector<Region> Regions(const Pix* page, const std::vector<StampFrame>& frames) {
  std::vector<Region> regions;
  if (page == nullptr || pixGetDepth(Mutable(page)) != 8) return regions;
  const int dpi = std::max(70, pixGetXRes(Mutable(page)));
  const int w = pixGetWidth(page), h = pixGetHeight(page);
  std::unique_ptr<BOX, BoxDeleter> header(boxCreate(0, 0, w, static_cast<int>(h * kHeaderPart)));
  PixPtr top = AdoptPix(pixClipRectangle(Mutable(page), header.get(), nullptr));
  if (top == nullptr) return regions;
  PixPtr ink = AdoptPix(pixConvertTo1(top.get(), kInk));
  if (ink == nullptr) return regions;
  PIXA* pixa_raw = nullptr;
  std::unique_ptr<BOXA, BoxaDeleter> boxa(pixConnComp(ink.get(), &pixa_raw, 8));
  std::unique_ptr<PIXA, PixaDeleter> pixa(pixa_raw);
  if (boxa == nullptr || pixa == nullptr) return regions;
  const int min_side = static_cast<int>(kMinSideInches * dpi);
  const int max_side = static_cast<int>(kMaxSideInches * dpi);
  for (int i = 0; i < boxaGetCount(boxa.get()); ++i) {
    Box b;
    boxaGetBoxGeometry(boxa.get(), i, &b.x, &b.y, &b.w, &b.h);
    if (b.w < min_side || b.h < min_side || b.w > max_side || b.h > max_side) continue;
    PixPtr part = AdoptPix(pixaGetPix(pixa.get(), i, L_COPY));
    int count = 0;
    pixCountPixels(part.get(), &count, nullptr);
    if (count > kMaxOutlineFill * b.w * b.h) continue;
    regions.push_back(Region{b, std::move(part)});
  }
  // A frame whose rules touch letters is no component of its own: found by its rules.
  for (const StampFrame& frame : frames) {
    const bool known = std::any_of(regions.begin(), regions.end(),
                                   [&](const Region& r) { return Overlap(r.box, frame.box); });
    if (!known) regions.push_back(Region{frame.box, AdoptPix(pixClone(frame.rules.get()))});
  }
  return regions;
}

struct NumaDeleter {
  void operator()(NUMA* numa) const { numaDestroy(&numa); }
};

int Dpi(const Pix* page) { return std::max(70, pixGetXRes(Mutable(page))); }

// The ink of `part` of `page` (any box), as 1 bpp.
PixPtr InkOf(const Pix* page, const Box& part) {
  std::unique_ptr<BOX, BoxDeleter> box(boxCreate(part.x, part.y, part.w, part.h));
  PixPtr cut = AdoptPix(pixClipRectangle(Mutable(page), box.get(), nullptr));
  if (cut == nullptr) return nullptr;
  return AdoptPix(pixConvertTo1(cut.get(), kInk));
}

bool HasInk(const Pix* binary, int x, int y, int w, int h) {
  std::unique_ptr<BOX, BoxDeleter> box(boxCreate(x, y, std::max(1, w), std::max(1, h)));
  PixPtr cut = AdoptPix(pixClipRectangle(Mutable(binary), box.get(), nullptr));
  if (cut == nullptr) return false;
  int empty = 1;
  pixZero(cut.get(), &empty);
  return empty == 0;
}

}  // namespace

// Long straight rules are kept alone by opening the ink with a long line and joined where they
// nearly meet; a group between a stamp's and a table's size with rules along its top and bottom
// and a side is a frame.
std::vector<StampFrame> FindStampFrames(const Pix* page) {
  std::vector<StampFrame> frames;
  if (page == nullptr || pixGetDepth(Mutable(page)) != 8) return frames;
  const int dpi = Dpi(page);
  const int w = pixGetWidth(page), h = pixGetHeight(page);
  PixPtr ink = InkOf(page, Box{0, 0, w, static_cast<int>(h * kHeaderPart)});
  if (ink == nullptr) return frames;
  const int rule = static_cast<int>(kRuleInches * dpi), side = static_cast<int>(kSideInches * dpi);
  PixPtr across = AdoptPix(pixOpenBrick(nullptr, ink.get(), rule, 1));
  PixPtr down = AdoptPix(pixOpenBrick(nullptr, ink.get(), 1, side));
  if (across == nullptr || down == nullptr) return frames;
  PixPtr rules = AdoptPix(pixOr(nullptr, across.get(), down.get()));
  // A copier breaks a stamp's rules into pieces and dashes its sides: pieces whose boxes come
  // within a tenth of an inch side by side, or a fifth of an inch one above the other, are one
  // frame.
  const int gap_x = std::max(2, dpi / 20), gap_y = std::max(4, dpi / 10);
  std::unique_ptr<BOXA, BoxaDeleter> pieces(pixConnComp(rules.get(), nullptr, 8));
  if (pieces == nullptr) return frames;
  std::unique_ptr<BOXA, BoxaDeleter> grown(boxaCreate(boxaGetCount(pieces.get())));
  for (int i = 0; i < boxaGetCount(pieces.get()); ++i) {
    Box b;
    boxaGetBoxGeometry(pieces.get(), i, &b.x, &b.y, &b.w, &b.h);
    boxaAddBox(grown.get(), boxCreate(b.x - gap_x, b.y - gap_y, b.w + 2 * gap_x, b.h + 2 * gap_y),
               L_INSERT);
  }
  std::unique_ptr<BOXA, BoxaDeleter> boxa(boxaCombineOverlaps(grown.get(), nullptr));
  if (boxa == nullptr) return frames;
  const int min_side = static_cast<int>(kMinSideInches * dpi);
  const int max_side = static_cast<int>(kMaxSideInches * dpi);
  for (int i = 0; i < boxaGetCount(boxa.get()); ++i) {
    Box group;
    boxaGetBoxGeometry(boxa.get(), i, &group.x, &group.y, &group.w, &group.h);
    // The rules' own box: the pieces of the group, without the margins they were grown by.
    Box b;
    for (int k = 0; k < boxaGetCount(pieces.get()); ++k) {
      Box piece;
      boxaGetBoxGeometry(pieces.get(), k, &piece.x, &piece.y, &piece.w, &piece.h);
      if (Overlap(piece, group)) b = internal::Union(b, piece);
    }
    if (b.w < min_side || b.h < min_side || b.w > max_side || b.h > max_side) continue;
    const int band = std::max(1, b.h / 4);
    if (!HasInk(across.get(), b.x, b.y, b.w, band) ||
        !HasInk(across.get(), b.x, b.y + b.h - band, b.w, band) ||
        !HasInk(down.get(), b.x, b.y, b.w, b.h)) {
      continue;
    }
    std::unique_ptr<BOX, BoxDeleter> box(boxCreate(b.x, b.y, b.w, b.h));
    PixPtr outline = AdoptPix(pixClipRectangle(rules.get(), box.get(), nullptr));
    if (outline != nullptr) frames.push_back(StampFrame{b, std::move(outline)});
  }
  return frames;
}

namespace {

// Where the page's text column starts: the left edge of the ink of its lower half, below any
// header stamp, past the few specks a scanner leaves at the edge.
int TextColumnStart(const Pix* page) {
  const int w = pixGetWidth(page), h = pixGetHeight(page);
  PixPtr ink = InkOf(page, Box{0, h / 2, w, h - h / 2});
  if (ink == nullptr) return 0;
  std::unique_ptr<NUMA, NumaDeleter> columns(pixCountPixelsByColumn(ink.get()));
  if (columns == nullptr) return 0;
  const int n = numaGetCount(columns.get());
  float total = 0;
  numaGetSum(columns.get(), &total);
  double seen = 0;
  for (int x = 0; x < n; ++x) {
    float count = 0;
    numaGetFValue(columns.get(), x, &count);
    seen += count;
    if (seen > kMarginInkShare * total) return x;
  }
  return 0;
}

struct Reading {
  std::string text;
  int confidence = -1;
  double score = 0;
  std::vector<std::string> lines;  // the text line by line, with ...
  std::vector<Box> boxes;          // ... where its part from the first number on lies (or empty)
};

bool IsLetter(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F) ||
         (c >= 0x1EA0 && c <= 0x1EF9);
}

// Letters in words of two letters or more: what a reading at the wrong angle lacks. Its mean
// confidence alone does not tell: Tesseract can be sure of a few marks of punctuation.
int WordLetters(const std::string& utf8) {
  int total = 0, run = 0;
  for (size_t i = 0; i <= utf8.size(); ) {
    char32_t c = 0;
    int len = 1;
    if (i < utf8.size()) {
      const unsigned char b = static_cast<unsigned char>(utf8[i]);
      if (b < 0x80) c = b;
      else if ((b >> 5) == 6 && i + 1 < utf8.size()) c = ((b & 0x1F) << 6) | (utf8[i + 1] & 0x3F), len = 2;
      else if ((b >> 4) == 14 && i + 2 < utf8.size()) {
        c = ((b & 0x0F) << 12) | ((utf8[i + 1] & 0x3F) << 6) | (utf8[i + 2] & 0x3F);
        len = 3;
      } else {
        len = (b >> 3) == 30 ? 4 : 1;
      }
    }
    if (i < utf8.size() && IsLetter(c)) {
      ++run;
    } else {
      if (run >= 2) total += run;
      run = 0;
    }
    i += len;
  }
  return total;
}

bool HasDigit(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Reading Recognise(tesseract::TessBaseAPI& api, Pix* image, int dpi) {
  Reading r;
  api.SetImage(image);
  api.SetSourceResolution(dpi);
  std::unique_ptr<char[]> text(api.GetUTF8Text());
  if (text != nullptr) r.text = text.get();
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (it != nullptr && !it->Empty(tesseract::RIL_WORD)) {
    do {
      std::unique_ptr<char[]> word(it->GetUTF8Text(tesseract::RIL_WORD));
      int left = 0, top = 0, right = 0, bottom = 0;
      if (word == nullptr || !it->BoundingBox(tesseract::RIL_WORD, &left, &top, &right, &bottom)) {
        continue;
      }
      const std::string w = word.get();
      if (r.lines.empty() || it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
        r.lines.emplace_back();
        r.boxes.emplace_back();
      }
      std::string& line = r.lines.back();
      line += (line.empty() ? "" : " ") + w;
      Box& b = r.boxes.back();
      if (b.empty() && !HasDigit(w)) continue;  // the part to read again starts at a number
      if (b.empty()) {
        b = Box{left, top, right - left, bottom - top};
      } else {
        const int x1 = std::max(b.x + b.w, right), y1 = std::max(b.y + b.h, bottom);
        b.x = std::min(b.x, left);
        b.y = std::min(b.y, top);
        b.w = x1 - b.x;
        b.h = y1 - b.y;
      }
    } while (it->Next(tesseract::RIL_WORD));
  }
  it.reset();
  r.confidence = api.MeanTextConf();
  r.score = static_cast<double>(r.confidence) * WordLetters(r.text);
  api.Clear();
  return r;
}

// The region cut out with a margin, upscaled to ~300 dpi (stamp text is small and handwritten
// digits thin), and padded so that a rotation keeps all of it.
PixPtr CutOut(const Pix* page, const Region& region, int* dpi) {
  const Box& b = region.box;
  const int margin = std::max(4, *dpi / 30);
  const int x0 = std::max(0, b.x - margin), y0 = std::max(0, b.y - margin);
  std::unique_ptr<BOX, BoxDeleter> box(boxCreate(x0, y0, b.w + 2 * margin, b.h + 2 * margin));
  PixPtr cut = AdoptPix(pixClipRectangle(Mutable(page), box.get(), nullptr));
  if (cut == nullptr) return nullptr;
  // The outline itself is no text: Tesseract takes its sides for letters ("I", "l", "|").
  PixPtr thick = AdoptPix(pixDilateBrick(nullptr, region.outline.get(), 3, 3));
  pixPaintThroughMask(cut.get(), thick != nullptr ? thick.get() : region.outline.get(),
                      b.x - x0, b.y - y0, 0xff);
  if (*dpi < 280) {
    const float factor = std::min(3.0f, 300.0f / static_cast<float>(*dpi));
    PixPtr scaled = AdoptPix(pixScaleGrayLI(cut.get(), factor, factor));
    if (scaled != nullptr) {
      cut = std::move(scaled);
      *dpi = static_cast<int>(std::lround(*dpi * factor));
    }
  }
  const int pad = std::max(pixGetWidth(cut.get()), pixGetHeight(cut.get())) / 3;
  return AdoptPix(pixAddBorder(cut.get(), pad, 255));
}

// The region read upright or at the slant that gives the most confident words; `upright` gets
// the image that reading came from.
Reading ReadRegion(tesseract::TessBaseAPI& api, const Pix* page, const Region& region, int* dpi,
                   PixPtr* upright) {
  PixPtr cut = CutOut(page, region, dpi);
  if (cut == nullptr) return {};
  Reading best = Recognise(api, cut.get(), *dpi);
  *upright = std::move(cut);
  if (best.confidence >= kConfidentEnough) return best;
  // A slanted stamp's outline has a squarish box; a long box (a received stamp, a framed line
  // of text) is upright, and turning it only costs time.
  const Box& b = region.box;
  if (std::max(b.w, b.h) > kMaxSlantedAspect * std::min(b.w, b.h)) return best;
  for (float degrees : kSlants) {
    PixPtr turned = AdoptPix(pixRotate(upright->get(), degrees * 3.14159265f / 180.0f,
                                       L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
    if (turned == nullptr) continue;
    Reading r = Recognise(api, turned.get(), *dpi);
    if (r.score > best.score) {
      best = std::move(r);
      *upright = std::move(turned);
    }
    if (best.confidence >= kConfidentEnough) break;
  }
  return best;
}

Line MakeLine(std::string text, const Box& box, int confidence, int block) {
  Line line;
  line.text = std::move(text);
  line.box = box;
  line.confidence = static_cast<float>(confidence);
  line.block = block;
  return line;
}

// The numbers of a line of `image` read again, enlarged, as a single line with `api`. The line's
// words before the first number ("ĐẾN Ngày:") are left out: printed large and bold, they set a
// text height at which the handwriting reads worse.
Reading ReadLineAgain(tesseract::TessBaseAPI& api, Pix* image, const Box& b, int dpi) {
  const int margin = std::max(2, b.h / 5);
  std::unique_ptr<BOX, BoxDeleter> box(boxCreate(std::max(0, b.x - margin), std::max(0, b.y - margin),
                                                 b.w + 2 * margin, b.h + 2 * margin));
  PixPtr cut = AdoptPix(pixClipRectangle(image, box.get(), nullptr));
  if (cut == nullptr) return {};
  PixPtr big = AdoptPix(pixScaleGrayLI(cut.get(), kLineEnlargement, kLineEnlargement));
  if (big == nullptr) return {};
  return Recognise(api, big.get(), static_cast<int>(dpi * kLineEnlargement));
}

}  // namespace

std::vector<Box> FindStampRegions(const Pix* page) {
  std::vector<Box> boxes;
  for (const Region& r : Regions(page, FindStampFrames(page))) boxes.push_back(r.box);
  return boxes;
}

PixPtr WithoutStampFrames(const Pix* page, const std::vector<StampFrame>& frames,
                          std::vector<Box>* boxes) {
  boxes->clear();
  if (frames.empty()) return nullptr;
  PixPtr cleared = AdoptPix(pixCopy(nullptr, Mutable(page)));
  if (cleared == nullptr) return nullptr;
  const int column = TextColumnStart(page);
  // Whitened a little beyond the rules: their edges are grey.
  const int reach = std::max(1, Dpi(page) / 100);
  for (const StampFrame& frame : frames) {
    const Box& b = frame.box;
    PixPtr wide = AdoptPix(pixDilateBrick(nullptr, frame.rules.get(), 2 * reach + 1, 2 * reach + 1));
    pixPaintThroughMask(cleared.get(), wide != nullptr ? wide.get() : frame.rules.get(), b.x, b.y,
                        0xff);
    const int left_part = std::min(b.x + b.w, column - reach) - b.x;
    if (left_part > 0) {
      std::unique_ptr<BOX, BoxDeleter> box(boxCreate(b.x, b.y, left_part, b.h));
      pixSetInRect(cleared.get(), box.get());  // white, on 8 bpp
    }
    // A line of the stamp's own writing may stick out past its rules by a stroke.
    const int slack = 3 * reach;
    boxes->push_back(Box{b.x - slack, b.y - slack, b.w + 2 * slack, b.h + 2 * slack});
  }
  return cleared;
}

void DropStampWriting(std::vector<Line>& lines, const std::vector<Box>& frames) {
  if (frames.empty()) return;
  auto inside = [&](const Box& b) {
    return std::any_of(frames.begin(), frames.end(), [&](const Box& f) {
      return b.x >= f.x && b.y >= f.y && b.x + b.w <= f.x + f.w && b.y + b.h <= f.y + f.h;
    });
  };
  std::vector<Line> kept;
  kept.reserve(lines.size());
  for (Line& line : lines) {
    const size_t before = line.words.size();
    std::erase_if(line.words, [&](const Word& w) { return inside(w.box); });
    if (before > 0 && line.words.empty()) continue;  // all of it the stamp's
    if (line.words.size() < before) {
      line.text.clear();
      line.box = Box{};
      for (const Word& w : line.words) {
        if (!line.text.empty()) line.text.push_back(' ');
        line.text += w.text;
        line.box = internal::Union(line.box, w.box);
      }
    }
    kept.push_back(std::move(line));
  }
  lines = std::move(kept);
}

std::vector<Line> ReadStamps(tesseract::TessBaseAPI& api, const Pix* page,
                             const std::vector<StampFrame>& frames) {
  std::vector<Line> lines;
  const std::vector<Region> regions = Regions(page, frames);
  if (regions.empty()) return lines;
  const tesseract::PageSegMode mode = api.GetPageSegMode();
  api.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
  // The numbers on a received stamp are written by hand. The Vietnamese model, trained on print,
  // reads a handwritten "28" as "25" where the English one, given the line alone and enlarged,
  // mostly reads it right. That reading comes first, before the Vietnamese line it re-reads.
  // Started only for the first line that holds a number: most stamps and boxes have none.
  std::unique_ptr<tesseract::TessBaseAPI> digits;
  bool digits_failed = false;
  auto digit_reader = [&]() -> tesseract::TessBaseAPI* {
    if (digits == nullptr && !digits_failed) {
      digits = std::make_unique<tesseract::TessBaseAPI>();
      if (digits->Init(api.GetDatapath(), "eng", tesseract::OEM_LSTM_ONLY) != 0) {
        digits.reset();
        digits_failed = true;
        return nullptr;
      }
      digits->SetVariable("debug_file", "/dev/null");
      digits->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    }
    return digits.get();
  };
  for (size_t i = 0; i < regions.size(); ++i) {
    int dpi = std::max(70, pixGetXRes(Mutable(page)));
    PixPtr upright;
    const Reading r = ReadRegion(api, page, regions[i], &dpi, &upright);
    const int block = static_cast<int>(i);
    for (size_t k = 0; k < r.lines.size(); ++k) {
      if (r.lines[k].find_first_not_of(" \t") == std::string::npos) continue;
      tesseract::TessBaseAPI* reader = nullptr;
      if (upright != nullptr && !r.boxes[k].empty() && (reader = digit_reader()) != nullptr) {
        Reading again = ReadLineAgain(*reader, upright.get(), r.boxes[k], dpi);
        while (!again.text.empty() && (again.text.back() == '\n' || again.text.back() == ' ')) {
          again.text.pop_back();
        }
        if (!again.text.empty()) {
          lines.push_back(MakeLine(again.text, regions[i].box, again.confidence, block));
        }
      }
      lines.push_back(MakeLine(r.lines[k], regions[i].box, r.confidence, block));
    }
  }
  if (digits != nullptr) digits->End();
  api.SetPageSegMode(mode);
  return lines;
}

}  // namespace congvan::ocr
