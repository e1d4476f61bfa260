// The scan beside the fields: one page of a registered letter's original as a PNG the browser
// can show. PDFs are rendered with poppler-cpp (text-layer PDFs too, whose pages intake never
// rasterises); TIFF, PNG, JPEG and the other images are decoded by intake and scaled with
// Leptonica. The original is always the registry's own copy (registry/originals.h), found by
// the letter's SHA-256, never a path taken from a request.
#ifndef CONGVAN_WEB_PAGE_IMAGE_H_
#define CONGVAN_WEB_PAGE_IMAGE_H_

#include <mutex>
#include <string>

#include "base/status.h"

namespace congvan::web {

// Pages are shown at most this many pixels wide (about 150 dpi for A4).
inline constexpr int kPageImageWidth = 1240;

// Renders pages; one per server. PDF rendering is serialised: poppler's global state is not
// documented as safe for concurrent documents, and a clerk's page view is not a hot path.
class PageImages {
 public:
  // PNG bytes of page `index` (0-based) of the file at `stored_path`. NotFound for a page
  // beyond the last; Unsupported for a text file (it has no image).
  Result<std::string> RenderPng(const std::string& stored_path, int index,
                                int max_width = kPageImageWidth);

 private:
  Result<std::string> RenderPdfPage(const std::string& path, int index, int max_width);

  std::mutex pdf_mu_;
};

}  // namespace congvan::web

#endif  // CONGVAN_WEB_PAGE_IMAGE_H_
