// Leptonica clean-up before OCR. Plain Tesseract on a skewed or unevenly lit page silently
// drops whole paragraphs, so such pages are flattened, turned upright and straightened first;
// a good grey scan is only straightened, since flattening it costs Tesseract's own thresholding
// the faint strokes of tone marks. What each page gets is chosen from measurements of it.
#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <string>

#include "ocr/engine.h"
#include "ocr/internal.h"
#include "ocr/photo.h"

namespace congvan::ocr {
namespace internal {
namespace {

constexpr double kA4WidthInches = 8.27;
constexpr int kTargetDpi = 300;

// Leptonica takes non-const pointers even for images it only reads.
Pix* Mutable(const Pix* pix) { return const_cast<Pix*>(pix); }

Status Failed(const char* step) {
  return Status::Internal(std::string("image clean-up failed at ") + step);
}

// 8 bpp grey without a colormap, whatever the input depth (1-bit faxes, RGB photos, palettes).
PixPtr ToGrey(const Pix* image) {
  return AdoptPix(pixConvertTo8(Mutable(image), /*cmapflag=*/0));
}

// A pixel whose channels differ by this much is coloured ink (or coloured paper), not print:
// black toner and JPEG colour noise stay well below it, red seals and blue ballpoint far above.
constexpr int kInkSaturation = 60;
// Coloured pixels darker than this in their brightest channel are kept: they are black print
// seen through the ink of a seal laid over it.
constexpr int kDarkestColourInk = 80;

// 1 where the 8-bit `pix` is at least `level`.
PixPtr AtLeast(const Pix* pix, int level) {
  PixPtr below = AdoptPix(pixThresholdToBinary(Mutable(pix), level));
  if (below == nullptr) return nullptr;
  pixInvert(below.get(), below.get());
  return below;
}

// Phone photos and web images come at 70-150 dpi, where the LSTM model sees letters a few pixels
// high and loses the tone marks; linear interpolation to ~300 dpi gives it room.
PixPtr UpscaleIfSmall(PixPtr grey, int* dpi, int min_dpi) {
  if (*dpi >= min_dpi) return grey;
  const float factor = std::min(4.0f, static_cast<float>(kTargetDpi) / static_cast<float>(*dpi));
  PixPtr scaled = AdoptPix(pixScaleGrayLI(grey.get(), factor, factor));
  if (scaled == nullptr) return grey;  // keep the small page rather than fail it
  *dpi = static_cast<int>(std::lround(*dpi * factor));
  return scaled;
}

// Evens out shadows, yellowed paper and grey scans: the background becomes white and the text
// keeps its contrast, so one threshold fits the whole page.
PixPtr NormalizeBackground(PixPtr grey) {
  PixPtr clean = AdoptPix(pixCleanBackgroundToWhite(grey.get(), nullptr, nullptr, /*gamma=*/1.0f,
                                                     /*blackval=*/70, /*whiteval=*/190));
  return clean != nullptr ? std::move(clean) : std::move(grey);
}

// Straightens small skews (up to ±7°). A page with no measurable skew comes back unchanged.
PixPtr Deskew(PixPtr grey) {
  float angle = 0, conf = 0;
  PixPtr straight = AdoptPix(pixFindSkewAndDeskew(grey.get(), /*redsearch=*/2, &angle, &conf));
  return straight != nullptr ? std::move(straight) : std::move(grey);
}

// Quarter turns clockwise that bring the text upright, from Leptonica's ascender/descender
// counts on a binary copy; 0 when the page gives too little evidence (short or no text).
int UprightQuarterTurns(const Pix* grey) {
  PixPtr binary = AdoptPix(pixConvertTo1(Mutable(grey), /*threshold=*/128));
  if (binary == nullptr) return 0;
  float up = 0, left = 0;
  if (pixOrientDetect(binary.get(), &up, &left, /*mincount=*/0, /*debug=*/0) != 0) return 0;
  if (up == 0.0f || left == 0.0f) return 0;
  l_int32 orient = L_TEXT_ORIENT_UNKNOWN;
  makeOrientDecision(up, left, /*minupconf=*/0, /*minratio=*/0, &orient, /*debug=*/0);
  switch (orient) {
    case L_TEXT_ORIENT_LEFT: return 1;
    case L_TEXT_ORIENT_DOWN: return 2;
    case L_TEXT_ORIENT_RIGHT: return 3;
    default: return 0;
  }
}

PixPtr CorrectOrientation(PixPtr grey) {
  const int quads = UprightQuarterTurns(grey.get());
  if (quads == 0) return grey;
  PixPtr turned = AdoptPix(pixRotateOrth(grey.get(), quads));
  return turned != nullptr ? std::move(turned) : std::move(grey);
}

// Sauvola thresholds each pixel against its neighbourhood (about 1/6 inch), so faint strokes next
// to dark ones survive. Tiles keep the accumulator images of a 300 dpi page small.
PixPtr Binarize(const Pix* grey, int dpi) {
  const int whsize = std::max(8, dpi / 12);
  const int w = pixGetWidth(grey), h = pixGetHeight(grey);
  const int nx = std::max(1, w / 1024), ny = std::max(1, h / 1024);
  Pix* binary = nullptr;
  if (pixSauvolaBinarizeTiled(Mutable(grey), whsize, /*factor=*/0.34f, nx, ny, nullptr,
                              &binary) != 0) {
    return nullptr;
  }
  return AdoptPix(binary);
}

Status CheckImage(const Pix* image) {
  if (image == nullptr) return Status::InvalidInput("no page image");
  if (pixGetWidth(image) <= 0 || pixGetHeight(image) <= 0) {
    return Status::InvalidInput("empty page image");
  }
  return Status::Ok();
}

// `fixed` null: the steps are chosen from the page's measurements.
Result<PixPtr> RunCleanUp(const Pix* image, int dpi, const CleanUpSettings* fixed,
                          CleanUpReport* report) {
  CONGVAN_RETURN_IF_ERROR(CheckImage(image));
  int res = EffectiveDpi(dpi, pixGetWidth(image));
  const bool drop_colour = fixed == nullptr || fixed->remove_colour_ink;
  double colour_share = 0;
  PixPtr page = drop_colour ? GreyWithoutColourInk(image, &colour_share) : ToGrey(image);
  if (page == nullptr) return Failed("greyscale conversion");
  // Phone photos: page outline, perspective, light and curl first (scans pay only the check).
  page = CorrectIfPhoto(std::move(page), &res);
  PageMeasures measures = MeasurePage(page.get(), res);
  measures.colour_share = colour_share;
  const CleanUpSettings settings = fixed != nullptr ? *fixed : ChooseCleanUp(measures);
  const int before = res;
  page = UpscaleIfSmall(std::move(page), &res, settings.min_dpi);
  if (settings.normalize_background) page = NormalizeBackground(std::move(page));
  if (settings.deskew) page = Deskew(std::move(page));
  if (settings.correct_orientation) page = CorrectOrientation(std::move(page));
  if (settings.binarize) {
    page = Binarize(page.get(), res);
    if (page == nullptr) return Failed("binarisation");
  }
  pixSetResolution(page.get(), res, res);
  if (report != nullptr) *report = CleanUpReport{measures, settings, res != before};
  return page;
}

}  // namespace

int EffectiveDpi(int dpi, int width) {
  // A stated resolution is believed only when it makes the page 4-14 inches wide: JPEGs often
  // say 72 or 1 dpi whatever they hold.
  if (dpi >= 70 && dpi <= 1200 && width >= 4 * dpi && width <= 14 * dpi) return dpi;
  const int guess = static_cast<int>(std::lround(width / kA4WidthInches));
  return std::clamp(guess, 70, 1200);
}

PixPtr GreyWithoutColourInk(const Pix* image, double* colour_share) {
  *colour_share = 0;
  if (pixGetDepth(image) != 32) return ToGrey(image);
  PixPtr brightest = AdoptPix(pixConvertRGBToGrayMinMax(Mutable(image), L_CHOOSE_MAX));
  PixPtr spread = AdoptPix(pixConvertRGBToGrayMinMax(Mutable(image), L_CHOOSE_MAXDIFF));
  if (brightest == nullptr || spread == nullptr) return ToGrey(image);
  PixPtr coloured = AtLeast(spread.get(), kInkSaturation);
  PixPtr light = AtLeast(brightest.get(), kDarkestColourInk);
  if (coloured == nullptr || light == nullptr) return brightest;
  pixAnd(coloured.get(), coloured.get(), light.get());
  pixSetMasked(brightest.get(), coloured.get(), 255);
  l_int32 count = 0;
  pixCountPixels(coloured.get(), &count, nullptr);
  const double area = static_cast<double>(pixGetWidth(image)) * pixGetHeight(image);
  *colour_share = count / std::max(area, 1.0);
  return brightest;
}

PageMeasures MeasurePage(const Pix* grey, int dpi) {
  PageMeasures m;
  m.dpi = dpi;
  // Sampling every 4th pixel is plenty for levels that cover a tenth of the page or more.
  float paper = 255, ink = 0;
  pixGetRankValueMasked(Mutable(grey), nullptr, 0, 0, /*factor=*/4, /*rank=*/0.5f, &paper, nullptr);
  pixGetRankValueMasked(Mutable(grey), nullptr, 0, 0, /*factor=*/2, /*rank=*/0.01f, &ink, nullptr);
  m.paper = static_cast<int>(paper);
  m.ink = static_cast<int>(ink);
  // The paper level of each tile (about 1/2 inch: its brightest pixel, nearly always paper),
  // then the spread between the darker and the lighter tiles: a shadow, a grey scanner edge or
  // a yellowed fold shows up there; print on even paper does not.
  const int tile = std::max(8, dpi / 2);
  PixPtr tiles = AdoptPix(pixScaleGrayMinMax(Mutable(grey), tile, tile, L_CHOOSE_MAX));
  if (tiles != nullptr && pixGetWidth(tiles.get()) * pixGetHeight(tiles.get()) >= 16) {
    float dark = 255, light = 255;
    pixGetRankValueMasked(tiles.get(), nullptr, 0, 0, 1, 0.1f, &dark, nullptr);
    pixGetRankValueMasked(tiles.get(), nullptr, 0, 0, 1, 0.9f, &light, nullptr);
    m.unevenness = static_cast<int>(light - dark);
  }
  return m;
}

CleanUpSettings ChooseCleanUp(const PageMeasures& measures) {
  CleanUpSettings settings;
  // Paper that is grey, paper whose level varies across the page, or print that barely stands
  // out from its paper: one global threshold cannot fit, so the background is flattened.
  // A scan with white, even paper and dark print reads better as it is.
  const bool grey_paper = measures.paper < 200;
  const bool uneven = measures.unevenness > 40;
  const bool faint = measures.paper - measures.ink < 100;
  settings.normalize_background = grey_paper || uneven || faint;
  return settings;
}

Result<PixPtr> CleanUpWith(const Pix* image, int dpi, const CleanUpSettings& settings) {
  try {
    return RunCleanUp(image, dpi, &settings, nullptr);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("image clean-up failed: ") + e.what());
  }
}

Result<PixPtr> CleanUpChosen(const Pix* image, int dpi, CleanUpReport* report) {
  try {
    return RunCleanUp(image, dpi, nullptr, report);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("image clean-up failed: ") + e.what());
  }
}

}  // namespace internal

Result<PixPtr> CleanUp(const Pix* image, int dpi) {
  return internal::CleanUpChosen(image, dpi, nullptr);
}

}  // namespace congvan::ocr
