#include "registry/letter_files.h"

#include <sqlite3.h>

#include "registry/statement.h"
#include "text/dates.h"
#include "text/tokens.h"

namespace congvan::registry {
namespace {

Result<std::optional<std::int64_t>> FirstId(Result<Statement> stmt) {
  if (!stmt.ok()) return stmt.status();
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(stmt->ColumnInt64(0));
}

}  // namespace

Result<std::optional<std::int64_t>> FindSameLetter(const Registry& registry,
                                                   const DocumentRecord& record) {
  const std::string ref_key = registry.folder().RefKey(record.doc_ref);
  const std::string issuer_key = registry.folder().Key(record.issuer);
  if (ref_key.empty() || issuer_key.empty() || !text::IsIsoDate(record.date)) {
    return std::optional<std::int64_t>();
  }
  Result<Statement> stmt = Statement::Prepare(
      registry.db(),
      "SELECT id FROM documents WHERE ref_key = ?1 AND issuer_key = ?2 AND date = ?3 AND "
      "sha256 <> ?4 AND NOT EXISTS (SELECT 1 FROM documents WHERE sha256 = ?4) "
      "ORDER BY id LIMIT 1");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, ref_key));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(2, issuer_key));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(3, record.date));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(4, record.sha256));
  return FirstId(std::move(stmt));
}

Result<std::optional<std::int64_t>> LetterOfFile(const Registry& registry,
                                                 const std::string& sha256) {
  Result<Statement> stmt = Statement::Prepare(
      registry.db(),
      "SELECT d.id FROM letter_files f JOIN documents d ON d.sha256 = f.letter_sha256 "
      "WHERE f.sha256 = ?1");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, sha256));
  return FirstId(std::move(stmt));
}

Status AttachFile(Registry& registry, std::int64_t letter_id, const DocumentRecord& record,
                  TimePoint now) {
  Result<Statement> stmt = Statement::Prepare(
      registry.db(),
      "INSERT INTO letter_files (letter_sha256, sha256, path, file_type, page_count, added_at) "
      "SELECT sha256, ?2, ?3, ?4, ?5, ?6 FROM documents WHERE id = ?1 "
      "ON CONFLICT (sha256) DO NOTHING");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, letter_id));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(2, record.sha256));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(3, record.path));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(4, record.file_type));
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(
      5, record.page_count > 0 ? record.page_count : static_cast<std::int64_t>(record.pages.size())));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(6, UtcTimestamp(now)));
  CONGVAN_RETURN_IF_ERROR(stmt->Run());
  Result<std::optional<std::int64_t>> found = LetterOfFile(registry, record.sha256);
  if (!found.ok()) return found.status();
  if (!found->has_value()) {
    return Status::NotFound("Không có văn bản số " + std::to_string(letter_id) + ".");
  }
  return Status::Ok();
}

LetterFile RegisteredFile(const DocumentRecord& letter) {
  LetterFile file;
  file.sha256 = letter.sha256;
  file.path = letter.path;
  file.file_type = letter.file_type;
  file.page_count = letter.page_count;
  file.added_at = letter.created_at;
  file.first = true;
  return file;
}

Result<std::vector<LetterFile>> FilesOf(const Registry& registry, const DocumentRecord& letter) {
  std::vector<LetterFile> out{RegisteredFile(letter)};
  Result<Statement> stmt = Statement::Prepare(
      registry.db(),
      "SELECT sha256, path, file_type, page_count, added_at FROM letter_files "
      "WHERE letter_sha256 = ?1 ORDER BY id");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, letter.sha256));
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    LetterFile f;
    f.sha256 = stmt->ColumnText(0);
    f.path = stmt->ColumnText(1);
    f.file_type = stmt->ColumnText(2);
    f.page_count = static_cast<int>(stmt->ColumnInt64(3));
    f.added_at = stmt->ColumnText(4);
    out.push_back(std::move(f));
  }
}

}  // namespace congvan::registry
