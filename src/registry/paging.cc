#include "registry/paging.h"

#include "registry/statement.h"
#include "registry/task_sql.h"
#include "text/dates.h"
#include "text/tokens.h"

namespace congvan::registry {
namespace {

// Most rows one page may hold: a page of a list, not an export.
constexpr int kMaxPageRows = 1000;

Status CheckWindow(std::int64_t offset, int limit) {
  if (offset < 0) return Status::InvalidInput("Vị trí trang không được âm.");
  if (limit < 1 || limit > kMaxPageRows) {
    return Status::InvalidInput("Một trang có từ 1 đến " + std::to_string(kMaxPageRows) + " dòng.");
  }
  return Status::Ok();
}

// The distinct keys of `kind` (name_keys, schema version 5) holding the folded words of `text`
// as whole words in order: a few hundred short strings scanned, whose matches then drive an
// index.
Result<std::string> KeysHolding(SqlBuilder& q, const text::Folder& folder, const char* kind,
                                const std::string& text, const char* what) {
  const std::string key = folder.Key(text);
  if (key.empty()) return Status::InvalidInput(std::string("Bộ lọc ") + what + " không có từ nào.");
  return std::string("SELECT key FROM name_keys WHERE kind = '") + kind +
         "' AND instr(' ' || key || ' ', " + q.Param(" " + key + " ") + ") > 0";
}

Status AppendLetterConditions(SqlBuilder& q, const text::Folder& folder, const LetterFilter& f,
                              TimePoint now) {
  if (!f.issuer.empty()) {
    Result<std::string> keys = KeysHolding(q, folder, "issuer", f.issuer, "cơ quan ban hành");
    if (!keys.ok()) return keys.status();
    q.Append(" AND d.issuer_key IN (" + *keys + ")");
  }
  // One task must hold both: "letters where Phòng Nội vụ has an overdue task".
  if (!f.assignee.empty() || !f.states.empty()) {
    q.Append(" AND d.id IN (SELECT t.document_id FROM tasks t WHERE true");
    if (!f.assignee.empty()) {
      Result<std::string> keys = KeysHolding(q, folder, "assignee", f.assignee, "đơn vị");
      if (!keys.ok()) return keys.status();
      q.Append(" AND t.assignee_key IN (" + *keys + ")");
    }
    if (!f.states.empty()) {
      const std::string now_param = q.Param(LocalMinute(now));
      // With a unit, its index (tasks_assignee_due) is the short way in; the unary plus keeps
      // SQLite from walking every overdue task of the registry through tasks_status_due instead
      // (as task_sql.cc does for the task list).
      std::string any = "(";
      for (std::size_t i = 0; i < f.states.size(); ++i) {
        any += (i > 0 ? " OR " : "") + StateCondition(f.states[i], now_param);
      }
      any += ")";
      q.Append(" AND " + (f.assignee.empty() ? any : q.Unindexed(any)));
    }
    q.Append(")");
  }
  for (const auto& [date, op] : {std::pair{&f.date_min, " >= "}, std::pair{&f.date_max, " <= "}}) {
    if (date->empty()) continue;
    if (!text::IsIsoDate(*date)) return Status::InvalidInput("Ngày không hợp lệ: " + *date);
    q.Append(" AND d.date <> '' AND d.date" + std::string(op) + q.Param(*date));
  }
  if (f.urgency == "khan") {
    // The urgent letters from documents_urgency first: tested row by row, the generated
    // column would parse every letter's fields_json.
    q.Append(" AND d.id IN (SELECT id FROM documents WHERE urgency > '')");
  } else if (!f.urgency.empty()) {
    q.Append(" AND d.id IN (SELECT id FROM documents WHERE urgency = " + q.Param(f.urgency) + ")");
  }
  return Status::Ok();
}

// The ORDER BY keys of `sort` over documents `d` and arrivals `a`; each ends on a unique column.
std::string LetterOrder(LetterSort sort, bool descending, Connection db) {
  const std::string dir = descending ? " DESC" : "";
  switch (sort) {
    case LetterSort::kArrival:
      return "a.arrival_date" + dir + ", a.year" + dir + ", a.number" + dir;
    case LetterSort::kRef:
      // congvan_leading_int() is SQLite's CAST on PostgreSQL, whose CAST refuses "99/UBND".
      return std::string(db.is_postgres() ? "congvan_leading_int(d.doc_ref)"
                                          : "CAST(d.doc_ref AS INTEGER)") +
             dir + ", d.doc_ref" + dir + ", d.id" + dir;
    case LetterSort::kDate: return "d.date" + dir + ", d.id" + dir;
    case LetterSort::kIssuer: return "d.issuer_key" + dir + ", d.id" + dir;
  }
  return "d.id";
}

// The ORDER BY keys of `sort` over tasks `t`, matching an index of schema version 5.
std::string TaskOrder(TaskSort sort, bool descending) {
  const std::string dir = descending ? " DESC" : "";
  switch (sort) {
    case TaskSort::kDue: return "t.due_at" + dir + ", t.document_id" + dir + ", t.position" + dir;
    case TaskSort::kAssignee:
      return "t.assignee_key" + dir + ", t.due_at" + dir + ", t.document_id" + dir +
             ", t.position" + dir;
    case TaskSort::kLetter: return "t.document_id" + dir + ", t.position";
  }
  return "t.id";
}

template <typename Row, typename Read>
Result<std::vector<Row>> ReadAll(const SqlBuilder& q, Connection db, Read read) {
  Result<Statement> stmt = q.Prepare(db);
  if (!stmt.ok()) return stmt.status();
  std::vector<Row> out;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(read(*stmt));
  }
}

Result<std::int64_t> CountOf(const SqlBuilder& q, Connection db) {
  Result<Statement> stmt = q.Prepare(db);
  if (!stmt.ok()) return stmt.status();
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  return *row ? stmt->ColumnInt64(0) : 0;
}

}  // namespace

Result<std::vector<LetterRow>> ListLetters(const Registry& registry, const LetterFilter& filter,
                                           LetterSort sort, bool descending, std::int64_t offset,
                                           int limit, TimePoint now) {
  CONGVAN_RETURN_IF_ERROR(CheckWindow(offset, limit));
  const std::string order = LetterOrder(sort, descending, registry.db());
  // Two steps, as the task list does: the page's ids from the indexes alone, then the rows of
  // those only (a documents row holds the letter's whole text before the listed columns).
  SqlBuilder q(registry.db());
  q.Append("SELECT d.id, d.doc_ref, d.doc_type, d.issuer, d.date, d.subject, d.urgency, a.number, "
           "a.arrival_date, (SELECT count(*) FROM tasks WHERE document_id = d.id) FROM (SELECT d.id");
  // Every letter has its arrival (schema version 9); only the arrival order needs the join.
  q.Append(sort == LetterSort::kArrival
               ? " FROM arrivals a JOIN documents d ON d.sha256 = a.sha256 WHERE true"
               : " FROM documents d WHERE true");
  CONGVAN_RETURN_IF_ERROR(AppendLetterConditions(q, registry.folder(), filter, now));
  q.Append(" ORDER BY " + order + " LIMIT " + q.Param(std::int64_t{limit}) + " OFFSET " +
           q.Param(offset) +
           ") AS picked JOIN documents d ON d.id = picked.id LEFT JOIN arrivals a ON "
           "a.sha256 = d.sha256 ORDER BY " + order);
  return ReadAll<LetterRow>(q, registry.db(), [](const Statement& s) {
    LetterRow r;
    r.id = s.ColumnInt64(0);
    r.doc_ref = s.ColumnText(1);
    r.doc_type = s.ColumnText(2);
    r.issuer = s.ColumnText(3);
    r.date = s.ColumnText(4);
    r.subject = s.ColumnText(5);
    r.urgency = s.ColumnText(6);
    r.arrival_number = s.ColumnInt64(7);
    r.arrival_date = s.ColumnText(8);
    r.task_count = s.ColumnInt64(9);
    return r;
  });
}

Result<std::int64_t> CountLetters(const Registry& registry, const LetterFilter& filter,
                                  TimePoint now) {
  SqlBuilder q(registry.db());
  q.Append("SELECT count(*) FROM documents d WHERE true");
  CONGVAN_RETURN_IF_ERROR(AppendLetterConditions(q, registry.folder(), filter, now));
  return CountOf(q, registry.db());
}

Result<std::vector<TaskView>> ListTaskPage(const Registry& registry, const TaskFilter& filter,
                                           TaskSort sort, bool descending, std::int64_t offset,
                                           int limit, TimePoint now) {
  CONGVAN_RETURN_IF_ERROR(CheckWindow(offset, limit));
  const std::string order = TaskOrder(sort, descending);
  SqlBuilder q(registry.db());
  q.Append(std::string("SELECT ") + kTaskViewColumns + " FROM (SELECT t.id FROM tasks t WHERE true");
  CONGVAN_RETURN_IF_ERROR(AppendTaskConditions(q, registry.folder(), filter, now));
  q.Append(" ORDER BY " + order + " LIMIT " + q.Param(std::int64_t{limit}) + " OFFSET " +
           q.Param(offset) +
           ") AS picked JOIN tasks t ON t.id = picked.id JOIN documents d ON d.id = t.document_id"
           " ORDER BY " + order);
  return ReadAll<TaskView>(q, registry.db(),
                           [now](const Statement& s) { return ReadTaskView(s, now); });
}

Result<std::int64_t> CountTasks(const Registry& registry, const TaskFilter& filter, TimePoint now) {
  SqlBuilder q(registry.db());
  q.Append("SELECT count(*) FROM tasks t WHERE true");
  CONGVAN_RETURN_IF_ERROR(AppendTaskConditions(q, registry.folder(), filter, now));
  return CountOf(q, registry.db());
}

}  // namespace congvan::registry
