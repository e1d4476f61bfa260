// Private to src/intake/: the concrete Document kinds and the helpers they share.
// Nothing outside this folder includes this header; callers only see document.h.
#ifndef CONGVAN_INTAKE_INTERNAL_H_
#define CONGVAN_INTAKE_INTERNAL_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/pix.h"
#include "base/status.h"
#include "intake/document.h"

namespace congvan::intake::internal {

// Each factory takes the whole file (already read and under max_bytes) and fails with a
// one-line message when the content is corrupt or has more than `limits.max_pages` pages.
// Document::Open fills in source() afterwards.
Result<std::unique_ptr<Document>> OpenPdf(std::string bytes, const Limits& limits);
Result<std::unique_ptr<Document>> OpenTiff(std::string bytes, const Limits& limits);
Result<std::unique_ptr<Document>> OpenImage(std::string bytes, FileType type);
Result<std::unique_ptr<Document>> OpenText(std::string_view bytes, const Limits& limits);

// Decodes a single-image file (PNG, JPEG, PNM, WebP) with Leptonica. A JPEG with any damage
// (libjpeg warnings, e.g. a truncated file) fails.
Result<PixPtr> DecodeImage(std::string_view bytes, FileType type);

// Decodes a JPEG that libjpeg warns about, accepting the damage.
Result<PixPtr> DecodeDamagedJpeg(std::string_view bytes);

// Images that declare more pixels than this are refused before decoding (decompression bombs).
// 300 Mpx is an A2 sheet at 600 dpi twice over; a letter page at 300 dpi is under 9 Mpx.
constexpr double kMaxImageMegapixels = 300;

// Reads an image's header (the first page of a TIFF) and refuses it when unreadable, empty or
// over kMaxImageMegapixels.
Status CheckImageHeader(std::string_view bytes, FileType type);

// The image's own resolution, or 0 when the file carries none (the OCR stage then guesses).
int ImageDpi(const Pix* pix);

// Page `index` of a scanned image, with the image's own resolution.
Page ImagePage(int index, PixPtr pix);

// The refusal used for every page-count limit, so the wording is the same for all types.
Status TooManyPages(int pages, int max_pages);

// True when `pages` is over a non-zero limit.
inline bool OverPageLimit(int pages, const Limits& limits) {
  return limits.max_pages > 0 && pages > limits.max_pages;
}

// A page index check shared by every LoadPage.
Status CheckPageIndex(int index, int page_count);

// Text decoding, separated from TextDocument so it can be tested on its own.
struct DecodedText {
  std::string utf8;                   // valid UTF-8, LF line ends, no BOM
  std::vector<std::string> warnings;  // e.g. "text was windows-1258, converted to UTF-8"
};

// Turns the bytes of a text file into UTF-8: strips a BOM, normalises CRLF/CR to LF, and converts
// other encodings (found with ICU's detector) with a warning. Refuses binary or undecodable data.
Result<DecodedText> DecodeText(std::string_view bytes);

// Splits text at form feeds into pages; trailing empty pages (a final "\f") are dropped.
std::vector<std::string> SplitPages(const std::string& text);

// Whether a PDF page's text layer is good enough Vietnamese to skip OCR.
bool IsGoodTextLayer(std::string_view text);

}  // namespace congvan::intake::internal

#endif  // CONGVAN_INTAKE_INTERNAL_H_
