// Intake: opens an input file and hands out its pages, one at a time.
//
// The type is decided from the file's content (magic bytes), never from its name: real scans
// arrive as JPEG data named ".png". A Document reads pages on demand so a 200-page PDF is never
// held in memory at once; LoadPage is safe to call from several threads.
#ifndef CONGVAN_INTAKE_DOCUMENT_H_
#define CONGVAN_INTAKE_DOCUMENT_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/pix.h"
#include "base/status.h"

namespace congvan::intake {

// The kinds of input congvan reads.
enum class FileType { kPdf, kTiff, kPng, kJpeg, kPnm, kWebp, kText, kUnknown };

// Stable lower-case name of a type ("pdf", "tiff", ..., "text", "unknown").
const char* FileTypeName(FileType type);

// The usual file name extension of a type, without the dot ("pdf", "tif", "jpg", "txt").
const char* FileTypeExtension(FileType type);

// Decides the type from the first bytes of a file. Text is anything that is not a known binary
// format and has no NUL byte in its first 8 KiB, or that starts with a UTF-16/UTF-32 BOM.
FileType DetectType(std::string_view head);

// Refusals that protect the machine from huge or hostile inputs. Zero means "no limit".
struct Limits {
  std::uint64_t max_bytes = 200ull * 1024 * 1024;  // 200 MB
  int max_pages = 200;
  // A text file (another OCR's output) larger than this is refused: a 200-page letter is under
  // 1 MB of text, and reading and repairing 50 MB would take half a minute and 700 MB.
  std::uint64_t max_text_bytes = 5ull * 1024 * 1024;  // 5 MB
  // A PDF page is read (text layer and rendering) in a child process that gets this much
  // wall-clock time and this much memory beyond what the program already holds; a page over
  // either fails with the reason. A letter page renders in well under a second.
  double page_seconds = 60;
  std::uint64_t page_memory_bytes = 2048ull * 1024 * 1024;  // 2 GB
  // When set and true, a page being read is given up at once (Code::kCancelled): the program is
  // stopping. Owned by the caller; must outlive every Document opened with these limits.
  const std::atomic<bool>* stop = nullptr;
};

// What is known about an input file before any page is read.
struct Source {
  std::string path;        // as given by the caller
  std::string sha256;      // hex digest of the bytes
  FileType type = FileType::kUnknown;
  std::uint64_t bytes = 0;
};

// Where a page's content came from; recorded in the registry as `source`.
enum class PageOrigin {
  kImage,          // a raster image (PNG, JPEG, TIFF, ...): needs OCR
  kPdfRender,      // a PDF page rendered to an image at 300 dpi: needs OCR
  kPdfTextLayer,   // a PDF page whose text layer is the page's text, in good Vietnamese: no OCR
  kText,           // a text file (another OCR's output): no OCR
};

// "image", "pdf-render", "text-layer", "text".
const char* PageOriginName(PageOrigin origin);

// One page of a document: either an image to OCR or text that is already there.
struct Page {
  int index = 0;                        // 0-based
  PageOrigin origin = PageOrigin::kImage;
  PixPtr image;                         // set for kImage (as decoded) and kPdfRender (8 bpp
                                        // grey, or 32 bpp RGB when the page has colour)
  int dpi = 0;                          // resolution of `image`; 0 when unknown
  std::string text;                     // set for kPdfTextLayer and kText (UTF-8, NFC not implied)
  // Text a PDF carries over the page rather than as its content: each block of a digital
  // signature's visible box or a publication stamp ("Ký bởi: …", "Thời gian ký: …", an e-mail
  // and a time), lines separated by '\n'. Kept out of `text` and blanked out of `image`.
  std::vector<std::string> overlays;

  bool needs_ocr() const { return image != nullptr; }
};

// An opened input file. Create with Open(); pages are decoded by LoadPage().
class Document {
 public:
  virtual ~Document() = default;

  // Reads `path`, detects its type and checks the limits. Fails with a one-line message for a
  // missing or unreadable file, an empty file, an unknown or corrupt format, an undecodable text,
  // a PDF with no pages, or a file over the limits.
  static Result<std::unique_ptr<Document>> Open(const std::string& path, const Limits& limits);

  const Source& source() const { return source_; }
  virtual int page_count() const = 0;

  // Decodes page `index` (0-based). Thread-safe.
  virtual Result<Page> LoadPage(int index) const = 0;

  // The file's bytes when the document keeps them for its whole life (PDF: poppler reads from
  // them), else empty. Digital signatures are verified over exactly these bytes.
  virtual std::string_view raw_bytes() const { return {}; }

  // Non-fatal remarks made while opening, e.g. "text was windows-1258, converted to UTF-8".
  const std::vector<std::string>& warnings() const { return warnings_; }

 protected:
  Source source_;
  std::vector<std::string> warnings_;
};

// Decodes the bytes of a text file (another OCR's output) to UTF-8 exactly as Open() does for
// text files: BOM stripped, line ends normalised to LF, other encodings detected with ICU and
// converted (a remark is appended to `warnings` when not null), binary or broken bytes refused.
Result<std::string> DecodeText(std::string_view bytes, std::vector<std::string>* warnings);

}  // namespace congvan::intake

#endif  // CONGVAN_INTAKE_DOCUMENT_H_
