#include "watch/event_log.h"

#include <ctime>
#include <string>

namespace congvan::watch {

void EventLog::Write(std::string_view event, std::string_view text) {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  ::localtime_r(&now, &local);
  char stamp[40];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S%z", &local);
  std::string line = std::string(stamp) + " " + std::string(event);
  if (line.size() < 36) line.resize(36, ' ');  // events line up in a column
  line += ' ';
  for (char c : text) line += (c == '\n' || c == '\r') ? ' ' : c;  // one event, one line
  line += '\n';
  std::lock_guard<std::mutex> lock(mu_);
  std::fputs(line.c_str(), out_);
  std::fflush(out_);
}

}  // namespace congvan::watch
