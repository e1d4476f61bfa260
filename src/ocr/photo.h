// Phone photos of letters: the page stands at an angle inside a darker surround, the light falls
// off across it, and the paper curls. Tesseract reads such an image at about the error rate of a
// page it cannot read at all, so a photo is first turned back into something like a scan: the
// page quadrilateral is found and mapped to a rectangle (projective transform), the illumination
// is flattened, and curved text lines are straightened with Leptonica's dewarping.
//
// Telling a photo from a scan is cheap (a copy about 400 pixels across), so scans pay almost
// nothing for it; the correction itself runs only on photos.
#ifndef CONGVAN_OCR_PHOTO_H_
#define CONGVAN_OCR_PHOTO_H_

#include <array>

#include "base/pix.h"
#include "base/status.h"

struct Pix;

namespace congvan::ocr {

struct Point {
  float x = 0;
  float y = 0;
};

// What the cheap look at a page found. Corners are in pixels of the measured image, in the order
// top-left, top-right, bottom-right, bottom-left.
struct PhotoSigns {
  // The paper is a four-cornered region inside a darker surround whose corners stand clear of the
  // image border: the photo shows the page's outline.
  bool page_outline = false;
  std::array<Point, 4> corners;
  // How much darker the paper is where the light is poorest than where it is best: 1 minus the
  // ratio of the 5th to the 95th percentile of the paper's brightness with the text removed.
  // A flatbed scan stays under about 0.1; a photo in room light is well above 0.25.
  double light_falloff = 0;

  bool uneven_light() const;
  bool is_photo() const { return page_outline || uneven_light(); }
};

// Measures an 8-bit grey page (no colormap). Never fails: an image too small or too plain to
// judge gives signs of a scan.
PhotoSigns MeasurePhoto(const Pix* grey);

// Turns an 8-bit grey photo into a flat, upright page: perspective corrected when the outline
// was found, illumination flattened to a white background, text lines straightened when the page
// holds enough of them to model their curvature. The result is 8-bit grey.
Result<PixPtr> CorrectPhoto(const Pix* grey, const PhotoSigns& signs);

// The step clean-up runs on every page: a page that is no photo comes back as it is (only the
// measurement was paid); a photo comes back corrected, and `dpi` becomes the resolution of the
// corrected page, guessed from its width as an A4 page (the page now fills the image, and a
// phone's stated resolution says nothing about the paper). If the correction fails, the photo
// is returned unchanged: a poor reading is better than none.
PixPtr CorrectIfPhoto(PixPtr grey, int* dpi);

}  // namespace congvan::ocr

#endif  // CONGVAN_OCR_PHOTO_H_
