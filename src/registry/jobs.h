// JobQueue: files waiting in the registry for any worker to read and register them (table jobs,
// schema version 16), so that OCR, the heavy part, spreads over every machine that reaches the
// registry (`congvan enqueue`, `congvan worker`).
//
// A job holds the file's bytes and the name it was handed in under. It moves
// queued → claimed → done, or failed:
//  - Claim() gives a worker the oldest queued job, or one whose lease has expired (its worker
//    died or lost the database), and no other worker gets that job while the lease runs. On
//    PostgreSQL one statement picks and claims it (`FOR UPDATE SKIP LOCKED`), so claimers
//    never wait for each other; on SQLite the claim is one UPDATE in a write transaction.
//  - the worker keeps its lease with Renew() while it reads the file, then says Finish() with
//    the registered letter, or Fail(). A failure that may pass (the database, the disk) puts
//    the job back in the queue until it has been claimed max_attempts times; one that is the
//    file's (unreadable, unsupported) fails the job at once. A failed job keeps its bytes:
//    handing the same file in again queues it again.
//  - a job claimed by max_attempts workers that all died stays failed too, so a file that
//    kills its reader cannot kill every worker in turn.
// A job may be done twice (a worker thought dead finishes after another took its job over);
// registering is idempotent by SHA-256, so the letter is registered once.
//
// Leases are kept in the database's clock (Unix milliseconds), not the workers': the machines'
// clocks may disagree, the database's is the one they share.
//
// One JobQueue works on one connection; like the registry, use one per thread.
#ifndef CONGVAN_REGISTRY_JOBS_H_
#define CONGVAN_REGISTRY_JOBS_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "registry/connection.h"

namespace congvan::registry {

enum class JobState { kQueued, kClaimed, kDone, kFailed };

// "queued", "claimed", "done", "failed".
const char* JobStateName(JobState state);

// A claimed job: what a worker needs to read it.
struct Job {
  std::int64_t id = 0;
  std::string name;    // as handed in: what the registry records as the letter's path
  std::string sha256;  // of bytes
  std::string bytes;   // the file
  int attempts = 0;    // claims so far, this one included
};

// A job as the queue keeps it, without its bytes.
struct JobRecord {
  std::int64_t id = 0;
  std::string name;
  std::string sha256;
  std::int64_t size = 0;
  JobState state = JobState::kQueued;
  std::string worker;             // who claimed it last ("" when never claimed or released)
  std::int64_t lease_until_ms = 0;
  int attempts = 0;
  std::int64_t document_id = 0;   // done: the letter registered (0 otherwise)
  std::string outcome;            // done: "registered", "already" or "attached"
  std::string error;              // failed (or queued again after a failure): why, one line
};

// What Enqueue() did with a file.
struct EnqueueOutcome {
  enum class Kind {
    kQueued,             // a new job
    kRequeued,           // the same bytes had failed before: queued again, attempts reset
    kAlreadyQueued,      // the same bytes are a job already (queued, claimed or done)
    kAlreadyRegistered,  // a letter with these bytes is registered: nothing to do
  };
  Kind kind = Kind::kQueued;
  std::int64_t job_id = 0;       // 0 for kAlreadyRegistered when no job has these bytes
  JobState state = JobState::kQueued;  // the job's state now
  std::int64_t document_id = 0;  // the registered letter, when known
};

// How many jobs are in each state.
struct QueueCounts {
  std::int64_t queued = 0;
  std::int64_t claimed = 0;  // expired leases included
  std::int64_t expired = 0;  // claimed jobs whose lease has passed: their worker is gone
  std::int64_t done = 0;
  std::int64_t failed = 0;
};

// Claims a job may take before it stays failed.
inline constexpr int kDefaultMaxAttempts = 3;

class JobQueue {
 public:
  explicit JobQueue(Connection db, int max_attempts = kDefaultMaxAttempts)
      : db_(db), max_attempts_(max_attempts) {}

  // Queues `bytes` under `name`, unless the same bytes are queued, done or registered already.
  Result<EnqueueOutcome> Enqueue(std::string_view name, std::string_view bytes);

  // The oldest job a worker may take, claimed for `worker` until `lease` from now; nullopt when
  // there is none. Jobs whose workers died max_attempts times are marked failed on the way.
  Result<std::optional<Job>> Claim(std::string_view worker, std::chrono::milliseconds lease);

  // Extends `worker`'s lease on job `id` to `lease` from now. False when the job is no longer
  // that worker's (its lease expired and another worker took it, or it is finished).
  Result<bool> Renew(std::int64_t id, std::string_view worker, std::chrono::milliseconds lease);

  // Records job `id` as done: `document_id` registered with `outcome` ("registered", "already",
  // "attached"). Whoever holds the job now: the letter is registered, whichever worker did it.
  // False when the job was done already.
  Result<bool> Finish(std::int64_t id, std::int64_t document_id, std::string_view outcome);

  // Records that `worker` could not do job `id`, with a one-line `error`. When `retry` and the
  // job has been claimed fewer than max_attempts times it is queued again; otherwise it stays
  // failed. Returns the job's new state; nothing changes (and the state is kClaimed or kDone)
  // when the job is no longer that worker's.
  Result<JobState> Fail(std::int64_t id, std::string_view worker, std::string_view error,
                        bool retry);

  // Puts `worker`'s job `id` back in the queue without counting the attempt: the worker is
  // stopping, through no fault of the file. False when the job is no longer that worker's.
  Result<bool> Release(std::int64_t id, std::string_view worker);

  // The job `id` without its bytes, or nullopt.
  Result<std::optional<JobRecord>> Find(std::int64_t id);

  Result<QueueCounts> Counts();

 private:
  Result<std::int64_t> NowMs();
  Result<int> GiveUpAbandoned(std::int64_t now_ms);
  Result<std::optional<std::int64_t>> Insert(std::string_view name, std::string_view sha256,
                                             std::string_view bytes, std::int64_t now_ms);

  Connection db_;
  int max_attempts_;
};

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_JOBS_H_
