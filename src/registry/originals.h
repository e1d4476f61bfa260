// Originals: the registry's own copy of every file it registered, so that nothing a clerk
// handed in is ever lost, whatever later happens to the file they dropped (moved to
// processed/, deleted from a scanner share, renamed).
//
// Copies live beside the database file, in "<db>.originals/", named by content:
// "<db>.originals/ab/abcdef…(64 hex).<ext>". A name made only of the SHA-256 and a known
// extension means a request can never reach a file outside the store.
#ifndef CONGVAN_REGISTRY_ORIGINALS_H_
#define CONGVAN_REGISTRY_ORIGINALS_H_

#include <string>

#include "base/status.h"

namespace congvan::registry {

class Originals {
 public:
  // The store that belongs to the registry file `db_path` ("<db_path>.originals").
  static Originals ForDatabase(const std::string& db_path);
  explicit Originals(std::string dir) : dir_(std::move(dir)) {}

  // Copies `path` (whose content hashes to `sha256`) into the store, atomically (a temporary
  // name, then rename), unless a copy is already there. `extension` is the file type's usual
  // extension without the dot ("pdf", "png", "txt"). Returns the stored path.
  Result<std::string> Keep(const std::string& path, const std::string& sha256,
                           const std::string& extension);

  // The stored copy of the file with this SHA-256, or NotFound. Refuses (InvalidInput)
  // anything that is not 64 hexadecimal digits.
  Result<std::string> Find(const std::string& sha256) const;

  // Removes the temporaries that Keep() left behind when its process died or the disk filled
  // (".<sha256>.tmp<pid>-<thread>"), those of processes no longer running. Returns how many were
  // removed. Called when a command that registers files starts.
  Result<int> RemoveStaleTemporaries() const;

  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_ORIGINALS_H_
