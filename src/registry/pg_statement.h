// PgStatement: the PostgreSQL side of registry::Statement (statement.h). It takes the
// registry's SQL as written for SQLite, with `?N` and `?` placeholders, and runs it through
// libpq: placeholders become `$N`, bound values travel as text and the server infers their
// types, and the first Step() runs the query and keeps its rows.
#ifndef CONGVAN_REGISTRY_PG_STATEMENT_H_
#define CONGVAN_REGISTRY_PG_STATEMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "registry/pg_connection.h"

namespace congvan::registry {

// `sql` with SQLite's parameters `?N` and `?` rewritten as PostgreSQL's `$N` (a bare `?` is
// one more than the largest number before it, as in SQLite), leaving string literals, quoted
// names and comments alone. `parameters` receives the largest number used; `used`, when given,
// which of 1..that number appear (SQLite lets a statement skip some, PostgreSQL must be told
// their type).
Result<std::string> TranslatePlaceholders(std::string_view sql, int* parameters,
                                          std::vector<bool>* used = nullptr);

class PgStatement {
 public:
  static Result<PgStatement> Prepare(PgConnection* db, std::string_view sql);

  // Binds parameter `index` (1-based); std::nullopt is NULL. Kept until rebound.
  Status Bind(int index, std::optional<std::string> value);

  // The first call runs the statement; each call then moves to the next row.
  Result<bool> Step();
  void Reset();  // the next Step() runs the statement again

  bool IsNull(int column) const;
  std::string_view Text(int column) const;  // "" for NULL
  std::int64_t Int64(int column) const;     // 0 for NULL; booleans read as 1 and 0
  double Double(int column) const;          // 0 for NULL

  // Rows touched by the last INSERT, UPDATE or DELETE run.
  std::int64_t AffectedRows() const { return result_.AffectedRows(); }

 private:
  PgStatement(PgConnection* db, std::string sql, std::vector<bool> used);

  PgConnection* db_;  // not owned; outlives the statement
  std::string sql_;   // translated
  std::vector<std::optional<std::string>> params_;
  std::vector<unsigned> types_;  // 0: the server infers it; text for parameters the SQL skips
  PgResult result_;
  bool ran_ = false;
  int row_ = -1;  // the current row of result_
};

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_PG_STATEMENT_H_
