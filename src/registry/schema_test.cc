#include "registry/schema.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>
#include <string>
#include <vector>

#include "registry/statement.h"
#include "registry/tokenizer.h"
#include "support/testing.h"

namespace congvan::registry {
namespace {

struct Closer { void operator()(sqlite3* db) const { sqlite3_close_v2(db); } };
using Db = std::unique_ptr<sqlite3, Closer>;

Db OpenFile(const std::filesystem::path& path) {
  sqlite3* raw = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            nullptr),
            SQLITE_OK);
  return Db(raw);
}

std::int64_t TableCount(sqlite3* db, const std::string& name) {
  Result<Statement> stmt = Statement::Prepare(
      db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1");
  EXPECT_TRUE(stmt.ok());
  EXPECT_TRUE(stmt->BindText(1, name).ok());
  Result<bool> row = stmt->Step();
  EXPECT_TRUE(row.ok() && *row);
  return stmt->ColumnInt64(0);
}

TEST(SchemaTest, MigrationsAreNumberedOneByOne) {
  int expected = 1;
  for (const Migration& m : Migrations()) {
    EXPECT_EQ(m.version, expected++) << m.description;
    // A step may be empty on one backend (version 14 on SQLite), never on both.
    EXPECT_TRUE(std::string(m.sql) != "" ||
                std::string(PostgresMigrations()[m.version - 1].sql) != "")
        << m.description;
  }
  EXPECT_EQ(LatestSchemaVersion(), expected - 1);
}

// Version N means the same tables on both backends, so an upgrade is written for both.
TEST(SchemaTest, PostgresMigrationsAreNumberedLikeSqlitesOnes) {
  ASSERT_EQ(PostgresMigrations().size(), Migrations().size());
  for (std::size_t i = 0; i < Migrations().size(); ++i) {
    EXPECT_EQ(PostgresMigrations()[i].version, Migrations()[i].version);
    EXPECT_STREQ(PostgresMigrations()[i].description, Migrations()[i].description);
  }
}

TEST(SchemaTest, AppliesInOrderAndOnlyOnce) {
  congvan::testing::TempDir tmp;
  Db db = OpenFile(tmp / "t.db");
  const Migration fake[] = {
      {1, "a", "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);"},
      {2, "b depends on a", "CREATE TABLE b AS SELECT x + 1 AS y FROM a;"},
  };
  ASSERT_TRUE(ApplyMigrations(db.get(), fake).ok());
  EXPECT_EQ(*ReadSchemaVersion(db.get()), 2);
  EXPECT_EQ(*QueryInt64(db.get(), "SELECT y FROM b"), 2);
  // Running again is a no-op (a second INSERT would make the count 2).
  ASSERT_TRUE(ApplyMigrations(db.get(), fake).ok());
  EXPECT_EQ(*QueryInt64(db.get(), "SELECT count(*) FROM a"), 1);
}

TEST(SchemaTest, UpgradesFromAnOlderVersion) {
  congvan::testing::TempDir tmp;
  Db db = OpenFile(tmp / "t.db");
  const Migration v1[] = {{1, "a", "CREATE TABLE a (x INTEGER);"}};
  ASSERT_TRUE(ApplyMigrations(db.get(), v1).ok());
  const Migration v2[] = {{1, "a", "CREATE TABLE a (x INTEGER);"},
                          {2, "a.note", "ALTER TABLE a ADD COLUMN note TEXT NOT NULL DEFAULT '';"}};
  ASSERT_TRUE(ApplyMigrations(db.get(), v2).ok());
  EXPECT_EQ(*ReadSchemaVersion(db.get()), 2);
  EXPECT_TRUE(Exec(db.get(), "INSERT INTO a (x, note) VALUES (1, 'ok')").ok());
}

TEST(SchemaTest, FailedMigrationRollsBackToThePreviousVersion) {
  congvan::testing::TempDir tmp;
  Db db = OpenFile(tmp / "t.db");
  const Migration broken[] = {
      {1, "good", "CREATE TABLE good (x INTEGER);"},
      {2, "half", "CREATE TABLE half (x INTEGER); CREATE TABL oops (y);"},
  };
  Status status = ApplyMigrations(db.get(), broken);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("schema version 2"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("syntax error"), std::string::npos) << status.message();
  EXPECT_EQ(*ReadSchemaVersion(db.get()), 1);
  EXPECT_EQ(TableCount(db.get(), "good"), 1);
  EXPECT_EQ(TableCount(db.get(), "half"), 0);  // the whole migration was undone
}

TEST(SchemaTest, RefusesNewerVersion) {
  EXPECT_TRUE(CheckNotNewer(1, 1).ok());
  EXPECT_TRUE(CheckNotNewer(0, 1).ok());
  Status status = CheckNotNewer(5, 1);
  EXPECT_EQ(status.code(), Code::kUnsupported);
  EXPECT_NE(status.message().find("newer congvan"), std::string::npos);

  congvan::testing::TempDir tmp;
  Db db = OpenFile(tmp / "t.db");
  ASSERT_TRUE(Exec(db.get(), "PRAGMA user_version = 9").ok());
  const Migration one[] = {{1, "a", "CREATE TABLE a (x INTEGER);"}};
  EXPECT_EQ(ApplyMigrations(db.get(), one).code(), Code::kUnsupported);
  EXPECT_EQ(TableCount(db.get(), "a"), 0);
}

TEST(SchemaTest, RealSchemaCascadesAndEnforcesForeignKeys) {
  congvan::testing::TempDir tmp;
  Db db = OpenFile(tmp / "t.db");
  ASSERT_TRUE(Exec(db.get(), "PRAGMA foreign_keys = ON").ok());
  ASSERT_TRUE(RegisterSqlExtensions(db.get()).ok());
  ASSERT_TRUE(ApplyMigrations(db.get(), Migrations()).ok());
  EXPECT_EQ(*ReadSchemaVersion(db.get()), LatestSchemaVersion());
  // A page of a document that does not exist is refused.
  Status orphan = Exec(db.get(), "INSERT INTO pages (document_id, page_index) VALUES (99, 0)");
  EXPECT_FALSE(orphan.ok());
  EXPECT_NE(orphan.message().find("FOREIGN KEY"), std::string::npos) << orphan.message();
}

// The received stamp's columns follow fields_json, including after a correction rewrites it, and
// are NULL for a letter without a stamp or with fields_json that is no JSON.
TEST(SchemaTest, ReceivedStampColumnsFollowTheFields) {
  congvan::testing::TempDir tmp;
  Db db = OpenFile(tmp / "t.db");
  ASSERT_TRUE(RegisterSqlExtensions(db.get()).ok());
  ASSERT_TRUE(ApplyMigrations(db.get(), Migrations()).ok());
  ASSERT_TRUE(Exec(db.get(),
                   "INSERT INTO documents (sha256, fields_json, created_at, updated_at) VALUES "
                   "('a', '{\"received\":{\"number\":\"1532\",\"date\":\"2026-04-28\","
                   "\"office\":\"Cổng Thông tin điện tử Chính phủ\"}}', 'x', 'x'), "
                   "('b', '{\"received\":null}', 'x', 'x'), ('c', 'not json', 'x', 'x')")
                  .ok());
  EXPECT_EQ(*QueryInt64(db.get(), "SELECT count(*) FROM documents WHERE received_date = "
                                  "'2026-04-28' AND received_number = '1532' AND "
                                  "received_office LIKE 'C%ng Th%'"), 1);
  EXPECT_EQ(*QueryInt64(db.get(), "SELECT count(*) FROM documents WHERE received_date IS NULL"), 2);
  ASSERT_TRUE(Exec(db.get(), "UPDATE documents SET fields_json = json_set(fields_json, "
                             "'$.received.date', '2026-04-29') WHERE sha256 = 'a'").ok());
  EXPECT_EQ(*QueryInt64(db.get(), "SELECT count(*) FROM documents INDEXED BY "
                                  "documents_received_date WHERE received_date = '2026-04-29'"), 1);
}

TEST(StatementTest, BoundTextRoundTripsBytesExactly) {
  congvan::testing::TempDir tmp;
  Db db = OpenFile(tmp / "t.db");
  const std::string value = std::string("Hà Nội\0'; --", 15);
  Result<Statement> stmt = Statement::Prepare(db.get(), "SELECT ?1");
  ASSERT_TRUE(stmt.ok());
  ASSERT_TRUE(stmt->BindText(1, value).ok());
  Result<bool> row = stmt->Step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ(stmt->ColumnText(0), value);
}

TEST(StatementTest, PrepareErrorNamesTheProblem) {
  congvan::testing::TempDir tmp;
  Db db = OpenFile(tmp / "t.db");
  Result<Statement> stmt = Statement::Prepare(db.get(), "SELECT * FROM no_such_table");
  ASSERT_FALSE(stmt.ok());
  EXPECT_NE(stmt.status().message().find("no such table: no_such_table"), std::string::npos)
      << stmt.status().message();
}

TEST(StatementTest, TransactionRollsBackUnlessCommitted) {
  congvan::testing::TempDir tmp;
  Db db = OpenFile(tmp / "t.db");
  ASSERT_TRUE(Exec(db.get(), "CREATE TABLE t (x INTEGER)").ok());
  {
    Result<Transaction> tx = Transaction::Begin(db.get(), Transaction::Mode::kImmediate);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(Exec(db.get(), "INSERT INTO t VALUES (1)").ok());
  }  // dropped without Commit()
  EXPECT_EQ(*QueryInt64(db.get(), "SELECT count(*) FROM t"), 0);
  {
    Result<Transaction> tx = Transaction::Begin(db.get(), Transaction::Mode::kImmediate);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(Exec(db.get(), "INSERT INTO t VALUES (1)").ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  EXPECT_EQ(*QueryInt64(db.get(), "SELECT count(*) FROM t"), 1);
}

}  // namespace
}  // namespace congvan::registry
