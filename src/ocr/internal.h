// Pieces of the OCR stage shared by cleanup.cc, engine.cc and their tests; not part of the contract.
#ifndef CONGVAN_OCR_INTERNAL_H_
#define CONGVAN_OCR_INTERNAL_H_

#include <vector>

#include "base/page_text.h"
#include "base/pix.h"
#include "base/status.h"

struct Pix;

namespace congvan::ocr::internal {

// What CleanUp measures on a page (after greyscale conversion) to choose its steps.
struct PageMeasures {
  int dpi = 0;               // effective resolution (EffectiveDpi)
  double colour_share = 0;   // share of pixels in coloured ink (0 for grey input)
  int paper = 255;           // grey level of the paper (median pixel)
  int ink = 0;               // grey level of the darkest 1% (the print)
  int unevenness = 0;        // spread of the paper level across the page (shadows, grey edges)
};

// The choices CleanUp makes. The defaults are the full clean-up; ChooseCleanUp() switches steps
// off for pages that do not need them.
struct CleanUpSettings {
  bool remove_colour_ink = true;     // colour pages: red/blue stamps, seals, handwriting to paper
  bool normalize_background = true;  // flatten shadows and grey paper to white
  bool correct_orientation = true;   // 90/180/270° turns, from ascender/descender statistics
  bool deskew = true;                // small angles, up to ±7°
  bool binarize = false;             // Sauvola in Leptonica; false leaves it to Tesseract
  int min_dpi = 200;                 // upscale pages below this to ~300 dpi
};

// What CleanUp measured and chose, for the bench and tests.
struct CleanUpReport {
  PageMeasures measures;
  CleanUpSettings settings;
  bool upscaled = false;
};

// The clean-up a page needs: background normalisation only where the paper is uneven or grey
// (a good scan is left to Tesseract's own thresholding, which reads it better than a flattened
// copy), upscaling below the resolution where the LSTM model loses tone marks.
CleanUpSettings ChooseCleanUp(const PageMeasures& measures);

// Measures an 8-bit grey page.
PageMeasures MeasurePage(const Pix* grey, int dpi);

// An 8-bit grey copy of a colour page in which red and blue ink (seals, received stamps,
// handwriting) is paper, the way a scanner's colour drop-out works: each pixel is seen through
// the channel of its own colour (the largest of R, G, B), so saturated ink turns light while black
// and grey print (R = G = B) keeps its level, and strongly coloured pixels become white.
// `colour_share` receives the share of pixels taken out. Grey or 1-bit input: plain conversion.
PixPtr GreyWithoutColourInk(const Pix* image, double* colour_share);

// The resolution to assume: `dpi` when plausible, otherwise guessed from the width of an A4 page
// (8.27 in), since scanners and phones often write 0, 1 or 72.
int EffectiveDpi(int dpi, int width);

// CleanUp with explicit settings. The result carries its resolution (pixGetXRes), which differs
// from `dpi` when the page was upscaled.
Result<PixPtr> CleanUpWith(const Pix* image, int dpi, const CleanUpSettings& settings);

// CleanUp, with what it measured and chose in `report` (may be null).
Result<PixPtr> CleanUpChosen(const Pix* image, int dpi, CleanUpReport* report);

// Tesseract keeps the two header columns of a letter ("ĐẢNG BỘ TỈNH ..." | "ĐẢNG CỘNG SẢN VIỆT
// NAM") in one block and joins them into one line across a wide gap. This splits lines at gaps
// wider than two letter heights, and turns each run of split lines (with the short lines that
// sit wholly on one side of the gap, such as "*" or "Số ...") into a left block followed by a
// right block. Other lines keep Tesseract's blocks; block numbers are renumbered 0, 1, 2, ...
std::vector<Line> SplitColumns(std::vector<Line> lines, int page_width);

// Puts lines (after SplitColumns) in the order a letter is read: the header row by row (issuer,
// then the national motto; number and subject, then place and date), the body, then the
// two-column foot (the Nơi nhận list, then the signature block). A stretch of the page between
// full-width lines is read as two columns only where a clean gutter runs through it and lines
// sit side by side across it; otherwise top to bottom. Each column and each paragraph block
// becomes a block, renumbered from 0; lines without a box are dropped.
std::vector<Line> OrderReading(std::vector<Line> lines, int page_width);

// The smallest box holding both; an empty box adds nothing.
Box Union(const Box& a, const Box& b);

// Below this confidence a line that is mostly not Vietnamese syllables is debris.
inline constexpr float kDebrisConfidence = 60.0f;

// Whether a line is the debris of a seal, a stamp's frame or a signature rather than text: no
// letter or digit; or a low confidence with more other signs than letters and digits, or with
// less than half its words Vietnamese syllables — unless it holds a letter's symbol ("/" and two
// capitals: "SôztT /CT-UBND", the number's line with its pen digits misread).
bool IsDebris(const Line& line);

// OCR lines are the page's printed lines, so a paragraph that wraps arrives as several lines
// with nothing between paragraphs, and extraction would run one task into the next. This puts
// an empty line after each line that ends a paragraph of body text: a line that stops well
// short of its block's right margin (letters are justified), or one followed by more space
// than the block's usual line step. Narrow blocks (header and signature columns) are left
// alone. Empty lines carry no box and no words.
std::vector<Line> MarkParagraphEnds(std::vector<Line> lines);

}  // namespace congvan::ocr::internal

#endif  // CONGVAN_OCR_INTERNAL_H_
