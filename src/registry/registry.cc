#include "registry/registry.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <span>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "registry/document_parts.h"
#include "registry/pg_connection.h"
#include "registry/schema.h"
#include "registry/search_postgres.h"
#include "registry/statement.h"
#include "registry/tokenizer.h"
#include "text/tokens.h"

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
    "doc_type, issuer, date, subject, created_at, updated_at, signature_status FROM documents WHERE id = ?1";
constexpr const char kSelectBySha[] =
    "SELECT id, sha256, path, file_type, source, page_count, text, fields_json, doc_ref, "
    "doc_type, issuer, date, subject, created_at, updated_at, signature_status FROM documents WHERE sha256 = ?1";
constexpr const char kSelectList[] =
    "SELECT id, sha256, path, file_type, source, page_count, '', fields_json, doc_ref, "
    "doc_type, issuer, date, subject, created_at, updated_at, signature_status FROM documents "
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
  doc.signature_status = stmt.ColumnText(15);
  return doc;
}

// Appends the pages of `doc` in page order.
Status ReadPages(Connection db, DocumentRecord& doc) {
  return ForEachRowOf(
      db,
      "SELECT page_index, source, text, confidence FROM pages WHERE document_id = ?1 "
      "ORDER BY page_index",
      doc.id, [&doc](const Statement& row) {
        PageRecord page;
        page.index = static_cast<int>(row.ColumnInt64(0));
        page.source = row.ColumnText(1);
        page.text = row.ColumnText(2);
        page.confidence = row.ColumnDouble(3);
        doc.pages.push_back(std::move(page));
      });
}

// Runs one of the single-document SELECTs with `bind` as ?1, then loads the pages, all in one
// read transaction so the document and its pages come from the same snapshot.
template <typename Binder>
Result<std::optional<DocumentRecord>> FindOne(Connection db, const char* sql, Binder bind) {
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

// Binds the text columns of `doc` to parameters first, first + 1, ... in the order of `fields`.
Status BindTexts(Statement& stmt, int first, std::initializer_list<const std::string*> fields) {
  int index = first;
  for (const std::string* field : fields) CONGVAN_RETURN_IF_ERROR(stmt.BindText(index++, *field));
  return Status::Ok();
}

// Both timestamps come from one strftime('now'), which SQLite holds fixed for the statement.
constexpr const char kInsertDocument[] =
    "INSERT INTO documents (sha256, path, file_type, source, text, fields_json, doc_ref, "
    "doc_type, issuer, date, subject, page_count, ref_key, issuer_key, signature_status, "
    "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
    "?14, ?15, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";
// The same on PostgreSQL: the time in the same text form (statement_timestamp() too is fixed
// for the statement), and the new id returned, PostgreSQL having no last_insert_rowid().
constexpr const char kInsertDocumentPostgres[] =
    "INSERT INTO documents (sha256, path, file_type, source, text, fields_json, doc_ref, "
    "doc_type, issuer, date, subject, page_count, ref_key, issuer_key, signature_status, "
    "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
    "?14, ?15, to_char(statement_timestamp() AT TIME ZONE 'UTC', "
    "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), to_char(statement_timestamp() AT TIME ZONE 'UTC', "
    "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')) RETURNING id";
constexpr const char kInsertPage[] =
    "INSERT INTO pages (document_id, page_index, source, text, confidence) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";

// The full-text rows of the documents with ids ?1..?2 and of their tasks (schema version 6:
// no insert triggers). One statement per table per batch, so FTS5 keeps the batch's index in
// memory and writes it once, rather than one segment per row.
constexpr const char kIndexDocuments[] =
    "INSERT INTO documents_fts (rowid, doc_ref, issuer, subject, text) "
    "SELECT id, doc_ref, issuer, subject, text FROM documents WHERE id BETWEEN ?1 AND ?2";
constexpr const char kIndexTasks[] =
    "INSERT INTO tasks_fts (rowid, assignee, action, deadline_text) "
    "SELECT id, assignee, action, deadline_text FROM tasks WHERE document_id BETWEEN ?1 AND ?2";

// Writes documents inside the caller's write transaction, every statement compiled once: for
// a bulk import, compiling the INSERTs (and the full-text triggers they fire) per letter cost
// as much as running them. On PostgreSQL the new rows' search words are written instead
// (search_postgres.h).
class DocumentWriter {
 public:
  static Result<DocumentWriter> Prepare(Connection db) {
    Result<Statement> find = Statement::Prepare(db, "SELECT id FROM documents WHERE sha256 = ?1");
    if (!find.ok()) return find.status();
    Result<Statement> document =
        Statement::Prepare(db, db.is_postgres() ? kInsertDocumentPostgres : kInsertDocument);
    if (!document.ok()) return document.status();
    Result<Statement> page = Statement::Prepare(db, kInsertPage);
    if (!page.ok()) return page.status();
    Result<PartWriter> parts = PartWriter::Prepare(db);
    if (!parts.ok()) return parts.status();
    Result<Statement> index_documents = Statement::Prepare(db, kIndexDocuments);
    if (!index_documents.ok()) return index_documents.status();
    Result<Statement> index_tasks = Statement::Prepare(db, kIndexTasks);
    if (!index_tasks.ok()) return index_tasks.status();
    return DocumentWriter(db, std::move(*find), std::move(*document), std::move(*page),
                          std::move(*parts), std::move(*index_documents),
                          std::move(*index_tasks));
  }

  // Adds the documents registered so far, and their tasks, to the full-text indexes. Call
  // once, after the last Add() of the transaction. Every id between the first and the last new
  // one is new: ids are allocated above the largest, and the transaction holds the write lock.
  // On PostgreSQL: writes the search words of every row that has none, which are these.
  Status IndexAdded(const text::Folder& folder) {
    if (first_added_ == 0) return Status::Ok();
    if (db_.is_postgres()) {
      first_added_ = last_added_ = 0;
      return IndexPendingForSearch(db_, folder);
    }
    for (Statement* stmt : {&index_documents_, &index_tasks_}) {
      stmt->Reset();
      CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, first_added_));
      CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(2, last_added_));
      CONGVAN_RETURN_IF_ERROR(stmt->Run().WithContext("indexing the new letters for search"));
    }
    first_added_ = last_added_ = 0;
    return Status::Ok();
  }

  // Registers `doc` unless a document with its sha256 is there (then says which).
  Result<AddOutcome> Add(const text::Folder& folder, const DocumentRecord& doc) {
    Result<std::optional<std::int64_t>> existing = IdBySha256(doc.sha256);
    if (!existing.ok()) return existing.status();
    if (existing->has_value()) return AddOutcome{**existing, true};
    Result<std::int64_t> id = InsertDocument(folder, doc);
    if (!id.ok()) return id.status().WithContext("registering " + doc.path);
    Status status = InsertPages(*id, doc.pages);
    if (status.ok()) status = parts_.Insert(folder, *id, doc);
    if (!status.ok()) return status.WithContext("registering " + doc.path);
    if (first_added_ == 0) first_added_ = *id;
    last_added_ = *id;
    return AddOutcome{*id, false};
  }

 private:
  DocumentWriter(Connection db, Statement find, Statement document, Statement page,
                 PartWriter parts, Statement index_documents, Statement index_tasks)
      : db_(db), find_(std::move(find)), document_(std::move(document)), page_(std::move(page)),
        parts_(std::move(parts)), index_documents_(std::move(index_documents)),
        index_tasks_(std::move(index_tasks)) {}

  Result<std::optional<std::int64_t>> IdBySha256(const std::string& sha256) {
    find_.Reset();
    CONGVAN_RETURN_IF_ERROR(find_.BindText(1, sha256));
    Result<bool> row = find_.Step();
    if (!row.ok()) return row.status();
    const std::optional<std::int64_t> id =
        *row ? std::optional<std::int64_t>(find_.ColumnInt64(0)) : std::nullopt;
    find_.Reset();  // no statement left mid-row when the transaction commits
    return id;
  }

  Result<std::int64_t> InsertDocument(const text::Folder& folder, const DocumentRecord& doc) {
    document_.Reset();
    CONGVAN_RETURN_IF_ERROR(BindTexts(document_, 1,
                                      {&doc.sha256, &doc.path, &doc.file_type, &doc.source,
                                       &doc.text, &doc.fields_json, &doc.doc_ref, &doc.doc_type,
                                       &doc.issuer, &doc.date, &doc.subject}));
    CONGVAN_RETURN_IF_ERROR(
        document_.BindInt64(12, static_cast<std::int64_t>(doc.pages.size())));
    CONGVAN_RETURN_IF_ERROR(document_.BindText(13, folder.RefKey(doc.doc_ref)));
    CONGVAN_RETURN_IF_ERROR(document_.BindText(14, folder.Key(doc.issuer)));
    CONGVAN_RETURN_IF_ERROR(document_.BindText(
        15, doc.signature_status.empty() ? std::string("khong-co") : doc.signature_status));
    if (db_.is_postgres()) {
      Result<bool> row = document_.Step();  // RETURNING id
      if (!row.ok()) return row.status();
      if (!*row) return Status::Internal("INSERT … RETURNING gave no id");
      return document_.ColumnInt64(0);
    }
    CONGVAN_RETURN_IF_ERROR(document_.Run());
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_.sqlite()));
  }

  Status InsertPages(std::int64_t id, const std::vector<PageRecord>& pages) {
    for (const PageRecord& page : pages) {
      page_.Reset();
      CONGVAN_RETURN_IF_ERROR(page_.BindInt64(1, id));
      CONGVAN_RETURN_IF_ERROR(page_.BindInt64(2, page.index));
      CONGVAN_RETURN_IF_ERROR(page_.BindText(3, page.source));
      CONGVAN_RETURN_IF_ERROR(page_.BindText(4, page.text));
      CONGVAN_RETURN_IF_ERROR(page_.BindDouble(5, page.confidence));
      Status status = page_.Run();
      if (!status.ok()) return status.WithContext("page " + std::to_string(page.index));
    }
    return Status::Ok();
  }

  Connection db_;
  Statement find_, document_, page_;
  PartWriter parts_;
  Statement index_documents_, index_tasks_;
  std::int64_t first_added_ = 0, last_added_ = 0;  // ids of the new documents, 0: none yet
};

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
Status SetWalMode(sqlite3* db) {
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

// SetWalMode, waiting while another process holds the file: the switch needs the file to
// itself, and SQLite answers "database is locked" at once rather than through the busy
// handler, so two processes opening a new registry together (two `congvan ingest`) would
// otherwise see one of them fail.
Status EnableWal(sqlite3* db) {
  constexpr auto kStep = std::chrono::milliseconds(20);
  for (auto waited = std::chrono::milliseconds(0);; waited += kStep) {
    Status status = SetWalMode(db);
    const int code = sqlite3_extended_errcode(db) & 0xff;
    const bool busy = !status.ok() && (code == SQLITE_BUSY || code == SQLITE_LOCKED);
    if (!busy || waited >= std::chrono::milliseconds(kBusyTimeoutMs)) return status;
    std::this_thread::sleep_for(kStep);
  }
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
  // SQLite's default page cache is 2 MB; a 100,000-letter registry's full-text index re-reads
  // its pages from the OS on every query and every merge. 64 MiB is an upper bound, filled only
  // by what is read; sorts and temporary indexes stay in memory.
  CONGVAN_RETURN_IF_ERROR(Exec(db, "PRAGMA cache_size = -65536"));
  CONGVAN_RETURN_IF_ERROR(Exec(db, "PRAGMA temp_store = MEMORY"));
  // Before the migrations: version 2 fills its key columns and FTS tables with them.
  CONGVAN_RETURN_IF_ERROR(RegisterSqlExtensions(db));
  return ApplyMigrations(db, Migrations());
}

// Text must compare byte by byte, as in SQLite: the task list's order, the arrival day check
// and every key lookup compare text, and a language's collation (en_US, or an ICU "vi") orders
// strings otherwise. The collation is fixed when a database is created, so refuse another one
// with the command that makes a right one. Asked of the collation itself, so a libc and an ICU
// one are caught alike: in byte order 'B' (0x42) sorts before 'a' (0x61), in any language after.
Status CheckByteOrderCollation(PgConnection* db) {
  Result<Statement> stmt = Statement::Prepare(
      db, "SELECT 'B' < 'a', current_database(), datcollate FROM pg_database "
          "WHERE datname = current_database()");
  if (!stmt.ok()) return stmt.status();
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (*row && stmt->ColumnInt64(0) == 1) return Status::Ok();
  const std::string name = *row ? stmt->ColumnText(1) : "";
  return Status::InvalidInput("the PostgreSQL database " + name + " does not sort text byte by "
                              "byte (collation \"" + (*row ? stmt->ColumnText(2) : "") +
                              "\"); congvan needs that: create it with createdb "
                              "--template=template0 --locale=C.UTF-8 " + name);
}

// Letters and tasks registered before schema version 14 have no search words: the folding is
// congvan's own C++, so the migration cannot write them and the first open after it does, in
// one write transaction (a concurrent opener finds nothing left). Registering writes them for
// its own rows, so later opens find nothing to do (the partial indexes answer at once).
Status IndexRowsWithoutSearchWords(PgConnection* db) {
  Result<bool> pending = HasPendingForSearch(db);
  if (!pending.ok()) return pending.status();
  if (!*pending) return Status::Ok();
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
  if (!tx.ok()) return tx.status();
  CONGVAN_RETURN_IF_ERROR(IndexPendingForSearch(db, text::Folder()));
  return tx->Commit();
}

// Everything Open() does to a new PostgreSQL connection, as Configure() for SQLite: refuse a
// schema from a newer congvan before touching it, then migrate.
Status ConfigurePostgres(PgConnection* db) {
  CONGVAN_RETURN_IF_ERROR(CheckByteOrderCollation(db));
  Result<int> version = ReadSchemaVersion(db);
  if (!version.ok()) return version.status();
  CONGVAN_RETURN_IF_ERROR(CheckNotNewer(*version, LatestSchemaVersion()));
  CONGVAN_RETURN_IF_ERROR(ApplyMigrations(db, PostgresMigrations()));
  return IndexRowsWithoutSearchWords(db);
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
    : db_(db), path_(std::move(path)), folder_(std::make_unique<text::Folder>()) {}

Registry::Registry(std::unique_ptr<PgConnection> pg, std::string path)
    : pg_(std::move(pg)), path_(std::move(path)), folder_(std::make_unique<text::Folder>()) {}

Registry::~Registry() = default;

Connection Registry::db() const {
  if (pg_ != nullptr) return Connection(pg_.get());
  return Connection(db_.get());
}

Result<std::unique_ptr<Registry>> Registry::OpenPostgres(const std::string& uri) {
  Result<std::unique_ptr<PgConnection>> pg = PgConnection::Connect(uri);
  if (!pg.ok()) return pg.status().WithContext("opening the registry " + RedactedUri(uri));
  Status status = ConfigurePostgres(pg->get());
  if (!status.ok()) return status.WithContext("opening the registry " + RedactedUri(uri));
  return std::unique_ptr<Registry>(new Registry(std::move(*pg), uri));
}

Result<std::unique_ptr<Registry>> Registry::Open(const std::string& path) {
  if (path.empty()) return Status::InvalidInput("no registry path given");
  if (IsPostgresUri(path)) return OpenPostgres(path);
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
  Result<std::vector<AddOutcome>> outcomes = AddAll(std::span<const DocumentRecord>(&doc, 1));
  if (!outcomes.ok()) return outcomes.status();
  return outcomes->front();
}

Result<std::vector<AddOutcome>> Registry::AddAll(std::span<const DocumentRecord> docs) {
  for (const DocumentRecord& doc : docs) {
    if (doc.sha256.empty()) {
      return Status::InvalidInput("cannot register a document without a sha256");
    }
    CONGVAN_RETURN_IF_ERROR(ValidateTasks(doc.tasks).WithContext("registering " + doc.path));
  }
  const Connection db = this->db();
  // IMMEDIATE: the write lock is taken before the duplicate checks, so two processes adding the
  // same file cannot both see "absent".
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
  if (!tx.ok()) return tx.status();
  Result<DocumentWriter> writer = DocumentWriter::Prepare(db);
  if (!writer.ok()) return writer.status();
  std::vector<AddOutcome> outcomes;
  outcomes.reserve(docs.size());
  for (const DocumentRecord& doc : docs) {
    Result<AddOutcome> outcome = writer->Add(*folder_, doc);
    if (!outcome.ok()) return outcome.status();  // tx rolls back: nothing of the batch is kept
    outcomes.push_back(*outcome);
  }
  CONGVAN_RETURN_IF_ERROR(writer->IndexAdded(*folder_));
  // Nothing new (every document was there): roll back rather than commit an empty change.
  bool added = false;
  for (const AddOutcome& o : outcomes) added = added || !o.already_registered;
  if (added) CONGVAN_RETURN_IF_ERROR(tx->Commit());
  return outcomes;
}

Result<std::optional<DocumentRecord>> Registry::Find(std::int64_t id) {
  return FindOne(db(), kSelectById, [id](Statement& s) { return s.BindInt64(1, id); });
}

Result<std::optional<DocumentRecord>> Registry::FindBySha256(const std::string& sha256) {
  return FindOne(db(), kSelectBySha,
                 [&sha256](Statement& s) { return s.BindText(1, sha256); });
}

Result<std::vector<DocumentRecord>> Registry::List(int limit) {
  if (limit < 0) return Status::InvalidInput("list limit must be 0 (all) or positive");
  Result<Statement> stmt = Statement::Prepare(db(), kSelectList);
  if (!stmt.ok()) return stmt.status();
  if (limit == 0 && is_postgres()) {
    CONGVAN_RETURN_IF_ERROR(stmt->BindNull(1));  // LIMIT NULL: no limit (-1 is an error there)
  } else {
    CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, limit == 0 ? -1 : limit));  // -1: no limit
  }
  std::vector<DocumentRecord> docs;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return docs;
    docs.push_back(ReadDocument(*stmt));
  }
}

Result<std::int64_t> Registry::Count() {
  return QueryInt64(db(), "SELECT count(*) FROM documents");
}

Result<bool> Registry::Delete(std::int64_t id) {
  Result<Statement> stmt = Statement::Prepare(db(), "DELETE FROM documents WHERE id = ?1");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, id));
  CONGVAN_RETURN_IF_ERROR(stmt->Run());
  // Changes() counts only the documents row, not the cascaded pages and tasks.
  return stmt->Changes() > 0;
}

}  // namespace congvan::registry
