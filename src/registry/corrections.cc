#include "registry/corrections.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <utility>

#include "registry/document_parts.h"
#include "registry/list_fields.h"
#include "registry/search_postgres.h"
#include "registry/statement.h"
#include "text/dates.h"
#include "text/tokens.h"

namespace congvan::registry {
namespace {

// kList: addressees, references, cooperating (list_fields.h), written through by
// WriteListThrough() rather than by one UPDATE.
enum class ValueKind { kText, kDate, kTime, kList };

// One correctable field: how its value is checked and the fixed SQL that writes it through.
// Letter SQL binds ?1 document id, ?2 value, ?3 UTC timestamp; task SQL binds ?1 document id,
// ?2 position, ?3 value. On PostgreSQL, which has neither SQLite's JSON functions nor congvan's
// key functions, `postgres_sql` writes the columns with the folded key bound as ?4, and a
// letter field's fields_json is set by SetLetterJson() (list_fields.h).
enum class KeyOf { kNone, kName, kRef };  // what ?4 holds on PostgreSQL
struct FieldSpec {
  const char* name;
  ValueKind kind;
  const char* update_sql;
  const char* postgres_sql = nullptr;
  KeyOf key = KeyOf::kNone;
};

// fields_json is the Letter as SCHEMA.md JSON; a correction is mirrored there so `show --json`
// and the API agree with the columns. A row whose JSON is not valid keeps it as is.
#define CONGVAN_JSON_SET(path) \
  "fields_json = CASE WHEN json_valid(fields_json) THEN json_set(fields_json, '" path \
  "', NULLIF(?2, '')) ELSE fields_json END, updated_at = ?3 WHERE id = ?1"

#define CONGVAN_PG_WHERE "updated_at = ?3 WHERE id = ?1"
constexpr FieldSpec kLetterFields[] = {
    {"doc_ref", ValueKind::kText,
     "UPDATE documents SET doc_ref = ?2, ref_key = congvan_ref_key(?2), " CONGVAN_JSON_SET("$.doc_ref"),
     "UPDATE documents SET doc_ref = ?2, ref_key = ?4, " CONGVAN_PG_WHERE, KeyOf::kRef},
    {"doc_type", ValueKind::kText, "UPDATE documents SET doc_type = ?2, " CONGVAN_JSON_SET("$.doc_type"),
     "UPDATE documents SET doc_type = ?2, " CONGVAN_PG_WHERE},
    {"issuer", ValueKind::kText,
     "UPDATE documents SET issuer = ?2, issuer_key = congvan_key(?2), " CONGVAN_JSON_SET("$.issuer"),
     "UPDATE documents SET issuer = ?2, issuer_key = ?4, " CONGVAN_PG_WHERE, KeyOf::kName},
    {"issuer_parent", ValueKind::kText, "UPDATE documents SET " CONGVAN_JSON_SET("$.issuer_parent"),
     "UPDATE documents SET " CONGVAN_PG_WHERE},
    {"place", ValueKind::kText, "UPDATE documents SET " CONGVAN_JSON_SET("$.place"),
     "UPDATE documents SET " CONGVAN_PG_WHERE},
    {"date", ValueKind::kDate, "UPDATE documents SET date = ?2, " CONGVAN_JSON_SET("$.date"),
     "UPDATE documents SET date = ?2, " CONGVAN_PG_WHERE},
    {"subject", ValueKind::kText, "UPDATE documents SET subject = ?2, " CONGVAN_JSON_SET("$.subject"),
     "UPDATE documents SET subject = ?2, " CONGVAN_PG_WHERE},
    {"addressees", ValueKind::kList, nullptr},
    {"references", ValueKind::kList, nullptr},
};
#undef CONGVAN_PG_WHERE
#undef CONGVAN_JSON_SET

#define CONGVAN_TASK_WHERE ", revision = revision + 1 WHERE document_id = ?1 AND position = ?2"
constexpr FieldSpec kTaskFields[] = {
    {"assignee", ValueKind::kText,
     "UPDATE tasks SET assignee = ?3, assignee_key = congvan_key(?3)" CONGVAN_TASK_WHERE,
     "UPDATE tasks SET assignee = ?3, assignee_key = ?4" CONGVAN_TASK_WHERE, KeyOf::kName},
    {"action", ValueKind::kText, "UPDATE tasks SET action = ?3" CONGVAN_TASK_WHERE},
    {"due_date", ValueKind::kDate,
     "UPDATE tasks SET due_date = NULLIF(?3, ''), deadline = NULLIF(?3, '')" CONGVAN_TASK_WHERE},
    {"due_time", ValueKind::kTime, "UPDATE tasks SET due_time = NULLIF(?3, '')" CONGVAN_TASK_WHERE},
    {"deadline_text", ValueKind::kText, "UPDATE tasks SET deadline_text = ?3" CONGVAN_TASK_WHERE},
    {"recurrence", ValueKind::kText, "UPDATE tasks SET recurrence = ?3" CONGVAN_TASK_WHERE},
    {"cooperating", ValueKind::kList, nullptr},
};
#undef CONGVAN_TASK_WHERE

const FieldSpec* FindSpec(bool task, const std::string& field) {
  auto begin = task ? std::begin(kTaskFields) : std::begin(kLetterFields);
  auto end = task ? std::end(kTaskFields) : std::end(kLetterFields);
  auto it = std::find_if(begin, end, [&](const FieldSpec& s) { return field == s.name; });
  return it == end ? nullptr : &*it;
}

std::string Trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// The value as stored: trimmed, dates as yyyy-mm-dd; InvalidInput saying what is wrong.
Result<std::string> NormalizeValue(bool task, const FieldSpec& spec, const std::string& raw) {
  if (std::optional<ListField> list = ListFieldNamed(task, spec.name)) {
    return NormalizeList(*list, raw);
  }
  if (raw.size() > kMaxCorrectionBytes) {
    return Status::InvalidInput("Giá trị dài quá " + std::to_string(kMaxCorrectionBytes) +
                                " byte.");
  }
  std::string value = Trim(raw);
  if (std::any_of(value.begin(), value.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\t'; })) {
    return Status::InvalidInput("Giá trị chứa ký tự điều khiển (không được xuống dòng).");
  }
  if (value.empty()) return value;
  switch (spec.kind) {
    case ValueKind::kText:
      return value;
    case ValueKind::kDate: {
      std::optional<std::string> iso = text::ReadTypedDate(value);
      if (!iso) return Status::InvalidInput("\"" + value + "\" không phải ngày (dd/mm/yyyy).");
      return *iso;
    }
    case ValueKind::kTime:
      if (!text::IsTimeOfDay(value)) return Status::InvalidInput("\"" + value + "\" không phải giờ (HH:MM).");
      return value;
    case ValueKind::kList:
      break;  // lists went to NormalizeList() at the top
  }
  return value;
}

// The letter's SHA-256 and, for a task, its position; NotFound when either is missing.
struct Target {
  std::string sha256;
  int position = kLetterField;
};

Result<Target> FindTarget(Connection db, const CorrectionRequest& request) {
  Result<Statement> doc = Statement::Prepare(db, "SELECT sha256 FROM documents WHERE id = ?1");
  if (!doc.ok()) return doc.status();
  CONGVAN_RETURN_IF_ERROR(doc->BindInt64(1, request.document_id));
  Result<bool> row = doc->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("Không có văn bản số " + std::to_string(request.document_id) + ".");
  Target target{doc->ColumnText(0), kLetterField};
  if (!request.task_id) return target;
  Result<Statement> task =
      Statement::Prepare(db, "SELECT position FROM tasks WHERE id = ?1 AND document_id = ?2");
  if (!task.ok()) return task.status();
  CONGVAN_RETURN_IF_ERROR(task->BindInt64(1, *request.task_id));
  CONGVAN_RETURN_IF_ERROR(task->BindInt64(2, request.document_id));
  row = task->Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    return Status::NotFound("Văn bản số " + std::to_string(request.document_id) +
                            " không có nhiệm vụ số " + std::to_string(*request.task_id) + ".");
  }
  target.position = static_cast<int>(task->ColumnInt64(0));
  return target;
}

// What the row holds for the field (before corrections are laid over it).
Result<std::string> RowValue(Connection db, std::int64_t document_id, const Target& target,
                             const std::string& field) {
  const bool task = target.position != kLetterField;
  Result<Statement> stmt = Statement::Prepare(
      db, task ? "SELECT assignee, action, coalesce(due_date, ''), coalesce(due_time, ''), "
                 "deadline_text, recurrence FROM tasks WHERE document_id = ?1 AND position = ?2"
               : "SELECT doc_ref, doc_type, issuer, date, subject, fields_json "
                 "FROM documents WHERE id = ?1");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, document_id));
  if (task) CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(2, target.position));
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::string();
  // The SELECTed columns, in order.
  static const std::vector<std::string> kTaskColumns = {"assignee", "action", "due_date",
                                                        "due_time", "deadline_text", "recurrence"};
  static const std::vector<std::string> kLetterColumns = {"doc_ref", "doc_type", "issuer", "date",
                                                          "subject"};
  const std::vector<std::string>& names = task ? kTaskColumns : kLetterColumns;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (field == names[i]) return stmt->ColumnText(static_cast<int>(i));
  }
  // issuer_parent, place: only in the fields JSON.
  nlohmann::json fields = nlohmann::json::parse(stmt->ColumnText(5), nullptr, false);
  if (fields.is_object() && fields.contains(field) && fields[field].is_string()) {
    return fields[field].get<std::string>();
  }
  return std::string();
}

// The latest correction of one field, if any.
Result<std::optional<std::string>> LatestCorrection(Connection db, const Target& target,
                                                    const std::string& field) {
  Result<Statement> stmt = Statement::Prepare(
      db, "SELECT new_value FROM corrections WHERE sha256 = ?1 AND task_position = ?2 "
          "AND field = ?3 ORDER BY id DESC LIMIT 1");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, target.sha256));
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(2, target.position));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(3, field));
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(stmt->ColumnText(0));
}

// Runs the field's UPDATE for one value (a list's: WriteListThrough()).
// On PostgreSQL the words of the changed letter or task are then written for search
// (search_postgres.h: a trigger cleared them).
Status WriteThrough(Connection db, const text::Folder& folder, std::int64_t document_id, int position,
                    const FieldSpec& spec, const std::string& value, TimePoint now) {
  if (std::optional<ListField> list = ListFieldNamed(position != kLetterField, spec.name)) {
    return WriteListThrough(db, folder, document_id, position, *list, value, now);
  }
  const bool postgres = db.is_postgres() && spec.postgres_sql != nullptr;
  Result<Statement> stmt = Statement::Prepare(db, postgres ? spec.postgres_sql : spec.update_sql);
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, document_id));
  if (position == kLetterField) {
    CONGVAN_RETURN_IF_ERROR(stmt->BindText(2, value));
    CONGVAN_RETURN_IF_ERROR(stmt->BindText(3, UtcTimestamp(now)));
  } else {
    CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(2, position));
    CONGVAN_RETURN_IF_ERROR(stmt->BindText(3, value));
  }
  if (postgres && spec.key != KeyOf::kNone) {
    CONGVAN_RETURN_IF_ERROR(stmt->BindText(
        4, spec.key == KeyOf::kRef ? folder.RefKey(value) : folder.Key(value)));
  }
  CONGVAN_RETURN_IF_ERROR(stmt->Run());
  if (!db.is_postgres()) return Status::Ok();
  if (position == kLetterField) {
    // As SQLite's json_set(…, NULLIF(?2, '')): an empty value is JSON null.
    CONGVAN_RETURN_IF_ERROR(SetLetterJson(db, document_id, spec.name,
                                          value.empty() ? nlohmann::json() : nlohmann::json(value),
                                          now));
  }
  return IndexPendingForSearch(db, folder);
}

// Sets one field of the Letter JSON ("" becomes null, as extraction writes a missing field).
void SetJson(nlohmann::json& object, const std::string& key, const std::string& value) {
  if (!object.is_object()) return;
  object[key] = value.empty() ? nlohmann::json() : nlohmann::json(value);
}

void ApplyToTask(TaskRecord& task, const Correction& c) {
  if (c.field == "assignee") task.assignee = c.new_value;
  else if (c.field == "action") task.action = c.new_value;
  else if (c.field == "due_date") task.due_date = c.new_value;
  else if (c.field == "due_time") task.due_time = c.new_value;
  else if (c.field == "deadline_text") task.deadline_text = c.new_value;
  else if (c.field == "recurrence") task.recurrence = c.new_value;
  else if (c.field == "cooperating") task.cooperating = ListItems(c.new_value);
}

// Lays a list correction of the letter over `doc` and its JSON; references are linked to the
// registered letters they cite now, as the write-through links them.
Status ApplyLetterList(Connection db, const text::Folder& folder, const Correction& c,
                       DocumentRecord& doc, nlohmann::json& fields) {
  if (c.field == "addressees") {
    doc.addressees = ListItems(c.new_value);
    if (fields.is_object()) fields["addressees"] = doc.addressees;
    return Status::Ok();
  }
  Result<std::vector<ReferenceRecord>> refs = StoredReferences(c.new_value);
  if (!refs.ok()) return refs.status();
  for (ReferenceRecord& r : *refs) {
    Result<std::int64_t> cited = CitedDocumentId(db, folder, doc.id, r.ref, r.date);
    if (!cited.ok()) return cited.status();
    r.cited_document_id = *cited;
  }
  doc.references = std::move(*refs);
  if (fields.is_object()) fields["references"] = ReferencesJson(doc.references);
  return Status::Ok();
}

// The SCHEMA.md key of a task field in fields_json ("summary" for action, "deadline" for due_date).
// due_time has no key there (it is part of deadline_text).
std::optional<std::string> TaskJsonKey(const std::string& field) {
  if (field == "action") return "summary";
  if (field == "due_date") return "deadline";
  if (field == "due_time") return std::nullopt;
  return field;  // "cooperating" is a list there: SetTaskJson()
}

// Sets one task field in the Letter JSON's task `position`, a list for "cooperating".
void SetTaskJson(nlohmann::json& fields, const Correction& c) {
  if (!fields.is_object() || !fields.contains("tasks") || !fields["tasks"].is_array() ||
      static_cast<std::size_t>(c.task_position) >= fields["tasks"].size()) {
    return;
  }
  nlohmann::json& task = fields["tasks"][c.task_position];
  if (c.field == "cooperating") {
    if (task.is_object()) task["cooperating"] = ListItems(c.new_value);
  } else if (std::optional<std::string> key = TaskJsonKey(c.field)) {
    SetJson(task, *key, c.new_value);
  }
}

}  // namespace

Result<Correction> Correct(Registry& registry, const CorrectionRequest& request, TimePoint now) {
  const FieldSpec* spec = FindSpec(request.task_id.has_value(), request.field);
  if (spec == nullptr) {
    return Status::InvalidInput("\"" + request.field + "\" không phải trường sửa được.");
  }
  Result<std::string> value = NormalizeValue(request.task_id.has_value(), *spec, request.value);
  if (!value.ok()) return value.status();
  const Connection db = registry.db();
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
  if (!tx.ok()) return tx.status();
  Result<Target> target = FindTarget(db, request);
  if (!target.ok()) return target.status();
  Result<std::optional<std::string>> latest = LatestCorrection(db, *target, request.field);
  if (!latest.ok()) return latest.status();
  std::string old_value;
  if (latest->has_value()) {
    old_value = **latest;
  } else {
    std::optional<ListField> list = ListFieldNamed(request.task_id.has_value(), request.field);
    Result<std::string> row =
        list ? ListRowValue(db, request.document_id, target->position, *list)
             : RowValue(db, request.document_id, *target, request.field);
    if (!row.ok()) return row.status();
    old_value = *row;
  }
  if (old_value == *value) {
    if (spec->kind == ValueKind::kList) return Status::InvalidInput("Danh sách không thay đổi.");
    return Status::InvalidInput("Giá trị không thay đổi (\"" + old_value + "\").");
  }
  Correction c{0, target->sha256, target->position, request.field, old_value, *value,
               request.who, UtcTimestamp(now)};
  Result<Statement> insert = Statement::Prepare(
      db, "INSERT INTO corrections (sha256, task_position, field, old_value, new_value, who, at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)" + InsertReturningId(db));
  if (!insert.ok()) return insert.status();
  CONGVAN_RETURN_IF_ERROR(insert->BindText(1, c.sha256));
  CONGVAN_RETURN_IF_ERROR(insert->BindInt64(2, c.task_position));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(3, c.field));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(4, c.old_value));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(5, c.new_value));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(6, c.who));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(7, c.at));
  Result<std::int64_t> id = RunInsert(db, *insert);
  if (!id.ok()) return id.status();
  c.id = *id;
  CONGVAN_RETURN_IF_ERROR(WriteThrough(db, registry.folder(), request.document_id,
                                       c.task_position, *spec, c.new_value, now));
  CONGVAN_RETURN_IF_ERROR(tx->Commit());
  return c;
}

Result<std::vector<Correction>> ListCorrections(const Registry& registry,
                                                const std::string& sha256) {
  Result<Statement> stmt = Statement::Prepare(
      registry.db(),
      "SELECT id, sha256, task_position, field, old_value, new_value, who, at "
      "FROM corrections WHERE sha256 = ?1 ORDER BY id");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, sha256));
  std::vector<Correction> out;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({stmt->ColumnInt64(0), stmt->ColumnText(1),
                   static_cast<int>(stmt->ColumnInt64(2)), stmt->ColumnText(3),
                   stmt->ColumnText(4), stmt->ColumnText(5), stmt->ColumnText(6),
                   stmt->ColumnText(7)});
  }
  return out;
}

Status ApplyCorrections(const Registry& registry, DocumentRecord& doc) {
  Result<std::vector<Correction>> all = ListCorrections(registry, doc.sha256);
  if (!all.ok()) return all.status();
  if (all->empty()) return Status::Ok();
  nlohmann::json fields = nlohmann::json::parse(doc.fields_json, nullptr, false);
  for (const Correction& c : *all) {
    if (c.task_position == kLetterField) {
      if (c.field == "reviewed") continue;  // a clerk's "Đã kiểm tra" (review.h), no value
      if (c.field == "doc_ref") doc.doc_ref = c.new_value;
      else if (c.field == "doc_type") doc.doc_type = c.new_value;
      else if (c.field == "issuer") doc.issuer = c.new_value;
      else if (c.field == "date") doc.date = c.new_value;
      else if (c.field == "subject") doc.subject = c.new_value;
      if (IsListField(c.field)) {
        CONGVAN_RETURN_IF_ERROR(
            ApplyLetterList(registry.db(), registry.folder(), c, doc, fields));
      } else {
        SetJson(fields, c.field, c.new_value);
      }
      continue;
    }
    if (c.task_position < 0 || static_cast<std::size_t>(c.task_position) >= doc.tasks.size()) {
      continue;  // a re-extraction found fewer tasks: nothing left to lay it over
    }
    ApplyToTask(doc.tasks[c.task_position], c);
    SetTaskJson(fields, c);
  }
  if (fields.is_object()) doc.fields_json = fields.dump();
  return Status::Ok();
}

Status ApplyCorrections(const Registry& registry, std::vector<TaskView>& tasks) {
  std::map<std::string, std::vector<Correction>> by_letter;
  for (const TaskView& v : tasks) {
    if (by_letter.count(v.sha256) != 0) continue;
    Result<std::vector<Correction>> all = ListCorrections(registry, v.sha256);
    if (!all.ok()) return all.status();
    by_letter.emplace(v.sha256, std::move(*all));
  }
  for (TaskView& v : tasks) {
    for (const Correction& c : by_letter[v.sha256]) {
      if (c.task_position == v.position) {
        ApplyToTask(v.task, c);
      } else if (c.task_position == kLetterField) {
        if (c.field == "doc_ref") v.doc_ref = c.new_value;
        else if (c.field == "doc_type") v.doc_type = c.new_value;
        else if (c.field == "issuer") v.issuer = c.new_value;
        else if (c.field == "date") v.doc_date = c.new_value;
        else if (c.field == "subject") v.subject = c.new_value;
      }
    }
  }
  return Status::Ok();
}

Result<int> ReapplyCorrections(Registry& registry, std::int64_t document_id, TimePoint now) {
  const Connection db = registry.db();
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
  if (!tx.ok()) return tx.status();
  Result<Target> target = FindTarget(db, CorrectionRequest{document_id, std::nullopt, "", "", ""});
  if (!target.ok()) return target.status();
  Result<std::vector<Correction>> all = ListCorrections(registry, target->sha256);
  if (!all.ok()) return all.status();
  int applied = 0;
  for (const Correction& c : *all) {
    const FieldSpec* spec = FindSpec(c.task_position != kLetterField, c.field);
    if (spec == nullptr) continue;
    // A task a re-extraction no longer finds has no row: its correction updates nothing.
    CONGVAN_RETURN_IF_ERROR(WriteThrough(db, registry.folder(), document_id, c.task_position,
                                         *spec, c.new_value, now));
    ++applied;
  }
  CONGVAN_RETURN_IF_ERROR(tx->Commit());
  return applied;
}

}  // namespace congvan::registry
