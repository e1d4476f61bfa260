#include "watch/watcher.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/blocking_queue.h"
#include "registry/journal.h"
#include "registry/pg_connection.h"
#include "registry/registry.h"
#include "registry/statement.h"
#include "watch/files.h"
#include "watch/inotify.h"
#include "watch/presence.h"
#include "watch/settle.h"

namespace congvan::watch {
namespace {

namespace fs = std::filesystem;
using registry::FileOutcome;
using registry::FileState;
using registry::Journal;
using registry::JournalEntry;
using registry::NowMs;
using registry::Registry;

// How often files that are settling are looked at again.
constexpr std::chrono::milliseconds kSettleTick(100);
// A file whose reading was cut short this many times (congvan killed or crashed while reading
// it) is not read again but moved to failed/.
constexpr int kMaxAttempts = 3;
// Polling interval used when inotify cannot be used at all.
constexpr double kFallbackPollSeconds = 10;
// How often the leases of the claims in hand are renewed: well within their length
// (registry::kDefaultClaimLeaseMs), so a live watcher's claim never lapses.
constexpr std::chrono::seconds kLeaseRenewal(5);
// How often a worker waiting for another watcher's claim on the same content looks again.
constexpr std::chrono::milliseconds kContentWaitTick(250);

// A settled file waiting for (or in the hands of) a worker.
struct WorkItem {
  std::int64_t journal_id = 0;
  std::string path;
};

std::chrono::milliseconds Millis(double seconds) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
}

std::string Plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

bool Exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(path, ec));
}

// An absolute, normalised form of `path` (not resolving a missing tail).
std::string Absolute(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return p.lexically_normal().string();
}

// FNV-1a of `text` as a PostgreSQL advisory lock key (stable across builds, unlike std::hash).
std::int64_t LockKey(const std::string& text) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return static_cast<std::int64_t>(h);
}

// On PostgreSQL there is no folder beside the registry for PresenceLock's lock files: a watcher
// holds a session advisory lock named after itself on its main connection instead, which the
// server drops when the connection does (the process died, even by kill -9). A second watcher
// of the same folder on the same machine is refused, as on SQLite.
Status HoldWatcherLock(Registry& registry, const std::string& name, const std::string& folder) {
  Result<registry::Statement> stmt =
      registry::Statement::Prepare(registry.db(), "SELECT pg_try_advisory_lock(?1::bigint)");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, LockKey("congvan watch " + name)));
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row || stmt->ColumnInt64(0) != 1) {
    return Status::AlreadyExists("another congvan watch already watches " + folder +
                                 " on this machine for this registry");
  }
  return Status::Ok();
}

// A file registered as another file of a letter: the letter, and where the file was found.
struct AttachedFile {
  std::int64_t letter_id = 0;
  std::string path;
  int pages = 0;
};

Result<std::optional<AttachedFile>> FindAttached(Registry& registry, const std::string& sha256) {
  Result<registry::Statement> stmt = registry::Statement::Prepare(
      registry.db(),
      "SELECT d.id, f.path, f.page_count FROM letter_files f "
      "JOIN documents d ON d.sha256 = f.letter_sha256 WHERE f.sha256 = ?1");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, sha256));
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<AttachedFile>();
  return std::optional<AttachedFile>(AttachedFile{
      stmt->ColumnInt64(0), stmt->ColumnText(1), static_cast<int>(stmt->ColumnInt64(2))});
}

}  // namespace

std::string WatcherName(const std::string& db, const std::string& folder) {
  if (!registry::IsPostgresUri(db)) return "";
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "localhost");
  return std::string(host) + ":" + folder;
}

class Watcher::Impl {
 public:
  Impl(WatchOptions options, pipeline::Pipeline& pipeline, EventLog& log,
       std::unique_ptr<Registry> main_registry, std::vector<std::unique_ptr<Registry>> workers,
       std::unique_ptr<PresenceLock> presence, std::unique_ptr<PostgresPresence> shared_presence)
      : o_(std::move(options)),
        presence_(std::move(presence)),
        pipeline_(pipeline),
        log_(log),
        registry_(std::move(main_registry)),
        shared_presence_(std::move(shared_presence)),
        name_(WatcherName(registry_->path(), o_.folder)),
        journal_(*registry_, name_),
        worker_registries_(std::move(workers)),
        queue_(static_cast<std::size_t>(o_.queue)),
        tracker_(Millis(o_.settle_seconds)) {
    ignore_ = DefaultIgnorePatterns();
    ignore_.insert(ignore_.end(), o_.ignore.begin(), o_.ignore.end());
    excluded_dirs_ = {o_.processed_dir, o_.failed_dir};
    // An SQLite registry may sit inside the watched folder: never take its own files.
    if (!registry_->is_postgres()) {
      const std::string db = Absolute(registry_->path());
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) excluded_files_.insert(db + suffix);
      excluded_dirs_.insert(db + ".originals");
      excluded_dirs_.insert(db + ".watchers");
    }
  }

  Status Recover();
  Status Run(StopSignals& stop);

 private:
  // --- the watching thread ---
  bool SkipFolder(const std::string& dir) const;
  void Offer(const std::string& path);
  std::size_t Scan(const std::string& dir);
  Status StartInotify();
  Status HandleEvents();
  void CheckSettling();
  void Dispatch();

  // --- the workers ---
  void WorkerLoop(Registry& registry);
  void HandleFile(const WorkItem& item, Registry& registry, Journal& journal);
  void JournalOrLog(const Status& written, const std::string& path);
  Result<FileOutcome> ReadAndRegister(const std::string& path, const std::string& sha256,
                                      Registry& registry);
  bool WaitForOtherClaims(const WorkItem& item, Journal& journal);
  Status FinishFile(Journal& journal, std::int64_t id, const std::string& path,
                    FileOutcome outcome, std::string& moved_to);
  void Release(const std::string& path);

  std::string Rel(const std::string& path) const;
  std::string DestinationFolder(const std::string& path, FileState state) const;

  const WatchOptions o_;
  std::unique_ptr<PresenceLock> presence_;  // tells `congvan status` this watcher runs
  pipeline::Pipeline& pipeline_;
  EventLog& log_;
  std::unique_ptr<Registry> registry_;  // the watching thread's connection
  // Tells `congvan status` on any machine this watcher runs (PostgreSQL); goes before registry_.
  std::unique_ptr<PostgresPresence> shared_presence_;
  const std::string name_;              // what this watcher journals under (WatcherName)
  Journal journal_;
  std::vector<std::unique_ptr<Registry>> worker_registries_;  // one per worker
  // The files waiting for a worker. Bounded so a burst of thousands of files waits on disk, not
  // in memory: the watching thread only offers (TryPush) and keeps in ready_ what does not fit,
  // so it never blocks and keeps draining inotify.
  BlockingQueue<WorkItem> queue_;
  SettleTracker tracker_;
  std::deque<WorkItem> ready_;  // settled, waiting for room in the queue (back-pressure)
  std::unique_ptr<Inotify> inotify_;
  double poll_seconds_ = 0;
  std::vector<std::string> ignore_;
  std::set<std::string> excluded_files_;
  std::set<std::string> excluded_dirs_;

  std::mutex busy_mu_;
  std::set<std::string> busy_;  // ready, queued or in a worker's hands: not to be offered again
  std::atomic<int> in_hand_{0};
  std::atomic<bool> stopping_{false};  // set when Run() stops watching

  // Contents being read right now: a second file with the same bytes waits for the first and
  // then finds it registered, instead of being read (and OCR'd) twice at once.
  std::mutex contents_mu_;
  std::condition_variable contents_cv_;
  std::set<std::string> contents_in_hand_;

  // Holds the turn for one content (SHA-256) while a worker reads and registers it.
  class ContentTurn {
   public:
    ContentTurn(Impl& w, std::string sha256) : w_(w), sha256_(std::move(sha256)) {
      if (sha256_.empty()) return;
      std::unique_lock<std::mutex> lock(w_.contents_mu_);
      w_.contents_cv_.wait(lock, [&] { return w_.contents_in_hand_.count(sha256_) == 0; });
      w_.contents_in_hand_.insert(sha256_);
    }
    ~ContentTurn() {
      if (sha256_.empty()) return;
      {
        std::lock_guard<std::mutex> lock(w_.contents_mu_);
        w_.contents_in_hand_.erase(sha256_);
      }
      w_.contents_cv_.notify_all();
    }
    ContentTurn(const ContentTurn&) = delete;
    ContentTurn& operator=(const ContentTurn&) = delete;

   private:
    Impl& w_;
    std::string sha256_;
  };
};

std::string Watcher::Impl::Rel(const std::string& path) const {
  const std::string& root = o_.folder;
  if (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
      path[root.size()] == '/') {
    return path.substr(root.size() + 1);
  }
  return path;
}

// processed/YYYY/MM/SUB or failed/SUB, where SUB is the subfolder the file was dropped in.
std::string Watcher::Impl::DestinationFolder(const std::string& path, FileState state) const {
  const fs::path sub = fs::path(Rel(path)).parent_path();
  fs::path dir = state == FileState::kFailed ? fs::path(o_.failed_dir)
                                             : fs::path(MonthFolder(o_.processed_dir, std::time(nullptr)));
  if (!sub.empty() && !sub.is_absolute()) dir /= sub;
  return dir.string();
}

bool Watcher::Impl::SkipFolder(const std::string& dir) const {
  if (dir == o_.folder) return false;
  return excluded_dirs_.count(dir) > 0 || MatchesAny(fs::path(dir).filename().string(), ignore_);
}

// A file turned up (event or scan): start settling it unless it is already on its way.
void Watcher::Impl::Offer(const std::string& path) {
  if (excluded_files_.count(path) > 0) return;
  if (MatchesAny(fs::path(path).filename().string(), ignore_)) return;
  if (tracker_.Tracking(path)) return;
  {
    std::lock_guard<std::mutex> lock(busy_mu_);
    if (busy_.count(path) > 0) return;
  }
  const std::optional<FileStamp> stamp = StampOf(path);
  if (!stamp) return;  // gone already, or not a regular file
  Result<bool> in_place = journal_.FinishedInPlace(path, stamp->size, stamp->mtime_ns);
  if (in_place.ok() && *in_place) return;
  Result<std::int64_t> id = journal_.Seen(path, stamp->size, stamp->mtime_ns, NowMs());
  if (!id.ok()) {  // the next rescan offers it again
    log_.Write("error", Rel(path) + ": cannot journal it: " + id.status().message());
    return;
  }
  tracker_.Track(path, *id, *stamp, SteadyClock::now());
  log_.Write("seen", Rel(path));
}

std::size_t Watcher::Impl::Scan(const std::string& dir) {
  const std::size_t before = tracker_.size();
  std::error_code ec;
  auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    const std::string path = it->path().string();
    if (it->is_directory(type_ec)) {
      if (it->is_symlink(type_ec) || SkipFolder(path)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(type_ec)) Offer(path);
  }
  if (ec) log_.Write("error", "cannot list " + dir + ": " + ec.message());
  return tracker_.size() - std::min(before, tracker_.size());
}

Status Watcher::Impl::StartInotify() {
  Result<std::unique_ptr<Inotify>> inotify = Inotify::Create();
  if (inotify.ok()) {
    Result<std::vector<std::string>> added =
        (*inotify)->WatchTree(o_.folder, [this](const std::string& d) { return SkipFolder(d); });
    if (added.ok()) {
      inotify_ = std::move(inotify).value();
      return Status::Ok();
    }
    inotify = added.status();
  }
  // Without inotify the folder is still watched, by polling: slower, never blind.
  log_.Write("warning", inotify.status().message() + "; polling every " +
                            std::to_string(static_cast<int>(kFallbackPollSeconds)) + " s instead");
  poll_seconds_ = kFallbackPollSeconds;
  return Status::Ok();
}

Status Watcher::Impl::HandleEvents() {
  Result<std::vector<TreeEvent>> events = inotify_->Read();
  if (!events.ok()) return events.status();
  for (const TreeEvent& e : *events) {
    switch (e.kind) {
      case TreeEvent::Kind::kFile:
        Offer(e.path);
        break;
      case TreeEvent::Kind::kFolderAdded: {
        if (SkipFolder(e.path)) break;
        Result<std::vector<std::string>> added =
            inotify_->WatchTree(e.path, [this](const std::string& d) { return SkipFolder(d); });
        if (!added.ok()) log_.Write("warning", added.status().message() + " (the rescans still see it)");
        Scan(e.path);  // files may have arrived before the watch did
        break;
      }
      case TreeEvent::Kind::kFolderGone:
        if (e.path == o_.folder && !fs::is_directory(o_.folder)) {
          return Status::NotFound("the watched folder " + o_.folder + " was removed or moved away");
        }
        inotify_->Unwatch(e.path);
        break;
      case TreeEvent::Kind::kOverflow:
        log_.Write("overflow", "too many events at once; rescanning the folder");
        Scan(o_.folder);
        break;
    }
  }
  return Status::Ok();
}

void Watcher::Impl::CheckSettling() {
  SettleTracker::Checked checked = tracker_.Check(SteadyClock::now());
  for (const SettlingFile& f : checked.vanished) {
    Status s = journal_.Removed(f.journal_id, "removed before it settled", NowMs());
    if (!s.ok()) log_.Write("error", Rel(f.path) + ": " + s.message());
    log_.Write("removed", Rel(f.path) + " (removed before it settled; nothing registered)");
  }
  for (SettlingFile& f : checked.ready) {
    {
      std::lock_guard<std::mutex> lock(busy_mu_);
      busy_.insert(f.path);
    }
    ready_.push_back(WorkItem{f.journal_id, std::move(f.path)});
  }
}

void Watcher::Impl::Dispatch() {
  while (!ready_.empty() && queue_.TryPush(ready_.front())) ready_.pop_front();
}

Status Watcher::Impl::Run(StopSignals& stop) {
  poll_seconds_ = o_.poll_seconds;
  if (poll_seconds_ <= 0) CONGVAN_RETURN_IF_ERROR(StartInotify());
  const std::size_t workers = worker_registries_.size();
  char how[160];
  if (inotify_) {
    std::snprintf(how, sizeof how, "inotify on %zu folders, rescan every %g s", inotify_->watched(),
                  o_.rescan_seconds);
  } else {
    std::snprintf(how, sizeof how, "polling every %g s", poll_seconds_);
  }
  char settle[32];
  std::snprintf(settle, sizeof settle, "%g s", o_.settle_seconds);
  log_.Write("watching", o_.folder + " (" + how + "; settle " + settle + "; " +
                             Plural(workers, "worker") + "; registry " + registry_->path() + ")");

  std::vector<std::thread> threads;
  for (auto& reg : worker_registries_) {
    threads.emplace_back([this, r = reg.get()] { WorkerLoop(*r); });
  }

  Status result;
  const double period = inotify_ ? o_.rescan_seconds : poll_seconds_;
  auto next_scan = SteadyClock::now();  // the start-up scan finds what arrived while down
  auto next_renewal = SteadyClock::now();
  std::string reason;
  for (;;) {
    const auto now = SteadyClock::now();
    if (now >= next_scan) {
      const std::size_t found = Scan(o_.folder);
      if (found > 0 || inotify_) {
        log_.Write("scan", Plural(found, "new file") + " found in " + o_.folder);
      }
      next_scan = period > 0 ? now + Millis(period) : SteadyClock::time_point::max();
    }
    CheckSettling();
    Dispatch();
    if (in_hand_.load() > 0 && now >= next_renewal) {
      // The claims in hand stay ours while they take (another watcher waits on them).
      Status renewed = journal_.RenewLeases(NowMs());
      if (!renewed.ok()) log_.Write("error", "cannot renew the claims in hand: " + renewed.message());
      next_renewal = now + kLeaseRenewal;
    }

    std::chrono::milliseconds wait = std::chrono::milliseconds(1000);
    if (!tracker_.empty() || !ready_.empty()) wait = kSettleTick;
    if (next_scan != SteadyClock::time_point::max()) {
      wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(
                                next_scan - SteadyClock::now()) + std::chrono::milliseconds(1));
    }
    pollfd fds[2] = {{stop.fd(), POLLIN, 0}, {inotify_ ? inotify_->fd() : -1, POLLIN, 0}};
    const int n = ::poll(fds, 2, static_cast<int>(std::max<std::int64_t>(0, wait.count())));
    if (n < 0 && errno != EINTR) {
      result = Status::Internal(std::string("poll failed: ") + std::strerror(errno));
      break;
    }
    if (n > 0 && (fds[0].revents & POLLIN)) {
      reason = stop.Take();
      break;
    }
    if (n > 0 && (fds[1].revents & POLLIN)) {
      Status handled = HandleEvents();
      if (!handled.ok()) {
        result = handled;
        break;
      }
    }
  }

  stopping_ = true;
  // Files not yet taken stay in the folder (and 'seen' in the journal): the next start takes
  // them. Only the files in the workers' hands are finished.
  const std::size_t left = queue_.Shutdown().size() + ready_.size() + tracker_.size();
  log_.Write("stopping", (reason.empty() ? std::string("on error") : "on " + reason) +
                             ": finishing " + Plural(in_hand_.load(), "file") + " in hand; " +
                             Plural(left, "file") + " left for the next start");
  for (std::thread& t : threads) t.join();
  log_.Write("stopped", o_.folder);
  return result;
}

void Watcher::Impl::WorkerLoop(Registry& registry) {
  Journal journal(registry, name_);
  while (std::optional<WorkItem> item = queue_.Pop()) {
    ++in_hand_;
    HandleFile(*item, registry, journal);
    --in_hand_;
    Release(item->path);
  }
}

void Watcher::Impl::Release(const std::string& path) {
  std::lock_guard<std::mutex> lock(busy_mu_);
  busy_.erase(path);
}

Result<FileOutcome> Watcher::Impl::ReadAndRegister(const std::string& path,
                                                   const std::string& sha256, Registry& registry) {
  FileOutcome outcome;
  outcome.sha256 = sha256;
  // Known content is not read again: a duplicate costs a hash, not an OCR.
  if (!sha256.empty()) {
    Result<std::optional<registry::DocumentRecord>> known = registry.FindBySha256(sha256);
    if (!known.ok()) return known.status();
    if (known->has_value()) {
      outcome.state = FileState::kDuplicate;
      outcome.document_id = (*known)->id;
      return outcome;
    }
  }
  Result<pipeline::Processed> processed = pipeline_.Process(path);
  // Stopped half way: the file is not at fault; it stays in the folder for the next start.
  if (processed.status().code() == Code::kCancelled) return processed.status();
  if (!processed.ok()) {
    outcome.state = FileState::kFailed;
    // The reason alone: the error file sits beside the file, the log line names it.
    outcome.error = processed.status().message();
    if (outcome.error.rfind(path + ": ", 0) == 0) outcome.error.erase(0, path.size() + 2);
    return outcome;
  }
  Result<registry::AddOutcome> added = pipeline::Register(registry, *processed);
  if (!added.ok()) return added.status();  // the registry's trouble, not the file's
  outcome.state = added->already_registered ? FileState::kDuplicate : FileState::kDone;
  outcome.document_id = added->id;
  outcome.pages = static_cast<int>(processed->pages.size());
  outcome.sha256 = processed->source.sha256;
  return outcome;
}

// Another watcher sharing the registry may be reading the same content (the same letter dropped
// in two offices): waits until that claim is finished, or its lease lapses because its watcher
// died, so the content is read once; ReadAndRegister then finds it registered. False when the
// watcher stops meanwhile.
bool Watcher::Impl::WaitForOtherClaims(const WorkItem& item, Journal& journal) {
  bool told = false;
  for (;;) {
    Result<bool> held = journal.ContentHeldElsewhere(item.journal_id, NowMs());
    if (!held.ok()) {
      // Reading anyway is safe: the registry refuses a second copy of one content.
      log_.Write("error", Rel(item.path) + ": " + held.status().message());
      return true;
    }
    if (!*held) return true;
    if (stopping_.load()) return false;
    if (!told) {
      log_.Write("waiting", Rel(item.path) + " (the same content is being read elsewhere)");
      told = true;
    }
    std::this_thread::sleep_for(kContentWaitTick);
  }
}

// A journal entry that could not be written (disk full, registry locked too long) is logged:
// the file itself is untouched, and the next scan or start finds it again.
void Watcher::Impl::JournalOrLog(const Status& written, const std::string& path) {
  if (!written.ok()) log_.Write("error", Rel(path) + ": cannot journal it (" + written.message() + ")");
}

void Watcher::Impl::HandleFile(const WorkItem& item, Registry& registry, Journal& journal) {
  const std::string& path = item.path;
  const auto start = SteadyClock::now();
  const std::optional<FileStamp> stamp = StampOf(path);
  if (!stamp) {
    JournalOrLog(journal.Removed(item.journal_id, "removed before it was read", NowMs()), path);
    log_.Write("removed", Rel(path) + " (removed before it was read; nothing registered)");
    return;
  }
  // Hashed in blocks, whatever its size; an unreadable file gets no hash and the pipeline
  // explains why it cannot be read.
  std::string sha256;
  if (Result<std::string> hashed = Sha256OfFile(path); hashed.ok()) sha256 = *hashed;
  if (Status claimed = journal.Claim(item.journal_id, sha256, NowMs()); !claimed.ok()) {
    log_.Write("error", Rel(path) + ": cannot journal it (" + claimed.message() +
                            "); it stays in the folder and is tried again later");
    return;
  }
  log_.Write("claimed", Rel(path));

  Result<FileOutcome> outcome = [&]() -> Result<FileOutcome> {
    ContentTurn turn(*this, sha256);
    if (!WaitForOtherClaims(item, journal)) return Status::Cancelled("stopping");
    return ReadAndRegister(path, sha256, registry);
  }();
  if (!outcome.ok() || (outcome->state == FileState::kFailed && !Exists(path))) {
    if (!Exists(path)) {
      JournalOrLog(journal.Removed(item.journal_id, "removed while it was being read", NowMs()), path);
      log_.Write("removed", Rel(path) + " (removed while it was being read; nothing registered)");
      return;
    }
    // The registry could not take it (disk full, locked too long), or the watcher is stopping:
    // the file is fine, so it stays where it is and is tried again by a later scan.
    const bool stopped = outcome.status().code() == Code::kCancelled;
    JournalOrLog(journal.Requeue(item.journal_id, /*count_attempt=*/!stopped), path);
    if (stopped) {
      log_.Write("stopped", Rel(path) + ": reading given up on the stop; left in the folder");
      return;
    }
    log_.Write("error", Rel(path) + ": " + outcome.status().message() +
                            "; left in the folder, tried again later");
    return;
  }
  std::string moved_to;
  Status finished = FinishFile(journal, item.journal_id, path, *outcome, moved_to);
  const double seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
  char took[32];
  std::snprintf(took, sizeof took, "%.1f s", seconds);
  const std::string where = moved_to.empty() ? " (left in place)" : " -> " + Rel(moved_to);
  switch (outcome->state) {
    case FileState::kDone:
      log_.Write("registered", "#" + std::to_string(outcome->document_id) + " " + Rel(path) +
                                   where + " [" + Plural(outcome->pages, "page") + ", " + took + "]");
      break;
    case FileState::kDuplicate:
      log_.Write("duplicate", Rel(path) + ": same content as #" +
                                  std::to_string(outcome->document_id) + ", not registered again" +
                                  where);
      break;
    default:
      log_.Write("failed", Rel(path) + ": " + outcome->error + where);
      break;
  }
  if (!finished.ok()) log_.Write("error", Rel(path) + ": " + finished.message());
}

// Decides, moves, finishes: the order that lets a restart complete whatever was cut short.
Status Watcher::Impl::FinishFile(Journal& journal, std::int64_t id, const std::string& path,
                                 FileOutcome outcome, std::string& moved_to) {
  moved_to.clear();
  std::string remark;
  const bool move = outcome.state == FileState::kFailed || !o_.leave_in_place;
  if (Exists(path) && move) {
    const std::string dir = DestinationFolder(path, outcome.state);
    const std::string name = fs::path(path).filename().string();
    Status moved;
    for (int attempt = 0; attempt < 3; ++attempt) {  // another file may take the name first
      outcome.moved_to = FreeName(dir, name);
      CONGVAN_RETURN_IF_ERROR(journal.Decide(id, outcome));
      moved = MoveNoReplace(path, outcome.moved_to);
      if (moved.code() != Code::kAlreadyExists) break;
    }
    if (moved.ok()) {
      moved_to = outcome.moved_to;
    } else {
      remark = "left in place: " + moved.message();
    }
  } else {
    if (!outcome.moved_to.empty() && Exists(outcome.moved_to)) {
      moved_to = outcome.moved_to;  // moved just before a crash
    } else if (!Exists(path)) {
      remark = "the file was gone after the restart";
    }
    outcome.moved_to = moved_to;
    CONGVAN_RETURN_IF_ERROR(journal.Decide(id, outcome));
  }
  if (outcome.state == FileState::kFailed && !moved_to.empty()) {
    const std::string error_file = moved_to + ".error.txt";
    if (!Exists(error_file)) {
      Status written = WriteOneLineFile(error_file, outcome.error);
      if (!written.ok()) remark = written.message();
    }
  }
  return journal.Finish(id, moved_to, remark, NowMs());
}

// What a previous run left unfinished: 'seen' files are taken again by the start-up scan;
// 'claimed' ones are completed when the registry has their content, read again otherwise.
Status Watcher::Impl::Recover() {
  Result<std::vector<JournalEntry>> unfinished = journal_.Unfinished();
  if (!unfinished.ok()) return unfinished.status();
  for (const JournalEntry& e : *unfinished) {
    if (e.state == FileState::kSeen) {
      if (!Exists(e.path)) {
        CONGVAN_RETURN_IF_ERROR(journal_.Removed(e.id, "gone while congvan was stopped", NowMs()));
      }
      continue;
    }
    std::optional<FileOutcome> outcome;
    if (e.outcome) {
      outcome.emplace();
      outcome->state = *e.outcome;
      outcome->document_id = e.document_id;
      outcome->pages = e.pages;
      outcome->moved_to = e.moved_to;
      outcome->error = e.error;
    } else if (!e.sha256.empty()) {
      Result<std::optional<registry::DocumentRecord>> doc = registry_->FindBySha256(e.sha256);
      if (!doc.ok()) return doc.status();
      if (doc->has_value()) {
        // Registered just before the crash: by this very file, or earlier by another one.
        outcome.emplace();
        outcome->state = (*doc)->path == e.path ? FileState::kDone : FileState::kDuplicate;
        outcome->document_id = (*doc)->id;
        outcome->pages = (*doc)->page_count;
      } else {
        // Or attached to a letter as another file of it (letter_files.h), likewise.
        Result<std::optional<AttachedFile>> attached = FindAttached(*registry_, e.sha256);
        if (!attached.ok()) return attached.status();
        if (attached->has_value()) {
          outcome.emplace();
          outcome->state = (*attached)->path == e.path ? FileState::kDone : FileState::kDuplicate;
          outcome->document_id = (*attached)->letter_id;
          outcome->pages = (*attached)->pages;
        }
      }
    }
    if (outcome) {
      std::string moved_to;
      CONGVAN_RETURN_IF_ERROR(FinishFile(journal_, e.id, e.path, *outcome, moved_to));
      log_.Write("recovered", Rel(e.path) + ": " + registry::FileStateName(outcome->state) +
                                  " before the restart" +
                                  (moved_to.empty() ? "" : " -> " + Rel(moved_to)));
    } else if (Exists(e.path) && e.attempts >= kMaxAttempts) {
      // Each earlier reading of this file ended with congvan killed or crashed: the file itself
      // is the likely cause, and reading it again would do the same.
      FileOutcome failed;
      failed.state = FileState::kFailed;
      failed.error = "đã đọc " + std::to_string(e.attempts) +
                     " lần, lần nào chương trình cũng bị dừng giữa chừng (tệp có thể làm treo "
                     "hoặc làm hỏng chương trình); không đọc lại";
      std::string moved_to;
      CONGVAN_RETURN_IF_ERROR(FinishFile(journal_, e.id, e.path, failed, moved_to));
      log_.Write("failed", Rel(e.path) + ": " + failed.error +
                               (moved_to.empty() ? "" : " -> " + Rel(moved_to)));
    } else if (Exists(e.path)) {
      CONGVAN_RETURN_IF_ERROR(journal_.Requeue(e.id));
      log_.Write("retry", Rel(e.path) + " (was being read when congvan stopped)");
    } else {
      CONGVAN_RETURN_IF_ERROR(journal_.Removed(e.id, "gone while congvan was stopped", NowMs()));
    }
  }
  return Status::Ok();
}

Watcher::Watcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Watcher::~Watcher() = default;

Result<std::unique_ptr<Watcher>> Watcher::Create(const WatchOptions& given,
                                                 pipeline::Pipeline& pipeline, EventLog& log) {
  CONGVAN_RETURN_IF_ERROR(Validate(given));
  if (given.db.empty()) return Status::InvalidInput("no registry file given");
  WatchOptions o = given;
  std::error_code ec;
  if (!fs::exists(o.folder, ec)) return Status::NotFound("the folder " + o.folder + " does not exist");
  if (!fs::is_directory(o.folder, ec)) return Status::InvalidInput(o.folder + " is not a folder");
  o.folder = fs::canonical(o.folder, ec).string();
  if (ec) return Status::IoError("cannot resolve " + given.folder + ": " + ec.message());
  o.processed_dir = Absolute(o.processed_dir.empty() ? o.folder + "/processed" : o.processed_dir);
  o.failed_dir = Absolute(o.failed_dir.empty() ? o.folder + "/failed" : o.failed_dir);
  if (::access(o.folder.c_str(), R_OK | X_OK) != 0) {
    return Status::IoError("cannot read the folder " + o.folder + ": " + std::strerror(errno));
  }
  if (!o.leave_in_place) {
    if (::access(o.folder.c_str(), W_OK) != 0) {
      return Status::IoError(o.folder + " is read-only for this user, so registered files cannot "
                             "be moved to processed/: give write access, or use --leave-in-place");
    }
    for (const std::string& dir : {o.processed_dir, o.failed_dir}) {
      fs::create_directories(dir, ec);
      if (ec) return Status::IoError("cannot create " + dir + ": " + ec.message());
    }
  }
  const int workers = o.workers > 0 ? o.workers : pipeline.workers();
  if (o.queue <= 0) o.queue = 2 * workers;

  Result<std::unique_ptr<Registry>> main = Registry::Open(o.db);
  if (!main.ok()) return main.status();
  std::unique_ptr<PresenceLock> presence;
  std::unique_ptr<PostgresPresence> shared_presence;
  if ((*main)->is_postgres()) {
    CONGVAN_RETURN_IF_ERROR(HoldWatcherLock(**main, WatcherName(o.db, o.folder), o.folder));
    Result<std::unique_ptr<PostgresPresence>> announced =
        PostgresPresence::Announce(**main, WatcherName(o.db, o.folder), NowMs());
    if (!announced.ok()) return announced.status();
    shared_presence = std::move(announced).value();
  } else {
    Result<std::unique_ptr<PresenceLock>> acquired = PresenceLock::Acquire(o.db, o.folder, NowMs());
    if (!acquired.ok()) return acquired.status();
    presence = std::move(acquired).value();
  }
  std::vector<std::unique_ptr<Registry>> worker_registries;
  for (int i = 0; i < workers; ++i) {
    Result<std::unique_ptr<Registry>> r = Registry::Open(o.db);
    if (!r.ok()) return r.status();
    worker_registries.push_back(std::move(r).value());
  }
  auto impl = std::make_unique<Impl>(std::move(o), pipeline, log, std::move(main).value(),
                                     std::move(worker_registries), std::move(presence),
                                     std::move(shared_presence));
  CONGVAN_RETURN_IF_ERROR(impl->Recover());
  return std::unique_ptr<Watcher>(new Watcher(std::move(impl)));
}

Status Watcher::Run(StopSignals& stop) { return impl_->Run(stop); }

}  // namespace congvan::watch
