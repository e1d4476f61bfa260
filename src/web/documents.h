// A letter's original files for the clerk: downloaded with their type and a Vietnamese file
// name ("Công văn 1138-UBND-NC.pdf"), and a print view of the pages. The file sent is always the
// registry's own copy (registry/originals.h) of a file the letter owns, found by SHA-256, never
// a path taken from a request.
#ifndef CONGVAN_WEB_DOCUMENTS_H_
#define CONGVAN_WEB_DOCUMENTS_H_

#include <cstdint>
#include <string>

#include "base/status.h"
#include "registry/registry.h"
#include "web/pages.h"

namespace congvan::web {

// The MIME type of an original of `file_type` ("pdf", "tiff", …, registry's names).
std::string OriginalContentType(const std::string& file_type);

// A Content-Disposition header naming the file `name` (UTF-8): an ASCII fallback in filename=
// for old clients and the real name in filename*=UTF-8''… (RFC 6266 / RFC 5987).
std::string ContentDisposition(const std::string& disposition, const std::string& name);

// The name a letter's file is downloaded under: its type and number, slashes made dashes, and
// the extension of its type ("Công văn 1138-UBND-NC.pdf"; "Văn bản 12.tif" without a number).
std::string OriginalFileName(const registry::DocumentRecord& doc, const registry::LetterFile& file);

// One original to send.
struct OriginalDownload {
  std::string stored_path;
  std::string content_type;
  std::string file_name;
};

// The file of letter `id` with `sha256` ("" for the file the letter was registered from).
// NotFound (Vietnamese) for no such letter, a file that is not the letter's, or a copy no
// longer in the store.
Result<OriginalDownload> FindOriginal(registry::Registry& registry, std::int64_t id,
                                      const std::string& sha256);

// The print view of a letter: its pages, one per sheet (the page images when `page_images`,
// else its text), without menus.
std::string RenderPrintPage(const PageFrame& frame, const registry::DocumentRecord& doc,
                            bool page_images);

}  // namespace congvan::web

#endif  // CONGVAN_WEB_DOCUMENTS_H_
