#include "ocr/photo.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "ocr/internal.h"

namespace congvan::ocr {
namespace {

// The measurement copy: about this many pixels along the longer side. An A4 page is then ~48 dpi,
// enough to see the paper, its outline and the fall-off of the light, and cheap to look at.
constexpr int kMeasureSide = 400;
// A grey closing this wide (at the measurement scale) fills in letters and text lines, leaving
// the paper's own brightness.
constexpr int kTextFillSize = 7;
// Paper that is this much darker in its poorest-lit part than in its best is lit so unevenly
// that the clean-up's own background step cannot cope. Milder fall-off (the real photo of the
// tests measures 0.23) is left to it: it reads that photo at CER 0.016, the correction at 0.020.
constexpr double kUnevenLight = 0.30;
// A page corner must stand this far (fraction of the image side) inside the image border to be
// taken as the page's corner and not the place where the photo cuts the page off.
constexpr float kCornerInset = 0.015f;
// A quadrilateral whose corners are this close (fraction of the image side) to an upright
// rectangle is a scan on a dark scanner lid, not a page seen at an angle.
constexpr float kSquareTolerance = 0.01f;

// Width over height of an A4 sheet, the size of official letters.
constexpr float kA4Aspect = 0.7071f;
// Fraction of the rectified page cut off along each side (the outline and its shadow).
constexpr float kEdgeCut = 0.012f;
// The paper's brightness after flattening, and the grey level under which a flattened pixel is
// ink when text lines are looked for.
constexpr int kFlatPaper = 240;
constexpr int kInkThreshold = 170;
// Lines the dewarping model needs; Leptonica's default (15) rejects most one-page letters.
constexpr int kMinTextLines = 8;

Pix* Mutable(const Pix* pix) { return const_cast<Pix*>(pix); }

struct PtaDeleter {
  void operator()(PTA* pta) const { ptaDestroy(&pta); }
};
using PtaPtr = std::unique_ptr<PTA, PtaDeleter>;

struct BoxDeleter {
  void operator()(BOX* box) const { boxDestroy(&box); }
};
using BoxPtr = std::unique_ptr<BOX, BoxDeleter>;

struct PixaDeleter {
  void operator()(PIXA* pixa) const { pixaDestroy(&pixa); }
};
using PixaPtr = std::unique_ptr<PIXA, PixaDeleter>;

struct BoxaDeleter {
  void operator()(BOXA* boxa) const { boxaDestroy(&boxa); }
};
using BoxaPtr = std::unique_ptr<BOXA, BoxaDeleter>;

struct DewarpaDeleter {
  void operator()(L_Dewarpa* dewa) const { dewarpaDestroy(&dewa); }
};
using DewarpaPtr = std::unique_ptr<L_Dewarpa, DewarpaDeleter>;

float Distance(Point a, Point b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Shoelace formula over the corners in order.
float QuadArea(const std::array<Point, 4>& q) {
  float twice = 0;
  for (int i = 0; i < 4; ++i) {
    const Point& a = q[i];
    const Point& b = q[(i + 1) % 4];
    twice += a.x * b.y - b.x * a.y;
  }
  return std::fabs(twice) / 2;
}

// The paper's brightness without its text, on a small copy: `scale` is small / full size. Each
// pixel of the copy is the brightest of its block, which already thins the text out; a grey
// closing then fills in what is left of letters and text lines.
PixPtr PaperBrightness(const Pix* grey, float* scale) {
  const int longer = std::max(pixGetWidth(grey), pixGetHeight(grey));
  const int factor = std::max(1, (longer + kMeasureSide - 1) / kMeasureSide);
  *scale = 1.0f / static_cast<float>(factor);
  PixPtr small = AdoptPix(factor > 1 ? pixScaleGrayMinMax(Mutable(grey), factor, factor,
                                                          L_CHOOSE_MAX)
                                     : pixCopy(nullptr, Mutable(grey)));
  if (small == nullptr) return nullptr;
  return AdoptPix(pixCloseGray(small.get(), kTextFillSize, kTextFillSize));
}

// The largest 8-connected region of `mask`, as its own image placed by `box`.
PixPtr LargestRegion(Pix* mask, int* x, int* y) {
  PIXA* pixa_raw = nullptr;
  BoxaPtr boxa(pixConnComp(mask, &pixa_raw, 8));
  PixaPtr pixa(pixa_raw);
  if (boxa == nullptr || pixa == nullptr) return nullptr;
  int best = -1, best_count = 0;
  for (int i = 0; i < pixaGetCount(pixa.get()); ++i) {
    PixPtr part = AdoptPix(pixaGetPix(pixa.get(), i, L_CLONE));
    int count = 0;
    pixCountPixels(part.get(), &count, nullptr);
    if (count > best_count) best = i, best_count = count;
  }
  if (best < 0) return nullptr;
  int w = 0, h = 0;
  boxaGetBoxGeometry(boxa.get(), best, x, y, &w, &h);
  return AdoptPix(pixaGetPix(pixa.get(), best, L_COPY));
}

// The four extreme points of a region along the diagonals: for a page seen at an angle, its
// corners. Coordinates are those of the measurement copy.
std::array<Point, 4> ExtremeCorners(Pix* region, int x0, int y0) {
  std::array<Point, 4> corners;
  std::array<float, 4> best = {-1e9f, -1e9f, -1e9f, -1e9f};
  const int w = pixGetWidth(region), h = pixGetHeight(region);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      l_uint32 on = 0;
      pixGetPixel(region, x, y, &on);
      if (on == 0) continue;
      const float fx = static_cast<float>(x + x0), fy = static_cast<float>(y + y0);
      const std::array<float, 4> score = {-(fx + fy), fx - fy, fx + fy, fy - fx};
      for (int c = 0; c < 4; ++c) {
        if (score[c] > best[c]) best[c] = score[c], corners[c] = Point{fx, fy};
      }
    }
  }
  return corners;
}

// True when `p` lies on the inner side of all four edges (corners in clockwise order on screen).
bool InsideConvexQuad(Point p, const std::array<Point, 4>& q) {
  for (int i = 0; i < 4; ++i) {
    const Point& a = q[i];
    const Point& b = q[(i + 1) % 4];
    if ((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) < 0) return false;
  }
  return true;
}

bool CornersInside(const std::array<Point, 4>& q, int w, int h) {
  const float mx = kCornerInset * w, my = kCornerInset * h;
  return std::all_of(q.begin(), q.end(), [&](Point p) {
    return p.x > mx && p.y > my && p.x < w - 1 - mx && p.y < h - 1 - my;
  });
}

bool UprightRectangle(const std::array<Point, 4>& q, int w, int h) {
  const float tx = kSquareTolerance * w, ty = kSquareTolerance * h;
  return std::fabs(q[0].y - q[1].y) < ty && std::fabs(q[3].y - q[2].y) < ty &&
         std::fabs(q[0].x - q[3].x) < tx && std::fabs(q[1].x - q[2].x) < tx;
}

// Looks for the page's outline on the paper-brightness image: the paper is the bright side of
// the brightness histogram's best split, the surround the dark side, clearly darker.
void FindOutline(Pix* paper, PhotoSigns* signs, float scale) {
  int thresh = 0, dark = 0, bright = 0;
  if (pixSplitDistributionFgBg(paper, /*scorefract=*/0.1f, /*factor=*/1, &thresh, &dark, &bright,
                               nullptr) != 0) {
    return;
  }
  if (bright <= 0 || dark > 0.75 * bright) return;  // no surround darker than the paper
  PixPtr page_mask = AdoptPix(pixThresholdToBinary(paper, thresh));  // 1 = darker than thresh
  if (page_mask == nullptr) return;
  pixInvert(page_mask.get(), page_mask.get());
  int x0 = 0, y0 = 0;
  PixPtr region = LargestRegion(page_mask.get(), &x0, &y0);
  if (region == nullptr) return;
  const int w = pixGetWidth(paper), h = pixGetHeight(paper);
  int count = 0;
  pixCountPixels(region.get(), &count, nullptr);
  if (count < 0.25 * w * h) return;  // the paper should fill a good part of a photo of it
  const std::array<Point, 4> q = ExtremeCorners(region.get(), x0, y0);
  // A page is a convex quadrilateral: its region fills the quadrilateral of its extreme points.
  const float fill = static_cast<float>(count) / std::max(1.0f, QuadArea(q));
  if (fill < 0.9f || fill > 1.1f) return;
  if (!CornersInside(q, w, h) || UprightRectangle(q, w, h)) return;
  signs->page_outline = true;
  for (int c = 0; c < 4; ++c) signs->corners[c] = Point{q[c].x / scale, q[c].y / scale};
}

// 1 - p5/p95 of the paper brightness over the middle of the image (or over the page when its
// outline is known), so that a dark surround does not count as poor light.
double LightFalloff(Pix* paper, const PhotoSigns& signs, float scale) {
  const int w = pixGetWidth(paper), h = pixGetHeight(paper);
  PixPtr mask = AdoptPix(pixCreate(w, h, 1));
  if (mask == nullptr) return 0;
  if (signs.page_outline) {
    // Shrink towards the centre so the outline's soft edge is not taken for shadow.
    Point centre;
    for (const Point& p : signs.corners) centre.x += p.x * scale / 4, centre.y += p.y * scale / 4;
    std::array<Point, 4> inner;
    for (int c = 0; c < 4; ++c) {
      inner[c] = Point{centre.x + 0.92f * (signs.corners[c].x * scale - centre.x),
                       centre.y + 0.92f * (signs.corners[c].y * scale - centre.y)};
    }
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        if (InsideConvexQuad(Point{static_cast<float>(x), static_cast<float>(y)}, inner)) {
          pixSetPixel(mask.get(), x, y, 1);
        }
      }
    }
  } else {
    const int mx = w / 20, my = h / 20;
    pixSetInRect(mask.get(), BoxPtr(boxCreate(mx, my, w - 2 * mx, h - 2 * my)).get());
  }
  float p5 = 0, p95 = 0;
  if (pixGetRankValueMasked(paper, mask.get(), 0, 0, 1, 0.05f, &p5, nullptr) != 0 ||
      pixGetRankValueMasked(paper, mask.get(), 0, 0, 1, 0.95f, &p95, nullptr) != 0 || p95 <= 0) {
    return 0;
  }
  return 1.0 - p5 / p95;
}

// Maps the page quadrilateral onto an upright rectangle. Seen at an angle, a page looks shorter
// than it is; official letters are A4, so a sheet whose sides measure anywhere near A4 gets A4's
// proportions back. The rectangle is scaled down if it exceeds the image (Leptonica's output
// keeps the input's size), and a thin strip along the outline is cut off: the page's edge and
// its shadow would otherwise be taken for the longest text line of the page.
PixPtr Rectify(const Pix* grey, const std::array<Point, 4>& q) {
  const int w = pixGetWidth(grey), h = pixGetHeight(grey);
  float width = std::max(Distance(q[0], q[1]), Distance(q[3], q[2]));
  float height = std::max(Distance(q[0], q[3]), Distance(q[1], q[2]));
  const float aspect = width / std::max(1.0f, height);
  if (aspect > kA4Aspect * 0.85f && aspect < kA4Aspect * 1.3f) height = width / kA4Aspect;
  const float fit = std::min({1.0f, w / width, h / height});
  width = std::floor(width * fit);
  height = std::floor(height * fit);
  PtaPtr dest(ptaCreate(4)), source(ptaCreate(4));
  const std::array<Point, 4> rect = {Point{0, 0}, Point{width - 1, 0},
                                     Point{width - 1, height - 1}, Point{0, height - 1}};
  for (int c = 0; c < 4; ++c) {
    ptaAddPt(dest.get(), rect[c].x, rect[c].y);
    ptaAddPt(source.get(), q[c].x, q[c].y);
  }
  PixPtr warped =
      AdoptPix(pixProjectivePta(Mutable(grey), dest.get(), source.get(), L_BRING_IN_WHITE));
  if (warped == nullptr) return nullptr;
  const int mx = static_cast<int>(width * kEdgeCut), my = static_cast<int>(height * kEdgeCut);
  BoxPtr page(boxCreate(mx, my, static_cast<int>(width) - 2 * mx, static_cast<int>(height) - 2 * my));
  return AdoptPix(pixClipRectangle(warped.get(), page.get(), nullptr));
}

// Divides out the paper's brightness (a grey closing on a reduced copy, so no threshold decides
// what is paper: a shadow darker than any fixed threshold is still paper).
PixPtr FlattenLight(const Pix* grey) {
  const int reduction = std::clamp(pixGetWidth(grey) / 500, 2, 16);
  return AdoptPix(pixBackgroundNormMorph(Mutable(grey), nullptr, reduction, /*size=*/11,
                                         kFlatPaper));
}

// Light falling off across the page lowers the contrast of the text as well as the paper's
// brightness: after flattening, text in the shadow is grey where the rest is black, and a later
// background clean-up or global threshold would wash it out. Stretching each tile's range to the
// full scale (tiles of about 1/7.5 inch, smoothed) makes it as dark as the rest. On the photo of
// the tests, read after upscaling and the clean-up's background step: CER 0.55 without this
// step, 0.34 with it.
PixPtr StretchContrast(const Pix* flat) {
  const int dpi = internal::EffectiveDpi(0, pixGetWidth(flat));
  const int tile = std::max(5, dpi * 2 / 15);
  return AdoptPix(pixContrastNorm(nullptr, Mutable(flat), tile, tile, /*mindiff=*/50,
                                  /*smoothx=*/2, /*smoothy=*/2));
}

// Leptonica's page model from the centres of the text lines (vertical disparity: curved lines;
// horizontal: the page's sides leaning). Null when the page has too few long lines spread over
// its height to build the model (a short letter often has): the page is then used as it is.
PixPtr StraightenLines(const Pix* flat) {
  PixPtr binary = AdoptPix(pixConvertTo1(Mutable(flat), kInkThreshold));
  if (binary == nullptr) return nullptr;
  DewarpaPtr dewa(dewarpaCreate(/*nptrs=*/1, /*sampling=*/0, /*redfactor=*/1, kMinTextLines,
                                /*maxdist=*/-1));
  if (dewa == nullptr) return nullptr;
  dewarpaUseBothArrays(dewa.get(), 1);
  dewarpaSetCheckColumns(dewa.get(), 1);  // no horizontal model across two columns
  L_DEWARP* model = dewarpCreate(binary.get(), /*pageno=*/0);
  if (model == nullptr) return nullptr;
  dewarpaInsertDewarp(dewa.get(), model);  // the array owns the model from here on
  if (dewarpBuildPageModel(model, nullptr) != 0) return nullptr;
  int vertical = 0, horizontal = 0;
  dewarpaModelStatus(dewa.get(), 0, &vertical, &horizontal);
  if (!vertical) return nullptr;
  Pix* straight = nullptr;
  if (dewarpaApplyDisparity(dewa.get(), 0, Mutable(flat), /*grayin=*/255, 0, 0, &straight,
                            nullptr) != 0) {
    return nullptr;
  }
  return AdoptPix(straight);
}

}  // namespace

bool PhotoSigns::uneven_light() const { return light_falloff > kUnevenLight; }

PhotoSigns MeasurePhoto(const Pix* grey) {
  PhotoSigns signs;
  if (grey == nullptr || pixGetDepth(grey) != 8 || pixGetColormap(Mutable(grey)) != nullptr) return signs;
  if (std::min(pixGetWidth(grey), pixGetHeight(grey)) < 100) return signs;
  float scale = 1;
  PixPtr paper = PaperBrightness(grey, &scale);
  if (paper == nullptr) return signs;
  FindOutline(paper.get(), &signs, scale);
  signs.light_falloff = LightFalloff(paper.get(), signs, scale);
  return signs;
}

Result<PixPtr> CorrectPhoto(const Pix* grey, const PhotoSigns& signs) {
  if (grey == nullptr || pixGetDepth(grey) != 8) {
    return Status::InvalidInput("photo correction needs an 8-bit grey page");
  }
  PixPtr page = signs.page_outline ? Rectify(grey, signs.corners)
                                   : AdoptPix(pixCopy(nullptr, Mutable(grey)));
  if (page == nullptr) return Status::Internal("photo correction failed at the perspective");
  page = FlattenLight(page.get());
  if (page == nullptr) return Status::Internal("photo correction failed at the illumination");
  PixPtr stretched = StretchContrast(page.get());
  if (stretched != nullptr) page = std::move(stretched);
  PixPtr straight = StraightenLines(page.get());
  if (straight != nullptr && pixGetDepth(straight.get()) == 8) page = std::move(straight);
  return page;
}

PixPtr CorrectIfPhoto(PixPtr grey, int* dpi) {
  const PhotoSigns signs = MeasurePhoto(grey.get());
  if (!signs.is_photo()) return grey;
  Result<PixPtr> corrected = CorrectPhoto(grey.get(), signs);
  if (!corrected.ok()) return grey;
  PixPtr page = std::move(*corrected);
  *dpi = internal::EffectiveDpi(0, pixGetWidth(page.get()));
  return page;
}

}  // namespace congvan::ocr
