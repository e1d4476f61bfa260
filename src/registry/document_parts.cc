#include "registry/document_parts.h"

#include <sqlite3.h>

#include <string>
#include <vector>

#include "registry/dates.h"
#include "registry/statement.h"
#include "registry/task_sql.h"
#include "text/dates.h"

namespace congvan::registry {
namespace {

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// Binds `text`, or NULL when it is empty (due_date/due_time/ref_date are NULL when unknown).
Status BindOptional(Statement& stmt, int index, const std::string& text) {
  if (text.empty()) return stmt.BindNull(index);
  return stmt.BindText(index, text);
}

constexpr const char kInsertTask[] =
    "INSERT INTO tasks (document_id, position, assignee, action, deadline, deadline_text, "
    "recurrence, assignee_key, cooperating, due_date, due_time, flags, source, instruction, "
    "assigned_by, assigned_at, assigned_from) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?5, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";

Status InsertTasks(Statement& stmt, const text::Folder& folder, std::int64_t id,
                   const std::vector<TaskRecord>& tasks) {
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    const TaskRecord& t = tasks[i];
    stmt.Reset();
    CONGVAN_RETURN_IF_ERROR(stmt.BindInt64(1, id));
    CONGVAN_RETURN_IF_ERROR(stmt.BindInt64(2, static_cast<std::int64_t>(i)));
    CONGVAN_RETURN_IF_ERROR(stmt.BindText(3, t.assignee));
    CONGVAN_RETURN_IF_ERROR(stmt.BindText(4, t.action));
    CONGVAN_RETURN_IF_ERROR(BindOptional(stmt, 5, t.due_date));
    CONGVAN_RETURN_IF_ERROR(stmt.BindText(6, t.deadline_text));
    CONGVAN_RETURN_IF_ERROR(stmt.BindText(7, t.recurrence));
    CONGVAN_RETURN_IF_ERROR(stmt.BindText(8, folder.Key(t.assignee)));
    CONGVAN_RETURN_IF_ERROR(stmt.BindText(9, Join(t.cooperating, "; ")));
    CONGVAN_RETURN_IF_ERROR(BindOptional(stmt, 10, t.due_time));
    CONGVAN_RETURN_IF_ERROR(stmt.BindText(11, Join(t.flags, ",")));
    // An assignment restored with its letter (deletions.h) stays an assignment.
    CONGVAN_RETURN_IF_ERROR(stmt.BindText(12, t.source.empty() ? "extracted" : t.source));
    CONGVAN_RETURN_IF_ERROR(stmt.BindText(13, t.instruction));
    CONGVAN_RETURN_IF_ERROR(stmt.BindText(14, t.assigned_by));
    CONGVAN_RETURN_IF_ERROR(BindOptional(stmt, 15, t.assigned_at));
    CONGVAN_RETURN_IF_ERROR(t.assigned_from < 0 ? stmt.BindNull(16)
                                                : stmt.BindInt64(16, t.assigned_from));
    Status status = stmt.Run();
    if (!status.ok()) return status.WithContext("task " + std::to_string(i + 1));
  }
  return Status::Ok();
}

constexpr const char kInsertAddressee[] =
    "INSERT INTO addressees (document_id, position, name, name_key) VALUES (?1, ?2, ?3, ?4)";

Status InsertAddressees(Statement& stmt, const text::Folder& folder, std::int64_t id,
                        const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    stmt.Reset();
    CONGVAN_RETURN_IF_ERROR(stmt.BindInt64(1, id));
    CONGVAN_RETURN_IF_ERROR(stmt.BindInt64(2, static_cast<std::int64_t>(i)));
    CONGVAN_RETURN_IF_ERROR(stmt.BindText(3, names[i]));
    CONGVAN_RETURN_IF_ERROR(stmt.BindText(4, folder.Key(names[i])));
    CONGVAN_RETURN_IF_ERROR(stmt.Run());
  }
  return Status::Ok();
}

// A citation links to the registered letter with the same number and, when both dates are
// known, the same date: numbers restart every year, so "54/TB-UBND" of 2023 is not that of
// 2022. The oldest match wins, so the link does not move when a duplicate number arrives.
// ?1 the citing letter, ?5 the citation's ref_key, ?6 its date or NULL. Shared with
// CitedDocumentId(), so a clerk's corrected citation links exactly as a registered one. The
// CAST names ?6's type for PostgreSQL, which cannot infer it from "IS NULL" (no-op on SQLite).
#define CONGVAN_CITED_DOCUMENT                                                              \
  "(SELECT d.id FROM documents d WHERE d.ref_key = ?5 AND d.ref_key <> '' AND d.id <> ?1 " \
  "AND (CAST(?6 AS TEXT) IS NULL OR d.date = '' OR d.date = ?6) ORDER BY d.id LIMIT 1)"
constexpr const char kInsertReference[] =
    "INSERT INTO refs (document_id, position, ref, ref_type, ref_key, ref_date, "
    "cited_document_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, " CONGVAN_CITED_DOCUMENT ")";
constexpr const char kSelectCitedDocument[] = "SELECT " CONGVAN_CITED_DOCUMENT;
#undef CONGVAN_CITED_DOCUMENT

Status InsertReferences(Statement& stmt, const text::Folder& folder, std::int64_t id,
                        const std::vector<ReferenceRecord>& refs) {
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const ReferenceRecord& r = refs[i];
    if (!r.date.empty() && !text::IsIsoDate(r.date)) {
      return Status::InvalidInput("reference " + r.ref + ": date \"" + r.date +
                                  "\" is not yyyy-mm-dd");
    }
    stmt.Reset();
    CONGVAN_RETURN_IF_ERROR(stmt.BindInt64(1, id));
    CONGVAN_RETURN_IF_ERROR(stmt.BindInt64(2, static_cast<std::int64_t>(i)));
    CONGVAN_RETURN_IF_ERROR(stmt.BindText(3, r.ref));
    CONGVAN_RETURN_IF_ERROR(stmt.BindText(4, r.type));
    CONGVAN_RETURN_IF_ERROR(stmt.BindText(5, folder.RefKey(r.ref)));
    CONGVAN_RETURN_IF_ERROR(BindOptional(stmt, 6, r.date));
    CONGVAN_RETURN_IF_ERROR(stmt.Run());
  }
  return Status::Ok();
}

// Letters registered earlier that cite this one ("thực hiện Kế hoạch số 67-KH/HU") get their
// link now that it is here.
constexpr const char kLinkIncoming[] =
    "UPDATE refs SET cited_document_id = ?1 WHERE ref_key = ?2 AND cited_document_id IS NULL "
    "AND document_id <> ?1 AND (ref_date IS NULL OR ?3 = '' OR ref_date = ?3)";

Status LinkIncoming(Statement& stmt, const text::Folder& folder, std::int64_t id,
                    const DocumentRecord& doc) {
  const std::string key = folder.RefKey(doc.doc_ref);
  if (key.empty()) return Status::Ok();
  stmt.Reset();
  CONGVAN_RETURN_IF_ERROR(stmt.BindInt64(1, id));
  CONGVAN_RETURN_IF_ERROR(stmt.BindText(2, key));
  CONGVAN_RETURN_IF_ERROR(stmt.BindText(3, doc.date));
  return stmt.Run();
}

Status ReadTasks(Connection db, DocumentRecord& doc) {
  return ForEachRowOf(
      db,
      "SELECT id, assignee, action, cooperating, due_date, due_time, deadline_text, "
      "recurrence, flags, status, done_at, revision, assignee_key, " +
          std::string(kAssignmentColumns) + " FROM tasks WHERE document_id = ?1 ORDER BY position",
      doc.id, [&doc](const Statement& row) {
        doc.tasks.push_back(ReadTaskRecord(row));
        ReadAssignmentColumns(row, 13, doc.tasks.back());
      });
}

Status ReadAddressees(Connection db, DocumentRecord& doc) {
  return ForEachRowOf(
      db, "SELECT name FROM addressees WHERE document_id = ?1 ORDER BY position", doc.id,
      [&doc](const Statement& row) { doc.addressees.push_back(row.ColumnText(0)); });
}

Status ReadReferences(Connection db, DocumentRecord& doc) {
  return ForEachRowOf(
      db,
      "SELECT ref, ref_date, ref_type, cited_document_id FROM refs WHERE document_id = ?1 "
      "ORDER BY position",
      doc.id, [&doc](const Statement& row) {
        doc.references.push_back(ReferenceRecord{row.ColumnText(0), row.ColumnText(1),
                                                 row.ColumnText(2), row.ColumnInt64(3)});
      });
}

}  // namespace

Status ValidateTasks(const std::vector<TaskRecord>& tasks) {
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    const TaskRecord& t = tasks[i];
    const std::string which = "task " + std::to_string(i + 1) + " (" + t.assignee + ")";
    if (!t.due_date.empty() && !text::IsIsoDate(t.due_date)) {
      return Status::InvalidInput(which + ": deadline \"" + t.due_date + "\" is not yyyy-mm-dd");
    }
    if (!t.due_time.empty() && !text::IsTimeOfDay(t.due_time)) {
      return Status::InvalidInput(which + ": time \"" + t.due_time + "\" is not HH:MM");
    }
    if (!t.due_time.empty() && t.due_date.empty()) {
      return Status::InvalidInput(which + ": a deadline time needs a deadline date");
    }
  }
  return Status::Ok();
}

Result<PartWriter> PartWriter::Prepare(Connection db) {
  Result<Statement> tasks = Statement::Prepare(db, kInsertTask);
  if (!tasks.ok()) return tasks.status();
  Result<Statement> addressees = Statement::Prepare(db, kInsertAddressee);
  if (!addressees.ok()) return addressees.status();
  Result<Statement> refs = Statement::Prepare(db, kInsertReference);
  if (!refs.ok()) return refs.status();
  Result<Statement> link = Statement::Prepare(db, kLinkIncoming);
  if (!link.ok()) return link.status();
  return PartWriter(std::move(*tasks), std::move(*addressees), std::move(*refs), std::move(*link));
}

Status PartWriter::Insert(const text::Folder& folder, std::int64_t id, const DocumentRecord& doc) {
  CONGVAN_RETURN_IF_ERROR(InsertTasks(tasks_, folder, id, doc.tasks));
  CONGVAN_RETURN_IF_ERROR(InsertAddressees(addressees_, folder, id, doc.addressees));
  CONGVAN_RETURN_IF_ERROR(InsertReferences(refs_, folder, id, doc.references));
  return LinkIncoming(link_, folder, id, doc);
}

Status ReadParts(Connection db, DocumentRecord& doc) {
  CONGVAN_RETURN_IF_ERROR(ReadTasks(db, doc));
  CONGVAN_RETURN_IF_ERROR(ReadAddressees(db, doc));
  return ReadReferences(db, doc);
}

namespace {

// Deletes the rows of document `id` from `table` (one of ours: never input).
Status DeleteRowsOf(Connection db, const char* table, std::int64_t id) {
  Result<Statement> stmt =
      Statement::Prepare(db, std::string("DELETE FROM ") + table + " WHERE document_id = ?1");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, id));
  return stmt->Run();
}

}  // namespace

Status ReplaceAddressees(Connection db, const text::Folder& folder, std::int64_t id,
                         const std::vector<std::string>& names) {
  CONGVAN_RETURN_IF_ERROR(DeleteRowsOf(db, "addressees", id));
  Result<Statement> insert = Statement::Prepare(db, kInsertAddressee);
  if (!insert.ok()) return insert.status();
  return InsertAddressees(*insert, folder, id, names);
}

Status ReplaceReferences(Connection db, const text::Folder& folder, std::int64_t id,
                         const std::vector<ReferenceRecord>& refs) {
  CONGVAN_RETURN_IF_ERROR(DeleteRowsOf(db, "refs", id));
  Result<Statement> insert = Statement::Prepare(db, kInsertReference);
  if (!insert.ok()) return insert.status();
  return InsertReferences(*insert, folder, id, refs);
}

Result<std::int64_t> CitedDocumentId(Connection db, const text::Folder& folder,
                                     std::int64_t citing_id,
                                     const std::string& ref, const std::string& date) {
  Result<Statement> stmt = Statement::Prepare(db, kSelectCitedDocument);
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, citing_id));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(5, folder.RefKey(ref)));
  CONGVAN_RETURN_IF_ERROR(BindOptional(*stmt, 6, date));
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  return *row ? stmt->ColumnInt64(0) : std::int64_t{0};
}

}  // namespace congvan::registry
