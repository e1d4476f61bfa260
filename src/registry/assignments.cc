#include "registry/assignments.h"

#include <algorithm>
#include <utility>

#include "registry/search_postgres.h"
#include "registry/statement.h"
#include "registry/task_sql.h"
#include "registry/units.h"
#include "text/dates.h"
#include "text/tokens.h"

namespace congvan::registry {
namespace {

std::string Trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::string Join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : sep) + item;
  return out;
}

// "2026-12-20" → "20/12/2026" for the history's note.
std::string VnDay(const std::string& iso) {
  if (!text::IsIsoDate(iso)) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

// The letter and, for a task, the task's row as the assignment starts from.
struct Source {
  std::int64_t document_id = 0;
  std::string subject, doc_type, doc_ref;
  std::optional<TaskView> task;
};

Result<Source> FindSource(const Registry& registry, const AssignmentRequest& request,
                          TimePoint now) {
  Source s;
  std::int64_t document_id = request.document_id;
  if (request.task_id) {
    Result<TaskView> task = GetTask(registry, *request.task_id, now);
    if (!task.ok()) return task.status();
    if (document_id != 0 && task->document_id != document_id) {
      return Status::NotFound("Văn bản số " + std::to_string(document_id) +
                              " không có nhiệm vụ số " + std::to_string(*request.task_id) + ".");
    }
    document_id = task->document_id;
    s.task = std::move(*task);
  }
  Result<Statement> doc = Statement::Prepare(
      registry.db(), "SELECT subject, doc_type, doc_ref FROM documents WHERE id = ?1");
  if (!doc.ok()) return doc.status();
  CONGVAN_RETURN_IF_ERROR(doc->BindInt64(1, document_id));
  Result<bool> row = doc->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("Không có văn bản số " + std::to_string(document_id) + ".");
  s.document_id = document_id;
  s.subject = doc->ColumnText(0);
  s.doc_type = doc->ColumnText(1);
  s.doc_ref = doc->ColumnText(2);
  return s;
}

// What the assigned unit is to do: the task's own text, or for a whole letter, dealing with it.
std::string ActionOf(const Source& s) {
  if (s.task) return s.task->task.action;
  std::string letter = s.doc_type.empty() ? "văn bản" : s.doc_type;
  if (!s.doc_ref.empty()) letter += " số " + s.doc_ref;
  return "Xử lý " + letter + (s.subject.empty() ? "" : ": " + s.subject);
}

// The note of the history entries: to whom, with whom, by when, and the instruction.
std::string AssignmentNote(const TaskRecord& t) {
  std::string note = "Giao " + t.assignee + " chủ trì";
  if (!t.cooperating.empty()) note += "; phối hợp: " + Join(t.cooperating, ", ");
  if (!t.due_date.empty()) {
    note += "; hạn " + VnDay(t.due_date) + (t.due_time.empty() ? "" : " " + t.due_time);
  }
  if (!t.instruction.empty()) note += "; ý kiến chỉ đạo: " + t.instruction;
  return note;
}

Status AddEvent(Connection db, std::int64_t task_id, const std::string& status,
                const std::string& note, const std::string& who, TimePoint now) {
  Result<Statement> event = Statement::Prepare(
      db, "INSERT INTO task_events (task_id, status, note, who, at, kind) "
          "VALUES (?1, ?2, ?3, ?4, ?5, 'assigned')");
  if (!event.ok()) return event.status();
  CONGVAN_RETURN_IF_ERROR(event->BindInt64(1, task_id));
  CONGVAN_RETURN_IF_ERROR(event->BindText(2, status));
  CONGVAN_RETURN_IF_ERROR(event->BindText(3, note));
  CONGVAN_RETURN_IF_ERROR(event->BindText(4, who));
  CONGVAN_RETURN_IF_ERROR(event->BindText(5, UtcTimestamp(now)));
  return event->Run();
}

// Inserts the task row after the letter's last task, and into the full-text index: since
// schema version 6 tasks are indexed by their writer, not by a trigger (on PostgreSQL, its
// search words: search_postgres.h). VALUES rather than INSERT … SELECT, so PostgreSQL takes
// each parameter's type from its column.
Result<std::int64_t> InsertAssignment(Connection db, const text::Folder& folder,
                                      std::int64_t document_id, const TaskRecord& t) {
  Result<Statement> insert = Statement::Prepare(
      db,
      "INSERT INTO tasks (document_id, position, assignee, action, deadline, deadline_text, "
      "recurrence, assignee_key, cooperating, due_date, due_time, flags, source, instruction, "
      "assigned_by, assigned_at, assigned_from) "
      "VALUES (?1, (SELECT coalesce(max(position), -1) + 1 FROM tasks WHERE document_id = ?1), "
      "?2, ?3, ?4, '', '', ?5, ?6, ?4, ?7, '', 'assigned', ?8, ?9, ?10, ?11)" +
          InsertReturningId(db));
  if (!insert.ok()) return insert.status();
  CONGVAN_RETURN_IF_ERROR(insert->BindInt64(1, document_id));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(2, t.assignee));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(3, t.action));
  CONGVAN_RETURN_IF_ERROR(t.due_date.empty() ? insert->BindNull(4) : insert->BindText(4, t.due_date));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(5, folder.Key(t.assignee)));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(6, Join(t.cooperating, "; ")));
  CONGVAN_RETURN_IF_ERROR(t.due_time.empty() ? insert->BindNull(7) : insert->BindText(7, t.due_time));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(8, t.instruction));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(9, t.assigned_by));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(10, t.assigned_at));
  CONGVAN_RETURN_IF_ERROR(t.assigned_from < 0 ? insert->BindNull(11)
                                              : insert->BindInt64(11, t.assigned_from));
  Result<std::int64_t> inserted = RunInsert(db, *insert);
  if (!inserted.ok()) return inserted.status();
  const std::int64_t id = *inserted;
  if (db.is_postgres()) {
    CONGVAN_RETURN_IF_ERROR(IndexPendingForSearch(db, folder));
    return id;
  }
  Result<Statement> index = Statement::Prepare(
      db, "INSERT INTO tasks_fts (rowid, assignee, action, deadline_text) "
          "SELECT id, assignee, action, deadline_text FROM tasks WHERE id = ?1");
  if (!index.ok()) return index.status();
  CONGVAN_RETURN_IF_ERROR(index->BindInt64(1, id));
  CONGVAN_RETURN_IF_ERROR(index->Run());
  return id;
}

// The unit a typed name resolves to; a close guess is noted for the clerk.
Result<std::string> UnitName(const Registry& registry, const std::string& typed,
                             std::vector<std::string>& guesses) {
  Result<UnitMatch> match = ResolveUnit(registry, typed);
  if (!match.ok()) return match.status();
  if (match->kind == MatchKind::kClose) {
    guesses.push_back("«" + Trim(typed) + "» → «" + match->unit.name + "»");
  }
  return match->unit.name;
}

}  // namespace

Result<AssignmentOutcome> Assign(Registry& registry, const AssignmentRequest& request,
                                 TimePoint now) {
  if (request.document_id == 0 && !request.task_id) {
    return Status::InvalidInput("Chưa chọn văn bản hoặc nhiệm vụ để giao.");
  }
  const std::string instruction = Trim(request.instruction);
  if (instruction.size() > kMaxInstructionBytes) {
    return Status::InvalidInput("Ý kiến chỉ đạo dài quá " + std::to_string(kMaxInstructionBytes) +
                                " byte.");
  }
  std::string due_date;
  const std::string deadline = Trim(request.deadline);
  if (!deadline.empty()) {
    std::optional<std::string> iso = text::ReadTypedDate(deadline);
    if (!iso) return Status::InvalidInput("Hạn \"" + deadline + "\" không phải ngày (dd/mm/yyyy).");
    due_date = *iso;
  }
  if (Trim(request.lead).empty()) return Status::InvalidInput("Chưa nhập đơn vị chủ trì.");
  const Connection db = registry.db();
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
  if (!tx.ok()) return tx.status();
  Result<Source> source = FindSource(registry, request, now);
  if (!source.ok()) return source.status();

  AssignmentOutcome outcome;
  TaskRecord t;
  Result<std::string> lead = UnitName(registry, request.lead, outcome.guesses);
  if (!lead.ok()) return lead.status();
  t.assignee = *lead;
  for (const std::string& typed : request.with) {
    if (Trim(typed).empty()) continue;
    Result<std::string> unit = UnitName(registry, typed, outcome.guesses);
    if (!unit.ok()) return unit.status();
    if (*unit == t.assignee) {
      return Status::InvalidInput("«" + *unit + "» đã chủ trì, không thể đồng thời phối hợp.");
    }
    if (std::find(t.cooperating.begin(), t.cooperating.end(), *unit) == t.cooperating.end()) {
      t.cooperating.push_back(*unit);
    }
  }
  if (t.cooperating.size() > kMaxCooperatingUnits) {
    return Status::InvalidInput("Quá " + std::to_string(kMaxCooperatingUnits) +
                                " đơn vị phối hợp.");
  }
  t.action = ActionOf(*source);
  if (!due_date.empty()) {
    t.due_date = due_date;
  } else if (source->task) {
    t.due_date = source->task->task.due_date;  // the task's own deadline, time and all
    t.due_time = source->task->task.due_time;
  }
  t.instruction = instruction;
  t.assigned_by = request.who;
  t.assigned_at = UtcTimestamp(now);
  t.assigned_from = source->task ? source->task->position : -1;
  Result<std::int64_t> id = InsertAssignment(db, registry.folder(), source->document_id, t);
  if (!id.ok()) return id.status();
  const std::string note = AssignmentNote(t);
  CONGVAN_RETURN_IF_ERROR(AddEvent(db, *id, "open", note, request.who, now));
  if (source->task) {
    // The task assigned from keeps its status; its history says where the work went.
    CONGVAN_RETURN_IF_ERROR(AddEvent(db, source->task->task.id, source->task->task.status,
                                     note + " (nhiệm vụ số " + std::to_string(*id) + ")",
                                     request.who, now));
  }
  Result<TaskView> made = GetTask(registry, *id, now);
  if (!made.ok()) return made.status();
  CONGVAN_RETURN_IF_ERROR(tx->Commit());
  outcome.task = std::move(*made);
  return outcome;
}

Result<std::vector<TaskView>> ListAssignments(const Registry& registry, std::int64_t document_id,
                                              TimePoint now) {
  Result<Statement> stmt = Statement::Prepare(
      registry.db(), std::string("SELECT ") + kTaskViewColumns +
                                 " FROM tasks t JOIN documents d ON d.id = t.document_id "
                                 "WHERE t.document_id = ?1 AND t.source = 'assigned' "
                                 "ORDER BY t.position");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, document_id));
  std::vector<TaskView> out;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(ReadTaskView(*stmt, now));
  }
}

}  // namespace congvan::registry
