#include "registry/jobs.h"

#include <sqlite3.h>

#include <memory>
#include <utility>

#include "base/sha256.h"
#include "registry/hex_bytes.h"
#include "registry/statement.h"

namespace congvan::registry {
namespace {

constexpr std::string_view kColumns =
    "id, name, sha256, size, state, worker, lease_until_ms, attempts, coalesce(document_id, 0), "
    "outcome, error";

JobState ParseState(std::string_view name) {
  if (name == "claimed") return JobState::kClaimed;
  if (name == "done") return JobState::kDone;
  if (name == "failed") return JobState::kFailed;
  return JobState::kQueued;
}

JobRecord ReadRecord(const Statement& stmt) {
  JobRecord r;
  r.id = stmt.ColumnInt64(0);
  r.name = stmt.ColumnText(1);
  r.sha256 = stmt.ColumnText(2);
  r.size = stmt.ColumnInt64(3);
  r.state = ParseState(stmt.ColumnText(4));
  r.worker = stmt.ColumnText(5);
  r.lease_until_ms = stmt.ColumnInt64(6);
  r.attempts = static_cast<int>(stmt.ColumnInt64(7));
  r.document_id = stmt.ColumnInt64(8);
  r.outcome = stmt.ColumnText(9);
  r.error = stmt.ColumnText(10);
  return r;
}

}  // namespace

const char* JobStateName(JobState state) {
  switch (state) {
    case JobState::kQueued: return "queued";
    case JobState::kClaimed: return "claimed";
    case JobState::kDone: return "done";
    case JobState::kFailed: return "failed";
  }
  return "queued";
}

Result<std::int64_t> JobQueue::NowMs() {
  return QueryInt64(db_, db_.is_postgres()
                             ? "SELECT CAST(extract(epoch FROM clock_timestamp()) * 1000 AS BIGINT)"
                             : "SELECT CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)");
}

Result<std::optional<std::int64_t>> JobQueue::Insert(std::string_view name,
                                                     std::string_view sha256,
                                                     std::string_view bytes,
                                                     std::int64_t now_ms) {
  constexpr std::string_view kInsert =
      "INSERT INTO jobs (sha256, name, bytes, size, queued_ms) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (sha256) DO NOTHING RETURNING id";
  if (db_.is_postgres()) {
    Result<Statement> insert = Statement::Prepare(
        db_,
        "INSERT INTO jobs (sha256, name, bytes, size, queued_ms) "
        "VALUES (?1, ?2, decode(?3, 'hex'), ?4, ?5) ON CONFLICT (sha256) DO NOTHING RETURNING id");
    if (!insert.ok()) return insert.status();
    CONGVAN_RETURN_IF_ERROR(insert->BindText(1, sha256));
    CONGVAN_RETURN_IF_ERROR(insert->BindText(2, name));
    CONGVAN_RETURN_IF_ERROR(insert->BindText(3, BytesToHex(bytes)));
    CONGVAN_RETURN_IF_ERROR(insert->BindInt64(4, static_cast<std::int64_t>(bytes.size())));
    CONGVAN_RETURN_IF_ERROR(insert->BindInt64(5, now_ms));
    Result<bool> row = insert->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<std::int64_t>();
    return std::optional<std::int64_t>(insert->ColumnInt64(0));
  }
  // Statement binds text only; the bytes go in as an SQLite BLOB through the C API.
  sqlite3* db = db_.sqlite();
  if (db == nullptr) return NotOnPostgres();
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db, kInsert.data(), static_cast<int>(kInsert.size()), &raw,
                                    nullptr);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  if (rc != SQLITE_OK) return SqliteError(db, "preparing SQL");
  if (sqlite3_bind_text64(raw, 1, sha256.data(), sha256.size(), SQLITE_TRANSIENT, SQLITE_UTF8) !=
          SQLITE_OK ||
      sqlite3_bind_text64(raw, 2, name.data(), name.size(), SQLITE_TRANSIENT, SQLITE_UTF8) !=
          SQLITE_OK ||
      sqlite3_bind_blob64(raw, 3, bytes.data(), bytes.size(), SQLITE_STATIC) != SQLITE_OK ||
      sqlite3_bind_int64(raw, 4, static_cast<sqlite3_int64>(bytes.size())) != SQLITE_OK ||
      sqlite3_bind_int64(raw, 5, now_ms) != SQLITE_OK) {
    return SqliteError(db, "binding a job");
  }
  const int step = sqlite3_step(raw);
  if (step == SQLITE_DONE) return std::optional<std::int64_t>();
  if (step != SQLITE_ROW) return SqliteError(db, "queueing a job");
  return std::optional<std::int64_t>(sqlite3_column_int64(raw, 0));
}

Result<EnqueueOutcome> JobQueue::Enqueue(std::string_view name, std::string_view bytes) {
  const std::string sha256 = Sha256Hex(bytes);
  EnqueueOutcome out;
  // Two enqueuers of the same bytes race on the unique sha256: one inserts, the other reads the
  // winner's job below. No registry-wide write lock: queueing never waits for a registration.
  for (int round = 0; round < 2; ++round) {
    Result<Statement> job = Statement::Prepare(
        db_, "SELECT id, state, coalesce(document_id, 0) FROM jobs WHERE sha256 = ?1");
    if (!job.ok()) return job.status();
    CONGVAN_RETURN_IF_ERROR(job->BindText(1, sha256));
    Result<bool> found = job->Step();
    if (!found.ok()) return found.status();
    if (*found) {
      out.job_id = job->ColumnInt64(0);
      out.state = ParseState(job->ColumnText(1));
      out.document_id = job->ColumnInt64(2);
      if (out.state != JobState::kFailed) {
        out.kind = EnqueueOutcome::Kind::kAlreadyQueued;
        return out;
      }
      Result<Statement> requeue = Statement::Prepare(
          db_, "UPDATE jobs SET state = 'queued', attempts = 0, worker = '', lease_until_ms = 0, "
               "error = '', finished_ms = NULL, name = ?2 WHERE id = ?1 AND state = 'failed'");
      if (!requeue.ok()) return requeue.status();
      CONGVAN_RETURN_IF_ERROR(requeue->BindInt64(1, out.job_id));
      CONGVAN_RETURN_IF_ERROR(requeue->BindText(2, name));
      CONGVAN_RETURN_IF_ERROR(requeue->Run());
      out.kind = requeue->Changes() > 0 ? EnqueueOutcome::Kind::kRequeued
                                        : EnqueueOutcome::Kind::kAlreadyQueued;
      out.state = JobState::kQueued;
      return out;
    }
    if (round == 0) {
      // Bytes registered already (by `ingest`, the watcher or the web page) need no worker.
      Result<Statement> doc = Statement::Prepare(db_, "SELECT id FROM documents WHERE sha256 = ?1");
      if (!doc.ok()) return doc.status();
      CONGVAN_RETURN_IF_ERROR(doc->BindText(1, sha256));
      Result<bool> registered = doc->Step();
      if (!registered.ok()) return registered.status();
      if (*registered) {
        out.kind = EnqueueOutcome::Kind::kAlreadyRegistered;
        out.document_id = doc->ColumnInt64(0);
        out.state = JobState::kDone;
        return out;
      }
    }
    Result<std::int64_t> now = NowMs();
    if (!now.ok()) return now.status();
    Result<std::optional<std::int64_t>> id = Insert(name, sha256, bytes, *now);
    if (!id.ok()) return id.status().WithContext("queueing " + std::string(name));
    if (id->has_value()) {
      out.kind = EnqueueOutcome::Kind::kQueued;
      out.job_id = **id;
      out.state = JobState::kQueued;
      return out;
    }
  }
  return Status::Internal("queueing " + std::string(name) + ": the job vanished while queued");
}

Result<int> JobQueue::GiveUpAbandoned(std::int64_t now_ms) {
  Result<Statement> give_up = Statement::Prepare(
      db_, "UPDATE jobs SET state = 'failed', finished_ms = ?1, lease_until_ms = 0, "
           "error = 'every worker that took it stopped before finishing (' || "
           "CAST(attempts AS TEXT) || ' attempts)' "
           "WHERE state = 'claimed' AND lease_until_ms < ?1 AND attempts >= ?2");
  if (!give_up.ok()) return give_up.status();
  CONGVAN_RETURN_IF_ERROR(give_up->BindInt64(1, now_ms));
  CONGVAN_RETURN_IF_ERROR(give_up->BindInt64(2, max_attempts_));
  CONGVAN_RETURN_IF_ERROR(give_up->Run());
  return static_cast<int>(give_up->Changes());
}

Result<std::optional<Job>> JobQueue::Claim(std::string_view worker,
                                           std::chrono::milliseconds lease) {
  // On SQLite the write transaction makes the claim one step for every other connection; on
  // PostgreSQL the statement alone is, and the registry's writer lock is not taken, so
  // claiming never waits for a registration in progress.
  std::optional<Transaction> tx;
  if (!db_.is_postgres()) {
    Result<Transaction> begun = Transaction::Begin(db_, Transaction::Mode::kImmediate);
    if (!begun.ok()) return begun.status();
    tx.emplace(std::move(*begun));
  }
  Result<std::int64_t> now = NowMs();
  if (!now.ok()) return now.status();
  Result<int> given_up = GiveUpAbandoned(*now);
  if (!given_up.ok()) return given_up.status();
  // The oldest job that is queued, or claimed by a worker whose lease has passed. SKIP LOCKED:
  // a job another claimer is taking at this instant is passed over, not waited for.
  const char* sql =
      db_.is_postgres()
          ? "UPDATE jobs SET state = 'claimed', worker = ?1, claimed_ms = ?2, "
            "lease_until_ms = CAST(?2 AS BIGINT) + CAST(?3 AS BIGINT), attempts = attempts + 1 "
            "WHERE id = (SELECT id FROM jobs WHERE state IN ('queued', 'claimed') AND "
            "(state = 'queued' OR (lease_until_ms < ?2 AND attempts < ?4)) ORDER BY id LIMIT 1 "
            "FOR UPDATE SKIP LOCKED) "
            "RETURNING id, name, sha256, encode(bytes, 'hex'), attempts"
          : "UPDATE jobs SET state = 'claimed', worker = ?1, claimed_ms = ?2, "
            "lease_until_ms = CAST(?2 AS BIGINT) + CAST(?3 AS BIGINT), attempts = attempts + 1 "
            "WHERE id = (SELECT id FROM jobs WHERE state IN ('queued', 'claimed') AND "
            "(state = 'queued' OR (lease_until_ms < ?2 AND attempts < ?4)) ORDER BY id LIMIT 1) "
            "RETURNING id, name, sha256, bytes, attempts";
  Result<Statement> claim = Statement::Prepare(db_, sql);
  if (!claim.ok()) return claim.status();
  CONGVAN_RETURN_IF_ERROR(claim->BindText(1, worker));
  CONGVAN_RETURN_IF_ERROR(claim->BindInt64(2, *now));
  CONGVAN_RETURN_IF_ERROR(claim->BindInt64(3, lease.count()));
  CONGVAN_RETURN_IF_ERROR(claim->BindInt64(4, max_attempts_));
  Result<bool> row = claim->Step();
  if (!row.ok()) return row.status().WithContext("claiming a job");
  std::optional<Job> job;
  if (*row) {
    job.emplace();
    job->id = claim->ColumnInt64(0);
    job->name = claim->ColumnText(1);
    job->sha256 = claim->ColumnText(2);
    if (db_.is_postgres()) {
      Result<std::string> bytes = HexToBytes(claim->ColumnText(3), "job bytes");
      if (!bytes.ok()) return bytes.status();
      job->bytes = std::move(*bytes);
    } else {
      job->bytes = claim->ColumnText(3);  // a BLOB read whole, NULs included
    }
    job->attempts = static_cast<int>(claim->ColumnInt64(4));
    // Stepped to its end, so that the statement is no longer active when the claim commits.
    Result<bool> more = claim->Step();
    if (!more.ok()) return more.status().WithContext("claiming a job");
  }
  if (tx) CONGVAN_RETURN_IF_ERROR(tx->Commit());
  return job;
}

Result<bool> JobQueue::Renew(std::int64_t id, std::string_view worker,
                             std::chrono::milliseconds lease) {
  Result<std::int64_t> now = NowMs();
  if (!now.ok()) return now.status();
  Result<Statement> renew = Statement::Prepare(
      db_, "UPDATE jobs SET lease_until_ms = CAST(?3 AS BIGINT) + CAST(?4 AS BIGINT) "
           "WHERE id = ?1 AND worker = ?2 AND state = 'claimed'");
  if (!renew.ok()) return renew.status();
  CONGVAN_RETURN_IF_ERROR(renew->BindInt64(1, id));
  CONGVAN_RETURN_IF_ERROR(renew->BindText(2, worker));
  CONGVAN_RETURN_IF_ERROR(renew->BindInt64(3, *now));
  CONGVAN_RETURN_IF_ERROR(renew->BindInt64(4, lease.count()));
  CONGVAN_RETURN_IF_ERROR(renew->Run());
  return renew->Changes() > 0;
}

Result<bool> JobQueue::Finish(std::int64_t id, std::int64_t document_id,
                              std::string_view outcome) {
  Result<std::int64_t> now = NowMs();
  if (!now.ok()) return now.status();
  Result<Statement> finish = Statement::Prepare(
      db_, "UPDATE jobs SET state = 'done', document_id = ?2, outcome = ?3, finished_ms = ?4, "
           "lease_until_ms = 0, error = '' WHERE id = ?1 AND state <> 'done'");
  if (!finish.ok()) return finish.status();
  CONGVAN_RETURN_IF_ERROR(finish->BindInt64(1, id));
  CONGVAN_RETURN_IF_ERROR(finish->BindInt64(2, document_id));
  CONGVAN_RETURN_IF_ERROR(finish->BindText(3, outcome));
  CONGVAN_RETURN_IF_ERROR(finish->BindInt64(4, *now));
  CONGVAN_RETURN_IF_ERROR(finish->Run());
  return finish->Changes() > 0;
}

Result<JobState> JobQueue::Fail(std::int64_t id, std::string_view worker, std::string_view error,
                                bool retry) {
  Result<std::int64_t> now = NowMs();
  if (!now.ok()) return now.status();
  // Queued again only when the failure may pass and attempts remain; the error stays visible
  // meanwhile.
  Result<Statement> fail = Statement::Prepare(
      db_, "UPDATE jobs SET "
           "state = CASE WHEN ?4 = 1 AND attempts < ?5 THEN 'queued' ELSE 'failed' END, "
           "finished_ms = CASE WHEN ?4 = 1 AND attempts < ?5 THEN NULL ELSE CAST(?6 AS BIGINT) END, "
           "worker = CASE WHEN ?4 = 1 AND attempts < ?5 THEN '' ELSE worker END, "
           "lease_until_ms = 0, error = ?3 "
           "WHERE id = ?1 AND worker = ?2 AND state = 'claimed' RETURNING state");
  if (!fail.ok()) return fail.status();
  CONGVAN_RETURN_IF_ERROR(fail->BindInt64(1, id));
  CONGVAN_RETURN_IF_ERROR(fail->BindText(2, worker));
  CONGVAN_RETURN_IF_ERROR(fail->BindText(3, error));
  CONGVAN_RETURN_IF_ERROR(fail->BindInt64(4, retry ? 1 : 0));
  CONGVAN_RETURN_IF_ERROR(fail->BindInt64(5, max_attempts_));
  CONGVAN_RETURN_IF_ERROR(fail->BindInt64(6, *now));
  Result<bool> row = fail->Step();
  if (!row.ok()) return row.status();
  if (*row) {
    const JobState state = ParseState(fail->ColumnText(0));
    Result<bool> more = fail->Step();
    if (!more.ok()) return more.status();
    return state;
  }
  // Not this worker's any more: say what it is now.
  Result<std::optional<JobRecord>> found = Find(id);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return Status::NotFound("no job " + std::to_string(id));
  return (*found)->state;
}

Result<bool> JobQueue::Release(std::int64_t id, std::string_view worker) {
  Result<Statement> release = Statement::Prepare(
      db_, "UPDATE jobs SET state = 'queued', worker = '', lease_until_ms = 0, "
           "attempts = attempts - 1 WHERE id = ?1 AND worker = ?2 AND state = 'claimed'");
  if (!release.ok()) return release.status();
  CONGVAN_RETURN_IF_ERROR(release->BindInt64(1, id));
  CONGVAN_RETURN_IF_ERROR(release->BindText(2, worker));
  CONGVAN_RETURN_IF_ERROR(release->Run());
  return release->Changes() > 0;
}

Result<std::optional<JobRecord>> JobQueue::Find(std::int64_t id) {
  Result<Statement> find = Statement::Prepare(
      db_, "SELECT " + std::string(kColumns) + " FROM jobs WHERE id = ?1");
  if (!find.ok()) return find.status();
  CONGVAN_RETURN_IF_ERROR(find->BindInt64(1, id));
  Result<bool> row = find->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<JobRecord>();
  return std::optional<JobRecord>(ReadRecord(*find));
}

Result<QueueCounts> JobQueue::Counts() {
  Result<std::int64_t> now = NowMs();
  if (!now.ok()) return now.status();
  Result<Statement> counts = Statement::Prepare(
      db_, "SELECT state, count(*), "
           "sum(CASE WHEN state = 'claimed' AND lease_until_ms < ?1 THEN 1 ELSE 0 END) "
           "FROM jobs GROUP BY state");
  if (!counts.ok()) return counts.status();
  CONGVAN_RETURN_IF_ERROR(counts->BindInt64(1, *now));
  QueueCounts out;
  for (;;) {
    Result<bool> row = counts->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const std::int64_t n = counts->ColumnInt64(1);
    switch (ParseState(counts->ColumnText(0))) {
      case JobState::kQueued: out.queued = n; break;
      case JobState::kClaimed:
        out.claimed = n;
        out.expired = counts->ColumnInt64(2);
        break;
      case JobState::kDone: out.done = n; break;
      case JobState::kFailed: out.failed = n; break;
    }
  }
  return out;
}

}  // namespace congvan::registry
