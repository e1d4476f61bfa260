// Pieces of the OCR stage shared by cleanup.cc, engine.cc and their tests; not part of the contract.
#ifndef CONGVAN_OCR_INTERNAL_H_
#define CONGVAN_OCR_INTERNAL_H_

#include <vector>

#include "base/page_text.h"
#include "base/pix.h"
#include "base/status.h"

struct Pix;

namespace congvan::ocr::internal {

// The choices CleanUp makes. The defaults are what measured best on degraded renders of real
// letters (bench/ocr_quality.sh); the other values stay so the measurement can be repeated.
struct CleanUpSettings {
  bool normalize_background = true;  // flatten shadows and grey paper to white
  bool correct_orientation = true;   // 90/180/270° turns, from ascender/descender statistics
  bool deskew = true;                // small angles, up to ±7°
  bool binarize = false;             // Sauvola in Leptonica; false leaves it to Tesseract
  int min_dpi = 200;                 // upscale pages below this to ~300 dpi
};

// The resolution to assume: `dpi` when plausible, otherwise guessed from the width of an A4 page
// (8.27 in), since scanners and phones often write 0, 1 or 72.
int EffectiveDpi(int dpi, int width);

// CleanUp with explicit settings. The result carries its resolution (pixGetXRes), which differs
// from `dpi` when the page was upscaled.
Result<PixPtr> CleanUpWith(const Pix* image, int dpi, const CleanUpSettings& settings);

// Tesseract keeps the two header columns of a letter ("ĐẢNG BỘ TỈNH ..." | "ĐẢNG CỘNG SẢN VIỆT
// NAM") in one block and joins them into one line across a wide gap. This splits lines at gaps
// wider than three letter heights, and turns each run of split lines (with the short lines that
// sit wholly on one side of the gap, such as "*" or "Số ...") into a left block followed by a
// right block. Other lines keep Tesseract's blocks; block numbers are renumbered 0, 1, 2, ...
std::vector<Line> SplitColumns(std::vector<Line> lines, int page_width);

// OCR lines are the page's printed lines, so a paragraph that wraps arrives as several lines
// with nothing between paragraphs, and extraction would run one task into the next. This puts
// an empty line after each line that ends a paragraph of body text: a line that stops well
// short of its block's right margin (letters are justified), or one followed by more space
// than the block's usual line step. Narrow blocks (header and signature columns) are left
// alone. Empty lines carry no box and no words.
std::vector<Line> MarkParagraphEnds(std::vector<Line> lines);

}  // namespace congvan::ocr::internal

#endif  // CONGVAN_OCR_INTERNAL_H_
