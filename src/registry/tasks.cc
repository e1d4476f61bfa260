#include "registry/tasks.h"

#include <sqlite3.h>

#include <utility>

#include "registry/statement.h"
#include "registry/task_sql.h"
#include "text/tokens.h"

namespace congvan::registry {
namespace {

// due_at as the schema derives it (schema.cc, version 2).
std::string DueAt(const TaskRecord& t) {
  if (t.due_date.empty()) return "9999-12-31T23:59";
  return t.due_date + "T" + (t.due_time.empty() ? "23:59" : t.due_time);
}

// Sets the task's status to `to` and appends the event, in one IMMEDIATE transaction so two
// clerks closing the same task cannot both succeed.
Status ChangeStatus(Registry& registry, std::int64_t id, const std::string& to,
                    const std::string& who, const std::string& note, TimePoint now) {
  const Connection db = registry.db();
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
  if (!tx.ok()) return tx.status();
  Result<TaskView> task = GetTask(registry, id, now);
  if (!task.ok()) return task.status();
  if (task->task.status == to) {
    if (to == "done") {
      return Status::InvalidInput("Nhiệm vụ " + std::to_string(id) + " đã hoàn thành (lúc " +
                                  task->task.done_at + ").");
    }
    return Status::InvalidInput("Nhiệm vụ " + std::to_string(id) +
                                " chưa hoàn thành nên không mở lại được.");
  }
  Result<Statement> update = Statement::Prepare(
      db, "UPDATE tasks SET status = ?2, done_at = ?3, revision = revision + 1 WHERE id = ?1");
  if (!update.ok()) return update.status();
  CONGVAN_RETURN_IF_ERROR(update->BindInt64(1, id));
  CONGVAN_RETURN_IF_ERROR(update->BindText(2, to));
  CONGVAN_RETURN_IF_ERROR(to == "done" ? update->BindText(3, LocalMinute(now))
                                       : update->BindNull(3));
  CONGVAN_RETURN_IF_ERROR(update->Run());
  Result<Statement> event = Statement::Prepare(
      db, "INSERT INTO task_events (task_id, status, note, who, at) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!event.ok()) return event.status();
  CONGVAN_RETURN_IF_ERROR(event->BindInt64(1, id));
  CONGVAN_RETURN_IF_ERROR(event->BindText(2, to));
  CONGVAN_RETURN_IF_ERROR(event->BindText(3, note));
  CONGVAN_RETURN_IF_ERROR(event->BindText(4, who));
  CONGVAN_RETURN_IF_ERROR(event->BindText(5, UtcTimestamp(now)));
  CONGVAN_RETURN_IF_ERROR(event->Run());
  return tx->Commit();
}

}  // namespace

std::string StateSlug(TaskState state) {
  switch (state) {
    case TaskState::kInProgress: return "trong-han";
    case TaskState::kOverdue: return "qua-han";
    case TaskState::kDoneOnTime: return "hoan-thanh-dung-han";
    case TaskState::kDoneLate: return "hoan-thanh-qua-han";
  }
  return "";
}

std::string StateLabel(TaskState state) {
  switch (state) {
    case TaskState::kInProgress: return "Đang thực hiện trong hạn";
    case TaskState::kOverdue: return "Đang thực hiện quá hạn";
    case TaskState::kDoneOnTime: return "Đã hoàn thành đúng hạn";
    case TaskState::kDoneLate: return "Đã hoàn thành quá hạn";
  }
  return "";
}

Result<std::vector<TaskState>> ParseStates(std::string_view text) {
  using S = TaskState;
  // Folded and with '-' for spaces, so "Quá hạn", "qua han" and "qua-han" are one word.
  std::string key = text::Folder().Key(text);
  for (char& c : key) {
    if (c == ' ') c = '-';
  }
  static const std::pair<const char*, std::vector<S>> kNames[] = {
      {"trong-han", {S::kInProgress}},
      {"dang-thuc-hien-trong-han", {S::kInProgress}},
      {"in-progress", {S::kInProgress}},
      {"qua-han", {S::kOverdue}},
      {"dang-thuc-hien-qua-han", {S::kOverdue}},
      {"overdue", {S::kOverdue}},
      {"hoan-thanh-dung-han", {S::kDoneOnTime}},
      {"da-hoan-thanh-dung-han", {S::kDoneOnTime}},
      {"done-on-time", {S::kDoneOnTime}},
      {"hoan-thanh-qua-han", {S::kDoneLate}},
      {"da-hoan-thanh-qua-han", {S::kDoneLate}},
      {"hoan-thanh-tre-han", {S::kDoneLate}},
      {"done-late", {S::kDoneLate}},
      {"hoan-thanh", {S::kDoneOnTime, S::kDoneLate}},
      {"da-hoan-thanh", {S::kDoneOnTime, S::kDoneLate}},
      {"done", {S::kDoneOnTime, S::kDoneLate}},
      {"dang-thuc-hien", {S::kInProgress, S::kOverdue}},
      {"chua-hoan-thanh", {S::kInProgress, S::kOverdue}},
      {"open", {S::kInProgress, S::kOverdue}},
  };
  for (const auto& [name, states] : kNames) {
    if (key == name) return states;
  }
  return Status::InvalidInput(
      "Không có trạng thái \"" + std::string(text) +
      "\"; dùng trong-han, qua-han, hoan-thanh-dung-han, hoan-thanh-qua-han, hoan-thanh hoặc "
      "dang-thuc-hien.");
}

TaskState ComputeState(const TaskRecord& t, TimePoint now) {
  const std::string due = DueAt(t);
  if (t.status == "done") return t.done_at <= due ? TaskState::kDoneOnTime : TaskState::kDoneLate;
  return LocalMinute(now) <= due ? TaskState::kInProgress : TaskState::kOverdue;
}

Result<std::vector<TaskView>> ListTasks(const Registry& registry, const TaskFilter& filter,
                                        TimePoint now) {
  if (filter.limit < 0) return Status::InvalidInput("the task list limit must be 0 or more");
  // Two steps: pick the ids from tasks and its indexes alone, then join the letters of those
  // only. Joining first would read a documents row (past its long text) for every candidate.
  SqlBuilder q(registry.db());
  q.Append(std::string("SELECT ") + kTaskViewColumns +
           " FROM (SELECT t.id FROM tasks t WHERE true");
  CONGVAN_RETURN_IF_ERROR(AppendTaskConditions(q, registry.folder(), filter, now));
  q.Append(" ORDER BY t.due_at, t.document_id, t.position" + q.Limit(filter.limit) +
           ") AS picked JOIN tasks t ON t.id = picked.id JOIN documents d ON d.id = t.document_id"
           " ORDER BY t.due_at, t.document_id, t.position");
  Result<Statement> stmt = q.Prepare(registry.db());
  if (!stmt.ok()) return stmt.status();
  std::vector<TaskView> out;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(ReadTaskView(*stmt, now));
  }
}

Result<TaskView> GetTask(const Registry& registry, std::int64_t id, TimePoint now) {
  Result<Statement> stmt = Statement::Prepare(
      registry.db(), std::string("SELECT ") + kTaskViewColumns +
                                 " FROM tasks t JOIN documents d ON d.id = t.document_id "
                                 "WHERE t.id = ?1");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, id));
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("Không có nhiệm vụ số " + std::to_string(id) + ".");
  return ReadTaskView(*stmt, now);
}

Status MarkDone(Registry& registry, std::int64_t id, const std::string& who,
                const std::string& note, TimePoint now) {
  return ChangeStatus(registry, id, "done", who, note, now);
}

Status Reopen(Registry& registry, std::int64_t id, const std::string& who,
              const std::string& note, TimePoint now) {
  return ChangeStatus(registry, id, "open", who, note, now);
}

Result<std::vector<TaskEvent>> History(const Registry& registry, std::int64_t id) {
  Result<Statement> stmt = Statement::Prepare(
      registry.db(),
      "SELECT status, note, who, at, kind FROM task_events WHERE task_id = ?1 ORDER BY id");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, id));
  std::vector<TaskEvent> out;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back({stmt->ColumnText(0), stmt->ColumnText(1), stmt->ColumnText(2),
                   stmt->ColumnText(3), stmt->ColumnText(4)});
  }
}

}  // namespace congvan::registry
