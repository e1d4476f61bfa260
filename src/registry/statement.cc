#include "registry/statement.h"

#include <sqlite3.h>

#include <cstdio>
#include <optional>
#include <utility>

#include "registry/pg_connection.h"
#include "registry/pg_statement.h"

namespace congvan::registry {
namespace {

// Chooses the Status code a user can act on from SQLite's primary result code.
Code CodeFor(int rc) {
  switch (rc & 0xff) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
      return Code::kInvalidInput;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_FULL:
    case SQLITE_PERM:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_AUTH:
      return Code::kIoError;
    default:
      return Code::kInternal;
  }
}

// Any number: what matters is that every writer of a registry takes the same lock.
constexpr const char kPostgresWriterLock[] = "SELECT pg_advisory_xact_lock(7239517060133740001)";

}  // namespace

Status NotOnPostgres() {
  return Status::Unsupported("this operation does not work on a PostgreSQL registry yet");
}

Status SqliteError(sqlite3* db, const std::string& what) {
  if (db == nullptr) return Status::Internal(what + ": no SQLite connection");
  const int rc = sqlite3_extended_errcode(db);
  return Status(CodeFor(rc), what + ": " + sqlite3_errmsg(db));
}

Status SqliteError(int rc, const std::string& what) {
  return Status(CodeFor(rc), what + ": " + sqlite3_errstr(rc));
}

void Statement::Finalizer::operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }

Statement::Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
Statement::Statement(std::unique_ptr<PgStatement> pg) : pg_(std::move(pg)) {}
Statement::Statement(Statement&&) noexcept = default;
Statement& Statement::operator=(Statement&&) noexcept = default;
Statement::~Statement() = default;

Result<Statement> Statement::Prepare(Connection connection, std::string_view sql) {
  if (connection.is_postgres()) {
    Result<PgStatement> pg = PgStatement::Prepare(connection.postgres(), sql);
    if (!pg.ok()) return pg.status();
    return Statement(std::make_unique<PgStatement>(std::move(*pg)));
  }
  sqlite3* db = connection.sqlite();
  if (db == nullptr) return NotOnPostgres();
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  Statement stmt(db, raw);  // owns `raw` from here, even on failure
  if (rc != SQLITE_OK) return SqliteError(db, "preparing SQL");
  if (raw == nullptr) return Status::Internal("preparing SQL: empty statement");
  return stmt;
}

Status Statement::BindResult(int rc, int index) {
  if (rc == SQLITE_OK) return Status::Ok();
  return SqliteError(db_, "binding parameter " + std::to_string(index));
}

Status Statement::BindText(int index, std::string_view text) {
  if (pg_) return pg_->Bind(index, std::string(text));
  // SQLITE_TRANSIENT: SQLite copies the bytes, so the caller's buffer may die before Step().
  return BindResult(sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(),
                                        SQLITE_TRANSIENT, SQLITE_UTF8),
                    index);
}

Status Statement::BindInt64(int index, std::int64_t value) {
  if (pg_) return pg_->Bind(index, std::to_string(value));
  return BindResult(sqlite3_bind_int64(stmt_.get(), index, value), index);
}

Status Statement::BindDouble(int index, double value) {
  if (pg_) {
    char text[32];  // %.17g: the shortest form that reads back as the same double
    std::snprintf(text, sizeof text, "%.17g", value);
    return pg_->Bind(index, std::string(text));
  }
  return BindResult(sqlite3_bind_double(stmt_.get(), index, value), index);
}

Status Statement::BindNull(int index) {
  if (pg_) return pg_->Bind(index, std::nullopt);
  return BindResult(sqlite3_bind_null(stmt_.get(), index), index);
}

Result<bool> Statement::Step() {
  if (pg_) return pg_->Step();
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(db_, "running SQL");
}

Status Statement::Run() {
  for (;;) {
    Result<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
  }
}

void Statement::Reset() {
  if (pg_) return pg_->Reset();
  // sqlite3_reset's return value repeats the last step's error, which Step() already reported.
  sqlite3_reset(stmt_.get());
}

std::string Statement::ColumnText(int column) const {
  if (pg_) return std::string(pg_->Text(column));
  const unsigned char* text = sqlite3_column_text(stmt_.get(), column);
  if (text == nullptr) return {};
  // column_bytes after column_text gives the UTF-8 length, embedded NULs included.
  const int size = sqlite3_column_bytes(stmt_.get(), column);
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

std::int64_t Statement::ColumnInt64(int column) const {
  if (pg_) return pg_->Int64(column);
  return sqlite3_column_int64(stmt_.get(), column);
}

double Statement::ColumnDouble(int column) const {
  if (pg_) return pg_->Double(column);
  return sqlite3_column_double(stmt_.get(), column);
}

std::int64_t Statement::Changes() const {
  if (pg_) return pg_->AffectedRows();
  return sqlite3_changes64(db_);
}

std::string InsertReturningId(Connection db) { return db.is_postgres() ? " RETURNING id" : ""; }

Result<std::int64_t> RunInsert(Connection db, Statement& insert) {
  if (!db.is_postgres()) {
    CONGVAN_RETURN_IF_ERROR(insert.Run());
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db.sqlite()));
  }
  Result<bool> row = insert.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("INSERT … RETURNING id gave no row");
  return insert.ColumnInt64(0);
}

Status Exec(Connection connection, const char* sql) {
  if (connection.is_postgres()) return connection.postgres()->Exec(sql);
  sqlite3* db = connection.sqlite();
  if (db == nullptr) return NotOnPostgres();
  // sqlite3_exec runs every statement in a script; its error text is the connection's errmsg.
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
  sqlite3_free(error);
  if (rc != SQLITE_OK) return SqliteError(db, "running SQL");
  return Status::Ok();
}

Result<std::int64_t> QueryInt64(Connection db, const char* sql) {
  Result<Statement> stmt = Statement::Prepare(db, sql);
  if (!stmt.ok()) return stmt.status();
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal(std::string("no result from: ") + sql);
  return stmt->ColumnInt64(0);
}

Result<Transaction> Transaction::Begin(Connection db, Mode mode) {
  Status status;
  if (db.is_postgres() && mode == Mode::kDeferred) {
    status = Exec(db, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  } else if (db.is_postgres()) {
    // READ COMMITTED, not a snapshot: the snapshot would be taken before the lock is granted,
    // and the writer would not see what the writer before it committed.
    status = Exec(db, "BEGIN ISOLATION LEVEL READ COMMITTED");
    if (status.ok()) {
      status = Exec(db, kPostgresWriterLock);
      if (!status.ok()) (void)Exec(db, "ROLLBACK");
    }
  } else {
    status = Exec(db, mode == Mode::kImmediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
  }
  if (!status.ok()) return status.WithContext("starting a transaction");
  return Transaction(db);
}

Transaction::Transaction(Transaction&& other) noexcept
    : db_(other.db_), open_(std::exchange(other.open_, false)) {}

Transaction::~Transaction() {
  if (!open_) return;
  // A failed ROLLBACK has nobody to report to; SQLite rolls back on close anyway, and
  // PostgreSQL when the connection ends.
  if (db_.is_postgres()) {
    if (db_.postgres()->InTransaction()) (void)db_.postgres()->Exec("ROLLBACK");
  } else if (!sqlite3_get_autocommit(db_.sqlite())) {
    sqlite3_exec(db_.sqlite(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

Status Transaction::Commit() {
  if (!open_) return Status::Internal("commit of a finished transaction");
  // PostgreSQL answers COMMIT of a failed transaction by rolling back without an error.
  if (db_.is_postgres() && db_.postgres()->TransactionFailed()) {
    return Status::Internal("committing: a statement of the transaction failed, nothing was saved");
  }
  Status status = Exec(db_, "COMMIT");
  if (!status.ok()) return status.WithContext("committing");
  open_ = false;
  return Status::Ok();
}

}  // namespace congvan::registry
