// Private to src/intake/: the concrete Document kinds and the functions they share.
// Nothing outside this folder includes this header; callers only see document.h.
#ifndef CONGVAN_INTAKE_INTERNAL_H_
#define CONGVAN_INTAKE_INTERNAL_H_

#include <functional>
#include <memory>
#include <mutex>
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

// --- PDF pages read in a child process (page_process.cc) ---

// Guards poppler's process-wide state: held by every call into poppler made in this process and
// across each fork() of a page reader, so that no child starts with one of poppler's locks held.
std::mutex& PopplerMutex();

// Runs `read` in a forked child process under `limits` (page_seconds, page_memory_bytes, stop)
// and returns the page it produced, or why it produced none: a page past its deadline or memory
// fails with a one-line reason, and a stop asked for ends it with Code::kCancelled.
Result<Page> ReadPageInChild(int index, const Limits& limits,
                             const std::function<Result<Page>()>& read);

// Looks through a PDF's bytes for image objects and inline images whose declared width and
// height are written out as numbers, and refuses the file when one is over
// kMaxImageMegapixels. Cheap and early; images it cannot see (in a compressed content stream,
// or with an indirect size) are held by ReadPageInChild's limits instead.
Status CheckPdfImageSizes(std::string_view bytes);

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

// "UTF-16LE" or "UTF-16BE" when `bytes` look like UTF-16 text written without a byte order mark
// (zero bytes in most code units, all on the same side), else null.
const char* Utf16WithoutBom(std::string_view bytes);

// Splits text at form feeds into pages; trailing empty pages (a final "\f") are dropped.
std::vector<std::string> SplitPages(const std::string& text);

// Whether a PDF page's text layer is good enough Vietnamese to skip OCR.
bool IsGoodTextLayer(std::string_view text);

// --- Where a PDF text layer lies (page_layer.cc) ---

// A rectangle in PDF points, y growing downwards from the page's top edge (poppler's text
// coordinates).
struct PtRect {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  double area() const { return width() * height(); }
};

// One word of a page's text layer, in the layer's order.
struct LayerWord {
  std::string text;
  PtRect box;
};

// Words that lie together on the page: a paragraph, a column of the header, the visible box of
// a digital signature.
struct LayerBlock {
  PtRect box;                 // union of its words' boxes
  std::vector<size_t> words;  // indices into the page's words, in layer order
};

// Groups words whose boxes come within about a line's height of each other.
std::vector<LayerBlock> GroupWords(const std::vector<LayerWord>& words);

// A block's words as lines (words on one baseline joined by spaces, lines by '\n').
std::string BlockText(const std::vector<LayerWord>& words, const LayerBlock& block);

// Whether a block is the visible box of a digital signature or a publication stamp rather than
// part of the letter: small, and saying who signed ("Ký bởi", "Người ký", "Thời gian ký") or
// carrying an e-mail address or a time stamp with seconds ("07.01.2025 10:44:25 +07:00").
bool IsSignatureBlock(std::string_view text, const PtRect& block, const PtRect& page);

// The share of the dark pixels of `page` (a grey 8 bpp rendering, `px_per_pt` pixels per PDF
// point) that lie under `boxes`; 1 when the page has no ink at all.
double InkShareUnder(Pix* page, double px_per_pt, const std::vector<PtRect>& boxes);

// Whether a 32 bpp rendering has enough coloured pixels (a red seal, a blue stamp, coloured
// handwriting) for colour to be worth keeping for OCR.
bool HasColour(Pix* rgb);

// `text` without the lines of `overlay` (each removed once, spaces ignored):
// a born-digital letter's layer with its signature box taken out.
std::string WithoutLines(const std::string& text, const std::vector<std::string>& overlay);

}  // namespace congvan::intake::internal

#endif  // CONGVAN_INTAKE_INTERNAL_H_
