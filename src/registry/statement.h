// Small RAII wrappers over the registry's database: a prepared statement, a transaction, and
// the translation of SQLite errors into Status.
//
// Each works on a Connection (connection.h): SQLite through its C API, PostgreSQL through
// libpq (pg_statement.h), with the same calls, so one function serves both backends when its
// SQL is common to the two dialects. SQL is written as for SQLite, with `?N` parameters.
//
// Every value reaches SQL through a bound parameter; the only SQL text built at run time is
// the integer in `PRAGMA user_version = N`, which PRAGMA cannot take as a parameter.
#ifndef CONGVAN_REGISTRY_STATEMENT_H_
#define CONGVAN_REGISTRY_STATEMENT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "registry/connection.h"

struct sqlite3;
struct sqlite3_stmt;

namespace congvan::registry {

class PgStatement;

// The error an SQLite-only operation gives on a PostgreSQL registry.
Status NotOnPostgres();

// A Status for the last error on `db`: `what` plus sqlite3_errmsg, with a Code chosen from the
// SQLite result code (a file that is not a database is invalid input, a disk error is I/O...).
Status SqliteError(sqlite3* db, const std::string& what);

// The Status for SQLite result code `rc` when no connection can explain it (e.g. open failed
// before a handle existed).
Status SqliteError(int rc, const std::string& what);

// One prepared statement; finalized when the object dies.
class Statement {
 public:
  // Compiles `sql` (a single statement) on `db`. On PostgreSQL the SQL is sent when Step()
  // first runs, so an error in it is reported there.
  static Result<Statement> Prepare(Connection db, std::string_view sql);

  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;
  ~Statement();

  // Binds parameter `index` (1-based). Text is copied by SQLite, so temporaries are fine.
  Status BindText(int index, std::string_view text);
  Status BindInt64(int index, std::int64_t value);
  Status BindDouble(int index, double value);
  Status BindNull(int index);

  // Advances one step: true when a row is available, false when the statement is done.
  Result<bool> Step();

  // Steps until done, for statements that return no rows (INSERT, UPDATE, DELETE).
  Status Run();

  // Rewinds the statement so it can run again; bindings are kept until rebound.
  void Reset();

  // Column accessors for the current row (0-based). NULL reads as "" / 0.
  std::string ColumnText(int column) const;
  std::int64_t ColumnInt64(int column) const;
  double ColumnDouble(int column) const;

  // Rows changed by the last INSERT, UPDATE or DELETE this statement ran (not those changed
  // by cascades or triggers).
  std::int64_t Changes() const;

 private:
  struct Finalizer { void operator()(sqlite3_stmt* stmt) const; };
  Statement(sqlite3* db, sqlite3_stmt* stmt);
  explicit Statement(std::unique_ptr<PgStatement> pg);
  Status BindResult(int rc, int index);

  sqlite3* db_ = nullptr;  // not owned; outlives the statement
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
  std::unique_ptr<PgStatement> pg_;  // set instead of db_ and stmt_ on PostgreSQL
};

// The id of a row an INSERT adds: PostgreSQL has no last_insert_rowid(), so the INSERT returns
// it there. Append InsertReturningId(db) to the INSERT's SQL and run it with RunInsert().
std::string InsertReturningId(Connection db);  // " RETURNING id" on PostgreSQL, else ""
Result<std::int64_t> RunInsert(Connection db, Statement& insert);

// Runs SQL with no parameters and no result rows (schema scripts, BEGIN/COMMIT, PRAGMAs).
Status Exec(Connection db, const char* sql);

// Reads the single integer a statement like `PRAGMA user_version` returns.
Result<std::int64_t> QueryInt64(Connection db, const char* sql);

// A transaction that rolls back unless Commit() succeeds, so an early error return can never
// leave half a document behind.
//
// On PostgreSQL a deferred transaction reads one snapshot (REPEATABLE READ); an immediate one
// takes a lock that every immediate transaction of the registry takes, so writers run one at a
// time as on SQLite and check-then-insert code cannot race there either.
class Transaction {
 public:
  enum class Mode {
    kDeferred,   // readers: a consistent snapshot across several SELECTs
    kImmediate,  // writers: takes the write lock up front, so check-then-insert cannot race
  };

  static Result<Transaction> Begin(Connection db, Mode mode);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();

  // Commits; after a failed commit the destructor still rolls back.
  Status Commit();

 private:
  explicit Transaction(Connection db) : db_(db), open_(true) {}
  Connection db_;
  bool open_ = false;  // false once committed or moved from
};

// Runs `sql` with the id `id` bound to ?1 and calls `on_row(statement)` for each row; how the
// registry reads the rows that belong to one document (pages, tasks, addressees, references).
template <typename OnRow>
Status ForEachRowOf(Connection db, std::string_view sql, std::int64_t id, OnRow on_row) {
  Result<Statement> stmt = Statement::Prepare(db, sql);
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, id));
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    on_row(*stmt);
  }
}

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_STATEMENT_H_
