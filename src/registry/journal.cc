#include "registry/journal.h"

#include <array>
#include <chrono>
#include <utility>

#include "registry/statement.h"

namespace congvan::registry {
namespace {

constexpr std::array<std::pair<FileState, const char*>, 6> kStateNames = {{
    {FileState::kSeen, "seen"},
    {FileState::kClaimed, "claimed"},
    {FileState::kDone, "done"},
    {FileState::kDuplicate, "duplicate"},
    {FileState::kFailed, "failed"},
    {FileState::kRemoved, "removed"},
}};

constexpr const char kColumns[] =
    "SELECT id, path, size, mtime_ns, sha256, state, outcome, document_id, pages, moved_to, "
    "error, attempts, seen_ms, claimed_ms, finished_ms, watcher, lease_until_ms "
    "FROM file_journal ";

JournalEntry ReadEntry(const Statement& s) {
  JournalEntry e;
  e.id = s.ColumnInt64(0);
  e.path = s.ColumnText(1);
  e.size = s.ColumnInt64(2);
  e.mtime_ns = s.ColumnInt64(3);
  e.sha256 = s.ColumnText(4);
  e.state = ParseFileState(s.ColumnText(5)).value_or(FileState::kSeen);
  e.outcome = ParseFileState(s.ColumnText(6));
  e.document_id = s.ColumnInt64(7);
  e.pages = static_cast<int>(s.ColumnInt64(8));
  e.moved_to = s.ColumnText(9);
  e.error = s.ColumnText(10);
  e.attempts = static_cast<int>(s.ColumnInt64(11));
  e.seen_ms = s.ColumnInt64(12);
  e.claimed_ms = s.ColumnInt64(13);
  e.finished_ms = s.ColumnInt64(14);
  e.watcher = s.ColumnText(15);
  e.lease_until_ms = s.ColumnInt64(16);
  return e;
}

Result<std::vector<JournalEntry>> ReadEntries(Statement& stmt) {
  std::vector<JournalEntry> out;
  for (;;) {
    Result<bool> row = stmt.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(ReadEntry(stmt));
  }
}

// Runs an UPDATE and fails when it touched no row in the expected state: a journal entry that
// is not where the caller thinks it is means two watchers share one registry, or a bug.
Status RunUpdate(Statement& stmt, std::int64_t id, const char* expected) {
  CONGVAN_RETURN_IF_ERROR(stmt.Run());
  if (stmt.Changes() == 0) {
    return Status::NotFound("journal entry " + std::to_string(id) + " is not " + expected);
  }
  return Status::Ok();
}

}  // namespace

const char* FileStateName(FileState state) {
  for (const auto& [s, name] : kStateNames) {
    if (s == state) return name;
  }
  return "seen";
}

std::optional<FileState> ParseFileState(std::string_view name) {
  for (const auto& [s, n] : kStateNames) {
    if (name == n) return s;
  }
  return std::nullopt;
}

std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<std::int64_t> Journal::Seen(const std::string& path, std::int64_t size,
                                   std::int64_t mtime_ns, std::int64_t now_ms) {
  const Connection db = registry_.db();
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
  if (!tx.ok()) return tx.status();
  Result<Statement> find = Statement::Prepare(
      db, "SELECT id FROM file_journal WHERE path = ?1 AND watcher = ?2 AND state = 'seen' "
          "ORDER BY id LIMIT 1");
  if (!find.ok()) return find.status();
  CONGVAN_RETURN_IF_ERROR(find->BindText(1, path));
  CONGVAN_RETURN_IF_ERROR(find->BindText(2, watcher_));
  Result<bool> row = find->Step();
  if (!row.ok()) return row.status();
  std::int64_t id = 0;
  if (*row) {
    id = find->ColumnInt64(0);
    Result<Statement> update = Statement::Prepare(
        db, "UPDATE file_journal SET size = ?2, mtime_ns = ?3 WHERE id = ?1");
    if (!update.ok()) return update.status();
    CONGVAN_RETURN_IF_ERROR(update->BindInt64(1, id));
    CONGVAN_RETURN_IF_ERROR(update->BindInt64(2, size));
    CONGVAN_RETURN_IF_ERROR(update->BindInt64(3, mtime_ns));
    CONGVAN_RETURN_IF_ERROR(update->Run());
  } else {
    // PostgreSQL has no last_insert_rowid(): the INSERT returns the id there.
    Result<Statement> insert = Statement::Prepare(
        db, std::string("INSERT INTO file_journal (path, size, mtime_ns, state, seen_ms, watcher) "
                        "VALUES (?1, ?2, ?3, 'seen', ?4, ?5)") +
                (db.is_postgres() ? " RETURNING id" : ""));
    if (!insert.ok()) return insert.status();
    CONGVAN_RETURN_IF_ERROR(insert->BindText(1, path));
    CONGVAN_RETURN_IF_ERROR(insert->BindInt64(2, size));
    CONGVAN_RETURN_IF_ERROR(insert->BindInt64(3, mtime_ns));
    CONGVAN_RETURN_IF_ERROR(insert->BindInt64(4, now_ms));
    CONGVAN_RETURN_IF_ERROR(insert->BindText(5, watcher_));
    if (db.is_postgres()) {
      Result<bool> returned = insert->Step();
      if (!returned.ok()) return returned.status();
      if (!*returned) return Status::Internal("INSERT … RETURNING gave no id");
      id = insert->ColumnInt64(0);
    } else {
      CONGVAN_RETURN_IF_ERROR(insert->Run());
      Result<std::int64_t> last = QueryInt64(db, "SELECT last_insert_rowid()");
      if (!last.ok()) return last.status();
      id = *last;
    }
  }
  CONGVAN_RETURN_IF_ERROR(tx->Commit());
  return id;
}

Status Journal::Claim(std::int64_t id, const std::string& sha256, std::int64_t now_ms) {
  const Connection db = registry_.db();
  Result<Statement> stmt = Statement::Prepare(
      db, "UPDATE file_journal SET state = 'claimed', sha256 = ?2, claimed_ms = ?3, "
          "lease_until_ms = ?4, attempts = attempts + 1 WHERE id = ?1 AND state = 'seen'");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, id));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(2, sha256));
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(3, now_ms));
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(4, now_ms + lease_ms_));
  return RunUpdate(*stmt, id, "seen");
}

Status Journal::RenewLeases(std::int64_t now_ms) {
  Result<Statement> stmt = Statement::Prepare(
      registry_.db(), "UPDATE file_journal SET lease_until_ms = ?2 "
                      "WHERE watcher = ?1 AND state = 'claimed'");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, watcher_));
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(2, now_ms + lease_ms_));
  return stmt->Run();
}

Result<bool> Journal::ContentHeldElsewhere(std::int64_t id, std::int64_t now_ms) {
  // An outcome decided means that claim's registration is committed: nothing to wait for.
  Result<Statement> stmt = Statement::Prepare(
      registry_.db(),
      "SELECT 1 FROM file_journal mine JOIN file_journal other ON other.sha256 = mine.sha256 "
      "WHERE mine.id = ?1 AND mine.sha256 <> '' AND other.id <> mine.id "
      "AND other.state = 'claimed' AND other.outcome = '' AND other.lease_until_ms > ?2 "
      "AND (other.claimed_ms < mine.claimed_ms OR "
      "(other.claimed_ms = mine.claimed_ms AND other.id < mine.id)) LIMIT 1");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, id));
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(2, now_ms));
  return stmt->Step();
}

Status Journal::Decide(std::int64_t id, const FileOutcome& outcome) {
  if (outcome.state != FileState::kDone && outcome.state != FileState::kDuplicate &&
      outcome.state != FileState::kFailed) {
    return Status::InvalidInput(std::string("a file cannot end as ") +
                                FileStateName(outcome.state));
  }
  const Connection db = registry_.db();
  Result<Statement> stmt = Statement::Prepare(
      db, "UPDATE file_journal SET outcome = ?2, document_id = ?3, pages = ?4, "
          "sha256 = CASE WHEN ?5 = '' THEN sha256 ELSE ?5 END, error = ?6, moved_to = ?7 "
          "WHERE id = ?1 AND state = 'claimed'");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, id));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(2, FileStateName(outcome.state)));
  if (outcome.document_id > 0) {
    CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(3, outcome.document_id));
  } else {
    CONGVAN_RETURN_IF_ERROR(stmt->BindNull(3));
  }
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(4, outcome.pages));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(5, outcome.sha256));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(6, outcome.error));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(7, outcome.moved_to));
  return RunUpdate(*stmt, id, "claimed");
}

Status Journal::Finish(std::int64_t id, const std::string& moved_to, const std::string& remark,
                       std::int64_t now_ms) {
  const Connection db = registry_.db();
  Result<Statement> stmt = Statement::Prepare(
      db, "UPDATE file_journal SET state = outcome, moved_to = ?2, finished_ms = ?3, "
          "error = CASE WHEN ?4 = '' THEN error WHEN error = '' THEN ?4 "
          "ELSE error || '; ' || ?4 END "
          "WHERE id = ?1 AND state = 'claimed' AND outcome <> ''");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, id));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(2, moved_to));
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(3, now_ms));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(4, remark));
  return RunUpdate(*stmt, id, "claimed with a decided outcome");
}

Status Journal::Removed(std::int64_t id, const std::string& why, std::int64_t now_ms) {
  const Connection db = registry_.db();
  Result<Statement> stmt = Statement::Prepare(
      db, "UPDATE file_journal SET state = 'removed', error = ?2, finished_ms = ?3 "
          "WHERE id = ?1 AND state IN ('seen', 'claimed')");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, id));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(2, why));
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(3, now_ms));
  return RunUpdate(*stmt, id, "seen or claimed");
}

Status Journal::Requeue(std::int64_t id, bool count_attempt) {
  const Connection db = registry_.db();
  Result<Statement> stmt = Statement::Prepare(
      db, count_attempt ? "UPDATE file_journal SET state = 'seen' "
                          "WHERE id = ?1 AND state = 'claimed' AND outcome = ''"
                        : "UPDATE file_journal SET state = 'seen', "
                          "attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END "
                          "WHERE id = ?1 AND state = 'claimed' AND outcome = ''");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, id));
  return RunUpdate(*stmt, id, "claimed without an outcome");
}

Result<std::optional<JournalEntry>> Journal::Find(std::int64_t id) {
  Result<Statement> stmt =
      Statement::Prepare(registry_.db(), std::string(kColumns) + "WHERE id = ?1");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, id));
  Result<std::vector<JournalEntry>> found = ReadEntries(*stmt);
  if (!found.ok()) return found.status();
  if (found->empty()) return std::optional<JournalEntry>();
  return std::optional<JournalEntry>(std::move(found->front()));
}

Result<std::vector<JournalEntry>> Journal::Unfinished() {
  Result<Statement> stmt = Statement::Prepare(
      registry_.db(),
      std::string(kColumns) + "WHERE state IN ('seen', 'claimed') AND watcher = ?1 ORDER BY id");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, watcher_));
  return ReadEntries(*stmt);
}

Result<bool> Journal::FinishedInPlace(const std::string& path, std::int64_t size,
                                      std::int64_t mtime_ns) {
  Result<Statement> stmt = Statement::Prepare(
      registry_.db(),
      "SELECT 1 FROM file_journal WHERE path = ?1 AND size = ?2 AND mtime_ns = ?3 "
      "AND state IN ('done', 'duplicate', 'failed') AND moved_to = '' AND watcher = ?4 LIMIT 1");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(4, watcher_));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, path));
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(2, size));
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(3, mtime_ns));
  return stmt->Step();
}

Result<JournalSummary> Journal::Summarize(std::int64_t now_ms, std::int64_t window_ms,
                                          int max_failures) {
  const Connection db = registry_.db();
  // One snapshot for every count, so the figures add up.
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kDeferred);
  if (!tx.ok()) return tx.status();
  JournalSummary s;
  Result<Statement> counts = Statement::Prepare(
      db, "SELECT "
          "count(*) FILTER (WHERE state = 'seen'), "
          "count(*) FILTER (WHERE state = 'claimed'), "
          "count(*) FILTER (WHERE state = 'done' AND finished_ms >= ?1), "
          "count(*) FILTER (WHERE state = 'duplicate' AND finished_ms >= ?1), "
          "count(*) FILTER (WHERE state = 'failed' AND finished_ms >= ?1), "
          "count(*) FILTER (WHERE state = 'removed' AND finished_ms >= ?1), "
          "coalesce(sum(pages) FILTER (WHERE state = 'done' AND finished_ms >= ?1), 0), "
          "coalesce(avg(finished_ms - seen_ms) FILTER (WHERE state = 'done' AND "
          "finished_ms >= ?1), 0), "
          "coalesce(min(claimed_ms) FILTER (WHERE finished_ms >= ?1 AND claimed_ms > 0), 0), "
          "coalesce(max(finished_ms) FILTER (WHERE finished_ms >= ?1), 0), "
          "count(finished_ms) "
          "FROM file_journal");
  if (!counts.ok()) return counts.status();
  CONGVAN_RETURN_IF_ERROR(counts->BindInt64(1, now_ms - window_ms));
  Result<bool> row = counts->Step();
  if (!row.ok()) return row.status();
  s.seen = counts->ColumnInt64(0);
  s.claimed = counts->ColumnInt64(1);
  s.done = counts->ColumnInt64(2);
  s.duplicates = counts->ColumnInt64(3);
  s.failed = counts->ColumnInt64(4);
  s.removed = counts->ColumnInt64(5);
  s.pages = counts->ColumnInt64(6);
  s.mean_seconds_to_finish = counts->ColumnDouble(7) / 1000.0;
  s.first_claimed_ms = counts->ColumnInt64(8);
  s.last_finished_ms = counts->ColumnInt64(9);
  s.all_time_finished = counts->ColumnInt64(10);

  Result<Statement> failures = Statement::Prepare(
      db, std::string(kColumns) + "WHERE state = 'failed' ORDER BY finished_ms DESC, id DESC "
                                  "LIMIT ?1");
  if (!failures.ok()) return failures.status();
  CONGVAN_RETURN_IF_ERROR(failures->BindInt64(1, max_failures));
  Result<std::vector<JournalEntry>> recent = ReadEntries(*failures);
  if (!recent.ok()) return recent.status();
  s.recent_failures = std::move(recent).value();
  return s;
}

}  // namespace congvan::registry
