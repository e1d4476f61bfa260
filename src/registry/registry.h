// Registry: the database that holds every registered document and its pages.
//
// Two backends, chosen by what Open() is given: an SQLite file (the embedded default: one file,
// WAL mode, schema versioned with PRAGMA user_version) or a PostgreSQL database named by a
// libpq URI (postgresql://user@host:port/dbname), for several machines sharing one registry.
// Both are upgraded by migrations numbered alike on open (schema.h). Not every operation of
// the library runs on PostgreSQL yet: those that do are listed in docs/registry.md; the others
// return an Unsupported status there. A document's identity is the SHA-256 of its bytes:
// registering the same file twice changes nothing and says so. A Registry object owns one
// connection; use one per thread.
#ifndef CONGVAN_REGISTRY_REGISTRY_H_
#define CONGVAN_REGISTRY_REGISTRY_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/connection.h"

struct sqlite3;

namespace congvan::text {
class Folder;  // text/tokens.h
}  // namespace congvan::text

namespace congvan::registry {

// One page as stored: its text and how it was obtained.
struct PageRecord {
  int index = 0;
  std::string source;       // "ocr", "text-layer", "text"
  std::string text;
  double confidence = 100;  // mean OCR word confidence (100 for given text)
};

// One task of a letter: who must do what, by when. The pipeline fills it from extract::Task
// (summary → action, deadline → due_date); `id`, `status`, `revision` and `assignee_key` are
// set by the registry and ignored by Add().
struct TaskRecord {
  std::int64_t id = 0;
  std::string assignee;                  // as written: "Phòng Nội vụ"
  std::string action;                    // what to do (extract::Task::summary)
  std::vector<std::string> cooperating;  // bodies to co-operate with ("phối hợp với …")
  std::string due_date;                  // yyyy-mm-dd; "" when the task has no deadline
  std::string due_time;                  // HH:MM local time; "" when none is given
  std::string deadline_text;             // as written: "trước 9 giờ ngày 20/6/2023"
  std::string recurrence;                // "weekly:MO 09:00", "monthly", "quarterly", "yearly"
  std::vector<std::string> flags;        // quality remarks ("deadline-guessed", ...)
  std::string status = "open";           // "open" or "done" (tasks.h computes on time/late)
  std::string done_at;                   // local yyyy-mm-ddTHH:MM when done, else ""
  int revision = 0;                      // raised on every status change
  std::string assignee_key;              // folded assignee: "phong noi vu"
  // An assignment inside the office (assignments.h) is a task too. For an extracted task
  // `source` is "extracted" ("" is taken as it) and the rest is empty.
  std::string source;                    // "extracted" or "assigned"
  std::string instruction;               // the leader's "ý kiến chỉ đạo"
  std::string assigned_by;               // who assigned it
  std::string assigned_at;               // ISO 8601 UTC
  int assigned_from = -1;                // position of the task it was assigned from; -1: the letter
};

// Another document a letter cites ("thực hiện Kế hoạch số 67-KH/HU ngày 10/01/2022").
struct ReferenceRecord {
  std::string ref;                       // as printed: "67-KH/HU"
  std::string date;                      // yyyy-mm-dd or ""
  std::string type;                      // "Kế hoạch", ...
  std::int64_t cited_document_id = 0;    // set by the registry: the cited letter when registered
};

// A document as stored. `id`, `created_at` and `updated_at` are set by the registry.
struct DocumentRecord {
  std::int64_t id = 0;
  std::string sha256;
  std::string path;          // original path as given at ingest
  std::string file_type;     // "pdf", "png", "text", ...
  std::string source;        // "ocr", "text-layer", "text" or "mixed"
  std::string text;          // all pages, repaired
  std::string fields_json;   // the Letter as JSON (extract::ToJson)
  std::string doc_ref;       // copies of key fields for listing and lookup ("" when unknown)
  std::string doc_type;
  std::string issuer;
  std::string date;
  std::string subject;
  // The verdict over the file's digital signatures (SignatureVerdictName: "hop-le",
  // "bi-thay-doi", ..., "khong-co"), for the `ky-so:` search filter.
  std::string signature_status;
  std::vector<PageRecord> pages;
  std::vector<TaskRecord> tasks;            // in the letter's order
  std::vector<std::string> addressees;      // "Kính gửi" list, as written
  std::vector<ReferenceRecord> references;
  int page_count = 0;        // set by the registry (also in List(), which leaves `pages` empty)
  std::string created_at;    // ISO 8601 UTC
  std::string updated_at;
};

// What Add() did.
struct AddOutcome {
  std::int64_t id = 0;
  bool already_registered = false;  // true: a document with this sha256 was there; nothing changed
  // true: the file is another copy of the letter `id` (same number, issuer and date) and was
  // attached to it (letter_files.h), not registered as a letter of its own.
  bool attached = false;
};

class Registry {
 public:
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Opens or creates the file at `path` (its folder is created), switches to WAL and runs the
  // migrations up to the current schema version. Refuses a file written by a newer congvan.
  // A `path` starting with postgresql:// or postgres:// connects to that PostgreSQL database
  // instead (it must exist, with the C collation) and migrates it likewise.
  static Result<std::unique_ptr<Registry>> Open(const std::string& path);

  // The default location: $XDG_DATA_HOME/congvan/registry.db, else ~/.local/share/congvan/...
  static std::string DefaultPath();

  // The file this registry was opened from, as given to Open() (on PostgreSQL, the URI).
  const std::string& path() const { return path_; }

  // True when the registry is a PostgreSQL database.
  bool is_postgres() const { return pg_ != nullptr; }

  // The schema version this build writes.
  static int SchemaVersion();

  // Registers a document with its pages in one transaction.
  Result<AddOutcome> Add(const DocumentRecord& doc);

  // Registers several documents in one transaction: the way to import many letters whose text
  // is already read, several times faster than Add() per letter (one commit, and the batch's
  // letters and tasks added to the full-text indexes by one statement per index, so FTS5 writes
  // one index segment per batch; statements compiled once). Outcomes are in the order given; a
  // document already registered, or given twice, reports already_registered. On any error
  // nothing of the batch is kept. Batches of a few hundred letters keep the transaction short
  // enough for concurrent readers and writers (busy timeout 5 s).
  Result<std::vector<AddOutcome>> AddAll(std::span<const DocumentRecord> docs);

  // The document with this id (with its pages, tasks, addressees and references), or
  // std::nullopt.
  Result<std::optional<DocumentRecord>> Find(std::int64_t id);
  Result<std::optional<DocumentRecord>> FindBySha256(const std::string& sha256);

  // Documents newest first, without text and pages; at most `limit` (0: all).
  Result<std::vector<DocumentRecord>> List(int limit = 0);

  // How many documents the registry holds.
  Result<std::int64_t> Count();

  // The connection, for the modules of this library (search.h, tasks.h...), on either backend.
  // Owned by the Registry: do not close it.
  Connection db() const;

  // The SQLite connection, for the modules that speak only SQLite so far; nullptr on
  // PostgreSQL, which makes their statements fail with an Unsupported status (connection.h).
  sqlite3* connection() const { return db_.get(); }

  // The folding this registry keys names with (text/tokens.h), shared so queries fold alike.
  const text::Folder& folder() const { return *folder_; }

  // Removes the document with this id and (by ON DELETE CASCADE) its pages and tasks.
  // Returns false when there was no such document.
  Result<bool> Delete(std::int64_t id);

 private:
  Registry(sqlite3* db, std::string path);
  Registry(std::unique_ptr<PgConnection> pg, std::string path);
  static Result<std::unique_ptr<Registry>> OpenPostgres(const std::string& uri);
  struct DbCloser { void operator()(sqlite3* db) const; };
  std::unique_ptr<sqlite3, DbCloser> db_;    // SQLite, or
  std::unique_ptr<PgConnection> pg_;         // PostgreSQL
  std::string path_;
  std::unique_ptr<text::Folder> folder_;  // keys for assignees, issuers and document numbers
};

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_REGISTRY_H_
