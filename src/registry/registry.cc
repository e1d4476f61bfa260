#include "registry/registry.h"

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <regex>
#include <system_error>
#include <utility>
#include <vector>

#include "registry/document_parts.h"
#include "registry/schema.h"
#include "registry/statement.h"
#include "registry/tokenizer.h"
#include "registry/vn_fold.h"

namespace congvan::registry {
namespace {

namespace fs = std::filesystem;

// Long enough to ride out another process's ingest transaction, short enough that a stuck
// process is reported rather than waited on forever.
constexpr int kBusyTimeoutMs = 5000;

// The document columns in the order ReadDocument() expects. List() swaps `text` for '' so the
// same reader serves both without loading every letter's full text.
constexpr const char kSelectById[] =
    "SELECT id, sha256, path, file_type, source, page_count, text, fields_json, doc_ref, "
    "doc_type, issuer, date, subject, created_at, updated_at FROM documents WHERE id = ?1";
constexpr const char kSelectBySha[] =
    "SELECT id, sha256, path, file_type, source, page_count, text, fields_json, doc_ref, "
    "doc_type, issuer, date, subject, created_at, updated_at FROM documents WHERE sha256 = ?1";
constexpr const char kSelectList[] =
    "SELECT id, sha256, path, file_type, source, page_count, '', fields_json, doc_ref, "
    "doc_type, issuer, date, subject, created_at, updated_at FROM documents "
    "ORDER BY created_at DESC, id DESC LIMIT ?1";

// Fills a DocumentRecord (without pages) from the current row of one of the SELECTs above.
DocumentRecord ReadDocument(const Statement& stmt) {
  DocumentRecord doc;
  doc.id = stmt.ColumnInt64(0);
  doc.sha256 = stmt.ColumnText(1);
  doc.path = stmt.ColumnText(2);
  doc.file_type = stmt.ColumnText(3);
  doc.source = stmt.ColumnText(4);
  doc.page_count = static_cast<int>(stmt.ColumnInt64(5));
  doc.text = stmt.ColumnText(6);
  doc.fields_json = stmt.ColumnText(7);
  doc.doc_ref = stmt.ColumnText(8);
  doc.doc_type = stmt.ColumnText(9);
  doc.issuer = stmt.ColumnText(10);
  doc.date = stmt.ColumnText(11);
  doc.subject = stmt.ColumnText(12);
  doc.created_at = stmt.ColumnText(13);
  doc.updated_at = stmt.ColumnText(14);
  return doc;
}

// Appends the pages of `doc` in page order.
Status ReadPages(sqlite3* db, DocumentRecord& doc) {
  Result<Statement> stmt = Statement::Prepare(
      db, "SELECT page_index, source, text, confidence FROM pages WHERE document_id = ?1 "
          "ORDER BY page_index");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, doc.id));
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    PageRecord page;
    page.index = static_cast<int>(stmt->ColumnInt64(0));
    page.source = stmt->ColumnText(1);
    page.text = stmt->ColumnText(2);
    page.confidence = stmt->ColumnDouble(3);
    doc.pages.push_back(std::move(page));
  }
}

// Runs one of the single-document SELECTs with `bind` as ?1, then loads the pages, all in one
// read transaction so the document and its pages come from the same snapshot.
template <typename Binder>
Result<std::optional<DocumentRecord>> FindOne(sqlite3* db, const char* sql, Binder bind) {
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kDeferred);
  if (!tx.ok()) return tx.status();
  Result<Statement> stmt = Statement::Prepare(db, sql);
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(bind(*stmt));
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<DocumentRecord>();
  DocumentRecord doc = ReadDocument(*stmt);
  CONGVAN_RETURN_IF_ERROR(ReadPages(db, doc));
  CONGVAN_RETURN_IF_ERROR(ReadParts(db, doc));
  CONGVAN_RETURN_IF_ERROR(tx->Commit());
  return std::optional<DocumentRecord>(std::move(doc));
}

// The id of the document with this sha256, if there is one.
Result<std::optional<std::int64_t>> IdBySha256(sqlite3* db, const std::string& sha256) {
  Result<Statement> stmt = Statement::Prepare(db, "SELECT id FROM documents WHERE sha256 = ?1");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, sha256));
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(stmt->ColumnInt64(0));
}

// Binds the text columns of `doc` to parameters first, first + 1, ... in the order of `fields`.
Status BindTexts(Statement& stmt, int first, std::initializer_list<const std::string*> fields) {
  int index = first;
  for (const std::string* field : fields) CONGVAN_RETURN_IF_ERROR(stmt.BindText(index++, *field));
  return Status::Ok();
}

// Inserts the documents row and returns its id. Both timestamps come from one strftime('now'),
// which SQLite holds fixed for the whole statement.
Result<std::int64_t> InsertDocument(sqlite3* db, const Folder& folder,
                                    const DocumentRecord& doc) {
  Result<Statement> stmt = Statement::Prepare(
      db,
      "INSERT INTO documents (sha256, path, file_type, source, text, fields_json, doc_ref, "
      "doc_type, issuer, date, subject, page_count, ref_key, issuer_key, created_at, "
      "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
      "strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(BindTexts(*stmt, 1,
                                    {&doc.sha256, &doc.path, &doc.file_type, &doc.source,
                                     &doc.text, &doc.fields_json, &doc.doc_ref, &doc.doc_type,
                                     &doc.issuer, &doc.date, &doc.subject}));
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(12, static_cast<std::int64_t>(doc.pages.size())));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(13, folder.RefKey(doc.doc_ref)));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(14, folder.Key(doc.issuer)));
  CONGVAN_RETURN_IF_ERROR(stmt->Run());
  return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db));
}

// Inserts the pages of document `id`; one prepared statement reused for every page.
Status InsertPages(sqlite3* db, std::int64_t id, const std::vector<PageRecord>& pages) {
  Result<Statement> stmt = Statement::Prepare(
      db, "INSERT INTO pages (document_id, page_index, source, text, confidence) "
          "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!stmt.ok()) return stmt.status();
  for (const PageRecord& page : pages) {
    CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, id));
    CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(2, page.index));
    CONGVAN_RETURN_IF_ERROR(stmt->BindText(3, page.source));
    CONGVAN_RETURN_IF_ERROR(stmt->BindText(4, page.text));
    CONGVAN_RETURN_IF_ERROR(stmt->BindDouble(5, page.confidence));
    Status status = stmt->Run();
    if (!status.ok()) return status.WithContext("page " + std::to_string(page.index));
    stmt->Reset();
  }
  return Status::Ok();
}

// Makes the folder that will hold the file; SQLite creates files, never folders.
Status CreateParentFolder(const std::string& path) {
  if (path == ":memory:") return Status::Ok();
  const fs::path parent = fs::path(path).parent_path();
  if (parent.empty()) return Status::Ok();  // the current folder
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) {
    return Status::IoError("cannot create the folder " + parent.string() +
                           " for the registry: " + ec.message());
  }
  return Status::Ok();
}

// Switches to WAL, so readers never block the writer and two processes can share the file.
Status EnableWal(sqlite3* db) {
  Result<Statement> stmt = Statement::Prepare(db, "PRAGMA journal_mode = WAL");
  if (!stmt.ok()) return stmt.status();
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status().WithContext("switching to WAL mode");
  const std::string mode = *row ? stmt->ColumnText(0) : "";
  // An in-memory database reports "memory": WAL has no meaning there.
  if (mode == "wal" || mode == "memory") return Status::Ok();
  return Status::IoError("cannot switch the registry to WAL mode (journal mode is \"" + mode +
                         "\")");
}

// Turns on foreign keys (off by default in SQLite, per connection) and checks they took:
// the page and task cascades depend on them.
Status EnableForeignKeys(sqlite3* db) {
  CONGVAN_RETURN_IF_ERROR(Exec(db, "PRAGMA foreign_keys = ON"));
  Result<std::int64_t> on = QueryInt64(db, "PRAGMA foreign_keys");
  if (!on.ok()) return on.status();
  if (*on != 1) return Status::Internal("this SQLite does not enforce foreign keys");
  return Status::Ok();
}

// Everything Open() does to a fresh connection. The version check comes before WAL so a file
// from a newer congvan is refused without being touched.
Status Configure(sqlite3* db) {
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  Result<int> version = ReadSchemaVersion(db);  // the first read: a non-database fails here
  if (!version.ok()) return version.status();
  CONGVAN_RETURN_IF_ERROR(CheckNotNewer(*version, LatestSchemaVersion()));
  CONGVAN_RETURN_IF_ERROR(EnableWal(db));
  CONGVAN_RETURN_IF_ERROR(EnableForeignKeys(db));
  // NORMAL is durable enough in WAL mode (a power cut loses at most the last commit, never
  // corrupts) and avoids an fsync per ingested document.
  CONGVAN_RETURN_IF_ERROR(Exec(db, "PRAGMA synchronous = NORMAL"));
  // Before the migrations: version 2 fills its key columns and FTS tables with them.
  CONGVAN_RETURN_IF_ERROR(RegisterSqlExtensions(db));
  return ApplyMigrations(db, Migrations());
}

// Rewrites SQLite's terse "file is not a database" into something a user can act on.
Status ExplainOpenFailure(sqlite3* db, const std::string& path, const Status& status) {
  if (db != nullptr && (sqlite3_extended_errcode(db) & 0xff) == SQLITE_NOTADB) {
    return Status::InvalidInput(path + " is not a congvan registry (SQLite: file is not a "
                                       "database); give another --db path or move the file away");
  }
  return status.WithContext("opening the registry " + path);
}

}  // namespace

void Registry::DbCloser::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

Registry::Registry(sqlite3* db, std::string path)
    : db_(db), path_(std::move(path)), folder_(std::make_unique<Folder>()) {}

Registry::~Registry() = default;

Result<std::unique_ptr<Registry>> Registry::Open(const std::string& path) {
  if (path.empty()) return Status::InvalidInput("no registry path given");
  CONGVAN_RETURN_IF_ERROR(CreateParentFolder(path));
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::unique_ptr<sqlite3, DbCloser> db(raw);  // sqlite3_open may allocate a handle even on error
  if (rc != SQLITE_OK) {
    Status status = raw != nullptr ? SqliteError(raw, "SQLite") : SqliteError(rc, "SQLite");
    return ExplainOpenFailure(raw, path, status);
  }
  Status status = Configure(db.get());
  if (!status.ok()) return ExplainOpenFailure(db.get(), path, status);
  return std::unique_ptr<Registry>(new Registry(db.release(), path));
}

std::string Registry::DefaultPath() {
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const char* xdg = std::getenv("XDG_DATA_HOME");
  if (xdg != nullptr && xdg[0] == '/') return (fs::path(xdg) / "congvan" / "registry.db").string();
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] != '\0') {
    return (fs::path(home) / ".local" / "share" / "congvan" / "registry.db").string();
  }
  return "registry.db";  // no home at all (a bare container): the current folder
}

int Registry::SchemaVersion() { return LatestSchemaVersion(); }

Result<AddOutcome> Registry::Add(const DocumentRecord& doc) {
  if (doc.sha256.empty()) {
    return Status::InvalidInput("cannot register a document without a sha256");
  }
  CONGVAN_RETURN_IF_ERROR(ValidateTasks(doc.tasks).WithContext("registering " + doc.path));
  sqlite3* db = db_.get();
  // IMMEDIATE: the write lock is taken before the duplicate check, so two processes adding the
  // same file cannot both see "absent".
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
  if (!tx.ok()) return tx.status();
  Result<std::optional<std::int64_t>> existing = IdBySha256(db, doc.sha256);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) return AddOutcome{**existing, true};  // tx rolls back: no change
  Result<std::int64_t> id = InsertDocument(db, *folder_, doc);
  if (!id.ok()) return id.status().WithContext("registering " + doc.path);
  Status status = InsertPages(db, *id, doc.pages);
  if (status.ok()) status = InsertParts(db, *folder_, *id, doc);
  if (!status.ok()) return status.WithContext("registering " + doc.path);
  CONGVAN_RETURN_IF_ERROR(tx->Commit());
  return AddOutcome{*id, false};
}

Result<std::optional<DocumentRecord>> Registry::Find(std::int64_t id) {
  return FindOne(db_.get(), kSelectById, [id](Statement& s) { return s.BindInt64(1, id); });
}

Result<std::optional<DocumentRecord>> Registry::FindBySha256(const std::string& sha256) {
  return FindOne(db_.get(), kSelectBySha,
                 [&sha256](Statement& s) { return s.BindText(1, sha256); });
}

Result<std::vector<DocumentRecord>> Registry::List(int limit) {
  if (limit < 0) return Status::InvalidInput("list limit must be 0 (all) or positive");
  Result<Statement> stmt = Statement::Prepare(db_.get(), kSelectList);
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, limit == 0 ? -1 : limit));  // -1: no limit
  std::vector<DocumentRecord> docs;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return docs;
    docs.push_back(ReadDocument(*stmt));
  }
}

Result<std::int64_t> Registry::Count() {
  return QueryInt64(db_.get(), "SELECT count(*) FROM documents");
}

Result<bool> Registry::Delete(std::int64_t id) {
  Result<Statement> stmt = Statement::Prepare(db_.get(), "DELETE FROM documents WHERE id = ?1");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, id));
  CONGVAN_RETURN_IF_ERROR(stmt->Run());
  // sqlite3_changes counts only the documents row, not the cascaded pages and tasks.
  return sqlite3_changes(db_.get()) > 0;
}

std::string TimeFromDeadlineText(const std::string& deadline_text) {
  // "14 giờ 00", "9 giờ", "9h30", "16h" — the hour forms letters use. Folding is not needed:
  // "giờ" is only ever written with its marks or as "h".
  static const std::regex kTime(R"((\d{1,2})\s*(?:giờ|h)\s*(\d{2})?(?!\d))",
                                std::regex::icase);
  std::smatch m;
  if (!std::regex_search(deadline_text, m, kTime)) return "";
  const int hour = std::stoi(m[1].str());
  const int minute = m[2].matched ? std::stoi(m[2].str()) : 0;
  if (hour > 23 || minute > 59) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", hour, minute);
  return buf;
}

}  // namespace congvan::registry
