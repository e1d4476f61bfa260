// Originals: the registry's own copy of every file it registered, so that nothing a clerk
// handed in is ever lost, whatever later happens to the file they dropped (moved to
// processed/, deleted from a scanner share, renamed).
//
// Beside an SQLite file, copies live in a folder, "<db>.originals/", named by content:
// "<db>.originals/ab/abcdef…(64 hex).<ext>". A name made only of the SHA-256 and a known
// extension means a request can never reach a file outside the store.
//
// A PostgreSQL registry is shared by several machines and has no folder beside it: there the
// originals are rows of its table `originals` (schema version 15), keyed by SHA-256, so every
// machine keeps and reads them alike. Find() then writes the original once into a private
// folder of this machine (a cache named by content, so a cached copy is always the right one)
// and returns that path, for code that reads originals as files (page images, downloads).
#ifndef CONGVAN_REGISTRY_ORIGINALS_H_
#define CONGVAN_REGISTRY_ORIGINALS_H_

#include <string>

#include "base/status.h"

namespace congvan::registry {

class PgConnection;
class Registry;

class Originals {
 public:
  // The store that belongs to the registry file `db_path` ("<db_path>.originals").
  static Originals ForDatabase(const std::string& db_path);
  // The store of `registry` on either backend: the folder beside an SQLite file, the table of a
  // PostgreSQL database (with Find()'s copies in `cache_dir`; "" : DefaultCacheDir()). The
  // registry must outlive the store, which uses its connection (so: its thread).
  static Originals ForRegistry(Registry& registry, const std::string& cache_dir = "");
  explicit Originals(std::string dir) : dir_(std::move(dir)) {}

  // Where Find() puts the originals it reads from a PostgreSQL registry:
  // $XDG_CACHE_HOME/congvan/originals, else ~/.cache/congvan/originals.
  static std::string DefaultCacheDir();

  // True when the originals are rows of a PostgreSQL registry.
  bool in_database() const { return db_ != nullptr; }

  // Copies `path` (whose content hashes to `sha256`) into the store, atomically (a temporary
  // name, then rename; in the database one INSERT), unless a copy is already there. `extension`
  // is the file type's usual extension without the dot ("pdf", "png", "txt"). Returns the
  // stored path (in the database: the SHA-256). In the database the bytes are checked against
  // `sha256` first: a file that changed since it was read is refused (IoError), never stored
  // under another content's name.
  Result<std::string> Keep(const std::string& path, const std::string& sha256,
                           const std::string& extension);

  // The stored copy of the file with this SHA-256 as a file (from the database: its copy in the
  // cache folder), or NotFound. Refuses (InvalidInput) anything that is not 64 hexadecimal
  // digits.
  Result<std::string> Find(const std::string& sha256) const;

  // The bytes of the stored copy of the file with this SHA-256, or NotFound; InvalidInput as
  // Find().
  Result<std::string> Read(const std::string& sha256) const;

  // Removes the temporaries that Keep() (or Find(), in the cache folder) left behind when its
  // process died or the disk filled (".<sha256>.tmp<pid>-<thread>"), those of processes no
  // longer running. Returns how many were removed. Called when a command that registers files
  // starts.
  Result<int> RemoveStaleTemporaries() const;

  // The folder of the copies: the store beside an SQLite file, Find()'s cache for the database.
  const std::string& dir() const { return dir_; }

 private:
  Originals(std::string cache_dir, PgConnection* db) : dir_(std::move(cache_dir)), db_(db) {}
  Result<std::string> KeepInDatabase(const std::string& path, const std::string& sha256,
                                     const std::string& extension);
  Result<std::string> FindInFolder(const std::string& sha256) const;

  std::string dir_;
  PgConnection* db_ = nullptr;  // not owned; set when the originals are in the database
};

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_ORIGINALS_H_
