#include "watch/inotify.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace congvan::watch {
namespace {

namespace fs = std::filesystem;

constexpr std::uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MOVED_FROM |
                                IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW |
                                IN_EXCL_UNLINK;

bool IsBelow(const std::string& path, const std::string& dir) {
  return path == dir || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
                         path[dir.size()] == '/');
}

}  // namespace

Result<std::unique_ptr<Inotify>> Inotify::Create() {
  const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) {
    return Status::IoError(std::string("cannot start inotify: ") + std::strerror(errno));
  }
  return std::unique_ptr<Inotify>(new Inotify(fd));
}

Inotify::~Inotify() { ::close(fd_); }

Status Inotify::WatchOne(const std::string& dir, bool& added) {
  added = false;
  const int wd = ::inotify_add_watch(fd_, dir.c_str(), kMask);
  if (wd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return Status::Ok();  // gone meanwhile
    std::string why = std::strerror(errno);
    if (errno == ENOSPC) why = "the limit of inotify watches is reached (fs.inotify.max_user_watches)";
    return Status::IoError("cannot watch " + dir + ": " + why);
  }
  if (auto it = wds_.find(dir); it != wds_.end() && it->second == wd) return Status::Ok();
  paths_[wd] = dir;
  wds_[dir] = wd;
  added = true;
  return Status::Ok();
}

Result<std::vector<std::string>> Inotify::WatchTree(
    const std::string& dir, const std::function<bool(const std::string&)>& skip) {
  std::vector<std::string> added_dirs;
  if (skip(dir)) return added_dirs;
  // The folder is watched before it is listed, so a subfolder made meanwhile is either listed
  // here or reported as an event.
  bool added = false;
  CONGVAN_RETURN_IF_ERROR(WatchOne(dir, added));
  if (added) added_dirs.push_back(dir);
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (!it->is_directory(type_ec) || it->is_symlink(type_ec)) continue;
    Result<std::vector<std::string>> below = WatchTree(it->path().string(), skip);
    if (!below.ok()) return below.status();
    added_dirs.insert(added_dirs.end(), below->begin(), below->end());
  }
  return added_dirs;
}

void Inotify::Unwatch(const std::string& dir) {
  for (auto it = wds_.begin(); it != wds_.end();) {
    if (IsBelow(it->first, dir)) {
      ::inotify_rm_watch(fd_, it->second);
      paths_.erase(it->second);
      it = wds_.erase(it);
    } else {
      ++it;
    }
  }
}

Result<std::vector<TreeEvent>> Inotify::Read() {
  std::vector<TreeEvent> events;
  alignas(inotify_event) char buffer[64 * 1024];
  for (;;) {
    const ssize_t n = ::read(fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return events;
    if (n < 0) return Status::IoError(std::string("cannot read inotify events: ") + std::strerror(errno));
    for (ssize_t at = 0; at < n;) {
      const auto* e = reinterpret_cast<const inotify_event*>(buffer + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
      if (e->mask & IN_Q_OVERFLOW) {
        events.push_back({TreeEvent::Kind::kOverflow, ""});
        continue;
      }
      auto folder = paths_.find(e->wd);
      if (folder == paths_.end()) continue;  // a watch already dropped
      if (e->mask & IN_IGNORED) {
        wds_.erase(folder->second);
        paths_.erase(folder);
        continue;
      }
      if (e->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
        events.push_back({TreeEvent::Kind::kFolderGone, folder->second});
        continue;
      }
      if (e->len == 0) continue;
      const std::string path = folder->second + "/" + e->name;
      if (e->mask & IN_ISDIR) {
        if (e->mask & IN_MOVED_FROM) {
          events.push_back({TreeEvent::Kind::kFolderGone, path});
        } else if (e->mask & (IN_CREATE | IN_MOVED_TO)) {
          events.push_back({TreeEvent::Kind::kFolderAdded, path});
        }
        continue;
      }
      if (e->mask & (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)) {
        events.push_back({TreeEvent::Kind::kFile, path});
      }
    }
  }
}

}  // namespace congvan::watch
