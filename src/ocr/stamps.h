// Stamps read on their own. A received stamp ("ĐẾN", a box with "Số", "Ngày", "Giờ" filled in by
// hand) and an urgency stamp ("HỎA TỐC" in an arrow, often rotated) sit in the header beside the
// printed text; whole-page OCR reads the box garbled or not at all, and never reads a rotated
// arrow. Each boxed region of the header is cut out and read as one block, at the rotation that
// Tesseract reads with the most confidence.
#ifndef CONGVAN_OCR_STAMPS_H_
#define CONGVAN_OCR_STAMPS_H_

#include <vector>

#include "base/page_text.h"
#include "base/pix.h"

struct Pix;
namespace tesseract { class TessBaseAPI; }

namespace congvan::ocr {

// The boxes of the stamp-like regions of a cleaned 8-bit page (resolution in pixGetXRes): the
// outlines, in the upper half of the page, of a box or an arrow between about a third of an inch
// and three inches wide whose ink is mostly the outline itself. Page pixels.
std::vector<Box> FindStampRegions(const Pix* page);

// A stamp's ruled frame: its box in page pixels and its rules (1 bpp, the box's size).
struct StampFrame {
  Box box;
  PixPtr rules;
};

// The ruled frames of the boxed stamps in the upper half of a cleaned 8-bit page: rectangles
// drawn by long straight rules (not a table: at most three inches wide), told from text even
// where letters touch them. A received stamp ("CV ĐẾN", a box with "Số", "Ngày", "Chuyển"
// filled in by hand) is often stamped across the left margin and into the text, where its
// outline is no box of its own.
std::vector<StampFrame> FindStampFrames(const Pix* page);

// `page` with `frames` taken out, for the page's own reading: the line of print a frame's side
// touches was read without its words, and the stamp's writing was joined to the body's lines
// ("Số. KG nhời-giah qua, các cấp…"). The frame's rules are whitened, and so is everything
// inside the frame left of the page's text column; print inside the frame within the column
// stays. `boxes` gets each frame's box, with the slack its writing may stick out by; the page
// comes back null when there is no frame (nothing copied).
PixPtr WithoutStampFrames(const Pix* page, const std::vector<StampFrame>& frames,
                          std::vector<Box>* boxes);

// Takes out of `lines` the words that lie wholly inside one of `frames` (the stamp's own
// writing, which the stamp's reading gives, not the letter's: "Ngày: 04/01/2021" joined to the
// subject beside the stamp) and the lines left without words. A line's text and box are made
// again from the words it keeps.
void DropStampWriting(std::vector<Line>& lines, const std::vector<Box>& frames);

// Reads each region with `api` (left holding no image, in the segmentation mode it had) and
// returns its lines; all lines of one region share `block` (0, 1, ...) and the region's box.
// A page with no such region costs only the search.
// `frames` are the page's (FindStampFrames): those no outline of its own found are read too.
std::vector<Line> ReadStamps(tesseract::TessBaseAPI& api, const Pix* page,
                             const std::vector<StampFrame>& frames);

}  // namespace congvan::ocr

#endif  // CONGVAN_OCR_STAMPS_H_
