// One letter received as several files: a municipality sends its PDF by e-mail and the scanner
// makes a TIFF of the paper copy. Both carry the same number, issuing body and date; the file
// registered second is attached to the letter the first made (schema version 10, letter_files),
// so the letter, its tasks and its arrival number exist once and its page lists both files.
#ifndef CONGVAN_REGISTRY_LETTER_FILES_H_
#define CONGVAN_REGISTRY_LETTER_FILES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/dates.h"
#include "registry/registry.h"

namespace congvan::registry {

// One file of a letter.
struct LetterFile {
  std::string sha256;     // names the stored original (originals.h)
  std::string path;       // as given when it was registered
  std::string file_type;  // "pdf", "tiff", ...
  int page_count = 0;
  std::string added_at;   // ISO 8601 UTC
  bool first = false;     // the file the letter was registered from
};

// The registered letter that `record` (not yet registered, another file) is a copy of: the
// same number, issuing body (folded: marks and case aside) and date, all three known; else
// nullopt. A letter with an unread number or date is never merged: two different letters of
// one office on one day would become one.
Result<std::optional<std::int64_t>> FindSameLetter(const Registry& registry,
                                                   const DocumentRecord& record);

// The letter a file with this SHA-256 was attached to, or nullopt.
Result<std::optional<std::int64_t>> LetterOfFile(const Registry& registry,
                                                 const std::string& sha256);

// Attaches the file of `record` to the registered letter `letter_id`. A file already attached
// changes nothing. NotFound when there is no such letter.
Status AttachFile(Registry& registry, std::int64_t letter_id, const DocumentRecord& record,
                  TimePoint now);

// The file `letter` was registered from (LetterFile::first), from its own record.
LetterFile RegisteredFile(const DocumentRecord& letter);

// The files of `letter`: the one it was registered from first, then those attached, oldest
// first.
Result<std::vector<LetterFile>> FilesOf(const Registry& registry, const DocumentRecord& letter);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_LETTER_FILES_H_
