#include "watch/settle.h"

namespace congvan::watch {

void SettleTracker::Track(const std::string& path, std::int64_t journal_id, FileStamp stamp,
                          SteadyClock::time_point now) {
  files_.emplace(path, SettlingFile{path, journal_id, stamp, now});
}

SettleTracker::Checked SettleTracker::Check(SteadyClock::time_point now) {
  Checked out;
  for (auto it = files_.begin(); it != files_.end();) {
    SettlingFile& file = it->second;
    const std::optional<FileStamp> stamp = StampOf(file.path);
    if (!stamp) {
      out.vanished.push_back(std::move(file));
      it = files_.erase(it);
      continue;
    }
    if (!(*stamp == file.stamp)) {  // still growing or rewritten: start the delay again
      file.stamp = *stamp;
      file.stable_since = now;
      ++it;
      continue;
    }
    // Unchanged long enough; a writer that pauses while keeping the file open still holds it.
    if (now - file.stable_since < settle_ || IsOpenForWriting(file.path).value_or(false)) {
      ++it;
      continue;
    }
    out.ready.push_back(std::move(file));
    it = files_.erase(it);
  }
  return out;
}

}  // namespace congvan::watch
