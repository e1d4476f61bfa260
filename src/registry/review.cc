#include "registry/review.h"

#include <nlohmann/json.hpp>

#include "registry/statement.h"

namespace congvan::registry {
namespace {

// Letters whose extraction asked for review and that no clerk has confirmed. review_needed is
// fields_json's review.needed as an indexed column (schema version 10: CASE, not AND, there:
// SQLite does not promise to test json_valid first), so the queue reads its letters from
// documents_review, not every letter's JSON.
constexpr const char kQueueWhere[] =
    " FROM documents AS d WHERE d.review_needed = 1 "
    "AND NOT EXISTS (SELECT 1 FROM corrections AS c WHERE c.sha256 = d.sha256 "
    "AND c.task_position = -1 AND c.field = 'reviewed')";

std::vector<std::string> Reasons(const std::string& fields_json) {
  std::vector<std::string> out;
  const nlohmann::json fields = nlohmann::json::parse(fields_json, nullptr, false);
  if (!fields.is_object() || !fields.contains("review") || !fields["review"].is_object()) return out;
  const nlohmann::json& review = fields["review"];
  if (!review.contains("reasons") || !review["reasons"].is_array()) return out;
  for (const nlohmann::json& r : review["reasons"]) {
    if (r.is_string()) out.push_back(r.get<std::string>());
  }
  return out;
}

}  // namespace

Result<std::vector<ReviewItem>> ReviewQueue(const Registry& registry, int limit) {
  if (limit < 0) return Status::InvalidInput("review queue limit must be 0 (all) or positive");
  Result<Statement> stmt = Statement::Prepare(
      registry.db(),
      std::string("SELECT d.id, d.doc_ref, d.doc_type, d.issuer, d.date, d.subject, "
                  "d.fields_json") + kQueueWhere + " ORDER BY d.created_at DESC, d.id DESC LIMIT ?1");
  if (!stmt.ok()) return stmt.status();
  // No limit: -1 on SQLite; PostgreSQL refuses a negative LIMIT and reads NULL as none.
  if (limit == 0 && registry.is_postgres()) {
    CONGVAN_RETURN_IF_ERROR(stmt->BindNull(1));
  } else {
    CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, limit == 0 ? -1 : limit));
  }
  std::vector<ReviewItem> items;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return items;
    items.push_back({stmt->ColumnInt64(0), stmt->ColumnText(1), stmt->ColumnText(2),
                     stmt->ColumnText(3), stmt->ColumnText(4), stmt->ColumnText(5),
                     Reasons(stmt->ColumnText(6))});
  }
}

Result<std::int64_t> ReviewQueueCount(const Registry& registry) {
  const std::string sql = std::string("SELECT count(*)") + kQueueWhere;
  return QueryInt64(registry.db(), sql.c_str());
}

Result<bool> IsReviewed(const Registry& registry, const std::string& sha256) {
  Result<Statement> stmt = Statement::Prepare(
      registry.db(),
      "SELECT 1 FROM corrections WHERE sha256 = ?1 AND task_position = -1 AND field = 'reviewed'");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, sha256));
  return stmt->Step();
}

Result<Correction> MarkReviewed(Registry& registry, std::int64_t document_id,
                                const std::string& who, TimePoint now) {
  const Connection db = registry.db();
  // IMMEDIATE: the check and the record under one write lock, so two clerks confirming at once
  // leave one record.
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
  if (!tx.ok()) return tx.status();
  Result<Statement> find =
      Statement::Prepare(db, "SELECT sha256, fields_json FROM documents WHERE id = ?1");
  if (!find.ok()) return find.status();
  CONGVAN_RETURN_IF_ERROR(find->BindInt64(1, document_id));
  Result<bool> found = find->Step();
  if (!found.ok()) return found.status();
  if (!*found) {
    return Status::NotFound("Không có văn bản số " + std::to_string(document_id) + ".");
  }
  const std::string sha256 = find->ColumnText(0);
  const std::vector<std::string> reasons = Reasons(find->ColumnText(1));
  find->Reset();
  Result<bool> reviewed = IsReviewed(registry, sha256);
  if (!reviewed.ok()) return reviewed.status();
  if (*reviewed) return Status::AlreadyExists("Văn bản này đã được đánh dấu đã kiểm tra.");
  std::string checked;
  for (const std::string& r : reasons) checked += (checked.empty() ? "" : "; ") + r;
  Correction c{0, sha256, kLetterField, kReviewedField, checked, kReviewedValue, who,
               UtcTimestamp(now)};
  Result<Statement> insert = Statement::Prepare(
      db, "INSERT INTO corrections (sha256, task_position, field, old_value, new_value, who, at) "
          "VALUES (?1, -1, ?2, ?3, ?4, ?5, ?6)" + InsertReturningId(db));
  if (!insert.ok()) return insert.status();
  CONGVAN_RETURN_IF_ERROR(insert->BindText(1, c.sha256));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(2, c.field));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(3, c.old_value));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(4, c.new_value));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(5, c.who));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(6, c.at));
  Result<std::int64_t> id = RunInsert(db, *insert);
  if (!id.ok()) return id.status();
  c.id = *id;
  CONGVAN_RETURN_IF_ERROR(tx->Commit());
  return c;
}

}  // namespace congvan::registry
