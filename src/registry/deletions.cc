#include "registry/deletions.h"

#include <nlohmann/json.hpp>

#include "registry/corrections.h"
#include "registry/statement.h"
#include "registry/tasks.h"

namespace congvan::registry {
namespace {

using nlohmann::json;

// The letter as registered, whole: what RestoreLetter() registers again.
Result<json> LetterJson(const Registry& registry, const DocumentRecord& d) {
  json j = {{"sha256", d.sha256},         {"path", d.path},
            {"file_type", d.file_type},   {"source", d.source},
            {"text", d.text},             {"fields_json", d.fields_json},
            {"doc_ref", d.doc_ref},       {"doc_type", d.doc_type},
            {"issuer", d.issuer},         {"date", d.date},
            {"subject", d.subject},       {"signature_status", d.signature_status},
            {"addressees", d.addressees}, {"created_at", d.created_at}};
  j["pages"] = json::array();
  for (const PageRecord& p : d.pages) {
    j["pages"].push_back(
        {{"index", p.index}, {"source", p.source}, {"text", p.text}, {"confidence", p.confidence}});
  }
  j["references"] = json::array();
  for (const ReferenceRecord& r : d.references) {
    j["references"].push_back({{"ref", r.ref}, {"date", r.date}, {"type", r.type}});
  }
  j["tasks"] = json::array();
  for (const TaskRecord& t : d.tasks) {
    json events = json::array();
    Result<std::vector<TaskEvent>> history = History(registry, t.id);
    if (!history.ok()) return history.status();
    for (const TaskEvent& e : *history) {
      events.push_back({{"status", e.status}, {"note", e.note}, {"who", e.who}, {"at", e.at},
                        {"kind", e.kind}});
    }
    j["tasks"].push_back({{"assignee", t.assignee},
                          {"action", t.action},
                          {"cooperating", t.cooperating},
                          {"due_date", t.due_date},
                          {"due_time", t.due_time},
                          {"deadline_text", t.deadline_text},
                          {"recurrence", t.recurrence},
                          {"flags", t.flags},
                          {"status", t.status},
                          {"done_at", t.done_at},
                          {"revision", t.revision},
                          {"source", t.source},
                          {"instruction", t.instruction},
                          {"assigned_by", t.assigned_by},
                          {"assigned_at", t.assigned_at},
                          {"assigned_from", t.assigned_from},
                          {"events", events}});
  }
  return j;
}

std::string Text(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

std::vector<std::string> Texts(const json& j, const char* key) {
  std::vector<std::string> out;
  if (!j.contains(key) || !j[key].is_array()) return out;
  for (const json& item : j[key]) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

DocumentRecord RecordOf(const json& j) {
  DocumentRecord d;
  for (const auto& [key, field] :
       {std::pair{"sha256", &d.sha256}, std::pair{"path", &d.path},
        std::pair{"file_type", &d.file_type}, std::pair{"source", &d.source},
        std::pair{"text", &d.text}, std::pair{"fields_json", &d.fields_json},
        std::pair{"doc_ref", &d.doc_ref}, std::pair{"doc_type", &d.doc_type},
        std::pair{"issuer", &d.issuer}, std::pair{"date", &d.date},
        std::pair{"subject", &d.subject}, std::pair{"signature_status", &d.signature_status}}) {
    *field = Text(j, key);
  }
  d.addressees = Texts(j, "addressees");
  for (const json& p : j.value("pages", json::array())) {
    d.pages.push_back({p.value("index", 0), Text(p, "source"), Text(p, "text"),
                       p.value("confidence", 100.0)});
  }
  for (const json& r : j.value("references", json::array())) {
    d.references.push_back({Text(r, "ref"), Text(r, "date"), Text(r, "type"), 0});
  }
  for (const json& t : j.value("tasks", json::array())) {
    TaskRecord task;
    task.assignee = Text(t, "assignee");
    task.action = Text(t, "action");
    task.cooperating = Texts(t, "cooperating");
    task.due_date = Text(t, "due_date");
    task.due_time = Text(t, "due_time");
    task.deadline_text = Text(t, "deadline_text");
    task.recurrence = Text(t, "recurrence");
    task.flags = Texts(t, "flags");
    task.source = Text(t, "source");
    task.instruction = Text(t, "instruction");
    task.assigned_by = Text(t, "assigned_by");
    task.assigned_at = Text(t, "assigned_at");
    task.assigned_from = t.value("assigned_from", -1);
    d.tasks.push_back(std::move(task));
  }
  return d;
}

// Gives the restored tasks of letter `id` their status, revision and history back.
Status RestoreTaskStates(Connection db, std::int64_t id, const json& tasks) {
  Result<Statement> update = Statement::Prepare(
      db, "UPDATE tasks SET status = ?3, done_at = ?4, revision = ?5 "
          "WHERE document_id = ?1 AND position = ?2");
  if (!update.ok()) return update.status();
  Result<Statement> event = Statement::Prepare(
      db, "INSERT INTO task_events (task_id, status, note, who, at, kind) "
          "SELECT id, ?3, ?4, ?5, ?6, ?7 FROM tasks WHERE document_id = ?1 AND position = ?2");
  if (!event.ok()) return event.status();
  std::int64_t position = 0;
  for (const json& t : tasks) {
    const std::string status = Text(t, "status") == "done" ? "done" : "open";
    update->Reset();
    CONGVAN_RETURN_IF_ERROR(update->BindInt64(1, id));
    CONGVAN_RETURN_IF_ERROR(update->BindInt64(2, position));
    CONGVAN_RETURN_IF_ERROR(update->BindText(3, status));
    const std::string done_at = Text(t, "done_at");
    CONGVAN_RETURN_IF_ERROR(status == "done" && !done_at.empty() ? update->BindText(4, done_at)
                                                                  : update->BindNull(4));
    CONGVAN_RETURN_IF_ERROR(update->BindInt64(5, t.value("revision", 0)));
    CONGVAN_RETURN_IF_ERROR(update->Run());
    for (const json& e : t.value("events", json::array())) {
      event->Reset();
      CONGVAN_RETURN_IF_ERROR(event->BindInt64(1, id));
      CONGVAN_RETURN_IF_ERROR(event->BindInt64(2, position));
      CONGVAN_RETURN_IF_ERROR(event->BindText(3, Text(e, "status")));
      CONGVAN_RETURN_IF_ERROR(event->BindText(4, Text(e, "note")));
      CONGVAN_RETURN_IF_ERROR(event->BindText(5, Text(e, "who")));
      CONGVAN_RETURN_IF_ERROR(event->BindText(6, Text(e, "at")));
      const std::string kind = Text(e, "kind");
      CONGVAN_RETURN_IF_ERROR(event->BindText(7, kind.empty() ? "status" : kind));
      CONGVAN_RETURN_IF_ERROR(event->Run());
    }
    ++position;
  }
  return Status::Ok();
}

constexpr const char kDeletionColumns[] =
    "id, sha256, former_id, doc_ref, issuer, subject, deleted_by, deleted_at, "
    "coalesce(restored_by, ''), coalesce(restored_at, ''), coalesce(restored_id, 0)";

Deletion ReadDeletion(const Statement& s) {
  Deletion d;
  d.id = s.ColumnInt64(0);
  d.sha256 = s.ColumnText(1);
  d.former_id = s.ColumnInt64(2);
  d.doc_ref = s.ColumnText(3);
  d.issuer = s.ColumnText(4);
  d.subject = s.ColumnText(5);
  d.deleted_by = s.ColumnText(6);
  d.deleted_at = s.ColumnText(7);
  d.restored_by = s.ColumnText(8);
  d.restored_at = s.ColumnText(9);
  d.restored_id = s.ColumnInt64(10);
  return d;
}

}  // namespace

Result<Deletion> DeleteLetter(Registry& registry, std::int64_t document_id, const std::string& who,
                              TimePoint now) {
  const Connection db = registry.db();
  // Read first (Find() reads in its own transaction), then record and delete in one write
  // transaction; a letter deleted meanwhile by another clerk is NotFound below.
  Result<std::optional<DocumentRecord>> found = registry.Find(document_id);
  if (!found.ok()) return found.status();
  if (!found->has_value()) {
    return Status::NotFound("Không có văn bản số " + std::to_string(document_id) + ".");
  }
  const DocumentRecord& doc = **found;
  Result<json> record = LetterJson(registry, doc);
  if (!record.ok()) return record.status();
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
  if (!tx.ok()) return tx.status();
  Result<Statement> insert = Statement::Prepare(
      db, "INSERT INTO deletions (sha256, former_id, doc_ref, issuer, subject, record_json, "
          "deleted_by, deleted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)" +
              InsertReturningId(db));
  if (!insert.ok()) return insert.status();
  Deletion d;
  d.sha256 = doc.sha256;
  d.former_id = doc.id;
  d.doc_ref = doc.doc_ref;
  d.issuer = doc.issuer;
  d.subject = doc.subject;
  d.deleted_by = who;
  d.deleted_at = UtcTimestamp(now);
  CONGVAN_RETURN_IF_ERROR(insert->BindText(1, d.sha256));
  CONGVAN_RETURN_IF_ERROR(insert->BindInt64(2, d.former_id));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(3, d.doc_ref));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(4, d.issuer));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(5, d.subject));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(6, record->dump()));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(7, d.deleted_by));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(8, d.deleted_at));
  Result<std::int64_t> inserted = RunInsert(db, *insert);
  if (!inserted.ok()) return inserted.status();
  d.id = *inserted;
  Result<bool> deleted = registry.Delete(document_id);
  if (!deleted.ok()) return deleted.status();
  if (!*deleted) {  // the transaction rolls back: no record of a deletion that did not happen
    return Status::NotFound("Không có văn bản số " + std::to_string(document_id) + ".");
  }
  CONGVAN_RETURN_IF_ERROR(tx->Commit());
  return d;
}

Result<std::int64_t> RestoreLetter(Registry& registry, std::int64_t former_id,
                                   const std::string& who, TimePoint now) {
  const Connection db = registry.db();
  Result<Statement> find = Statement::Prepare(
      db, "SELECT id, record_json FROM deletions WHERE former_id = ?1 AND restored_at IS NULL "
          "ORDER BY id DESC LIMIT 1");
  if (!find.ok()) return find.status();
  CONGVAN_RETURN_IF_ERROR(find->BindInt64(1, former_id));
  Result<bool> row = find->Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    return Status::NotFound("Không có văn bản đã xóa nào từng mang số " +
                            std::to_string(former_id) + ".");
  }
  const std::int64_t deletion_id = find->ColumnInt64(0);
  const json record = json::parse(find->ColumnText(1), nullptr, false);
  if (!record.is_object()) return Status::Internal("the deletion record is not JSON");
  const DocumentRecord doc = RecordOf(record);
  // Add() commits on its own; the letter comes back first, then its history and the record of
  // the restore. A failure in between leaves the letter back with open tasks, never lost.
  Result<AddOutcome> added = registry.Add(doc);
  if (!added.ok()) return added.status();
  if (added->already_registered) {
    return Status::AlreadyExists("Văn bản này đã được đăng ký lại (số " +
                                 std::to_string(added->id) + "); không cần khôi phục.");
  }
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
  if (!tx.ok()) return tx.status();
  CONGVAN_RETURN_IF_ERROR(RestoreTaskStates(db, added->id, record.value("tasks", json::array())));
  Result<Statement> mark = Statement::Prepare(
      db, "UPDATE deletions SET restored_by = ?2, restored_at = ?3, restored_id = ?4 WHERE id = ?1");
  if (!mark.ok()) return mark.status();
  CONGVAN_RETURN_IF_ERROR(mark->BindInt64(1, deletion_id));
  CONGVAN_RETURN_IF_ERROR(mark->BindText(2, who));
  CONGVAN_RETURN_IF_ERROR(mark->BindText(3, UtcTimestamp(now)));
  CONGVAN_RETURN_IF_ERROR(mark->BindInt64(4, added->id));
  CONGVAN_RETURN_IF_ERROR(mark->Run());
  CONGVAN_RETURN_IF_ERROR(tx->Commit());
  // The clerks' corrections are kept by SHA-256: written to the new rows again.
  Result<int> reapplied = ReapplyCorrections(registry, added->id, now);
  if (!reapplied.ok()) return reapplied.status();
  return added->id;
}

Result<std::vector<Deletion>> ListDeleted(const Registry& registry) {
  Result<Statement> stmt = Statement::Prepare(
      registry.db(), std::string("SELECT ") + kDeletionColumns +
                                 " FROM deletions WHERE restored_at IS NULL ORDER BY id DESC");
  if (!stmt.ok()) return stmt.status();
  std::vector<Deletion> out;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(ReadDeletion(*stmt));
  }
}

}  // namespace congvan::registry
