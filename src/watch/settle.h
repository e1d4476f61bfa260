// SettleTracker: the files found but not yet taken, until each is complete: closed by every
// writer and unchanged (size and mtime) for the settle delay. A scanner that writes a PDF over
// ten seconds, or a copy over a slow network share, is therefore never read half-written.
#ifndef CONGVAN_WATCH_SETTLE_H_
#define CONGVAN_WATCH_SETTLE_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "watch/files.h"

namespace congvan::watch {

using SteadyClock = std::chrono::steady_clock;

// A file being watched until it settles.
struct SettlingFile {
  std::string path;
  std::int64_t journal_id = 0;
  FileStamp stamp;                       // as last looked at
  SteadyClock::time_point stable_since;  // when `stamp` was first seen
};

class SettleTracker {
 public:
  explicit SettleTracker(std::chrono::milliseconds settle) : settle_(settle) {}

  // Starts following a file found at `path` (its journal entry is `journal_id`).
  void Track(const std::string& path, std::int64_t journal_id, FileStamp stamp,
             SteadyClock::time_point now);

  bool Tracking(const std::string& path) const { return files_.count(path) > 0; }
  bool empty() const { return files_.empty(); }
  std::size_t size() const { return files_.size(); }

  // What a check found; both lists leave the tracker.
  struct Checked {
    std::vector<SettlingFile> ready;     // complete: hand them to a worker
    std::vector<SettlingFile> vanished;  // removed (or replaced by a folder) before settling
  };
  // Looks at every file again.
  Checked Check(SteadyClock::time_point now);

 private:
  std::chrono::milliseconds settle_;
  std::map<std::string, SettlingFile> files_;  // by path, so checks go in a stable order
};

}  // namespace congvan::watch

#endif  // CONGVAN_WATCH_SETTLE_H_
