// Internal to the registry: SQL assembled from fixed fragments with every value bound, and the
// WHERE clauses the task list and the search share.
#ifndef CONGVAN_REGISTRY_TASK_SQL_H_
#define CONGVAN_REGISTRY_TASK_SQL_H_

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "base/status.h"
#include "registry/dates.h"
#include "registry/statement.h"
#include "registry/tasks.h"
#include "text/tokens.h"

namespace congvan::registry {

// SQL text plus its parameters. Only constant fragments are appended to `sql`; values go
// through Param(), which returns the "?N" to write in their place.
class SqlBuilder {
 public:
  using Value = std::variant<std::string, std::int64_t>;
  SqlBuilder() = default;  // SQL for SQLite
  // SQL for `db`'s backend: Unindexed() and NoLimit() differ on PostgreSQL.
  explicit SqlBuilder(Connection db) : postgres_(db.is_postgres()) {}

  std::string Param(Value value);
  void Append(const std::string& fragment) { sql_ += fragment; }
  const std::string& sql() const { return sql_; }
  // Prepares the SQL and binds every parameter.
  Result<Statement> Prepare(Connection db) const;

  // `expr` marked so that SQLite's planner does not use an index for it (a unary plus);
  // PostgreSQL's planner weighs indexes by statistics and takes `expr` as it is.
  std::string Unindexed(const std::string& expr) const { return postgres_ ? expr : "+" + expr; }

  // A LIMIT clause: `limit` rows, or all of them when it is 0.
  std::string Limit(int limit);

 private:
  bool postgres_ = false;
  std::string sql_;
  std::vector<Value> values_;
};

// Where the dialects differ in fragments the registry's SQL shares:
// How many rows of a group meet `condition`: SQLite sums the condition's 1s and 0s; PostgreSQL
// has no sum of booleans and counts the rows that pass a FILTER (a NULL condition is left out
// by both, and both give 0 for a group where none passes — SQLite's NULL sum reads as 0).
std::string CountWhere(Connection db, const std::string& condition);
// " INDEXED BY `index`": SQLite's planner told which index to read; "" on PostgreSQL, whose
// planner chooses by its statistics.
std::string IndexedBy(Connection db, const char* index);

// An FTS5 expression restricting `column` to the words of `text` as a phrase, folded:
// `assignee : "phong noi vu"`. Empty when `text` has no words.
std::string ColumnPhrase(const text::Folder& folder, const char* column, const std::string& text);

// Appends " AND …" conditions for `filter` on tasks aliased `t`; they read only the tasks row
// and indexed subqueries, so a query can pick task ids before joining anything. Assignee and
// issuer words are matched against the distinct keys in name_keys (schema version 5), which
// then drive the tasks(assignee_key, …) and documents(issuer_key) indexes. Fails on a filter
// with no words.
Status AppendTaskConditions(SqlBuilder& q, const text::Folder& folder, const TaskFilter& filter,
                            TimePoint now);

// True when `filter` restricts anything (AppendTaskConditions appends at least one condition).
bool HasConditions(const TaskFilter& filter);

// Appends " AND …" restricting documents aliased `d` to the number `doc_ref` (whole, or the part
// before "/" or "-"). Fails when `doc_ref` has no letters or digits.
Status AppendRefCondition(SqlBuilder& q, const text::Folder& folder, const std::string& doc_ref);

// The SQL condition on tasks `t` for one state, with `now_param` ("?N", local minute).
std::string StateCondition(TaskState state, const std::string& now_param);

// A TaskRecord from the current row's first 13 columns, in the order of the tasks table:
// id, assignee, action, cooperating, due_date, due_time, deadline_text, recurrence, flags,
// status, done_at, revision, assignee_key (the start of kTaskViewColumns).
TaskRecord ReadTaskRecord(const Statement& stmt);

// The assignment columns of a task row from column `first` on, in the order of
// kAssignmentColumns ("source, instruction, assigned_by, assigned_at", then assigned_from with -1 for NULL).
extern const char kAssignmentColumns[];
void ReadAssignmentColumns(const Statement& stmt, int first, TaskRecord& task);

// The columns ReadTaskView() expects, from tasks `t` joined with documents `d`.
extern const char kTaskViewColumns[];
inline constexpr int kTaskViewColumnCount = 27;

// A TaskView from the current row (columns kTaskViewColumns first), state computed for `now`.
TaskView ReadTaskView(const Statement& stmt, TimePoint now);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_TASK_SQL_H_
