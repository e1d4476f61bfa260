#include "watch/options.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace congvan::watch {
namespace {

std::string_view Trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

// Strips one pair of matching quotes, so `folder = "/srv/Công văn đến"` works as expected.
std::string Unquote(std::string_view v) {
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
    v = v.substr(1, v.size() - 2);
  }
  return std::string(v);
}

Status ParseSeconds(const std::string& value, double& out) {
  double v = 0;
  const char* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, v);
  if (ec != std::errc() || ptr != end || !std::isfinite(v) || v < 0) {
    return Status::InvalidInput("'" + value + "' is not a number of seconds");
  }
  out = v;
  return Status::Ok();
}

Status ParseCount(const std::string& value, int& out) {
  int v = 0;
  const char* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, v);
  if (ec != std::errc() || ptr != end || v < 0) {
    return Status::InvalidInput("'" + value + "' is not a whole number");
  }
  out = v;
  return Status::Ok();
}

Status ParseBool(const std::string& value, bool& out) {
  if (value == "true" || value == "yes" || value == "on" || value == "1") {
    out = true;
  } else if (value == "false" || value == "no" || value == "off" || value == "0") {
    out = false;
  } else {
    return Status::InvalidInput("'" + value + "' is not true or false");
  }
  return Status::Ok();
}

void AddPatterns(const std::string& value, std::vector<std::string>& patterns) {
  std::string word;
  for (char c : value + " ") {
    if (c == ' ' || c == ',' || c == '\t') {
      if (!word.empty()) patterns.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
}

Status ApplySetting(const std::string& key, const std::string& value, WatchOptions& o) {
  if (key == "folder") { o.folder = value; return Status::Ok(); }
  if (key == "db") { o.db = value; return Status::Ok(); }
  if (key == "processed") { o.processed_dir = value; return Status::Ok(); }
  if (key == "failed") { o.failed_dir = value; return Status::Ok(); }
  if (key == "workers") return ParseCount(value, o.workers);
  if (key == "queue") return ParseCount(value, o.queue);
  if (key == "poll") return ParseSeconds(value, o.poll_seconds);
  if (key == "settle") return ParseSeconds(value, o.settle_seconds);
  if (key == "rescan") return ParseSeconds(value, o.rescan_seconds);
  if (key == "leave-in-place") return ParseBool(value, o.leave_in_place);
  if (key == "ignore") { AddPatterns(value, o.ignore); return Status::Ok(); }
  return Status::InvalidInput("unknown setting '" + key + "'");
}

}  // namespace

const std::vector<std::string>& DefaultIgnorePatterns() {
  static const std::vector<std::string> kPatterns = {
      ".*", "~$*", "*~", "*.part", "*.partial", "*.crdownload", "*.tmp", "*.temp", "*.swp",
      "Thumbs.db", "desktop.ini", "*.error.txt"};
  return kPatterns;
}

Status ParseConfig(std::string_view text, const std::string& origin, WatchOptions& options) {
  int line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    const std::string where = origin + ":" + std::to_string(line_number) + ": ";
    line = Trim(line);
    // Only whole-line comments: '#' may well appear inside a folder name.
    if (line.empty() || line.front() == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) {
      return Status::InvalidInput(where + "expected 'key = value', found '" + std::string(line) +
                                  "'");
    }
    const std::string key(Trim(line.substr(0, eq)));
    const std::string value = Unquote(Trim(line.substr(eq + 1)));
    Status applied = ApplySetting(key, value, options);
    if (!applied.ok()) return Status(applied.code(), where + applied.message());
  }
  return Status::Ok();
}

Status LoadConfigFile(const std::string& path, WatchOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read the configuration file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return ParseConfig(text.str(), path, options);
}

Status Validate(const WatchOptions& options) {
  if (options.folder.empty()) {
    return Status::InvalidInput("no folder to watch (give DIR or 'folder =' in the configuration)");
  }
  if (options.poll_seconds > 0 && options.poll_seconds < 0.1) {
    return Status::InvalidInput("--poll must be at least 0.1 seconds");
  }
  if (options.rescan_seconds > 0 && options.rescan_seconds < 1) {
    return Status::InvalidInput("--rescan must be at least 1 second (0: never)");
  }
  return Status::Ok();
}

}  // namespace congvan::watch
