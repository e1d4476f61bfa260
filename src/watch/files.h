// The file-system side of the watched folder: which names are taken, whether a file is still
// being written, and moving a finished file to processed/ or failed/ without ever overwriting or
// deleting anything.
#ifndef CONGVAN_WATCH_FILES_H_
#define CONGVAN_WATCH_FILES_H_

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace congvan::watch {

// True when the file name (not the path) matches one of the shell patterns.
bool MatchesAny(const std::string& name, const std::vector<std::string>& patterns);

// What a file looked like when last looked at: settling compares two stamps.
struct FileStamp {
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

// The stamp of a regular file; nullopt when it is missing, a symbolic link, or not a regular
// file.
std::optional<FileStamp> StampOf(const std::string& path);

// Whether some process holds the file open for writing. Asked of the kernel with a read lease
// (fcntl F_SETLEASE), which is refused exactly when a writer has the file open; the lease is
// dropped at once. Where leases are not available (another user's file without CAP_LEASE, a
// network file system) the answer is nullopt and the caller relies on the settle delay alone.
std::optional<bool> IsOpenForWriting(const std::string& path);

// Lower-case hex SHA-256 of a file's bytes, read in blocks.
Result<std::string> Sha256OfFile(const std::string& path);

// "processed/2026/11": the month folder under `processed_dir` for local time `when`.
std::string MonthFolder(const std::string& processed_dir, std::time_t when);

// The first of "DIR/NAME", "DIR/NAME (2).ext", "DIR/NAME (3).ext"... that does not exist.
std::string FreeName(const std::string& dir, const std::string& name);

// Moves `from` to `to` (its folder is created), never replacing a file: AlreadyExists when `to`
// is taken. Uses rename, or, when `to` is on another file system, a copy that is synced before
// the original is unlinked.
Status MoveNoReplace(const std::string& from, const std::string& to);

// Writes `line` (newlines turned into spaces) and a final newline to `path`, atomically.
Status WriteOneLineFile(const std::string& path, const std::string& line);

}  // namespace congvan::watch

#endif  // CONGVAN_WATCH_FILES_H_
