#include "watch/presence.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <thread>

#include "registry/registry.h"
#include "registry/statement.h"

namespace congvan::watch {
namespace {

namespace fs = std::filesystem;

std::string LocksFolder(const std::string& db) { return db + ".watchers"; }

// FNV-1a: a stable file name per folder (std::hash may change between library versions).
std::string FolderKey(const std::string& folder) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : folder) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

std::string ReadAll(int fd) {
  std::string text;
  char buf[512];
  ssize_t n;
  off_t at = 0;
  while ((n = ::pread(fd, buf, sizeof buf, at)) > 0) {
    text.append(buf, static_cast<std::size_t>(n));
    at += n;
  }
  return text;
}

// The lock file's text: "pid\nsince_ms\nfolder\n".
RunningWatcher Parse(const std::string& text) {
  RunningWatcher w;
  std::istringstream in(text);
  in >> w.pid >> w.since_ms;
  in.ignore(1);
  std::getline(in, w.folder);
  return w;
}

std::string Describe(const RunningWatcher& w) {
  return "pid " + std::to_string(w.pid);
}

// True when `fd` still is the file at `path` (not one removed by an exiting watcher between
// our open() and our flock()).
bool StillLinked(int fd, const std::string& path) {
  struct stat open_file {}, on_disk {};
  return ::fstat(fd, &open_file) == 0 && ::stat(path.c_str(), &on_disk) == 0 &&
         open_file.st_ino == on_disk.st_ino && open_file.st_dev == on_disk.st_dev;
}

}  // namespace

Result<std::unique_ptr<PresenceLock>> PresenceLock::Acquire(const std::string& db,
                                                            const std::string& folder,
                                                            std::int64_t now_ms) {
  const std::string dir = LocksFolder(db);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError("cannot create " + dir + ": " + ec.message());
  const std::string path = dir + "/" + FolderKey(folder) + ".lock";
  constexpr int kAttempts = 25;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return Status::IoError("cannot open " + path + ": " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      const RunningWatcher other = Parse(ReadAll(fd));
      ::close(fd);
      // `congvan status` holds a shared lock for an instant: only a lock held for half a
      // second is another watcher.
      if (err == EWOULDBLOCK && attempt < kAttempts) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        continue;
      }
      if (err == EWOULDBLOCK) {
        return Status::AlreadyExists("another congvan watch (" + Describe(other) +
                                     ") is already watching " + folder + " for this registry");
      }
      return Status::IoError("cannot lock " + path + ": " + std::strerror(err));
    }
    if (!StillLinked(fd, path)) {  // lost a race with an exiting watcher: open the new file
      ::close(fd);
      continue;
    }
    const std::string text = std::to_string(::getpid()) + "\n" + std::to_string(now_ms) + "\n" +
                             folder + "\n";
    if (::ftruncate(fd, 0) != 0 ||
        ::pwrite(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
      const int err = errno;
      ::close(fd);
      return Status::IoError("cannot write " + path + ": " + std::strerror(err));
    }
    return std::unique_ptr<PresenceLock>(new PresenceLock(fd, path));
  }
  return Status::IoError("cannot take the lock " + path + " (it keeps being replaced)");
}

PresenceLock::~PresenceLock() {
  // Unlinked while still locked, so a newcomer never locks a file that is about to vanish
  // without noticing (StillLinked above).
  ::unlink(path_.c_str());
  ::close(fd_);
}

Result<std::vector<RunningWatcher>> FindRunningWatchers(const std::string& db) {
  std::vector<RunningWatcher> running;
  const std::string dir = LocksFolder(db);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return running;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".lock") continue;
    const int fd = ::open(it->path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;  // removed by a watcher that just stopped
    // A shared lock succeeds only when no watcher holds the exclusive one.
    if (::flock(fd, LOCK_SH | LOCK_NB) == 0) {
      ::flock(fd, LOCK_UN);
    } else if (errno == EWOULDBLOCK) {
      running.push_back(Parse(ReadAll(fd)));
    }
    ::close(fd);
  }
  if (ec) return Status::IoError("cannot list " + dir + ": " + ec.message());
  return running;
}

Result<std::unique_ptr<PostgresPresence>> PostgresPresence::Announce(registry::Registry& registry,
                                                                     const std::string& name,
                                                                     std::int64_t now_ms) {
  // The watcher's lock makes the name unique among live watchers: a row of the same name is a
  // dead one's, replaced.
  Result<registry::Statement> stmt = registry::Statement::Prepare(
      registry.db(),
      "INSERT INTO watchers (name, pid, backend_pid, started_ms) VALUES (?1, ?2, pg_backend_pid(), ?3) "
      "ON CONFLICT (name) DO UPDATE SET pid = excluded.pid, backend_pid = excluded.backend_pid, "
      "started_ms = excluded.started_ms");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, name));
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(2, static_cast<std::int64_t>(::getpid())));
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(3, now_ms));
  Result<bool> done = stmt->Step();
  if (!done.ok()) return done.status().WithContext("recording this watcher in the registry");
  return std::unique_ptr<PostgresPresence>(new PostgresPresence(registry, name));
}

PostgresPresence::~PostgresPresence() {
  // A failure leaves a row whose session is gone, which FindRunningWatchers does not count.
  Result<registry::Statement> stmt =
      registry::Statement::Prepare(registry_.db(), "DELETE FROM watchers WHERE name = ?1");
  if (stmt.ok() && stmt->BindText(1, name_).ok()) (void)stmt->Step();
}

Result<std::vector<RunningWatcher>> FindRunningWatchers(registry::Registry& registry) {
  // Alive: the session that wrote the row still holds an advisory lock (the watcher's own).
  Result<registry::Statement> stmt = registry::Statement::Prepare(
      registry.db(),
      "SELECT w.name, w.pid, w.started_ms FROM watchers w WHERE EXISTS ("
      "SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted "
      "AND l.pid = w.backend_pid) ORDER BY w.name");
  if (!stmt.ok()) return stmt.status();
  std::vector<RunningWatcher> running;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    running.push_back({static_cast<long>(stmt->ColumnInt64(1)), stmt->ColumnText(0), stmt->ColumnInt64(2)});
  }
  return running;
}

}  // namespace congvan::watch
