#include "registry/task_sql.h"

#include <algorithm>

#include <sqlite3.h>

#include "text/dates.h"

namespace congvan::registry {
namespace {

std::string NextDay(const std::string& iso) { return IsoFromDays(DaysFromIso(iso) + 1); }

// Document number: the whole number, or its leading part before "/" or "-" ("1138" finds
// "1138/UBND-NC"), as index ranges on documents.ref_key.
void AppendRefKeyCondition(SqlBuilder& q, const std::string& key) {
  const std::string k = q.Param(key);
  const std::string slash_lo = q.Param(key + "/"), slash_hi = q.Param(key + "0");
  const std::string dash_lo = q.Param(key + "-"), dash_hi = q.Param(key + ".");
  q.Append(" AND (d.ref_key = " + k + " OR (d.ref_key >= " + slash_lo + " AND d.ref_key < " +
           slash_hi + ") OR (d.ref_key >= " + dash_lo + " AND d.ref_key < " + dash_hi + "))");
}

// `due_at` is the column the deadline conditions test: "t.due_at", or "+t.due_at" when another
// condition should choose the index (the unary plus keeps SQLite from using it for lookups).
Status AppendDueConditions(SqlBuilder& q, const TaskFilter& f, const std::string& due_at) {
  if (!f.due_min.empty()) {
    if (!text::IsIsoDate(f.due_min)) return Status::InvalidInput("bad date " + f.due_min);
    // Not "due_date IS NOT NULL": due_at alone answers it (a task without a deadline has
    // due_at '9999-12-31T23:59'), so the due_at indexes can check it without reading the row.
    q.Append(" AND " + due_at + " >= " + q.Param(f.due_min) + " AND " + due_at +
             " < '9999-12-31T23:59'");
  }
  if (!f.due_max.empty()) {
    if (!text::IsIsoDate(f.due_max)) return Status::InvalidInput("bad date " + f.due_max);
    // due_at of day D is "D" + "T..", so "< next day" takes the whole of D.
    q.Append(" AND " + due_at + " < " + q.Param(NextDay(f.due_max)));
  }
  return Status::Ok();
}

void AppendStates(SqlBuilder& q, const std::vector<TaskState>& states, TimePoint now,
                  bool indexed) {
  if (states.empty()) return;
  // Only an open task's state depends on the time: a "?N" that no condition writes would be a
  // parameter the statement lacks (done states alone: "trang-thai:hoan-thanh").
  const bool timed = std::any_of(states.begin(), states.end(), [](TaskState s) {
    return s == TaskState::kInProgress || s == TaskState::kOverdue;
  });
  const std::string now_param = timed ? q.Param(LocalMinute(now)) : std::string();
  std::string any = "(";
  for (std::size_t i = 0; i < states.size(); ++i) {
    if (i > 0) any += " OR ";
    any += StateCondition(states[i], now_param);
  }
  any += ")";
  q.Append(" AND " + (indexed ? any : q.Unindexed(any)));
}

}  // namespace

std::string SqlBuilder::Param(Value value) {
  values_.push_back(std::move(value));
  return "?" + std::to_string(values_.size());
}

std::string SqlBuilder::Limit(int limit) {
  // SQLite reads LIMIT -1 as no limit, PostgreSQL refuses a negative one and has LIMIT ALL.
  if (limit == 0 && postgres_) return " LIMIT ALL";
  return " LIMIT " + Param(std::int64_t{limit == 0 ? -1 : limit});
}

std::string CountWhere(Connection db, const std::string& condition) {
  if (db.is_postgres()) return "count(*) FILTER (WHERE " + condition + ")";
  return "sum(" + condition + ")";
}

std::string IndexedBy(Connection db, const char* index) {
  if (db.is_postgres()) return "";
  return std::string(" INDEXED BY ") + index;
}

Result<Statement> SqlBuilder::Prepare(Connection db) const {
  Result<Statement> stmt = Statement::Prepare(db, sql_);
  if (!stmt.ok()) return stmt.status();
  for (std::size_t i = 0; i < values_.size(); ++i) {
    const int index = static_cast<int>(i + 1);
    const Value& v = values_[i];
    Status s = std::holds_alternative<std::string>(v)
                   ? stmt->BindText(index, std::get<std::string>(v))
                   : stmt->BindInt64(index, std::get<std::int64_t>(v));
    if (!s.ok()) return s;
  }
  return stmt;
}

std::string ColumnPhrase(const text::Folder& folder, const char* column, const std::string& text) {
  // Folded tokens are letters and digits only, so the quoted phrase cannot contain FTS syntax.
  const std::string key = folder.Key(text);
  if (key.empty()) return "";
  return std::string(column) + " : \"" + key + "\"";
}

std::string StateCondition(TaskState state, const std::string& now) {
  switch (state) {
    case TaskState::kInProgress: return "(t.status = 'open' AND t.due_at >= " + now + ")";
    case TaskState::kOverdue: return "(t.status = 'open' AND t.due_at < " + now + ")";
    case TaskState::kDoneOnTime: return "(t.status = 'done' AND t.done_at <= t.due_at)";
    case TaskState::kDoneLate: return "(t.status = 'done' AND t.done_at > t.due_at)";
  }
  return "0";
}

namespace {

// The keys of name_keys of `kind` that contain the folded words `key` as a phrase (whole words,
// in order). name_keys holds each distinct key once, so this scans hundreds of short strings, not
// every task; the result drives the key indexes of tasks and documents.
std::string KeysContaining(SqlBuilder& q, const char* kind, const std::string& key) {
  return std::string("SELECT key FROM name_keys WHERE kind = '") + kind +
         "' AND instr(' ' || key || ' ', " + q.Param(" " + key + " ") + ") > 0";
}

}  // namespace

Status AppendRefCondition(SqlBuilder& q, const text::Folder& folder, const std::string& doc_ref) {
  const std::string key = folder.RefKey(doc_ref);
  if (key.empty()) return Status::InvalidInput("Bộ lọc số văn bản trống.");
  AppendRefKeyCondition(q, key);
  return Status::Ok();
}

bool HasConditions(const TaskFilter& f) {
  return !f.assignee.empty() || !f.issuer.empty() || !f.doc_ref.empty() || !f.signature.empty() ||
         !f.due_min.empty() ||
         !f.due_max.empty() || !f.states.empty() || f.with_deadline;
}

Status AppendTaskConditions(SqlBuilder& q, const text::Folder& folder, const TaskFilter& f,
                            TimePoint now) {
  if (!f.assignee.empty()) {
    const std::string key = folder.Key(f.assignee);
    if (key.empty()) return Status::InvalidInput("Bộ lọc đơn vị không có từ nào.");
    // A directory unit the words name brings the tasks written with its confirmed other names
    // ("Phòng Nợ vụ" for "Phòng Nội vụ", units.h) along.
    q.Append(" AND t.assignee_key IN (" + KeysContaining(q, "assignee", key) +
             " UNION SELECT a.alias_key FROM unit_aliases a JOIN units u ON u.id = a.unit_id "
             "WHERE instr(' ' || u.name_key || ' ', " + q.Param(" " + key + " ") + ") > 0)");
  }
  if (!f.issuer.empty()) {
    const std::string key = folder.Key(f.issuer);
    if (key.empty()) return Status::InvalidInput("Bộ lọc cơ quan ban hành không có từ nào.");
    q.Append(" AND t.document_id IN (SELECT id FROM documents WHERE issuer_key IN (" +
             KeysContaining(q, "issuer", key) + "))");
  }
  if (!f.doc_ref.empty()) {
    q.Append(" AND t.document_id IN (SELECT d.id FROM documents d WHERE true");
    CONGVAN_RETURN_IF_ERROR(AppendRefCondition(q, folder, f.doc_ref));
    q.Append(")");
  }
  if (!f.signature.empty()) {
    q.Append(" AND t.document_id IN (SELECT id FROM documents WHERE signature_status = " +
             q.Param(f.signature) + ")");
  }
  // An assignee names a few offices: their index (tasks_assignee_due, which holds due_at and
  // status too) is the short way in, while the status and deadline indexes would walk every
  // overdue task of the registry. Without ANALYZE statistics SQLite cannot know that.
  const bool by_assignee = !f.assignee.empty();
  CONGVAN_RETURN_IF_ERROR(
      AppendDueConditions(q, f, by_assignee ? q.Unindexed("t.due_at") : "t.due_at"));
  AppendStates(q, f.states, now, !by_assignee);
  if (f.with_deadline) q.Append(" AND (t.due_date IS NOT NULL OR t.recurrence <> '')");
  return Status::Ok();
}

const char kTaskViewColumns[] =
    "t.id, t.assignee, t.action, t.cooperating, t.due_date, t.due_time, t.deadline_text, "
    "t.recurrence, t.flags, t.status, t.done_at, t.revision, t.assignee_key, t.position, "
    "d.id, d.sha256, d.doc_ref, d.doc_type, d.issuer, d.date, d.subject, d.path, "
    "t.source, t.instruction, t.assigned_by, t.assigned_at, coalesce(t.assigned_from, -1)";

const char kAssignmentColumns[] = "source, instruction, assigned_by, assigned_at, coalesce(assigned_from, -1)";

void ReadAssignmentColumns(const Statement& s, int first, TaskRecord& t) {
  t.source = s.ColumnText(first);
  t.instruction = s.ColumnText(first + 1);
  t.assigned_by = s.ColumnText(first + 2);
  t.assigned_at = s.ColumnText(first + 3);
  t.assigned_from = static_cast<int>(s.ColumnInt64(first + 4));
}

namespace {
std::vector<std::string> SplitOn(const std::string& text, const std::string& sep) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = text.find(sep, start);
    out.push_back(text.substr(start, at - start));
    if (at == std::string::npos) return out;
    start = at + sep.size();
  }
}
}  // namespace

TaskRecord ReadTaskRecord(const Statement& s) {
  TaskRecord t;
  t.id = s.ColumnInt64(0);
  t.assignee = s.ColumnText(1);
  t.action = s.ColumnText(2);
  t.cooperating = SplitOn(s.ColumnText(3), "; ");
  t.due_date = s.ColumnText(4);
  t.due_time = s.ColumnText(5);
  t.deadline_text = s.ColumnText(6);
  t.recurrence = s.ColumnText(7);
  t.flags = SplitOn(s.ColumnText(8), ",");
  t.status = s.ColumnText(9);
  t.done_at = s.ColumnText(10);
  t.revision = static_cast<int>(s.ColumnInt64(11));
  t.assignee_key = s.ColumnText(12);
  return t;
}

TaskView ReadTaskView(const Statement& s, TimePoint now) {
  TaskView v;
  v.task = ReadTaskRecord(s);
  v.position = static_cast<int>(s.ColumnInt64(13));
  v.document_id = s.ColumnInt64(14);
  v.sha256 = s.ColumnText(15);
  v.doc_ref = s.ColumnText(16);
  v.doc_type = s.ColumnText(17);
  v.issuer = s.ColumnText(18);
  v.doc_date = s.ColumnText(19);
  v.subject = s.ColumnText(20);
  v.path = s.ColumnText(21);
  ReadAssignmentColumns(s, 22, v.task);
  v.state = ComputeState(v.task, now);
  return v;
}

}  // namespace congvan::registry
