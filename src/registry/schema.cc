#include "registry/schema.h"

#include <iterator>
#include <string>

#include "registry/statement.h"

namespace congvan::registry {
namespace {

// Version 1: documents, their pages, and an empty tasks table that the extraction of tasks
// (a later version) fills. Text columns are NOT NULL DEFAULT '' so a missing field reads as "",
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

// Version 2: the task registry and search.
//  - documents gain ref_key / issuer_key (folded, for `so:` and `co-quan:` lookups);
//  - tasks gain the normalised assignee key, co-operating bodies, the deadline split into date
//    and time, flags, a status with its history, and a revision counter (the calendar's
//    SEQUENCE); due_at is derived, so it can never disagree with due_date/due_time;
//  - addressees and refs (refs.cited_document_id links a citation to the registered letter);
//  - FTS5 indexes over documents and tasks with the congvan tokenizer (tokenizer.h), kept in
//    step by triggers so cascaded deletes unindex too.
// Needs the functions and tokenizer of RegisterSqlExtensions() on the connection.
constexpr const char kSchemaV2[] = R"sql(
ALTER TABLE documents ADD COLUMN ref_key    TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN issuer_key TEXT NOT NULL DEFAULT '';
UPDATE documents SET ref_key = congvan_ref_key(doc_ref), issuer_key = congvan_key(issuer);
CREATE INDEX documents_ref_key ON documents(ref_key);

ALTER TABLE tasks ADD COLUMN assignee_key TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN cooperating  TEXT NOT NULL DEFAULT '';  -- "; "-separated names
ALTER TABLE tasks ADD COLUMN due_date     TEXT;                      -- yyyy-mm-dd or NULL
ALTER TABLE tasks ADD COLUMN due_time     TEXT;                      -- HH:MM or NULL
ALTER TABLE tasks ADD COLUMN flags        TEXT NOT NULL DEFAULT '';  -- ","-separated
ALTER TABLE tasks ADD COLUMN status       TEXT NOT NULL DEFAULT 'open'
  CHECK (status IN ('open', 'done'));
ALTER TABLE tasks ADD COLUMN done_at      TEXT;  -- local (UTC+7) yyyy-mm-ddTHH:MM when done
ALTER TABLE tasks ADD COLUMN revision     INTEGER NOT NULL DEFAULT 0;
-- The local instant the task falls due (end of day when no time is given), as text that
-- sorts and compares correctly; tasks without a deadline sort last and are never overdue.
ALTER TABLE tasks ADD COLUMN due_at TEXT GENERATED ALWAYS AS
  (coalesce(due_date || 'T' || coalesce(due_time, '23:59'), '9999-12-31T23:59')) VIRTUAL;
UPDATE tasks SET assignee_key = congvan_key(assignee), due_date = deadline;
CREATE INDEX tasks_due_at ON tasks(due_at);
CREATE INDEX tasks_status_due_at ON tasks(status, due_at);
CREATE INDEX tasks_assignee_key ON tasks(assignee_key, due_at);

CREATE TABLE task_events (
  id      INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  status  TEXT    NOT NULL,             -- the status the event set: 'open' or 'done'
  note    TEXT    NOT NULL DEFAULT '',
  who     TEXT    NOT NULL DEFAULT '',
  at      TEXT    NOT NULL              -- ISO 8601 UTC
);
CREATE INDEX task_events_task ON task_events(task_id, id);

CREATE TABLE addressees (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  name        TEXT    NOT NULL,
  name_key    TEXT    NOT NULL,
  UNIQUE (document_id, position)
);
CREATE INDEX addressees_name_key ON addressees(name_key);

CREATE TABLE refs (
  id                INTEGER PRIMARY KEY,
  document_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  position          INTEGER NOT NULL,
  ref               TEXT    NOT NULL,  -- as cited: "67-KH/HU"
  ref_key           TEXT    NOT NULL,  -- congvan_ref_key(ref), compared with documents.ref_key
  ref_date          TEXT,
  ref_type          TEXT    NOT NULL DEFAULT '',
  cited_document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
  UNIQUE (document_id, position)
);
CREATE INDEX refs_ref_key ON refs(ref_key);
CREATE INDEX refs_cited ON refs(cited_document_id);

CREATE VIRTUAL TABLE documents_fts USING fts5(
  doc_ref, issuer, subject, text,
  content='documents', content_rowid='id', tokenize='congvan');
CREATE VIRTUAL TABLE tasks_fts USING fts5(
  assignee, action, deadline_text,
  content='tasks', content_rowid='id', tokenize='congvan');
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
INSERT INTO tasks_fts(tasks_fts) VALUES ('rebuild');

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, doc_ref, issuer, subject, text)
  VALUES (new.id, new.doc_ref, new.issuer, new.subject, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, doc_ref, issuer, subject, text)
  VALUES ('delete', old.id, old.doc_ref, old.issuer, old.subject, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF doc_ref, issuer, subject, text
ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, doc_ref, issuer, subject, text)
  VALUES ('delete', old.id, old.doc_ref, old.issuer, old.subject, old.text);
  INSERT INTO documents_fts(rowid, doc_ref, issuer, subject, text)
  VALUES (new.id, new.doc_ref, new.issuer, new.subject, new.text);
END;
CREATE TRIGGER tasks_fts_insert AFTER INSERT ON tasks BEGIN
  INSERT INTO tasks_fts(rowid, assignee, action, deadline_text)
  VALUES (new.id, new.assignee, new.action, new.deadline_text);
END;
CREATE TRIGGER tasks_fts_delete AFTER DELETE ON tasks BEGIN
  INSERT INTO tasks_fts(tasks_fts, rowid, assignee, action, deadline_text)
  VALUES ('delete', old.id, old.assignee, old.action, old.deadline_text);
END;
CREATE TRIGGER tasks_fts_update AFTER UPDATE OF assignee, action, deadline_text ON tasks BEGIN
  INSERT INTO tasks_fts(tasks_fts, rowid, assignee, action, deadline_text)
  VALUES ('delete', old.id, old.assignee, old.action, old.deadline_text);
  INSERT INTO tasks_fts(rowid, assignee, action, deadline_text)
  VALUES (new.id, new.assignee, new.action, new.deadline_text);
END;
)sql";

// Version 3: the watched folder's journal of every file it found (registry/journal.h).
// A file goes seen -> claimed -> done | duplicate | failed, or removed; `outcome` is written
// while the file is still claimed, before it is moved, so a restart after a crash can finish it.
constexpr const char kSchemaV3[] = R"sql(
CREATE TABLE file_journal (
  id          INTEGER PRIMARY KEY,
  path        TEXT    NOT NULL,             -- where the file was found (absolute)
  size        INTEGER NOT NULL DEFAULT 0,   -- size and mtime when seen
  mtime_ns    INTEGER NOT NULL DEFAULT 0,
  sha256      TEXT    NOT NULL DEFAULT '',  -- set when claimed
  state       TEXT    NOT NULL CHECK (state IN
                ('seen', 'claimed', 'done', 'duplicate', 'failed', 'removed')),
  outcome     TEXT    NOT NULL DEFAULT '' CHECK (outcome IN ('', 'done', 'duplicate', 'failed')),
  document_id INTEGER,                      -- the registered document (not a foreign key: the
                                            -- journal outlives a deleted document)
  pages       INTEGER NOT NULL DEFAULT 0,
  moved_to    TEXT    NOT NULL DEFAULT '',  -- '' when left in place
  error       TEXT    NOT NULL DEFAULT '',
  attempts    INTEGER NOT NULL DEFAULT 0,
  seen_ms     INTEGER NOT NULL,             -- Unix milliseconds
  claimed_ms  INTEGER,
  finished_ms INTEGER
);
CREATE INDEX file_journal_state ON file_journal(state);
CREATE INDEX file_journal_path ON file_journal(path);
CREATE INDEX file_journal_finished ON file_journal(finished_ms);
)sql";

// Version 4: clerks' corrections of extracted fields and tasks (registry/corrections.h).
// Keyed by the letter's SHA-256 and the task's position, not by row ids, so a correction outlives
// a re-extraction that deletes and re-adds the letter; task_position -1 is a field of the letter.
constexpr const char kSchemaV4[] = R"sql(
CREATE TABLE corrections (
  id            INTEGER PRIMARY KEY,
  sha256        TEXT    NOT NULL,
  task_position INTEGER NOT NULL DEFAULT -1,
  field         TEXT    NOT NULL,
  old_value     TEXT    NOT NULL DEFAULT '',
  new_value     TEXT    NOT NULL DEFAULT '',
  who           TEXT    NOT NULL DEFAULT '',
  at            TEXT    NOT NULL             -- ISO 8601 UTC
);
CREATE INDEX corrections_sha256 ON corrections(sha256, id);
)sql";

// Version 5 (scale): what the task list and search need at 100,000 letters and
// 1,000,000 tasks (bench/registry_scale.cc).
//  - name_keys: every distinct assignee key and issuer key once, kept by triggers. A filter's
//    words are matched against these few hundred keys and the matching keys then drive the key
//    indexes, instead of a full-text lookup that returns every task of a common office. Keys are
//    never removed: a stale one costs an empty index probe;
//  - tasks_due_order: the task list's exact sort order, so "the first 100 by deadline" reads 100
//    index entries (replaces tasks_due_at);
//  - tasks_assignee_due: one office's tasks in deadline order with their status, so state
//    filters are checked in the index (replaces tasks_assignee_key);
//  - tasks_status_due: open or done tasks in the list's order, with their letter, so "overdue"
//    and a deadline range need no row reads (replaces tasks_status_due_at);
//  - tasks_document_due: the tasks of a set of letters (one issuer's) with their deadlines,
//    without reading the rows; documents_issuer_key: the letters of one issuing body;
//  - tasks_deadline goes: `deadline` is the version 1 column, kept equal to due_date and never
//    searched.
constexpr const char kSchemaV5[] = R"sql(
CREATE TABLE name_keys (
  kind TEXT NOT NULL,  -- 'assignee' (tasks.assignee_key) or 'issuer' (documents.issuer_key)
  key  TEXT NOT NULL,
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;
INSERT OR IGNORE INTO name_keys SELECT DISTINCT 'assignee', assignee_key FROM tasks;
INSERT OR IGNORE INTO name_keys SELECT DISTINCT 'issuer', issuer_key FROM documents;
CREATE TRIGGER name_keys_task_insert AFTER INSERT ON tasks BEGIN
  INSERT OR IGNORE INTO name_keys VALUES ('assignee', new.assignee_key);
END;
CREATE TRIGGER name_keys_task_update AFTER UPDATE OF assignee_key ON tasks BEGIN
  INSERT OR IGNORE INTO name_keys VALUES ('assignee', new.assignee_key);
END;
CREATE TRIGGER name_keys_document_insert AFTER INSERT ON documents BEGIN
  INSERT OR IGNORE INTO name_keys VALUES ('issuer', new.issuer_key);
END;
CREATE TRIGGER name_keys_document_update AFTER UPDATE OF issuer_key ON documents BEGIN
  INSERT OR IGNORE INTO name_keys VALUES ('issuer', new.issuer_key);
END;
DROP INDEX tasks_due_at;
CREATE INDEX tasks_due_order ON tasks(due_at, document_id, position);
DROP INDEX tasks_assignee_key;
CREATE INDEX tasks_assignee_due ON tasks(assignee_key, due_at, document_id, position, status);
CREATE INDEX tasks_document_due ON tasks(document_id, due_at, position);
DROP INDEX tasks_status_due_at;
CREATE INDEX tasks_status_due ON tasks(status, due_at, document_id, position);
DROP INDEX tasks_deadline;
CREATE INDEX documents_issuer_key ON documents(issuer_key);
)sql";

// Version 6 (bulk registration): new documents and tasks enter the full-text indexes
// through Registry::AddAll, one INSERT … SELECT per table per batch (registry.cc), instead of a
// trigger per row. FTS5 writes its pending index to disk at the start of every statement that
// may roll back on its own (any INSERT into tasks or documents: they have triggers and
// constraints), so the triggers made one tiny index segment per task and per letter, and
// merging those segments cost most of a bulk import. The delete and update triggers stay:
// deletes and corrections touch a row at a time. Any other code that inserts documents or tasks
// must index them the same way (registry.cc DocumentWriter::IndexAdded).
constexpr const char kSchemaV6[] = R"sql(
DROP TRIGGER documents_fts_insert;
DROP TRIGGER tasks_fts_insert;
)sql";

// Version 7: the verdict over a letter's digital signatures, for the `ky-so:` search filter.
// Letters registered before keep 'khong-co' until they are registered again.
constexpr const char kSchemaV7[] = R"sql(
ALTER TABLE documents ADD COLUMN signature_status TEXT NOT NULL DEFAULT 'khong-co';
CREATE INDEX documents_signature ON documents(signature_status, date);
)sql";

// Version 8: the received stamp ("ĐẾN") as columns, for the register of incoming letters kept by
// arrival number and date. Generated from fields_json ("received" of extract::ToJson with flags),
// so every writer of fields_json (registration, corrections) keeps them right without knowing
// them; VIRTUAL, the only kind ALTER TABLE can add, costs no space, and the index on the date
// holds the computed values.
constexpr const char kSchemaV8[] = R"sql(
ALTER TABLE documents ADD COLUMN received_number TEXT GENERATED ALWAYS AS
  (CASE WHEN json_valid(fields_json) THEN json_extract(fields_json, '$.received.number') END) VIRTUAL;
ALTER TABLE documents ADD COLUMN received_date TEXT GENERATED ALWAYS AS
  (CASE WHEN json_valid(fields_json) THEN json_extract(fields_json, '$.received.date') END) VIRTUAL;
ALTER TABLE documents ADD COLUMN received_office TEXT GENERATED ALWAYS AS
  (CASE WHEN json_valid(fields_json) THEN json_extract(fields_json, '$.received.office') END) VIRTUAL;
CREATE INDEX documents_received_date ON documents(received_date);
)sql";

// Version 9: the register of incoming letters (Sổ đăng ký văn bản đến, Nghị định 30/2020/NĐ-CP,
// Phụ lục IV). Every registered letter gets an arrival number (số đến), counted from 1 in each
// year, and an arrival day (ngày đến): the day on its received stamp when the OCR read a valid
// one no later than the day it was registered, else the day it was registered, in Viet Nam time
// (UTC+7, registry/dates.h).
//  - arrivals is keyed by the letter's SHA-256 and has no foreign key: a deleted letter keeps its
//    number (the register shows it deleted) and a letter registered again gets its number back,
//    so a number is never given twice, and max(number) + 1 never reuses one;
//  - numbers are given by a trigger, inside the INSERT's write transaction (registration takes
//    the write lock first, registry.cc), so two processes registering at once cannot draw the
//    same number; UNIQUE (year, number) would refuse it anyway;
//  - letters already registered are numbered in the order they were registered;
//  - date(d, '+0 days') = d is the validity check: date(d) alone passes "2026-02-30".
constexpr const char kSchemaV9[] = R"sql(
CREATE TABLE arrivals (
  id            INTEGER PRIMARY KEY,
  sha256        TEXT    NOT NULL UNIQUE,
  year          INTEGER NOT NULL,
  number        INTEGER NOT NULL,
  arrival_date  TEXT    NOT NULL,  -- yyyy-mm-dd, Viet Nam time
  registered_at TEXT    NOT NULL,  -- documents.created_at when numbered (ISO 8601 UTC)
  UNIQUE (year, number)
);
CREATE INDEX arrivals_date ON arrivals(arrival_date, year, number);

INSERT INTO arrivals (sha256, year, number, arrival_date, registered_at)
SELECT sha256, year, row_number() OVER (PARTITION BY year ORDER BY created_at, id), day, created_at
FROM (SELECT id, sha256, created_at, day, CAST(substr(day, 1, 4) AS INTEGER) AS year
      FROM (SELECT id, sha256, created_at,
                   CASE WHEN date(stamped, '+0 days') = stamped AND stamped <= registered THEN stamped
                        ELSE registered END AS day
            FROM (SELECT id, sha256, created_at, received_date AS stamped,
                         coalesce(date(created_at, '+7 hours'), date('now', '+7 hours'))
                           AS registered
                  FROM documents)));

CREATE TRIGGER documents_arrival AFTER INSERT ON documents BEGIN
  INSERT INTO arrivals (sha256, year, number, arrival_date, registered_at)
  SELECT new.sha256, year,
         coalesce((SELECT max(number) FROM arrivals AS a WHERE a.year = y.year), 0) + 1,
         day, new.created_at
  FROM (SELECT day, CAST(substr(day, 1, 4) AS INTEGER) AS year
        FROM (SELECT CASE WHEN date(stamped, '+0 days') = stamped AND stamped <= registered THEN stamped
                          ELSE registered END AS day
              FROM (SELECT CASE WHEN json_valid(new.fields_json)
                                THEN json_extract(new.fields_json, '$.received.date') END
                             AS stamped,
                           coalesce(date(new.created_at, '+7 hours'), date('now', '+7 hours'))
                             AS registered))) AS y
  WHERE true
  ON CONFLICT (sha256) DO NOTHING;
END;
)sql";

// Version 10: lists of 10,000 letters, deleted letters, and one letter received as several files.
//  - documents.urgency: the urgency stamp ("HỎA TỐC", "THƯỢNG KHẨN", "KHẨN") as a generated
//    column with an index, so the letter list filters on it without reading fields_json (which
//    lies past the letter's long text in the row);
//  - documents.review_needed: the extraction's "review.needed" likewise, so the review queue on
//    the start page reads its few letters from an index instead of every letter's fields_json;
//  - documents_list_issuer, documents_list_ref: the letter list sorted by issuing body or by
//    number (numerically: "99/UBND" before "1138/UBND") reads an index, not every row
//    (documents_date already serves the date order, arrivals_date the arrival order);
//  - letter_files: further files of a registered letter (its TIFF beside its PDF: same number,
//    issuer and date). Keyed by the letter's SHA-256, not its row id, like corrections, so the
//    files stay with a letter that is deleted and restored; the file's own SHA-256 is unique, so
//    a file belongs to one letter and registering it again changes nothing;
//  - deletions: who deleted which letter when, with the whole letter as JSON (pages, tasks with
//    their status and history, addressees, references), from which an administrator restores it.
//    The letter's rows go, so lists, search, the calendar and the review queue need no filter;
//    the stored original, its arrival number and its corrections stay.
constexpr const char kSchemaV10[] = R"sql(
ALTER TABLE documents ADD COLUMN urgency TEXT GENERATED ALWAYS AS
  (CASE WHEN json_valid(fields_json) THEN json_extract(fields_json, '$.urgency') END) VIRTUAL;
CREATE INDEX documents_urgency ON documents(urgency);
ALTER TABLE documents ADD COLUMN review_needed INTEGER GENERATED ALWAYS AS
  (CASE WHEN json_valid(fields_json) THEN json_extract(fields_json, '$.review.needed') END) VIRTUAL;
CREATE INDEX documents_review ON documents(review_needed, created_at, id);
CREATE INDEX documents_list_issuer ON documents(issuer_key, id);
CREATE INDEX documents_list_ref ON documents(CAST(doc_ref AS INTEGER), doc_ref, id);

CREATE TABLE letter_files (
  id            INTEGER PRIMARY KEY,
  letter_sha256 TEXT    NOT NULL,         -- documents.sha256 of the letter it belongs to
  sha256        TEXT    NOT NULL UNIQUE,  -- this file's content
  path          TEXT    NOT NULL DEFAULT '',
  file_type     TEXT    NOT NULL DEFAULT '',
  page_count    INTEGER NOT NULL DEFAULT 0,
  added_at      TEXT    NOT NULL          -- ISO 8601 UTC
);
CREATE INDEX letter_files_letter ON letter_files(letter_sha256, id);

CREATE TABLE deletions (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT    NOT NULL,
  former_id   INTEGER NOT NULL,           -- documents.id while it was registered
  doc_ref     TEXT    NOT NULL DEFAULT '',
  issuer      TEXT    NOT NULL DEFAULT '',
  subject     TEXT    NOT NULL DEFAULT '',
  record_json TEXT    NOT NULL,
  deleted_by  TEXT    NOT NULL DEFAULT '',
  deleted_at  TEXT    NOT NULL,           -- ISO 8601 UTC
  restored_by TEXT,
  restored_at TEXT,
  restored_id INTEGER                     -- documents.id it was given back
);
CREATE INDEX deletions_open ON deletions(restored_at, id);
CREATE INDEX deletions_former ON deletions(former_id);
)sql";

// Version 11: assigning work inside the office.
//  - units: the office's directory of units (phòng, ban, xã…), each named once; name_key is the
//    folded name (text/tokens.h) the matching compares, kind the folded kind word ("phong",
//    "ban", "xa", "van phong"…) a close OCR variant must share; a unit no longer in use is made
//    inactive, never deleted, so the tasks that name it keep their meaning;
//  - unit_aliases: other spellings a clerk confirmed for a unit ("Phòng Nợ vụ" read by OCR for
//    "Phòng Nội vụ"); a folded spelling names one unit only;
//  - an assignment is a row of tasks (source 'assigned') on the letter it comes from, after the
//    letter's extracted tasks, so statuses, history, the task list, search, the report, the
//    dashboard and the calendar treat it as any task. instruction is the leader's "ý kiến chỉ
//    đạo"; assigned_from the position of the task it was assigned from (NULL: the whole letter);
//  - task_events.kind tells a status change ('status') from the record of an assignment
//    ('assigned'), which keeps the task's status.
constexpr const char kSchemaV11[] = R"sql(
CREATE TABLE units (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL UNIQUE,
  name_key   TEXT    NOT NULL,
  kind       TEXT    NOT NULL DEFAULT '',
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT    NOT NULL               -- ISO 8601 UTC
);
CREATE INDEX units_name_key ON units(name_key);

CREATE TABLE unit_aliases (
  id        INTEGER PRIMARY KEY,
  unit_id   INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  alias     TEXT    NOT NULL,
  alias_key TEXT    NOT NULL UNIQUE,
  who       TEXT    NOT NULL DEFAULT '',
  at        TEXT    NOT NULL                -- ISO 8601 UTC
);
CREATE INDEX unit_aliases_unit ON unit_aliases(unit_id, id);

ALTER TABLE tasks ADD COLUMN source TEXT NOT NULL DEFAULT 'extracted'
  CHECK (source IN ('extracted', 'assigned'));
ALTER TABLE tasks ADD COLUMN instruction   TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN assigned_by   TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN assigned_at   TEXT;     -- ISO 8601 UTC
ALTER TABLE tasks ADD COLUMN assigned_from INTEGER;  -- tasks.position in the same letter

ALTER TABLE task_events ADD COLUMN kind TEXT NOT NULL DEFAULT 'status';
)sql";

// Version 12: the dashboard and the progress report in time that does not grow with the
// registry.
//  - unit_task_counts: per assignee key, how many of its tasks are open with a deadline, open
//    without one, done on time and done late, kept by triggers in the statement that changes a
//    task (insert, delete, cascade from its letter, status, deadline or assignee), so it can
//    never disagree with the rows. Which open tasks are overdue depends on the clock, so it is
//    not stored: the open tasks due from now on are found through tasks_assignee_due (a few
//    weeks of work) and the rest of the dated ones are overdue;
//  - tasks_done_at: the tasks done since a day (this month's, on the dashboard) by a range of one
//    index; partial, so registering a letter (its tasks are open) adds nothing to it. Their rows
//    are still read: SQLite computes due_at, a VIRTUAL generated column, from
//    the row even where an index holds it, so no query that names due_at is index-only.
// The conditions mirror ComputeState() (tasks.cc): done on time when done_at <= due_at, a task
// without a deadline has due_at '9999-12-31T23:59'.
constexpr const char kSchemaV12[] = R"sql(
CREATE TABLE unit_task_counts (
  assignee_key TEXT    PRIMARY KEY,
  open_dated   INTEGER NOT NULL DEFAULT 0,
  open_undated INTEGER NOT NULL DEFAULT 0,
  done_on_time INTEGER NOT NULL DEFAULT 0,
  done_late    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO unit_task_counts
  SELECT assignee_key,
         sum(status = 'open' AND due_at < '9999-12-31T23:59'),
         sum(status = 'open' AND due_at >= '9999-12-31T23:59'),
         sum(status = 'done' AND coalesce(done_at, '') <= due_at),
         sum(status = 'done' AND coalesce(done_at > due_at, 0))
  FROM tasks GROUP BY assignee_key;
CREATE TRIGGER unit_task_counts_insert AFTER INSERT ON tasks BEGIN
  INSERT INTO unit_task_counts VALUES (new.assignee_key,
    new.status = 'open' AND new.due_at < '9999-12-31T23:59',
    new.status = 'open' AND new.due_at >= '9999-12-31T23:59',
    new.status = 'done' AND coalesce(new.done_at, '') <= new.due_at,
    new.status = 'done' AND coalesce(new.done_at > new.due_at, 0))
  ON CONFLICT (assignee_key) DO UPDATE SET
    open_dated = open_dated + excluded.open_dated,
    open_undated = open_undated + excluded.open_undated,
    done_on_time = done_on_time + excluded.done_on_time,
    done_late = done_late + excluded.done_late;
END;
CREATE TRIGGER unit_task_counts_delete AFTER DELETE ON tasks BEGIN
  UPDATE unit_task_counts SET
    open_dated = open_dated - (old.status = 'open' AND old.due_at < '9999-12-31T23:59'),
    open_undated = open_undated - (old.status = 'open' AND old.due_at >= '9999-12-31T23:59'),
    done_on_time = done_on_time - (old.status = 'done' AND coalesce(old.done_at, '') <= old.due_at),
    done_late = done_late - (old.status = 'done' AND coalesce(old.done_at > old.due_at, 0))
  WHERE assignee_key = old.assignee_key;
END;
CREATE TRIGGER unit_task_counts_update
AFTER UPDATE OF assignee_key, status, done_at, due_date, due_time ON tasks BEGIN
  UPDATE unit_task_counts SET
    open_dated = open_dated - (old.status = 'open' AND old.due_at < '9999-12-31T23:59'),
    open_undated = open_undated - (old.status = 'open' AND old.due_at >= '9999-12-31T23:59'),
    done_on_time = done_on_time - (old.status = 'done' AND coalesce(old.done_at, '') <= old.due_at),
    done_late = done_late - (old.status = 'done' AND coalesce(old.done_at > old.due_at, 0))
  WHERE assignee_key = old.assignee_key;
  INSERT INTO unit_task_counts VALUES (new.assignee_key,
    new.status = 'open' AND new.due_at < '9999-12-31T23:59',
    new.status = 'open' AND new.due_at >= '9999-12-31T23:59',
    new.status = 'done' AND coalesce(new.done_at, '') <= new.due_at,
    new.status = 'done' AND coalesce(new.done_at > new.due_at, 0))
  ON CONFLICT (assignee_key) DO UPDATE SET
    open_dated = open_dated + excluded.open_dated,
    open_undated = open_undated + excluded.open_undated,
    done_on_time = done_on_time + excluded.done_on_time,
    done_late = done_late + excluded.done_late;
END;
CREATE INDEX tasks_done_at ON tasks(done_at, assignee_key) WHERE status = 'done';
)sql";

// Version 13: accounts of the people who use the web pages, and what they may do.
//  - users: one account per person. role is one of quan_tri (administers accounts and units),
//    van_thu (registers, corrects, assigns), lanh_dao (sees everything, assigns, updates tasks),
//    can_bo (sees and updates the tasks of its unit only); unit_id is that unit. password_hash
//    is libsodium's Argon2id string (salt and cost inside): the password itself is never
//    stored. An account is disabled, never deleted, so the histories that name it keep their
//    meaning;
//  - login_failures: each failed sign-in of an account, to refuse it after too many failures in a
//    while (a name that is no account is not stored: it may be a password typed as the login);
//  - secrets: keys generated once per registry, such as the one that signs session cookies, so
//    every server on the registry accepts the cookies any of them issued.
constexpr const char kSchemaV13[] = R"sql(
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  login         TEXT    NOT NULL UNIQUE,
  display_name  TEXT    NOT NULL DEFAULT '',
  role          TEXT    NOT NULL CHECK (role IN ('quan_tri', 'van_thu', 'lanh_dao', 'can_bo')),
  unit_id       INTEGER REFERENCES units(id),
  password_hash TEXT    NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    TEXT    NOT NULL,             -- ISO 8601 UTC
  created_by    TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE login_failures (
  id    INTEGER PRIMARY KEY,
  login TEXT    NOT NULL,
  at_ms INTEGER NOT NULL                      -- Unix time in milliseconds
);
CREATE INDEX login_failures_login ON login_failures(login, at_ms);

CREATE TABLE secrets (
  name       TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  created_at TEXT NOT NULL                    -- ISO 8601 UTC
) WITHOUT ROWID;
)sql";

// Version 14 changes nothing in an SQLite file: it brings PostgreSQL the columns its search needs
// (schema_postgres.cc), which SQLite's FTS5 tables of version 2 already provide. It is a step here
// too so that a version number means the same schema on both backends.
constexpr const char kSchemaV14[] = "";

// Version 15: several watchers sharing one registry (PostgreSQL, several machines). Each journal
// entry names the watcher that found it (its machine and folder; '' for the watcher of an SQLite
// file), so a watcher recovers only what it left itself; a claim carries a lease that its watcher
// renews while it works, so a claim on the same content held by a watcher that died stops
// holding others back once the lease has expired. PostgreSQL also gets the table of originals
// (schema_postgres.cc); an SQLite file keeps its originals in the folder beside it.
constexpr const char kSchemaV15[] = R"sql(
ALTER TABLE file_journal ADD COLUMN watcher TEXT NOT NULL DEFAULT '';
ALTER TABLE file_journal ADD COLUMN lease_until_ms INTEGER NOT NULL DEFAULT 0;  -- Unix ms
CREATE INDEX file_journal_claimed_content ON file_journal(sha256) WHERE state = 'claimed';
)sql";

// Version 16: the work queue (jobs.h). Files handed in by `congvan enqueue` wait here, bytes and
// all, so a `congvan worker` on any machine that reaches the registry can read them.
//  - sha256 is unique: the same bytes handed in twice are one job;
//  - state is queued -> claimed -> done, or failed; a claimed job whose lease_until_ms has
//    passed (its worker died) is claimed again by the next worker. Times are the database's
//    clock in Unix milliseconds, so workers on machines whose clocks disagree agree on leases;
//  - attempts counts claims; after a few the job stays failed, bytes kept, with error;
//  - document_id and outcome (registered, already, attached) say what the worker registered.
//    No foreign key: the job is a record of work done, which a later deletion of the letter
//    does not undo;
//  - jobs_waiting holds only the jobs a worker may take, however many are done.
constexpr const char kSchemaV16[] = R"sql(
CREATE TABLE jobs (
  id             INTEGER PRIMARY KEY,
  sha256         TEXT    NOT NULL UNIQUE,
  name           TEXT    NOT NULL,
  bytes          BLOB    NOT NULL,
  size           INTEGER NOT NULL,
  state          TEXT    NOT NULL DEFAULT 'queued'
                         CHECK (state IN ('queued', 'claimed', 'done', 'failed')),
  worker         TEXT    NOT NULL DEFAULT '',
  lease_until_ms INTEGER NOT NULL DEFAULT 0,
  attempts       INTEGER NOT NULL DEFAULT 0,
  document_id    INTEGER,
  outcome        TEXT    NOT NULL DEFAULT '',
  error          TEXT    NOT NULL DEFAULT '',
  queued_ms      INTEGER NOT NULL,
  claimed_ms     INTEGER,
  finished_ms    INTEGER
);
CREATE INDEX jobs_waiting ON jobs(id) WHERE state IN ('queued', 'claimed');
)sql";

// Version 17: the watchers running on a PostgreSQL registry, for `congvan status`
// (schema_postgres.cc). An SQLite file's watchers are found by their lock files beside it
// (watch/presence.h), so it has no table; the version number means the same schema on both.
constexpr const char kSchemaV17[] = "";

constexpr Migration kMigrations[] = {
    {1, "documents, pages and tasks", kSchemaV1},
    {2, "task registry: task status and history, addressees, references, full-text search",
     kSchemaV2},
    {3, "watched folder: journal of the files found", kSchemaV3},
    {4, "corrections of extracted fields and tasks by clerks", kSchemaV4},
    {5, "scale: distinct name keys and indexes for the task list and search", kSchemaV5},
    {6, "bulk registration: full-text indexing once per batch, not per row", kSchemaV6},
    {7, "digital signatures: the verdict per letter", kSchemaV7},
    {8, "received stamp: arrival number, date and office as columns", kSchemaV8},
    {9, "register of incoming letters: arrival number and day", kSchemaV9},
    {10, "letter lists, deleted letters, several files of one letter", kSchemaV10},
    {11, "assigning work: the directory of units, their aliases, assignments as tasks", kSchemaV11},
    {12, "dashboard and report: task counts per unit, tasks by the day they were done", kSchemaV12},
    {13, "users and roles: accounts, failed sign-ins, the registry's own keys", kSchemaV13},
    {14, "search on PostgreSQL: the folded words of letters and tasks, indexed", kSchemaV14},
    {15, "several watchers on one registry: whose journal entry, claim leases; originals in "
         "a PostgreSQL registry", kSchemaV15},
    {16, "work queue: files waiting for any worker to read and register them", kSchemaV16},
    {17, "watchers running on a PostgreSQL registry, for status", kSchemaV17},
};

// Applies one migration unless another connection got there first.
Status ApplyOne(Connection db, const Migration& migration) {
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
  if (!tx.ok()) return tx.status();
  // Re-read under the write lock: a concurrent opener may have migrated since we looked.
  Result<int> version = ReadSchemaVersion(db);
  if (!version.ok()) return version.status();
  if (*version >= migration.version) return Status::Ok();  // rolls back an empty transaction
  if (migration.sql[0] != '\0') CONGVAN_RETURN_IF_ERROR(Exec(db, migration.sql));
  if (db.is_postgres()) {
    Result<Statement> bump = Statement::Prepare(db, "UPDATE schema_version SET version = ?1");
    if (!bump.ok()) return bump.status();
    CONGVAN_RETURN_IF_ERROR(bump->BindInt64(1, migration.version));
    CONGVAN_RETURN_IF_ERROR(bump->Run());
    return tx->Commit();
  }
  // PRAGMA takes no bound parameters; the value is our own integer constant, not input.
  const std::string bump = "PRAGMA user_version = " + std::to_string(migration.version);
  CONGVAN_RETURN_IF_ERROR(Exec(db, bump.c_str()));
  return tx->Commit();
}

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

int LatestSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

Result<int> ReadSchemaVersion(Connection db) {
  if (db.is_postgres()) {
    // Before version 1 there is no schema_version table to read.
    Result<std::int64_t> exists =
        QueryInt64(db, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
                       "AND tablename = 'schema_version'");
    if (!exists.ok()) return exists.status();
    if (*exists == 0) return 0;
  }
  Result<std::int64_t> version = QueryInt64(
      db, db.is_postgres() ? "SELECT version FROM schema_version" : "PRAGMA user_version");
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

Status ApplyMigrations(Connection db, std::span<const Migration> migrations) {
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
