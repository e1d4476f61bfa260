// EventLog: one line per event of the watched folder, with a local timestamp, written whole even
// when several threads log at once (journald and `tail -f` both read it line by line).
#ifndef CONGVAN_WATCH_EVENT_LOG_H_
#define CONGVAN_WATCH_EVENT_LOG_H_

#include <cstdio>
#include <mutex>
#include <string_view>

namespace congvan::watch {

class EventLog {
 public:
  // Writes to `out` (not owned; stdout for the command), flushing after every line.
  explicit EventLog(std::FILE* out) : out_(out) {}

  // "2026-11-26T15:40:01+0700 registered #12 scan.pdf -> processed/2026/11/scan.pdf"
  void Write(std::string_view event, std::string_view text);

 private:
  std::mutex mu_;
  std::FILE* out_;
};

}  // namespace congvan::watch

#endif  // CONGVAN_WATCH_EVENT_LOG_H_
