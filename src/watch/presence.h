// Presence: which watchers are running on a registry, so that `congvan status` can say whether
// anything is watching at all (a stopped service otherwise looks like an idle one), and so that
// a second watcher on the same folder is refused instead of racing the first.
//
// A running watcher holds an exclusive advisory lock (flock) on
// "<db>.watchers/<hash of the folder>.lock", whose text names its pid, folder and start time.
// The kernel drops the lock when the process dies, even by kill -9, so a lock file left behind
// by a crash reads as "not running" and is reused.
#ifndef CONGVAN_WATCH_PRESENCE_H_
#define CONGVAN_WATCH_PRESENCE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

namespace congvan::registry {
class Registry;
}

namespace congvan::watch {

// A watcher found running.
struct RunningWatcher {
  long pid = 0;
  std::string folder;         // canonical path of the watched folder ("machine:folder" on PostgreSQL)
  std::int64_t since_ms = 0;  // start, milliseconds since the epoch
};

// Held for as long as a watcher runs; releases and removes its lock file when destroyed.
class PresenceLock {
 public:
  // Takes the lock for `folder` (canonical) on registry `db`. Fails with kAlreadyExists,
  // naming the other process, when a live watcher already watches that folder for that
  // registry.
  static Result<std::unique_ptr<PresenceLock>> Acquire(const std::string& db,
                                                       const std::string& folder,
                                                       std::int64_t now_ms);
  ~PresenceLock();
  PresenceLock(const PresenceLock&) = delete;
  PresenceLock& operator=(const PresenceLock&) = delete;

 private:
  PresenceLock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
};

// The watchers running on registry `db` now (none when the folder of locks does not exist).
Result<std::vector<RunningWatcher>> FindRunningWatchers(const std::string& db);

// A PostgreSQL registry has no folder beside it, and its watchers run on several machines: a
// running watcher has a row in its `watchers` table, written by Announce through the connection
// that holds the watcher's lock, and removed when the object goes. A watcher killed with -9
// leaves its row, but its session, and the lock, end with its process: FindRunningWatchers
// counts only rows whose session is alive. `folder` is then "machine:folder".
class PostgresPresence {
 public:
  // `registry` must outlive the object. `name` is the watcher's ("machine:folder").
  static Result<std::unique_ptr<PostgresPresence>> Announce(registry::Registry& registry,
                                                            const std::string& name,
                                                            std::int64_t now_ms);
  ~PostgresPresence();
  PostgresPresence(const PostgresPresence&) = delete;
  PostgresPresence& operator=(const PostgresPresence&) = delete;

 private:
  PostgresPresence(registry::Registry& registry, std::string name)
      : registry_(registry), name_(std::move(name)) {}
  registry::Registry& registry_;
  std::string name_;
};

// The watchers running on PostgreSQL registry `registry` now, on any machine.
Result<std::vector<RunningWatcher>> FindRunningWatchers(registry::Registry& registry);

}  // namespace congvan::watch

#endif  // CONGVAN_WATCH_PRESENCE_H_
