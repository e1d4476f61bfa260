// Stamps read on their own. A received stamp ("ĐẾN", a box with "Số", "Ngày", "Giờ" filled in by
// hand) and an urgency stamp ("HỎA TỐC" in an arrow, often rotated) sit in the header beside the
// printed text; whole-page OCR reads the box garbled or not at all, and never reads a rotated
// arrow. Each boxed region of the header is cut out and read as one block, at the rotation that
// Tesseract reads with the most confidence.
#ifndef CONGVAN_OCR_STAMPS_H_
#define CONGVAN_OCR_STAMPS_H_

#include <vector>

#include "base/page_text.h"

struct Pix;
namespace tesseract { class TessBaseAPI; }

namespace congvan::ocr {

// The boxes of the stamp-like regions of a cleaned 8-bit page (resolution in pixGetXRes): the
// outlines, in the upper half of the page, of a box or an arrow between about a third of an inch
// and three inches wide whose ink is mostly the outline itself. Page pixels.
std::vector<Box> FindStampRegions(const Pix* page);

// Reads each region with `api` (left holding no image, in the segmentation mode it had) and
// returns its lines; all lines of one region share `block` (0, 1, ...) and the region's box.
// A page with no such region costs only the search.
std::vector<Line> ReadStamps(tesseract::TessBaseAPI& api, const Pix* page);

}  // namespace congvan::ocr

#endif  // CONGVAN_OCR_STAMPS_H_
