#include "ocr/digit_reader.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/pix.h"

namespace congvan::ocr {

// The model's bytes, written by tools/train_digits into the build tree.
extern const unsigned char kDigitModelBytes[];
extern const std::size_t kDigitModelSize;

namespace {

// Blue ink: its blue channel this much above its red. Black toner and white paper have the
// channels level, a red seal has red above blue.
constexpr int kBlueOverRed = 40;
// Fewer blue pixels than this (a share of the blank) is no pen writing in blue: the page is
// read as black ink on paper then.
constexpr double kBlueShareOfBlank = 0.004;
// Grey level below which a pixel of a page without colour is ink.
constexpr int kDarkInk = 150;
// Strokes shorter than this share of the tallest are dots and debris, not digits.
constexpr double kDigitShareOfTallest = 0.45;
// A digit is at least this share of the printed line's height: smaller strokes are specks.
constexpr double kDigitShareOfLine = 0.35;
// Pen strokes are drawn with one pen: a stroke much thinner than the boldest in the blank is a
// piece of the printed label beside it (a ballpoint's line is about twice a 13 pt letter's).
constexpr double kPenStrokeShare = 0.7;
// The pen runs over the blank's ends (a "7" into the printed "tháng"): strokes are looked for
// this many line heights beyond them, and kept when at least half their width lies in the blank.
constexpr double kReachBeyondBlank = 0.6;
// A stroke beside the blank is the pen's when it is this bold and tall against the pen's strokes
// inside the blank (print is thinner and its letters lower), and this close to them.
constexpr double kSamePen = 0.85;
constexpr double kSameHeight = 0.75;
constexpr double kNearBeside = 0.4;
// A piece less than this share of its neighbour's height is part of that digit (a bar, a hook).
constexpr double kShortPiece = 0.45;
// A stroke wider than this share of its height holds more than one digit.
constexpr double kTouchingWidth = 1.15;
// The width of one digit written by pen, as a share of its height, for cutting touching ones.
constexpr double kDigitWidth = 0.62;
// A "4" is crossed by its bar, a horizontal run of ink over more than this share of its width,
// between these shares of its height from the top. A "1" written with a long lead-in (up from
// low on the left to the top, then down its stem) has no such run: its lead-in is slanted.
constexpr double kBarBandTop = 0.4;
constexpr double kBarBandBottom = 0.85;
constexpr double kBarSpan = 0.6;

struct BoxaFree { void operator()(BOXA* b) const { boxaDestroy(&b); } };
struct BoxFree { void operator()(BOX* b) const { boxDestroy(&b); } };

struct Rect {
  int x0, y0, x1, y1;  // inclusive
  double stroke = 0;   // mean stroke width: ink pixels per skeleton pixel
  int w() const { return x1 - x0 + 1; }
  int h() const { return y1 - y0 + 1; }
};

PixPtr Clip(const Pix* page, const Box& b) {
  std::unique_ptr<BOX, BoxFree> box(boxCreate(b.x, b.y, std::max(1, b.w), std::max(1, b.h)));
  return AdoptPix(pixClipRectangle(const_cast<Pix*>(page), box.get(), nullptr));
}

// Pixels of the blank where blue ink is (1 bpp, 1 = ink): blue minus red, thresholded.
PixPtr BlueInk(Pix* colour) {
  PixPtr red = AdoptPix(pixGetRGBComponent(colour, COLOR_RED));
  PixPtr blue = AdoptPix(pixGetRGBComponent(colour, COLOR_BLUE));
  if (red == nullptr || blue == nullptr) return nullptr;
  // pixSubtractGray clips at 0: only where blue exceeds red is left.
  PixPtr excess = AdoptPix(pixSubtractGray(nullptr, blue.get(), red.get()));
  if (excess == nullptr) return nullptr;
  // 1 where the excess is below the margin; inverted, 1 where the ink is blue.
  PixPtr mask = AdoptPix(pixThresholdToBinary(excess.get(), kBlueOverRed));
  if (mask == nullptr) return nullptr;
  pixInvert(mask.get(), mask.get());
  return mask;
}

PixPtr DarkInk(Pix* any) {
  if (pixGetDepth(any) == 1) return AdoptPix(pixCopy(nullptr, any));
  PixPtr grey = AdoptPix(pixConvertTo8(any, 0));
  if (grey == nullptr) return nullptr;
  return AdoptPix(pixThresholdToBinary(grey.get(), kDarkInk));
}

// The pen's ink in the cut-out blank.
PixPtr PenInk(Pix* cut) {
  if (pixGetDepth(cut) == 32) {
    PixPtr blue = BlueInk(cut);
    if (blue == nullptr) return nullptr;
    l_int32 count = 0;
    pixCountPixels(blue.get(), &count, nullptr);
    const double area = static_cast<double>(pixGetWidth(cut)) * pixGetHeight(cut);
    if (count >= kBlueShareOfBlank * area) return blue;
  }
  return DarkInk(cut);
}

struct PixaFree { void operator()(PIXA* p) const { pixaDestroy(&p); } };

// Ink pixels per pixel of the skeleton: the width of the pen that drew `stroke`.
double StrokeWidth(Pix* stroke) {
  l_int32 ink = 0, skeleton = 0;
  pixCountPixels(stroke, &ink, nullptr);
  PixPtr thin = AdoptPix(pixThinConnected(stroke, L_THIN_FG, 8, 0));
  if (thin != nullptr) pixCountPixels(thin.get(), &skeleton, nullptr);
  return skeleton > 0 ? static_cast<double>(ink) / skeleton : 0.0;
}

std::vector<Rect> Components(Pix* ink) {
  std::vector<Rect> out;
  PIXA* raw = nullptr;
  std::unique_ptr<BOXA, BoxaFree> boxes(pixConnComp(ink, &raw, 8));
  std::unique_ptr<PIXA, PixaFree> pieces(raw);
  if (boxes == nullptr || pieces == nullptr) return out;
  for (int i = 0; i < boxaGetCount(boxes.get()); ++i) {
    l_int32 x, y, w, h;
    if (boxaGetBoxGeometry(boxes.get(), i, &x, &y, &w, &h) != 0) continue;
    PixPtr piece = AdoptPix(pixaGetPix(pieces.get(), i, L_CLONE));
    out.push_back(Rect{x, y, x + w - 1, y + h - 1, piece ? StrokeWidth(piece.get()) : 0.0});
  }
  return out;
}

Rect Union(const Rect& a, const Rect& b) {
  return Rect{std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1),
              std::max(a.y1, b.y1), std::max(a.stroke, b.stroke)};
}

// The strokes that belong to the blank whose columns are [x0, x1]: those at least half inside
// it, then those beside them drawn by the same pen (as bold, as tall, close) that the blank's
// box, guessed from letter widths, left out ("ngày 2|7 tháng").
std::vector<Rect> WithinBlank(std::vector<Rect> strokes, int x0, int x1, int line_height,
                              int min_height) {
  std::vector<Rect> kept, beside;
  for (const Rect& r : strokes) {
    const int inside = std::min(r.x1, x1) - std::max(r.x0, x0) + 1;
    (2 * inside >= r.w() ? kept : beside).push_back(r);
  }
  double bold = 0;
  int tall = 0;
  for (const Rect& r : kept) {
    if (r.h() < min_height) continue;
    bold = std::max(bold, r.stroke);
    tall = std::max(tall, r.h());
  }
  if (tall == 0) return kept;
  const int near = static_cast<int>(kNearBeside * line_height);
  std::sort(beside.begin(), beside.end(), [x0](const Rect& a, const Rect& b) {
    return std::abs(a.x0 - x0) < std::abs(b.x0 - x0);
  });
  for (bool grew = true; grew;) {
    grew = false;
    for (auto it = beside.begin(); it != beside.end(); ++it) {
      if (it->stroke < kSamePen * bold || it->h() < kSameHeight * tall) continue;
      const bool close = std::any_of(kept.begin(), kept.end(), [&](const Rect& k) {
        return k.h() >= min_height && it->x0 - k.x1 <= near && k.x0 - it->x1 <= near;
      });
      if (!close) continue;
      kept.push_back(*it);
      beside.erase(it);
      grew = true;
      break;
    }
  }
  return kept;
}

// Strokes of one digit a pen broke (the bar of a "5", a "4" lifted once) lie one over the other:
// those whose columns overlap by half the narrower are joined.
std::vector<Rect> JoinOverlapping(std::vector<Rect> rects) {
  std::sort(rects.begin(), rects.end(), [](const Rect& a, const Rect& b) { return a.x0 < b.x0; });
  std::vector<Rect> out;
  for (const Rect& r : rects) {
    if (!out.empty()) {
      Rect& last = out.back();
      const int overlap = std::min(last.x1, r.x1) - std::max(last.x0, r.x0) + 1;
      // A short piece over or under a digit (the bar of a "5") joins it on less overlap.
      const bool short_piece = std::min(last.h(), r.h()) < kShortPiece * std::max(last.h(), r.h());
      if (overlap > 0.5 * std::min(last.w(), r.w()) || (short_piece && overlap > 0)) {
        last = Union(last, r);
        continue;
      }
    }
    out.push_back(r);
  }
  return out;
}

// Digits the pen joined ("05" in one stroke) are cut where the fewest ink pixels are, near
// where a digit of the usual width would end.
std::vector<Rect> CutTouching(Pix* ink, const Rect& r) {
  const double ratio = static_cast<double>(r.w()) / r.h();
  if (ratio <= kTouchingWidth) return {r};
  const int parts = std::max(2, static_cast<int>(std::lround(ratio / kDigitWidth)));
  std::vector<int> column(r.w(), 0);
  l_uint32 bit = 0;
  for (int x = r.x0; x <= r.x1; ++x) {
    for (int y = r.y0; y <= r.y1; ++y) {
      pixGetPixel(ink, x, y, &bit);
      column[x - r.x0] += static_cast<int>(bit);
    }
  }
  std::vector<Rect> out;
  int start = r.x0;
  for (int k = 1; k < parts; ++k) {
    const int nominal = r.x0 + r.w() * k / parts;
    const int reach = std::max(1, r.w() / (parts * 4));
    int best = nominal;
    for (int x = std::max(start + 1, nominal - reach); x <= std::min(r.x1 - 1, nominal + reach); ++x) {
      if (column[x - r.x0] < column[best - r.x0]) best = x;
    }
    out.push_back(Rect{start, r.y0, best, r.y1, r.stroke});
    start = best + 1;
  }
  out.push_back(Rect{start, r.y0, r.x1, r.y1, r.stroke});
  return out;
}

// The ink of `r`, shrunk to the ink it holds (a cut part may have empty rows).
PixPtr GlyphOf(Pix* ink, const Rect& r) {
  std::unique_ptr<BOX, BoxFree> box(boxCreate(r.x0, r.y0, r.w(), r.h()));
  return AdoptPix(pixClipRectangle(ink, box.get(), nullptr));
}

// Whether `glyph` (1 bpp, cropped to its ink) has what makes a "4" a "4": a bar across its width
// where a 4's bar crosses its stem. Without it, what the models took for a "4" is a "1" written
// with a long lead-in, the way many hands write it.
bool CrossedLikeAFour(const Pix* glyph) {
  Pix* g = const_cast<Pix*>(glyph);
  const int w = pixGetWidth(g), h = pixGetHeight(g);
  int longest = 0;
  l_uint32 bit = 0;
  for (int y = static_cast<int>(kBarBandTop * h); y < static_cast<int>(kBarBandBottom * h); ++y) {
    int run = 0;
    for (int x = 0; x < w; ++x) {
      pixGetPixel(g, x, y, &bit);
      run = bit != 0 ? run + 1 : 0;
      longest = std::max(longest, run);
    }
  }
  return longest > kBarSpan * w;
}

// The digits the next place of a day of the month may hold, after `so_far` of its `places`
// digits: 1 to 31, written "01" or "1".
DigitSet DayDigits(const std::string& so_far, int places) {
  DigitSet allowed;
  if (places == 1) return kAnyDigit & ~DigitSet(1);  // 1 to 9
  if (so_far.empty()) {
    for (int d = 0; d <= 3; ++d) allowed.set(d);
  } else if (so_far[0] == '3') {
    allowed.set(0).set(1);
  } else {
    allowed = kAnyDigit;
    if (so_far[0] == '0') allowed.reset(0);
  }
  return allowed;
}

}  // namespace

Result<DigitModels> BuiltInDigitModels() {
  return DigitModels::FromBytes(
      std::string_view(reinterpret_cast<const char*>(kDigitModelBytes), kDigitModelSize));
}

PenReading ReadPenDigits(const Pix* page, const Box& blank, int line_height, PenField field,
                         const DigitModels& models) {
  const int max_digits = field == PenField::kDayOfMonth ? 2 : 4;
  PenReading out;
  const int page_w = pixGetWidth(const_cast<Pix*>(page));
  const int reach = static_cast<int>(kReachBeyondBlank * line_height);
  const int left = std::max(0, blank.x - reach);
  const int right = std::min(page_w, blank.x + blank.w + reach);
  PixPtr cut = Clip(page, Box{left, blank.y, right - left, blank.h});
  if (cut == nullptr) return out;
  PixPtr ink = PenInk(cut.get());
  if (ink == nullptr) return out;
  std::vector<Rect> strokes = Components(ink.get());
  const int min_height = static_cast<int>(kDigitShareOfLine * line_height);
  strokes = WithinBlank(std::move(strokes), blank.x - left, blank.x - left + blank.w - 1,
                        line_height, min_height);
  std::erase_if(strokes, [&](const Rect& r) { return r.h() < min_height && r.w() < min_height; });
  double boldest = 0;
  for (const Rect& r : strokes) boldest = std::max(boldest, r.stroke);
  std::erase_if(strokes, [&](const Rect& r) { return r.stroke < kPenStrokeShare * boldest; });
  strokes = JoinOverlapping(std::move(strokes));
  int tallest = 0;
  for (const Rect& r : strokes) tallest = std::max(tallest, r.h());
  std::erase_if(strokes, [&](const Rect& r) {
    return r.h() < kDigitShareOfTallest * tallest || r.h() < min_height;
  });
  std::vector<Rect> glyphs;
  for (const Rect& r : strokes) {
    for (const Rect& part : CutTouching(ink.get(), r)) glyphs.push_back(part);
  }
  if (glyphs.empty() || static_cast<int>(glyphs.size()) > max_digits) return out;
  out.confidence = 1.0f;
  for (const Rect& g : glyphs) {
    PixPtr glyph = GlyphOf(ink.get(), g);
    if (glyph == nullptr) return PenReading{};
    const DigitSet allowed = field == PenField::kDayOfMonth
                                 ? DayDigits(out.digits, static_cast<int>(glyphs.size()))
                                 : kAnyDigit;
    DigitGuess guess = models.Classify(glyph.get(), allowed);
    if (guess.digit == 4 && allowed[1] && !CrossedLikeAFour(glyph.get())) guess.digit = 1;
    out.digits.push_back(static_cast<char>('0' + guess.digit));
    out.confidence = std::min(out.confidence, guess.probability);
  }
  return out;
}

}  // namespace congvan::ocr
