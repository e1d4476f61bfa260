#include "registry/list_fields.h"


#include <algorithm>
#include <nlohmann/json.hpp>

#include "registry/corrections.h"
#include "registry/document_parts.h"
#include "registry/statement.h"
#include "text/dates.h"

namespace congvan::registry {
namespace {

// The separator of tasks.cooperating (document_parts.cc writes it, task_sql.cc splits on it).
constexpr char kCooperatingSeparator[] = "; ";

std::string Trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// One item as typed, without the bullet and closing mark letters put around list items.
std::string CleanItem(const std::string& raw) {
  std::string item = Trim(raw);
  while (!item.empty() && (item.front() == '-' || item.front() == '+')) item = Trim(item.substr(1));
  while (!item.empty() && item.back() == '.') item = Trim(item.substr(0, item.size() - 1));
  return item;
}

bool HasControlCharacter(const std::string& item) {
  return std::any_of(item.begin(), item.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t') || u == 0x7f;
  });
}

// Splits what the clerk typed into items: on line breaks and ';'. A "\r" is a line break only
// before "\n" (a Windows line end); anywhere else it is a control character and refused.
std::vector<std::string> SplitTyped(const std::string& raw) {
  std::vector<std::string> parts;
  std::string current;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') continue;
    if (c == '\n' || c == ';') {
      parts.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  parts.push_back(std::move(current));
  return parts;
}

std::string JoinItems(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : sep) + item;
  return out;
}

// Finds `word` as a whole word (surrounded by spaces or the ends) in `text`, from the right
// when `last`; npos when absent.
std::size_t FindWord(const std::string& text, const std::string& word, bool last) {
  std::size_t at = last ? text.rfind(word) : text.find(word);
  while (at != std::string::npos) {
    const bool starts = at == 0 || text[at - 1] == ' ';
    const bool ends = at + word.size() == text.size() || text[at + word.size()] == ' ';
    if (starts && ends) return at;
    if (last) {
      if (at == 0) break;
      at = text.rfind(word, at - 1);
    } else {
      at = text.find(word, at + 1);
    }
  }
  return std::string::npos;
}

// "Kế hoạch số 67-KH/HU ngày 10/01/2022", "67-KH/HU", "Kế hoạch 67-KH/HU" (the last word is the
// number when "số" is not written) into its parts.
Result<ReferenceRecord> ParseReference(const std::string& line) {
  ReferenceRecord r;
  std::string head = line;
  for (const char* ngay : {"ngày", "Ngày"}) {
    const std::size_t at = FindWord(head, ngay, /*last=*/true);
    if (at == std::string::npos) continue;
    const std::string date = Trim(head.substr(at + std::string(ngay).size()));
    std::optional<std::string> iso = text::ReadTypedDate(date);
    if (!iso) return Status::InvalidInput("\"" + date + "\" không phải ngày (dd/mm/yyyy)");
    r.date = *iso;
    head = Trim(head.substr(0, at));
    break;
  }
  std::size_t so = std::string::npos;
  std::size_t so_size = 0;
  for (const char* word : {"số", "Số"}) {
    so = FindWord(head, word, /*last=*/false);
    if (so != std::string::npos) {
      so_size = std::string(word).size();
      break;
    }
  }
  if (so != std::string::npos) {
    r.type = Trim(head.substr(0, so));
    r.ref = Trim(head.substr(so + so_size));
  } else {
    const std::size_t space = head.rfind(' ');
    r.type = space == std::string::npos ? "" : Trim(head.substr(0, space));
    r.ref = space == std::string::npos ? head : head.substr(space + 1);
  }
  if (r.ref.empty()) {
    return Status::InvalidInput("thiếu số văn bản (viết \"Công văn số 12/UBND\")");
  }
  return r;
}

// The field's items as the rows hold them.
Status ReadRowItems(Connection db, std::int64_t document_id, int position, ListField field,
                    std::vector<std::string>& items) {
  switch (field) {
    case ListField::kAddressees:
      return ForEachRowOf(db,
                          "SELECT name FROM addressees WHERE document_id = ?1 ORDER BY position",
                          document_id,
                          [&](const Statement& row) { items.push_back(row.ColumnText(0)); });
    case ListField::kReferences:
      return ForEachRowOf(
          db,
          "SELECT ref, coalesce(ref_date, ''), ref_type FROM refs WHERE document_id = ?1 "
          "ORDER BY position",
          document_id, [&](const Statement& row) {
            items.push_back(
                ReferenceLine({row.ColumnText(0), row.ColumnText(1), row.ColumnText(2)}));
          });
    case ListField::kCooperating: {
      Result<Statement> stmt = Statement::Prepare(
          db, "SELECT cooperating FROM tasks WHERE document_id = ?1 AND position = ?2");
      if (!stmt.ok()) return stmt.status();
      CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, document_id));
      CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(2, position));
      Result<bool> row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      const std::string joined = stmt->ColumnText(0);
      std::size_t start = 0;
      while (!joined.empty()) {
        const std::size_t at = joined.find(kCooperatingSeparator, start);
        items.push_back(joined.substr(start, at - start));
        if (at == std::string::npos) break;
        start = at + std::string(kCooperatingSeparator).size();
      }
      return Status::Ok();
    }
  }
  return Status::Ok();
}

}  // namespace

std::string ReferenceLine(const ReferenceRecord& r) {
  // "số" is left out only when the number is one word: read back without it, the last word
  // is taken for the number.
  const bool one_word = r.ref.find(' ') == std::string::npos;
  std::string line = !r.type.empty() ? r.type + " số " + r.ref : one_word ? r.ref : "số " + r.ref;
  if (text::IsIsoDate(r.date)) {
    line += " ngày " + r.date.substr(8, 2) + "/" + r.date.substr(5, 2) + "/" + r.date.substr(0, 4);
  }
  return line;
}

nlohmann::json ReferencesJson(const std::vector<ReferenceRecord>& refs) {
  nlohmann::json out = nlohmann::json::array();
  for (const ReferenceRecord& r : refs) {
    out.push_back({{"ref", r.ref},
                   {"date", r.date.empty() ? nlohmann::json() : nlohmann::json(r.date)},
                   {"type", r.type.empty() ? nlohmann::json() : nlohmann::json(r.type)}});
  }
  return out;
}

bool IsListField(const std::string& field) {
  return ListFieldNamed(false, field).has_value() || ListFieldNamed(true, field).has_value();
}

std::optional<ListField> ListFieldNamed(bool task, const std::string& name) {
  if (task) return name == "cooperating" ? std::optional(ListField::kCooperating) : std::nullopt;
  if (name == "addressees") return ListField::kAddressees;
  if (name == "references") return ListField::kReferences;
  return std::nullopt;
}

Result<std::string> NormalizeList(ListField field, const std::string& raw) {
  if (raw.size() > kMaxListCorrectionBytes) {
    return Status::InvalidInput("Danh sách dài quá " +
                                std::to_string(kMaxListCorrectionBytes) + " byte.");
  }
  std::vector<std::string> items;
  for (const std::string& part : SplitTyped(raw)) {
    std::string item = CleanItem(part);
    if (item.empty()) continue;
    const std::string which = "Mục " + std::to_string(items.size() + 1);
    if (HasControlCharacter(item)) {
      return Status::InvalidInput(which + " chứa ký tự điều khiển.");
    }
    if (item.size() > kMaxListItemBytes) {
      return Status::InvalidInput(which + " dài quá " + std::to_string(kMaxListItemBytes) +
                                  " byte.");
    }
    if (field == ListField::kReferences) {
      Result<ReferenceRecord> ref = ParseReference(item);
      if (!ref.ok()) {
        return Status::InvalidInput(which + " (\"" + item + "\"): " + ref.status().message() + ".");
      }
      item = ReferenceLine(*ref);
    }
    items.push_back(std::move(item));
  }
  if (items.size() > kMaxListItems) {
    return Status::InvalidInput("Danh sách có " + std::to_string(items.size()) + " mục; tối đa " +
                                std::to_string(kMaxListItems) + " mục.");
  }
  return JoinItems(items, "\n");
}

std::vector<std::string> ListItems(const std::string& stored) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (!stored.empty()) {
    const std::size_t at = stored.find('\n', start);
    items.push_back(stored.substr(start, at - start));
    if (at == std::string::npos) break;
    start = at + 1;
  }
  return items;
}

Result<std::vector<ReferenceRecord>> StoredReferences(const std::string& stored) {
  std::vector<ReferenceRecord> refs;
  for (const std::string& line : ListItems(stored)) {
    Result<ReferenceRecord> ref = ParseReference(line);
    if (!ref.ok()) return ref.status().WithContext("reference \"" + line + "\"");
    refs.push_back(*ref);
  }
  return refs;
}

Result<std::string> ListRowValue(Connection db, std::int64_t document_id, int position,
                                 ListField field) {
  std::vector<std::string> items;
  CONGVAN_RETURN_IF_ERROR(ReadRowItems(db, document_id, position, field, items));
  return JoinItems(items, "\n");
}

Status WriteListThrough(Connection db, const text::Folder& folder, std::int64_t document_id,
                        int position, ListField field, const std::string& stored, TimePoint now) {
  const std::vector<std::string> items = ListItems(stored);
  switch (field) {
    case ListField::kAddressees:
      CONGVAN_RETURN_IF_ERROR(ReplaceAddressees(db, folder, document_id, items));
      return SetLetterJson(db, document_id, "addressees", nlohmann::json(items), now);
    case ListField::kReferences: {
      Result<std::vector<ReferenceRecord>> refs = StoredReferences(stored);
      if (!refs.ok()) return refs.status();
      CONGVAN_RETURN_IF_ERROR(ReplaceReferences(db, folder, document_id, *refs));
      return SetLetterJson(db, document_id, "references", ReferencesJson(*refs), now);
    }
    case ListField::kCooperating: {
      Result<Statement> stmt = Statement::Prepare(
          db, "UPDATE tasks SET cooperating = ?3, revision = revision + 1 "
              "WHERE document_id = ?1 AND position = ?2");
      if (!stmt.ok()) return stmt.status();
      CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, document_id));
      CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(2, position));
      CONGVAN_RETURN_IF_ERROR(stmt->BindText(3, JoinItems(items, kCooperatingSeparator)));
      return stmt->Run();
    }
  }
  return Status::Ok();
}

Status SetLetterJson(Connection db, std::int64_t document_id, const std::string& key,
                     const nlohmann::json& value, TimePoint now) {
  if (!db.is_postgres()) {
    Result<Statement> stmt = Statement::Prepare(
        db, "UPDATE documents SET fields_json = CASE WHEN json_valid(fields_json) "
            "THEN json_set(fields_json, ?2, json(?3)) ELSE fields_json END, updated_at = ?4 "
            "WHERE id = ?1");
    if (!stmt.ok()) return stmt.status();
    CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, document_id));
    CONGVAN_RETURN_IF_ERROR(stmt->BindText(2, "$." + key));
    CONGVAN_RETURN_IF_ERROR(stmt->BindText(3, value.dump()));
    CONGVAN_RETURN_IF_ERROR(stmt->BindText(4, UtcTimestamp(now)));
    return stmt->Run();
  }
  // PostgreSQL's jsonb would sort the keys and space the text; edited here instead, the JSON
  // reads as SQLite's json_set() leaves it (keys in order, a new one last, no spaces), so
  // `show --json` prints the same on both. The caller's write transaction keeps it atomic.
  Result<Statement> read =
      Statement::Prepare(db, "SELECT fields_json FROM documents WHERE id = ?1");
  if (!read.ok()) return read.status();
  CONGVAN_RETURN_IF_ERROR(read->BindInt64(1, document_id));
  Result<bool> row = read->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Ok();
  nlohmann::ordered_json fields =
      nlohmann::ordered_json::parse(read->ColumnText(0), nullptr, /*allow_exceptions=*/false);
  const bool valid = !fields.is_discarded();
  if (fields.is_object()) fields[key] = nlohmann::ordered_json::parse(value.dump());
  Result<Statement> write = Statement::Prepare(
      db, valid ? "UPDATE documents SET fields_json = ?2, updated_at = ?3 WHERE id = ?1"
                : "UPDATE documents SET updated_at = ?3 WHERE id = ?1");
  if (!write.ok()) return write.status();
  CONGVAN_RETURN_IF_ERROR(write->BindInt64(1, document_id));
  if (valid) CONGVAN_RETURN_IF_ERROR(write->BindText(2, fields.dump()));
  CONGVAN_RETURN_IF_ERROR(write->BindText(3, UtcTimestamp(now)));
  return write->Run();
}

}  // namespace congvan::registry
