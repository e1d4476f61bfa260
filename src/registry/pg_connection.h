// RAII wrappers over libpq, PostgreSQL's C client library, for the registry's PostgreSQL
// backend: a connection, a query result, and the translation of libpq errors into Status.
//
// Every value reaches SQL as a parameter sent in text form, its type inferred by the server
// from where it is used; results are read back as text (registry/pg_statement.h parses them).
#ifndef CONGVAN_REGISTRY_PG_CONNECTION_H_
#define CONGVAN_REGISTRY_PG_CONNECTION_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

struct pg_conn;
struct pg_result;

namespace congvan::registry {

// True when `db` names a PostgreSQL database (a libpq URI: "postgresql://…" or "postgres://…")
// rather than an SQLite file.
bool IsPostgresUri(std::string_view db);

// `uri` with its password, if any, replaced by "***", for messages and logs.
std::string RedactedUri(std::string_view uri);

// One query result; cleared when the object dies.
class PgResult {
 public:
  PgResult() = default;
  int rows() const;
  bool IsNull(int row, int column) const;
  // The value as text ("" for NULL), exactly the bytes the server sent.
  std::string_view Text(int row, int column) const;
  // How many rows an INSERT, UPDATE or DELETE touched.
  std::int64_t AffectedRows() const;

 private:
  friend class PgConnection;
  struct Clearer { void operator()(pg_result* result) const; };
  explicit PgResult(pg_result* result) : result_(result) {}
  std::unique_ptr<pg_result, Clearer> result_;
};

// One connection to a PostgreSQL server; closed when the object dies. Not thread-safe: use one
// per thread, like the SQLite connection.
class PgConnection {
 public:
  // Connects with a libpq URI. Fails with one line that says why (server not running, wrong
  // password, no such database...), never with the password in it.
  static Result<std::unique_ptr<PgConnection>> Connect(const std::string& uri);

  // Runs a script of one or more statements without parameters (schema migrations,
  // BEGIN/COMMIT).
  Status Exec(const std::string& sql);

  // Runs one statement with `$1`, `$2`... bound to `params` (std::nullopt is NULL). `types`
  // (empty, or one per parameter) gives type oids; 0 lets the server infer the type.
  Result<PgResult> Query(const std::string& sql,
                         const std::vector<std::optional<std::string>>& params,
                         const std::vector<unsigned>& types = {});

  // True while a transaction is open (also when it failed and awaits ROLLBACK).
  bool InTransaction() const;

  // True when a statement of the open transaction failed: only ROLLBACK is accepted now.
  bool TransactionFailed() const;

 private:
  struct Finisher { void operator()(pg_conn* conn) const; };
  explicit PgConnection(pg_conn* conn) : conn_(conn) {}
  Result<PgResult> Check(pg_result* result);

  std::unique_ptr<pg_conn, Finisher> conn_;
};

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_PG_CONNECTION_H_
