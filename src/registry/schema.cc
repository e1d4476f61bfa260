#include "registry/schema.h"

#include <iterator>
#include <string>

#include "registry/statement.h"

namespace congvan::registry {
namespace {

// Version 1: documents, their pages, and an empty tasks table that the extraction of tasks
// (a later issue) fills. Text columns are NOT NULL DEFAULT '' so a missing field reads as "",
// which is what DocumentRecord uses for "unknown".
constexpr const char kSchemaV1[] = R"sql(
CREATE TABLE documents (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT    NOT NULL UNIQUE,
  path        TEXT    NOT NULL DEFAULT '',
  file_type   TEXT    NOT NULL DEFAULT '',
  source      TEXT    NOT NULL DEFAULT '',
  page_count  INTEGER NOT NULL DEFAULT 0,
  text        TEXT    NOT NULL DEFAULT '',
  fields_json TEXT    NOT NULL DEFAULT '',
  doc_ref     TEXT    NOT NULL DEFAULT '',
  doc_type    TEXT    NOT NULL DEFAULT '',
  issuer      TEXT    NOT NULL DEFAULT '',
  date        TEXT    NOT NULL DEFAULT '',
  subject     TEXT    NOT NULL DEFAULT '',
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL
);
CREATE INDEX documents_doc_ref ON documents(doc_ref);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_created_at ON documents(created_at);

CREATE TABLE pages (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page_index  INTEGER NOT NULL,
  source      TEXT    NOT NULL DEFAULT '',
  text        TEXT    NOT NULL DEFAULT '',
  confidence  REAL    NOT NULL DEFAULT 100,
  UNIQUE (document_id, page_index)
);

CREATE TABLE tasks (
  id            INTEGER PRIMARY KEY,
  document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  assignee      TEXT    NOT NULL DEFAULT '',
  action        TEXT    NOT NULL DEFAULT '',
  deadline      TEXT,
  deadline_text TEXT    NOT NULL DEFAULT '',
  recurrence    TEXT    NOT NULL DEFAULT '',
  UNIQUE (document_id, position)
);
CREATE INDEX tasks_deadline ON tasks(deadline);
)sql";

constexpr Migration kMigrations[] = {
    {1, "documents, pages and tasks", kSchemaV1},
};

// Applies one migration unless another connection got there first.
Status ApplyOne(sqlite3* db, const Migration& migration) {
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
  if (!tx.ok()) return tx.status();
  // Re-read under the write lock: a concurrent opener may have migrated since we looked.
  Result<int> version = ReadSchemaVersion(db);
  if (!version.ok()) return version.status();
  if (*version >= migration.version) return Status::Ok();  // rolls back an empty transaction
  CONGVAN_RETURN_IF_ERROR(Exec(db, migration.sql));
  // PRAGMA takes no bound parameters; the value is our own integer constant, not input.
  const std::string bump = "PRAGMA user_version = " + std::to_string(migration.version);
  CONGVAN_RETURN_IF_ERROR(Exec(db, bump.c_str()));
  return tx->Commit();
}

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

int LatestSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

Result<int> ReadSchemaVersion(sqlite3* db) {
  Result<std::int64_t> version = QueryInt64(db, "PRAGMA user_version");
  if (!version.ok()) return version.status();
  return static_cast<int>(*version);
}

Status CheckNotNewer(int found, int latest) {
  if (found <= latest) return Status::Ok();
  return Status::Unsupported("the registry has schema version " + std::to_string(found) +
                             " but this congvan only knows versions up to " +
                             std::to_string(latest) +
                             "; it was written by a newer congvan, so use that version");
}

Status ApplyMigrations(sqlite3* db, std::span<const Migration> migrations) {
  Result<int> current = ReadSchemaVersion(db);
  if (!current.ok()) return current.status();
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  CONGVAN_RETURN_IF_ERROR(CheckNotNewer(*current, latest));
  for (const Migration& migration : migrations) {
    if (migration.version <= *current) continue;
    Status status = ApplyOne(db, migration);
    if (!status.ok()) {
      return status.WithContext("upgrading the registry to schema version " +
                                std::to_string(migration.version) + " (" +
                                migration.description + ")");
    }
  }
  return Status::Ok();
}

}  // namespace congvan::registry
