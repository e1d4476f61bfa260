// Inotify: Linux's notification of changes in a folder tree, owned as one file descriptor.
//
// Inotify watches single folders, so a tree is watched folder by folder; folders created or
// moved in later are reported so the caller can watch (and scan) them too. Inotify can lose
// events (queue overflow, network file systems): the watcher rescans to make up for it.
#ifndef CONGVAN_WATCH_INOTIFY_H_
#define CONGVAN_WATCH_INOTIFY_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

namespace congvan::watch {

// Something that happened in the watched tree.
struct TreeEvent {
  enum class Kind {
    kFile,          // a file was closed after writing, moved in, or created
    kFolderAdded,   // a folder was created or moved in: watch and scan it
    kFolderGone,    // a watched folder was removed or moved away
    kOverflow,      // the kernel dropped events: rescan everything
  };
  Kind kind;
  std::string path;  // empty for kOverflow
};

class Inotify {
 public:
  // Starts an inotify instance. Fails when the system's instance limit is reached.
  static Result<std::unique_ptr<Inotify>> Create();
  ~Inotify();
  Inotify(const Inotify&) = delete;
  Inotify& operator=(const Inotify&) = delete;

  // The descriptor to poll() for readability.
  int fd() const { return fd_; }

  // Watches `dir` and every folder below it except those `skip` says to leave out (and what is
  // below them). Returns the folders newly watched. Fails when a watch cannot be added (most
  // often: the max_user_watches limit).
  Result<std::vector<std::string>> WatchTree(
      const std::string& dir, const std::function<bool(const std::string&)>& skip);

  // Stops watching `dir` and every folder below it.
  void Unwatch(const std::string& dir);

  // Reads the events waiting now (never blocks).
  Result<std::vector<TreeEvent>> Read();

  // How many folders are watched.
  std::size_t watched() const { return paths_.size(); }

 private:
  explicit Inotify(int fd) : fd_(fd) {}
  Status WatchOne(const std::string& dir, bool& added);

  int fd_;
  std::map<int, std::string> paths_;  // watch descriptor → folder
  std::map<std::string, int> wds_;    // folder → watch descriptor
};

}  // namespace congvan::watch

#endif  // CONGVAN_WATCH_INOTIFY_H_
