#include "registry/statement.h"

#include <sqlite3.h>

#include <utility>

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

}  // namespace

Status SqliteError(sqlite3* db, const std::string& what) {
  if (db == nullptr) return Status::Internal(what + ": no SQLite connection");
  const int rc = sqlite3_extended_errcode(db);
  return Status(CodeFor(rc), what + ": " + sqlite3_errmsg(db));
}

Status SqliteError(int rc, const std::string& what) {
  return Status(CodeFor(rc), what + ": " + sqlite3_errstr(rc));
}

void Statement::Finalizer::operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }

Result<Statement> Statement::Prepare(sqlite3* db, std::string_view sql) {
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
  // SQLITE_TRANSIENT: SQLite copies the bytes, so the caller's buffer may die before Step().
  return BindResult(sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(),
                                        SQLITE_TRANSIENT, SQLITE_UTF8),
                    index);
}

Status Statement::BindInt64(int index, std::int64_t value) {
  return BindResult(sqlite3_bind_int64(stmt_.get(), index, value), index);
}

Status Statement::BindDouble(int index, double value) {
  return BindResult(sqlite3_bind_double(stmt_.get(), index, value), index);
}

Status Statement::BindNull(int index) {
  return BindResult(sqlite3_bind_null(stmt_.get(), index), index);
}

Result<bool> Statement::Step() {
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
  // sqlite3_reset's return value repeats the last step's error, which Step() already reported.
  sqlite3_reset(stmt_.get());
}

std::string Statement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_.get(), column);
  if (text == nullptr) return {};
  // column_bytes after column_text gives the UTF-8 length, embedded NULs included.
  const int size = sqlite3_column_bytes(stmt_.get(), column);
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

std::int64_t Statement::ColumnInt64(int column) const {
  return sqlite3_column_int64(stmt_.get(), column);
}

double Statement::ColumnDouble(int column) const {
  return sqlite3_column_double(stmt_.get(), column);
}

Status Exec(sqlite3* db, const char* sql) {
  // sqlite3_exec runs every statement in a script; its error text is the connection's errmsg.
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
  sqlite3_free(error);
  if (rc != SQLITE_OK) return SqliteError(db, "running SQL");
  return Status::Ok();
}

Result<std::int64_t> QueryInt64(sqlite3* db, const char* sql) {
  Result<Statement> stmt = Statement::Prepare(db, sql);
  if (!stmt.ok()) return stmt.status();
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal(std::string("no result from: ") + sql);
  return stmt->ColumnInt64(0);
}

Result<Transaction> Transaction::Begin(sqlite3* db, Mode mode) {
  const char* sql = mode == Mode::kImmediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED";
  Status status = Exec(db, sql);
  if (!status.ok()) return status.WithContext("starting a transaction");
  return Transaction(db);
}

Transaction::Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Transaction::~Transaction() {
  // A failed ROLLBACK has nobody to report to; SQLite rolls back on close anyway.
  if (db_ != nullptr && !sqlite3_get_autocommit(db_)) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

Status Transaction::Commit() {
  if (db_ == nullptr) return Status::Internal("commit of a finished transaction");
  Status status = Exec(db_, "COMMIT");
  if (!status.ok()) return status.WithContext("committing");
  db_ = nullptr;
  return Status::Ok();
}

}  // namespace congvan::registry
