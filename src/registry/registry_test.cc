#include "registry/registry.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "base/sha256.h"
#include "registry/originals.h"
#include "registry/statement.h"
#include "registry/tokenizer.h"
#include "registry/schema.h"
#include "support/registry_backends.h"
#include "support/testing.h"

namespace congvan::registry {
namespace {

namespace fs = std::filesystem;
using congvan::testing::TempDir;

// A plain second connection, to look at the file the way another tool would.
struct RawDb {
  struct Closer { void operator()(sqlite3* db) const { sqlite3_close_v2(db); } };
  std::unique_ptr<sqlite3, Closer> db;

  explicit RawDb(const fs::path& path) {
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                              nullptr),
              SQLITE_OK);
    db.reset(raw);
  }
  std::int64_t Int(const char* sql) {
    Result<std::int64_t> v = QueryInt64(db.get(), sql);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : -1;
  }
  std::string Text(const char* sql) {
    Result<Statement> stmt = Statement::Prepare(db.get(), sql);
    EXPECT_TRUE(stmt.ok()) << stmt.status().ToString();
    if (!stmt.ok()) return {};
    Result<bool> row = stmt->Step();
    return row.ok() && *row ? stmt->ColumnText(0) : std::string();
  }
  void Run(const char* sql) {
    Status s = Exec(db.get(), sql);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
};

std::string LetterText(int n = 0) {
  static const char* kFiles[] = {"000_a6046faea36eee60.txt", "001_b8c21598dec75cc1.txt",
                                 "002_aaae76cc2c3d2f2a.txt"};
  return congvan::testing::ReadFile(
      congvan::testing::TestData(std::string("devset/restored/") + kFiles[n % 3]));
}

// A record built from a real letter, split into two pages at a line break.
DocumentRecord MakeRecord(const std::string& text, const std::string& path) {
  DocumentRecord doc;
  doc.sha256 = Sha256Hex(text + path);
  doc.path = path;
  doc.file_type = "pdf";
  doc.source = "ocr";
  doc.text = text;
  doc.fields_json = R"({"doc_ref":"1307-CV/HU","issuer":"HUYỆN ỦY BÌNH SƠN"})";
  doc.doc_ref = "1307-CV/HU";
  doc.doc_type = "Công văn";
  doc.issuer = "HUYỆN ỦY BÌNH SƠN";
  doc.date = "2022-10-13";
  doc.subject = "Chỉ đạo thực hiện một số chỉ tiêu về cải cách thủ tục hành chính";
  const std::size_t half = text.find('\n', text.size() / 2);
  PageRecord p0{0, "ocr", text.substr(0, half), 91.5};
  PageRecord p1{1, "text-layer", half == std::string::npos ? "" : text.substr(half + 1), 100};
  doc.pages = {p0, p1};
  return doc;
}

std::unique_ptr<Registry> OpenOk(const fs::path& path) {
  Result<std::unique_ptr<Registry>> reg = Registry::Open(path.string());
  EXPECT_TRUE(reg.ok()) << reg.status().ToString();
  return reg.ok() ? std::move(reg).value() : nullptr;
}

std::unique_ptr<Registry> OpenOk(const std::string& location) {
  Result<std::unique_ptr<Registry>> reg = Registry::Open(location);
  EXPECT_TRUE(reg.ok()) << reg.status().ToString();
  return reg.ok() ? std::move(reg).value() : nullptr;
}

std::int64_t AddOk(Registry& reg, const DocumentRecord& doc) {
  Result<AddOutcome> out = reg.Add(doc);
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  if (!out.ok()) return 0;
  EXPECT_FALSE(out->already_registered);
  return out->id;
}

// The tests of the operations that run on both backends: each runs on an SQLite file and on a
// PostgreSQL database.
class RegistryBackendsTest : public congvan::testing::RegistryBackendTest {};
using congvan::testing::RawRegistry;

void ExpectSameDocument(const DocumentRecord& got, const DocumentRecord& want) {
  EXPECT_EQ(got.sha256, want.sha256);
  EXPECT_EQ(got.path, want.path);
  EXPECT_EQ(got.file_type, want.file_type);
  EXPECT_EQ(got.source, want.source);
  EXPECT_EQ(got.text, want.text);
  EXPECT_EQ(got.fields_json, want.fields_json);
  EXPECT_EQ(got.doc_ref, want.doc_ref);
  EXPECT_EQ(got.doc_type, want.doc_type);
  EXPECT_EQ(got.issuer, want.issuer);
  EXPECT_EQ(got.date, want.date);
  EXPECT_EQ(got.subject, want.subject);
  EXPECT_EQ(got.page_count, static_cast<int>(want.pages.size()));
  ASSERT_EQ(got.pages.size(), want.pages.size());
  for (std::size_t i = 0; i < want.pages.size(); ++i) {
    EXPECT_EQ(got.pages[i].index, want.pages[i].index);
    EXPECT_EQ(got.pages[i].source, want.pages[i].source);
    EXPECT_EQ(got.pages[i].text, want.pages[i].text);
    EXPECT_DOUBLE_EQ(got.pages[i].confidence, want.pages[i].confidence);
  }
}

TEST(RegistryTest, OpenCreatesFileWithCurrentSchema) {
  TempDir tmp;
  const fs::path path = tmp / "registry.db";
  ASSERT_NE(OpenOk(path), nullptr);
  EXPECT_TRUE(fs::exists(path));
  RawDb raw(path);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), Registry::SchemaVersion());
  EXPECT_EQ(raw.Int("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                    "('documents', 'pages', 'tasks')"),
            3);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                    "('documents_doc_ref', 'documents_date')"),
            2);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM tasks"), 0);
}

TEST(RegistryTest, UsesWalMode) {
  TempDir tmp;
  const fs::path path = tmp / "registry.db";
  std::unique_ptr<Registry> reg = OpenOk(path);
  ASSERT_NE(reg, nullptr);
  RawDb raw(path);
  EXPECT_EQ(raw.Text("PRAGMA journal_mode"), "wal");  // WAL is persistent in the file header
}

TEST_P(RegistryBackendsTest, AddsAndFindsVietnameseLetter) {
  std::unique_ptr<Registry> reg = OpenOk(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  const DocumentRecord doc = MakeRecord(LetterText(0), "/scans/công văn 1307.pdf");
  ASSERT_NE(doc.text.find("HUYỆN ỦY BÌNH SƠN"), std::string::npos);
  const std::int64_t id = AddOk(*reg, doc);
  ASSERT_GT(id, 0);

  Result<std::optional<DocumentRecord>> by_id = reg->Find(id);
  ASSERT_TRUE(by_id.ok()) << by_id.status().ToString();
  ASSERT_TRUE(by_id->has_value());
  EXPECT_EQ((*by_id)->id, id);
  ExpectSameDocument(**by_id, doc);

  Result<std::optional<DocumentRecord>> by_sha = reg->FindBySha256(doc.sha256);
  ASSERT_TRUE(by_sha.ok()) << by_sha.status().ToString();
  ASSERT_TRUE(by_sha->has_value());
  EXPECT_EQ((*by_sha)->id, id);
  ExpectSameDocument(**by_sha, doc);
}

TEST_P(RegistryBackendsTest, TimestampsAreIso8601Utc) {
  std::unique_ptr<Registry> reg = OpenOk(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  const std::int64_t id = AddOk(*reg, MakeRecord(LetterText(1), "a.pdf"));
  Result<std::optional<DocumentRecord>> found = reg->Find(id);
  ASSERT_TRUE(found.ok() && found->has_value());
  const std::regex iso(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)");
  EXPECT_TRUE(std::regex_match((*found)->created_at, iso)) << (*found)->created_at;
  EXPECT_EQ((*found)->updated_at, (*found)->created_at);
}

TEST_P(RegistryBackendsTest, FindMissingIsNullopt) {
  std::unique_ptr<Registry> reg = OpenOk(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  Result<std::optional<DocumentRecord>> by_id = reg->Find(42);
  ASSERT_TRUE(by_id.ok());
  EXPECT_FALSE(by_id->has_value());
  Result<std::optional<DocumentRecord>> by_sha = reg->FindBySha256(Sha256Hex("nothing"));
  ASSERT_TRUE(by_sha.ok());
  EXPECT_FALSE(by_sha->has_value());
}

TEST_P(RegistryBackendsTest, DuplicateAddChangesNothing) {
  const std::string path = NewRegistryLocation();
  std::unique_ptr<Registry> reg = OpenOk(path);
  ASSERT_NE(reg, nullptr);
  const DocumentRecord doc = MakeRecord(LetterText(0), "first/path.pdf");
  const std::int64_t id = AddOk(*reg, doc);

  DocumentRecord again = doc;  // same bytes, found again under another name
  again.path = "second/path.pdf";
  again.pages.pop_back();
  Result<AddOutcome> out = reg->Add(again);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->already_registered);
  EXPECT_EQ(out->id, id);

  Result<std::int64_t> count = reg->Count();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 1);
  RawRegistry raw(path);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM pages"), 2);
  Result<std::optional<DocumentRecord>> found = reg->Find(id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->path, "first/path.pdf");
}

TEST_P(RegistryBackendsTest, AddWithoutShaIsRefused) {
  std::unique_ptr<Registry> reg = OpenOk(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  DocumentRecord doc = MakeRecord(LetterText(0), "x.pdf");
  doc.sha256.clear();
  Result<AddOutcome> out = reg->Add(doc);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), Code::kInvalidInput);
}

TEST_P(RegistryBackendsTest, FailedAddLeavesNothingBehind) {
  const std::string path = NewRegistryLocation();
  std::unique_ptr<Registry> reg = OpenOk(path);
  ASSERT_NE(reg, nullptr);
  DocumentRecord doc = MakeRecord(LetterText(0), "x.pdf");
  doc.pages[1].index = doc.pages[0].index;  // violates UNIQUE(document_id, page_index)
  Result<AddOutcome> out = reg->Add(doc);
  ASSERT_FALSE(out.ok());
  // SQLite says "UNIQUE constraint failed", PostgreSQL "violates unique constraint".
  EXPECT_NE(out.status().message().find(postgres() ? "unique constraint" : "UNIQUE"),
            std::string::npos) << out.status().message();
  EXPECT_EQ(*reg->Count(), 0);
  RawRegistry raw(path);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM pages"), 0);
  // The connection is usable afterwards: the failed transaction was rolled back.
  doc.pages[1].index = 1;
  EXPECT_GT(AddOk(*reg, doc), 0);
}

TEST_P(RegistryBackendsTest, AddAllRegistersABatchAndFlagsDuplicates) {
  const std::string path = NewRegistryLocation();
  std::unique_ptr<Registry> reg = OpenOk(path);
  ASSERT_NE(reg, nullptr);
  const std::int64_t first = AddOk(*reg, MakeRecord(LetterText(0), "a.pdf"));
  const std::vector<DocumentRecord> batch = {
      MakeRecord(LetterText(1), "b.pdf"), MakeRecord(LetterText(0), "a.pdf"),  // already there
      MakeRecord(LetterText(2), "c.pdf"), MakeRecord(LetterText(1), "b.pdf")};  // twice in it
  Result<std::vector<AddOutcome>> out = reg->AddAll(batch);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->size(), 4u);
  EXPECT_FALSE((*out)[0].already_registered);
  EXPECT_TRUE((*out)[1].already_registered);
  EXPECT_EQ((*out)[1].id, first);
  EXPECT_FALSE((*out)[2].already_registered);
  EXPECT_TRUE((*out)[3].already_registered);
  EXPECT_EQ((*out)[3].id, (*out)[0].id);
  EXPECT_EQ(*reg->Count(), 3);
  RawRegistry raw(path);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM pages"), 6);
  Result<std::optional<DocumentRecord>> c = reg->Find((*out)[2].id);
  ASSERT_TRUE(c.ok() && c->has_value());
  EXPECT_EQ((*c)->text, LetterText(2));
  EXPECT_EQ((*c)->pages.size(), 2u);
}

TEST_P(RegistryBackendsTest, FailedAddAllKeepsNothingOfTheBatch) {
  const std::string path = NewRegistryLocation();
  std::unique_ptr<Registry> reg = OpenOk(path);
  ASSERT_NE(reg, nullptr);
  std::vector<DocumentRecord> batch = {MakeRecord(LetterText(0), "a.pdf"),
                                       MakeRecord(LetterText(1), "b.pdf")};
  batch[1].pages[1].index = batch[1].pages[0].index;  // the second letter fails
  Result<std::vector<AddOutcome>> out = reg->AddAll(batch);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("b.pdf"), std::string::npos) << out.status().message();
  EXPECT_EQ(*reg->Count(), 0);
  RawRegistry raw(path);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM pages"), 0);
  batch[1].pages[1].index = 1;
  out = reg->AddAll(batch);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*reg->Count(), 2);
  // An empty batch is no error and changes nothing.
  out = reg->AddAll({});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->empty());
}

TEST_P(RegistryBackendsTest, ReopenKeepsDataAndVersion) {
  const std::string path = NewRegistryLocation();
  const DocumentRecord doc = MakeRecord(LetterText(2), "kept.pdf");
  std::int64_t id = 0;
  {
    std::unique_ptr<Registry> reg = OpenOk(path);
    ASSERT_NE(reg, nullptr);
    id = AddOk(*reg, doc);
  }
  std::unique_ptr<Registry> reg = OpenOk(path);
  ASSERT_NE(reg, nullptr);
  Result<std::optional<DocumentRecord>> found = reg->Find(id);
  ASSERT_TRUE(found.ok() && found->has_value());
  ExpectSameDocument(**found, doc);
  RawRegistry raw(path);
  EXPECT_EQ(*ReadSchemaVersion(raw.connection()), Registry::SchemaVersion());
}

TEST(RegistryTest, MigratesEmptyFile) {
  TempDir tmp;
  const fs::path path = tmp / "registry.db";
  congvan::testing::WriteFile(path, "");  // a zero-length file is an empty SQLite database
  std::unique_ptr<Registry> reg = OpenOk(path);
  ASSERT_NE(reg, nullptr);
  EXPECT_GT(AddOk(*reg, MakeRecord(LetterText(0), "a.pdf")), 0);
  RawDb raw(path);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), Registry::SchemaVersion());
}

TEST(RegistryTest, MigratesVersionZeroDatabaseKeepingOtherTables) {
  TempDir tmp;
  const fs::path path = tmp / "registry.db";
  {
    RawDb raw(path);
    raw.Run("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('ghi chú');");
    ASSERT_EQ(raw.Int("PRAGMA user_version"), 0);
  }
  std::unique_ptr<Registry> reg = OpenOk(path);
  ASSERT_NE(reg, nullptr);
  EXPECT_GT(AddOk(*reg, MakeRecord(LetterText(0), "a.pdf")), 0);
  RawDb raw(path);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), Registry::SchemaVersion());
  EXPECT_EQ(raw.Text("SELECT body FROM notes"), "ghi chú");
}

TEST(RegistryTest, RefusesFileFromNewerVersion) {
  TempDir tmp;
  const fs::path path = tmp / "registry.db";
  const std::string newer = std::to_string(Registry::SchemaVersion() + 1);
  {
    RawDb raw(path);
    raw.Run(("PRAGMA user_version = " + newer).c_str());
  }
  Result<std::unique_ptr<Registry>> reg = Registry::Open(path.string());
  ASSERT_FALSE(reg.ok());
  EXPECT_EQ(reg.status().code(), Code::kUnsupported);
  EXPECT_NE(reg.status().message().find("newer congvan"), std::string::npos)
      << reg.status().message();
  EXPECT_NE(reg.status().message().find(path.string()), std::string::npos);
  EXPECT_NE(reg.status().message().find("version " + newer), std::string::npos);
  RawDb raw(path);  // untouched: same version, still the default rollback journal
  EXPECT_EQ(raw.Int("PRAGMA user_version"), Registry::SchemaVersion() + 1);
  EXPECT_EQ(raw.Text("PRAGMA journal_mode"), "delete");
}

TEST(RegistryTest, RefusesRandomBytesWithClearMessage) {
  TempDir tmp;
  const fs::path path = tmp / "photo.jpg";
  std::mt19937 rng(20240611);
  std::string bytes(16384, '\0');
  for (char& c : bytes) c = static_cast<char>(rng() & 0xff);
  congvan::testing::WriteFile(path, bytes);
  Result<std::unique_ptr<Registry>> reg = Registry::Open(path.string());
  ASSERT_FALSE(reg.ok());
  EXPECT_EQ(reg.status().code(), Code::kInvalidInput);
  EXPECT_NE(reg.status().message().find("not a congvan registry"), std::string::npos)
      << reg.status().message();
  EXPECT_NE(reg.status().message().find(path.string()), std::string::npos);
  EXPECT_EQ(congvan::testing::ReadFile(path), bytes);  // the file was not modified
}

TEST(RegistryTest, CreatesMissingFolders) {
  TempDir tmp;
  const fs::path path = tmp / "dữ liệu" / "a" / "b" / "registry.db";
  std::unique_ptr<Registry> reg = OpenOk(path);
  ASSERT_NE(reg, nullptr);
  EXPECT_GT(AddOk(*reg, MakeRecord(LetterText(0), "a.pdf")), 0);
  EXPECT_TRUE(fs::is_regular_file(path));
}

TEST(RegistryTest, UnwritableLocationIsAClearError) {
  TempDir tmp;
  // A regular file where a folder should be: refused even for root, unlike chmod.
  congvan::testing::WriteFile(tmp / "not-a-folder", "x");
  Result<std::unique_ptr<Registry>> reg =
      Registry::Open((tmp / "not-a-folder" / "sub" / "registry.db").string());
  ASSERT_FALSE(reg.ok());
  EXPECT_EQ(reg.status().code(), Code::kIoError);
  EXPECT_NE(reg.status().message().find("cannot create the folder"), std::string::npos)
      << reg.status().message();

  Result<std::unique_ptr<Registry>> direct =
      Registry::Open((tmp / "not-a-folder" / "registry.db").string());
  ASSERT_FALSE(direct.ok());
  EXPECT_EQ(direct.status().code(), Code::kIoError) << direct.status().ToString();
}

TEST(RegistryTest, PathThatIsAFolderIsAClearError) {
  TempDir tmp;
  fs::create_directories(tmp / "folder.db");
  Result<std::unique_ptr<Registry>> reg = Registry::Open((tmp / "folder.db").string());
  ASSERT_FALSE(reg.ok());
  EXPECT_EQ(reg.status().code(), Code::kIoError) << reg.status().ToString();
  EXPECT_NE(reg.status().message().find("folder.db"), std::string::npos);
}

TEST(RegistryTest, EmptyPathIsRefused) {
  Result<std::unique_ptr<Registry>> reg = Registry::Open("");
  ASSERT_FALSE(reg.ok());
  EXPECT_EQ(reg.status().code(), Code::kInvalidInput);
}

TEST_P(RegistryBackendsTest, SqlSyntaxInValuesIsStoredVerbatim) {
  std::unique_ptr<Registry> reg = OpenOk(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  const std::string evil = "'); DROP TABLE documents; --";
  DocumentRecord doc = MakeRecord(LetterText(0), evil);
  doc.sha256 = evil + "\" OR 1=1 --";
  doc.doc_ref = evil;
  doc.subject = "Trích yếu " + evil;
  doc.fields_json = R"({"subject":")" + evil + R"("})";
  doc.pages[0].text = evil;
  doc.pages[0].source = "ocr'--";
  const std::int64_t id = AddOk(*reg, doc);
  ASSERT_GT(id, 0);
  Result<std::optional<DocumentRecord>> found = reg->FindBySha256(doc.sha256);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  ExpectSameDocument(**found, doc);
  Result<std::optional<DocumentRecord>> not_there = reg->FindBySha256("' OR '1'='1");
  ASSERT_TRUE(not_there.ok());
  EXPECT_FALSE(not_there->has_value());
  EXPECT_EQ(*reg->Count(), 1);
}

TEST_P(RegistryBackendsTest, TwoConnectionsShareTheFile) {
  const std::string path = NewRegistryLocation();
  std::unique_ptr<Registry> a = OpenOk(path);
  std::unique_ptr<Registry> b = OpenOk(path);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  const DocumentRecord first = MakeRecord(LetterText(0), "a.pdf");
  const std::int64_t id = AddOk(*a, first);
  Result<std::optional<DocumentRecord>> seen = b->Find(id);
  ASSERT_TRUE(seen.ok() && seen->has_value());
  ExpectSameDocument(**seen, first);
  AddOk(*b, MakeRecord(LetterText(1), "b.pdf"));
  Result<AddOutcome> dup = b->Add(first);
  ASSERT_TRUE(dup.ok());
  EXPECT_TRUE(dup->already_registered);
  Result<std::vector<DocumentRecord>> list = a->List();
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 2u);
}

TEST_P(RegistryBackendsTest, ConcurrentWritersOnSeparateConnections) {
  const std::string path = NewRegistryLocation();
  ASSERT_NE(OpenOk(path), nullptr);  // create the schema once, up front
  const std::string text = LetterText(0);
  constexpr int kPerThread = 25;
  auto writer = [&](int thread, std::vector<Status>* errors) {
    Result<std::unique_ptr<Registry>> reg = Registry::Open(path);
    if (!reg.ok()) return errors->push_back(reg.status());
    for (int i = 0; i < kPerThread; ++i) {
      // Half the documents are shared between the threads: each must be stored once.
      const std::string tag = (i % 2 == 0) ? "shared-" + std::to_string(i)
                                           : std::to_string(thread) + "-" + std::to_string(i);
      DocumentRecord doc = MakeRecord(text, tag);
      Result<AddOutcome> out = (*reg)->Add(doc);
      if (!out.ok()) errors->push_back(out.status());
    }
  };
  std::vector<Status> errors_a, errors_b;
  std::thread ta(writer, 0, &errors_a);
  std::thread tb(writer, 1, &errors_b);
  ta.join();
  tb.join();
  for (const Status& s : errors_a) ADD_FAILURE() << s.ToString();
  for (const Status& s : errors_b) ADD_FAILURE() << s.ToString();
  std::unique_ptr<Registry> reg = OpenOk(path);
  ASSERT_NE(reg, nullptr);
  const int shared = (kPerThread + 1) / 2, own = kPerThread / 2;
  EXPECT_EQ(*reg->Count(), shared + 2 * own);
}

TEST_P(RegistryBackendsTest, DeleteCascadesToPagesAndTasks) {
  const std::string path = NewRegistryLocation();
  std::unique_ptr<Registry> reg = OpenOk(path);
  ASSERT_NE(reg, nullptr);
  const std::int64_t gone = AddOk(*reg, MakeRecord(LetterText(0), "gone.pdf"));
  const std::int64_t kept = AddOk(*reg, MakeRecord(LetterText(1), "kept.pdf"));
  {
    RawRegistry raw(path);
    if (!postgres()) {
      raw.Run("PRAGMA foreign_keys = ON");
      // The tasks' FTS index needs the tokenizer on every connection that writes.
      ASSERT_TRUE(RegisterSqlExtensions(raw.connection().sqlite()).ok());
    }
    Result<Statement> insert = Statement::Prepare(
        raw.connection(), "INSERT INTO tasks (document_id, position, assignee, action) "
                          "VALUES (?1, 0, 'UBND huyện', 'báo cáo')");
    ASSERT_TRUE(insert.ok()) << insert.status().ToString();
    ASSERT_TRUE(insert->BindInt64(1, gone).ok());
    ASSERT_TRUE(insert->Run().ok());
    // Indexed as Registry::AddAll indexes new tasks (schema version 6 has no insert trigger),
    // so the delete trigger finds what it removes.
    if (!postgres()) {
      raw.Run("INSERT INTO tasks_fts (rowid, assignee, action, deadline_text) "
              "SELECT id, assignee, action, deadline_text FROM tasks WHERE id = last_insert_rowid()");
    }
  }
  Result<bool> deleted = reg->Delete(gone);
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  EXPECT_TRUE(*deleted);
  RawRegistry raw(path);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM pages"), 2);  // only kept.pdf's two pages remain
  EXPECT_EQ(raw.Int("SELECT count(DISTINCT document_id) FROM pages"), 1);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM tasks"), 0);
  Result<std::optional<DocumentRecord>> found = reg->Find(gone);
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
  EXPECT_TRUE(reg->Find(kept)->has_value());
  Result<bool> again = reg->Delete(gone);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
}

TEST_P(RegistryBackendsTest, ListIsNewestFirstWithLimitAndNoText) {
  std::unique_ptr<Registry> reg = OpenOk(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(AddOk(*reg, MakeRecord(LetterText(i), "doc" + std::to_string(i) + ".pdf")));
  }
  Result<std::vector<DocumentRecord>> all = reg->List();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    const DocumentRecord& r = (*all)[i];
    EXPECT_EQ(r.id, ids[4 - i]);
    EXPECT_EQ(r.path, "doc" + std::to_string(4 - i) + ".pdf");
    EXPECT_TRUE(r.text.empty());
    EXPECT_TRUE(r.pages.empty());
    EXPECT_EQ(r.page_count, 2);
    EXPECT_EQ(r.doc_ref, "1307-CV/HU");
    EXPECT_FALSE(r.created_at.empty());
  }
  for (std::size_t i = 1; i < 5; ++i) EXPECT_GE((*all)[i - 1].created_at, (*all)[i].created_at);

  Result<std::vector<DocumentRecord>> two = reg->List(2);
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ((*two)[0].id, ids[4]);
  EXPECT_EQ((*two)[1].id, ids[3]);

  EXPECT_EQ(reg->List(100)->size(), 5u);
  Result<std::vector<DocumentRecord>> negative = reg->List(-1);
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.status().code(), Code::kInvalidInput);
}

TEST_P(RegistryBackendsTest, ListOfEmptyRegistry) {
  std::unique_ptr<Registry> reg = OpenOk(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  Result<std::vector<DocumentRecord>> all = reg->List();
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->empty());
  EXPECT_EQ(*reg->Count(), 0);
}

TEST_P(RegistryBackendsTest, OpenCreatesTheCurrentSchemaOnce) {
  const std::string path = NewRegistryLocation();
  ASSERT_NE(OpenOk(path), nullptr);
  ASSERT_NE(OpenOk(path), nullptr);  // a second open finds nothing to migrate
  RawRegistry raw(path);
  EXPECT_EQ(*ReadSchemaVersion(raw.connection()), Registry::SchemaVersion());
  for (const char* table : {"documents", "pages", "tasks", "task_events", "addressees", "refs",
                            "file_journal", "corrections", "name_keys", "arrivals",
                            "letter_files", "deletions", "units", "unit_aliases",
                            "unit_task_counts", "users", "login_failures", "secrets"}) {
    EXPECT_EQ(raw.Int(("SELECT count(*) FROM " + std::string(table)).c_str()), 0) << table;
  }
}

// What the triggers keep on both backends when a letter is registered: its arrival number,
// the name keys, the per-unit task counts; and the columns generated from fields_json.
TEST_P(RegistryBackendsTest, RegistrationKeepsArrivalsNameKeysAndUnitCounts) {
  const std::string path = NewRegistryLocation();
  std::unique_ptr<Registry> reg = OpenOk(path);
  ASSERT_NE(reg, nullptr);
  DocumentRecord a = MakeRecord(LetterText(0), "a.pdf");
  a.fields_json = R"({"urgency":"HỎA TỐC","review":{"needed":true},)"
                  R"("received":{"number":"125","date":"2000-01-05","office":"UBND xã"}})";
  TaskRecord open_task;
  open_task.assignee = "Phòng Nội vụ";
  open_task.action = "Báo cáo";
  open_task.due_date = "2023-06-20";
  TaskRecord undated = open_task;
  undated.due_date.clear();
  a.tasks = {open_task, undated};
  DocumentRecord b = MakeRecord(LetterText(1), "b.pdf");
  b.fields_json = R"({"received":{"date":"2000-02-30"}})";  // no such day: not the arrival day
  DocumentRecord c = MakeRecord(LetterText(2), "c.pdf");
  c.fields_json = "not json";
  const std::int64_t a_id = AddOk(*reg, a);
  AddOk(*reg, b);
  AddOk(*reg, c);
  RawRegistry raw(path);
  EXPECT_EQ(raw.Text("SELECT arrival_date FROM arrivals WHERE year = 2000"), "2000-01-05");
  EXPECT_EQ(raw.Int("SELECT count(*) FROM arrivals"), 3);
  EXPECT_EQ(raw.Int("SELECT max(number) FROM arrivals WHERE year > 2000"), 2);
  EXPECT_EQ(raw.Text("SELECT received_number FROM documents WHERE path = 'a.pdf'"), "125");
  EXPECT_EQ(raw.Text("SELECT received_office FROM documents WHERE path = 'a.pdf'"), "UBND xã");
  EXPECT_EQ(raw.Text("SELECT urgency FROM documents WHERE path = 'a.pdf'"), "HỎA TỐC");
  EXPECT_EQ(raw.Int("SELECT review_needed FROM documents WHERE path = 'a.pdf'"), 1);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM documents WHERE received_date IS NULL"), 1);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM name_keys WHERE kind = 'assignee' "
                    "AND key = 'phong noi vu'"), 1);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM name_keys WHERE kind = 'issuer'"), 1);
  EXPECT_EQ(raw.Int("SELECT open_dated FROM unit_task_counts WHERE assignee_key = 'phong noi vu'"),
            1);
  EXPECT_EQ(raw.Int("SELECT open_undated FROM unit_task_counts "
                    "WHERE assignee_key = 'phong noi vu'"), 1);
  Result<std::optional<DocumentRecord>> found = reg->Find(a_id);
  ASSERT_TRUE(found.ok() && found->has_value()) << found.status().ToString();
  ASSERT_EQ((*found)->tasks.size(), 2u);
  EXPECT_EQ((*found)->tasks[0].due_date, "2023-06-20");
  EXPECT_EQ((*found)->tasks[0].assignee_key, "phong noi vu");
  EXPECT_EQ((*found)->tasks[1].due_date, "");
}

TEST_P(RegistryBackendsTest, RefusesARegistryFromANewerVersion) {
  const std::string path = NewRegistryLocation();
  ASSERT_NE(OpenOk(path), nullptr);
  const std::string newer = std::to_string(Registry::SchemaVersion() + 1);
  {
    RawRegistry raw(path);
    raw.Run((postgres() ? "UPDATE schema_version SET version = " + newer
                        : "PRAGMA user_version = " + newer).c_str());
  }
  Result<std::unique_ptr<Registry>> reg = Registry::Open(path);
  ASSERT_FALSE(reg.ok());
  EXPECT_EQ(reg.status().code(), Code::kUnsupported);
  EXPECT_NE(reg.status().message().find("newer congvan"), std::string::npos)
      << reg.status().message();
}

CONGVAN_ON_BOTH_BACKENDS(RegistryBackendsTest);

class PostgresRegistryTest : public congvan::testing::RegistryBackendTest {};

TEST_P(PostgresRegistryTest, RefusesADatabaseThatSortsByLanguage) {
  // An ICU collation, as `createdb --locale-provider=icu --icu-locale=vi` makes.
  const std::string uri = NewRegistryLocation(
      {"--template=template0", "--locale-provider=icu", "--icu-locale=vi"});
  ASSERT_FALSE(uri.empty());
  Result<std::unique_ptr<Registry>> reg = Registry::Open(uri);
  ASSERT_FALSE(reg.ok());
  EXPECT_NE(reg.status().message().find("--locale=C.UTF-8"), std::string::npos)
      << reg.status().message();
}

TEST_P(PostgresRegistryTest, UnreachableServerIsOneLineWithoutThePassword) {
  Result<std::unique_ptr<Registry>> reg =
      Registry::Open("postgresql://clerk:s3cret@127.0.0.1:1/registry");
  ASSERT_FALSE(reg.ok());
  const std::string message = reg.status().message();
  EXPECT_NE(message.find("Connection refused"), std::string::npos) << message;
  EXPECT_NE(message.find("postgresql://clerk:***@127.0.0.1:1/registry"), std::string::npos)
      << message;
  EXPECT_EQ(message.find("s3cret"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST_P(PostgresRegistryTest, SqliteOnlyOperationsAreRefusedNotCrashed) {
  std::unique_ptr<Registry> reg = OpenOk(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  EXPECT_TRUE(reg->is_postgres());
  EXPECT_EQ(reg->connection(), nullptr);
  Result<Statement> stmt = Statement::Prepare(reg->connection(), "SELECT 1");
  ASSERT_FALSE(stmt.ok());
  EXPECT_EQ(stmt.status().code(), Code::kUnsupported);
}

INSTANTIATE_TEST_SUITE_P(Backends, PostgresRegistryTest,
                         ::testing::Values(congvan::testing::Backend::kPostgres),
                         congvan::testing::BackendName);


// Sets an environment variable for one scope, restoring the old value afterwards.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = getenv(name)) old_ = old;
    if (value) setenv(name, value, 1); else unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1); else unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(RegistryTest, DefaultPathFollowsXdgThenHome) {
  {
    ScopedEnv xdg("XDG_DATA_HOME", "/srv/data");
    EXPECT_EQ(Registry::DefaultPath(), "/srv/data/congvan/registry.db");
  }
  {
    ScopedEnv xdg("XDG_DATA_HOME", nullptr);
    ScopedEnv home("HOME", "/home/nguyen");
    EXPECT_EQ(Registry::DefaultPath(), "/home/nguyen/.local/share/congvan/registry.db");
  }
  {
    ScopedEnv xdg("XDG_DATA_HOME", "relative/ignored");
    ScopedEnv home("HOME", "/home/nguyen");
    EXPECT_EQ(Registry::DefaultPath(), "/home/nguyen/.local/share/congvan/registry.db");
  }
}

// Temporaries left by a process that died (or hit a full disk) while keeping an original are
// removed; one whose process is still running (this one) is left alone, and so are originals.
TEST(OriginalsTest, StaleTemporariesAreRemoved) {
  TempDir dir;
  const std::string db = (dir.path() / "r.db").string();
  Originals store = Originals::ForDatabase(db);
  testing::WriteFile(dir.path() / "letter.txt", "Công văn số 1/UBND");
  const std::string sha = Sha256Hex("Công văn số 1/UBND");
  Result<std::string> kept = store.Keep((dir.path() / "letter.txt").string(), sha, "txt");
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  const fs::path folder = fs::path(*kept).parent_path();
  // Process ids never go past 2^22 on Linux: 999999999 is not running.
  const fs::path dead = folder / ("." + sha + ".tmp999999999-12345");
  const fs::path alive = folder / ("." + sha + ".tmp" + std::to_string(::getpid()) + "-1");
  testing::WriteFile(dead, "");
  testing::WriteFile(alive, "");
  Result<int> removed = store.RemoveStaleTemporaries();
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, 1);
  EXPECT_FALSE(fs::exists(dead));
  EXPECT_TRUE(fs::exists(alive));
  EXPECT_TRUE(fs::exists(*kept));
  EXPECT_EQ(*Originals::ForDatabase((dir.path() / "none.db").string()).RemoveStaleTemporaries(), 0);
}

// The originals of either backend: beside an SQLite file, in the table of a PostgreSQL
// registry. Kept once per content, read back byte for byte (a scan's bytes, not only text), and
// found as a file — from the database through this machine's cache, written once.
class OriginalsBackendsTest : public testing::RegistryBackendTest {};

TEST_P(OriginalsBackendsTest, KeptOnceByContentAndReadBackAsBytesAndAsAFile) {
  const std::string location = NewRegistryLocation();
  Result<std::unique_ptr<Registry>> reg = Registry::Open(location);
  ASSERT_TRUE(reg.ok()) << reg.status().ToString();
  TempDir dir;
  Originals store = Originals::ForRegistry(**reg, (dir.path() / "cache").string());
  EXPECT_EQ(store.in_database(), postgres());
  std::string scan = testing::ReadFile(testing::TestData("scans/11_thutuong_09-2023-QD-TTg_render_p1.jpg"));
  scan.push_back('\0');  // every byte value travels, NUL included
  testing::WriteFile(dir.path() / "scan.jpg", scan);
  const std::string sha = Sha256Hex(scan);
  Result<std::string> kept = store.Keep((dir.path() / "scan.jpg").string(), sha, "jpg");
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  // Kept again (the same scan dropped again): nothing more is stored.
  testing::WriteFile(dir.path() / "again.jpg", scan);
  ASSERT_TRUE(store.Keep((dir.path() / "again.jpg").string(), sha, "jpg").ok());
  if (postgres()) {
    testing::RawRegistry raw(location);
    EXPECT_EQ(raw.Int("SELECT count(*) FROM originals"), 1);
    EXPECT_EQ(raw.Int("SELECT size FROM originals"), static_cast<std::int64_t>(scan.size()));
    EXPECT_FALSE(fs::exists(location + ".originals"));
  }

  Result<std::string> bytes = store.Read(sha);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_TRUE(*bytes == scan);
  Result<std::string> file = store.Find(sha);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_TRUE(testing::ReadFile(*file) == scan);
  EXPECT_TRUE(std::string_view(*file).ends_with(sha + ".jpg")) << *file;
  // Another machine (another cache) reads the same original.
  Originals elsewhere = Originals::ForRegistry(**reg, (dir.path() / "other-cache").string());
  Result<std::string> there = elsewhere.Find(sha);
  ASSERT_TRUE(there.ok()) << there.status().ToString();
  EXPECT_TRUE(testing::ReadFile(*there) == scan);

  const std::string unknown = Sha256Hex("không có");
  EXPECT_EQ(store.Find(unknown).status().code(), Code::kNotFound);
  EXPECT_EQ(store.Read(unknown).status().code(), Code::kNotFound);
  EXPECT_EQ(store.Find("../../etc/passwd").status().code(), Code::kInvalidInput);
  EXPECT_EQ(store.Read("' OR 1=1 --").status().code(), Code::kInvalidInput);
  EXPECT_EQ(store.Keep((dir.path() / "scan.jpg").string(), "x", "jpg").status().code(),
            Code::kInvalidInput);
}

// In the database, bytes that do not hash to the name they would be kept under are refused:
// a file that changed after it was read is never stored as another content.
TEST_P(OriginalsBackendsTest, AFileThatChangedSinceItWasReadIsNotKeptInTheDatabase) {
  if (!postgres()) GTEST_SKIP() << "the folder beside an SQLite file copies what it is given";
  Result<std::unique_ptr<Registry>> reg = Registry::Open(NewRegistryLocation());
  ASSERT_TRUE(reg.ok()) << reg.status().ToString();
  TempDir dir;
  Originals store = Originals::ForRegistry(**reg, (dir.path() / "cache").string());
  testing::WriteFile(dir.path() / "letter.txt", "Công văn số 2/UBND, sửa sau khi đọc");
  const std::string read_as = Sha256Hex("Công văn số 2/UBND");
  Result<std::string> kept = store.Keep((dir.path() / "letter.txt").string(), read_as, "txt");
  EXPECT_EQ(kept.status().code(), Code::kIoError) << kept.status().ToString();
  EXPECT_EQ(store.Read(read_as).status().code(), Code::kNotFound);
}

CONGVAN_ON_BOTH_BACKENDS(OriginalsBackendsTest);

}  // namespace
}  // namespace congvan::registry
