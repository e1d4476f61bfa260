// Journal: what the watched folder (src/watch/) did with every file it found, kept in the
// registry file (table file_journal, schema version 3) so that a crash at any point can be
// finished correctly on the next start.
//
// A file moves through seen → claimed → done | duplicate | failed, or removed when it vanished
// before it could be registered. While a file is claimed, its outcome is first decided
// (Decide) and only then is the file moved and the entry finished (Finish): a restart that finds
// a claimed entry knows whether the registry already has the file. Times are Unix milliseconds,
// passed in by the caller so tests can choose them.
//
// Several watchers may share one registry (PostgreSQL: one per office's scanner folder, on
// several machines). Each entry names its watcher, and a Journal reads and recovers only its own
// watcher's entries; the counts of Summarize() are the registry's. A claim carries a lease
// (lease_until_ms), renewed by its watcher while it works (RenewLeases): among the live claims
// on one content only the first is read (ContentHeldElsewhere), so the same letter dropped in two
// offices is read and registered once and the other file finds it registered; a claim whose
// watcher died stops holding the others back once its lease has expired.
#ifndef CONGVAN_REGISTRY_JOURNAL_H_
#define CONGVAN_REGISTRY_JOURNAL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "registry/registry.h"

namespace congvan::registry {

// Where a file is on its way through the watched folder.
enum class FileState {
  kSeen,       // found and waiting: settling, or queued for a worker
  kClaimed,    // a worker is reading it (or was, when the watcher died)
  kDone,       // registered
  kDuplicate,  // its content was registered before; nothing was added
  kFailed,     // could not be read; moved to failed/ with the reason
  kRemoved,    // disappeared before it was registered
};

// "seen", "claimed", "done", "duplicate", "failed", "removed".
const char* FileStateName(FileState state);
// The state named `name`, or nullopt.
std::optional<FileState> ParseFileState(std::string_view name);

// One file's journal entry.
struct JournalEntry {
  std::int64_t id = 0;
  std::string path;           // where the file was found (absolute)
  std::int64_t size = 0;      // at the moment it was seen
  std::int64_t mtime_ns = 0;
  std::string sha256;         // "" until claimed
  FileState state = FileState::kSeen;
  std::optional<FileState> outcome;  // decided while claimed: the state Finish() sets
  std::int64_t document_id = 0;      // done/duplicate: the registered document
  int pages = 0;
  std::string moved_to;       // where the file went ("" when left in place)
  std::string error;          // failed/removed: why, in one line
  int attempts = 0;           // how many times it was claimed
  std::int64_t seen_ms = 0;
  std::int64_t claimed_ms = 0;   // 0 when never claimed
  std::int64_t finished_ms = 0;  // 0 while unfinished
  std::string watcher;           // the watcher that found it ("" : the one of an SQLite file)
  std::int64_t lease_until_ms = 0;  // while claimed: the claim holds others back until then
};

// What a worker decided for a claimed file.
struct FileOutcome {
  FileState state = FileState::kDone;  // kDone, kDuplicate or kFailed
  std::int64_t document_id = 0;
  int pages = 0;
  std::string sha256;  // the content actually read (may differ from the claim's if it changed)
  std::string error;   // one line, for kFailed
  std::string moved_to;  // where the file is about to be moved ("" : it stays in place)
};

// Counts and rates for `congvan status`.
struct JournalSummary {
  std::int64_t seen = 0;     // waiting
  std::int64_t claimed = 0;  // in hand
  // Finished in the window [now - window, now]:
  std::int64_t done = 0, duplicates = 0, failed = 0, removed = 0;
  std::int64_t pages = 0;               // pages of the files registered in the window
  double mean_seconds_to_finish = 0;    // from seen to finished, over done files in the window
  std::int64_t first_claimed_ms = 0;    // span of the window's work, for a files/minute rate
  std::int64_t last_finished_ms = 0;
  std::int64_t all_time_finished = 0;   // every finished entry, any state
  std::vector<JournalEntry> recent_failures;  // newest first
};

// How long a claim holds back the other watchers' claims on the same content unless renewed.
inline constexpr std::int64_t kDefaultClaimLeaseMs = 30'000;

// The journal of one registry connection, as seen by the watcher named `watcher` (see
// WatcherName in watch/watcher.h; "" on an SQLite file). Use from the thread that owns the
// Registry. On both backends.
class Journal {
 public:
  explicit Journal(Registry& registry, std::string watcher = "",
                   std::int64_t lease_ms = kDefaultClaimLeaseMs)
      : registry_(registry), watcher_(std::move(watcher)), lease_ms_(lease_ms) {}

  // Records a file found at `path`. An unfinished 'seen' entry for the same path (left by a
  // previous run) is reused and updated; returns the entry's id.
  Result<std::int64_t> Seen(const std::string& path, std::int64_t size, std::int64_t mtime_ns,
                            std::int64_t now_ms);

  // A worker takes the file: seen → claimed, with the SHA-256 it is about to read, under a lease
  // until now_ms + the lease.
  Status Claim(std::int64_t id, const std::string& sha256, std::int64_t now_ms);

  // Extends the lease of every claim of this watcher to now_ms + the lease. The watcher calls it
  // well within the lease for as long as it runs.
  Status RenewLeases(std::int64_t now_ms);

  // True when another claim on the content of the claimed entry `id` (another watcher's, or
  // another entry's) is still under lease and came first (claimed earlier; the lower id on a
  // tie): that one is read, and this one waits for it and then finds the content registered.
  // False for an entry without a SHA-256.
  Result<bool> ContentHeldElsewhere(std::int64_t id, std::int64_t now_ms);

  // Records the outcome of a claimed file, and where it is about to go, before it is moved;
  // the entry stays claimed.
  Status Decide(std::int64_t id, const FileOutcome& outcome);

  // claimed → the decided outcome, with where the file went ("" when it stayed in place) and a
  // remark appended to the error when the move failed.
  Status Finish(std::int64_t id, const std::string& moved_to, const std::string& remark,
                std::int64_t now_ms);

  // seen or claimed → removed, with why.
  Status Removed(std::int64_t id, const std::string& why, std::int64_t now_ms);

  // claimed (without an outcome) → seen, so the file is read again. With `count_attempt` false
  // the claim is not counted among the file's attempts (the reading was stopped in order, which
  // says nothing about the file).
  Status Requeue(std::int64_t id, bool count_attempt = true);

  // The entry with this id, or nullopt.
  Result<std::optional<JournalEntry>> Find(std::int64_t id);

  // This watcher's entries still seen or claimed, oldest first.
  Result<std::vector<JournalEntry>> Unfinished();

  // True when this very file (path, size and mtime) was finished by this watcher and left where
  // it is, so a rescan must not take it again.
  Result<bool> FinishedInPlace(const std::string& path, std::int64_t size, std::int64_t mtime_ns);

  // Queue, outcomes of the last `window_ms`, and the `max_failures` newest failures, of every
  // watcher of the registry.
  Result<JournalSummary> Summarize(std::int64_t now_ms, std::int64_t window_ms, int max_failures);

 private:
  Registry& registry_;
  std::string watcher_;
  std::int64_t lease_ms_;
};

// Milliseconds since the Unix epoch, now.
std::int64_t NowMs();

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_JOURNAL_H_
