// Statement, Exec and Transaction (statement.h) on PostgreSQL through libpq, against a real
// throwaway server (tests/support/pg_cluster.h), and the placeholder translation they rely on.
#include "registry/pg_statement.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "registry/pg_connection.h"
#include "registry/statement.h"
#include "support/pg_cluster.h"

namespace congvan::registry {
namespace {

std::string Translate(std::string_view sql) {
  int parameters = -1;
  Result<std::string> out = TranslatePlaceholders(sql, &parameters);
  EXPECT_TRUE(out.ok()) << out.status().message();
  return out.ok() ? *out + " #" + std::to_string(parameters) : "";
}

TEST(TranslatePlaceholdersTest, NumbersAsSqliteDoesAndLeavesQuotedTextAlone) {
  EXPECT_EQ(Translate("SELECT 1"), "SELECT 1 #0");
  EXPECT_EQ(Translate("WHERE a = ?1 AND b = ?2 OR c = ?1"), "WHERE a = $1 AND b = $2 OR c = $1 #2");
  // A bare ? is one more than the largest number so far.
  EXPECT_EQ(Translate("VALUES (?, ?5, ?)"), "VALUES ($1, $5, $6) #6");
  EXPECT_EQ(Translate("SELECT '?1 it''s ?' , \"q?\" FROM t -- ?3\nWHERE x = ?"),
            "SELECT '?1 it''s ?' , \"q?\" FROM t -- ?3\nWHERE x = $1 #1");
  EXPECT_EQ(Translate("SELECT /* ? */ ?2"), "SELECT /* ? */ $2 #2");
  int parameters = 0;
  EXPECT_FALSE(TranslatePlaceholders("SELECT ?0", &parameters).ok());
  EXPECT_FALSE(TranslatePlaceholders("SELECT ?123456", &parameters).ok());
}

TEST(PostgresUriTest, TellsPostgresFromFilesAndHidesPasswords) {
  EXPECT_TRUE(IsPostgresUri("postgresql://congvan@db:5432/registry"));
  EXPECT_TRUE(IsPostgresUri("postgres://db/registry"));
  EXPECT_FALSE(IsPostgresUri("/var/lib/congvan/registry.db"));
  EXPECT_FALSE(IsPostgresUri("postgresql.db"));
  EXPECT_EQ(RedactedUri("postgresql://clerk:s3cret@db:5432/registry"),
            "postgresql://clerk:***@db:5432/registry");
  EXPECT_EQ(RedactedUri("postgresql://clerk@db:5432/registry"),
            "postgresql://clerk@db:5432/registry");
  EXPECT_EQ(RedactedUri("postgresql://db:5432/registry"), "postgresql://db:5432/registry");
}

class PgStatementTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<std::unique_ptr<testing::PgCluster>> started = testing::PgCluster::StartOrShare();
    if (started.ok()) cluster_ = std::move(*started);
    else start_error_ = new std::string(started.status().message());
  }
  static void TearDownTestSuite() {
    cluster_.reset();
    delete start_error_;
    start_error_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(cluster_, nullptr) << *start_error_;
    Result<std::string> uri = cluster_->NewDatabase();
    ASSERT_TRUE(uri.ok()) << uri.status().message();
    uri_ = *uri;
    Result<std::unique_ptr<PgConnection>> db = PgConnection::Connect(uri_);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
  }

  static std::unique_ptr<testing::PgCluster> cluster_;
  static std::string* start_error_;
  std::string uri_;
  std::unique_ptr<PgConnection> db_;
};
std::unique_ptr<testing::PgCluster> PgStatementTest::cluster_;
std::string* PgStatementTest::start_error_ = nullptr;

TEST_F(PgStatementTest, BindsStepsAndReadsColumnsAsOnSqlite) {
  Connection db(db_.get());
  ASSERT_TRUE(Exec(db, "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, name TEXT, n BIGINT, x DOUBLE "
                       "PRECISION)").ok());
  Result<Statement> insert =
      Statement::Prepare(db, "INSERT INTO t (name, n, x) VALUES (?1, ?2, ?3)");
  ASSERT_TRUE(insert.ok()) << insert.status().message();
  for (int i = 0; i < 3; ++i) {
    insert->Reset();
    ASSERT_TRUE(insert->BindText(1, i == 1 ? "Phòng Nội vụ" : "đ").ok());
    ASSERT_TRUE(insert->BindInt64(2, i == 2 ? -9007199254740993 : i).ok());
    ASSERT_TRUE(i == 0 ? insert->BindNull(3).ok() : insert->BindDouble(3, 0.1 * i).ok());
    ASSERT_TRUE(insert->Run().ok());
    EXPECT_EQ(insert->Changes(), 1);
  }
  Result<Statement> select =
      Statement::Prepare(db, "SELECT name, n, x, n > ?1, NULL FROM t ORDER BY id");
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(select->BindInt64(1, 0).ok());
  std::vector<std::string> names;
  std::vector<std::int64_t> numbers, positive;
  std::vector<double> reals;
  for (;;) {
    Result<bool> row = select->Step();
    ASSERT_TRUE(row.ok()) << row.status().message();
    if (!*row) break;
    names.push_back(select->ColumnText(0));
    numbers.push_back(select->ColumnInt64(1));
    reals.push_back(select->ColumnDouble(2));
    positive.push_back(select->ColumnInt64(3));
    EXPECT_EQ(select->ColumnText(4), "");
  }
  EXPECT_EQ(names, (std::vector<std::string>{"đ", "Phòng Nội vụ", "đ"}));
  EXPECT_EQ(numbers, (std::vector<std::int64_t>{0, 1, -9007199254740993}));
  EXPECT_EQ(reals, (std::vector<double>{0, 0.1, 0.2}));
  EXPECT_EQ(positive, (std::vector<std::int64_t>{0, 1, 0}));
  Result<std::int64_t> count = QueryInt64(db, "SELECT count(*) FROM t");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 3);
}

TEST_F(PgStatementTest, TransactionRollsBackUnlessCommitted) {
  Connection db(db_.get());
  ASSERT_TRUE(Exec(db, "CREATE TABLE t (v TEXT UNIQUE)").ok());
  {
    Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
    ASSERT_TRUE(tx.ok()) << tx.status().message();
    ASSERT_TRUE(Exec(db, "INSERT INTO t VALUES ('dropped')").ok());
  }
  {
    Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(Exec(db, "INSERT INTO t VALUES ('kept')").ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  {
    // A failed statement spoils a PostgreSQL transaction: Commit says so instead of
    // reporting success for a rollback.
    Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
    ASSERT_TRUE(tx.ok());
    Status duplicate = Exec(db, "INSERT INTO t VALUES ('kept')");
    EXPECT_EQ(duplicate.code(), Code::kInvalidInput) << duplicate.message();
    EXPECT_FALSE(tx->Commit().ok());
  }
  Result<Statement> select = Statement::Prepare(db, "SELECT string_agg(v, ',') FROM t");
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->ColumnText(0), "kept");
}

TEST_F(PgStatementTest, ErrorsAreOneLine) {
  Connection db(db_.get());
  Status bad = Exec(db, "SELECT * FROM no_such_table");
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("relation \"no_such_table\" does not exist"), std::string::npos)
      << bad.message();
  EXPECT_EQ(bad.message().find('\n'), std::string::npos) << bad.message();

  Result<Statement> stmt = Statement::Prepare(db, "SELECT ?1");
  ASSERT_TRUE(stmt.ok());
  EXPECT_FALSE(stmt->BindText(0, "x").ok());
  EXPECT_FALSE(stmt->BindText(1, std::string("a\0b", 3)).ok());
  // A number the SQL does not use is bound and ignored.
  ASSERT_TRUE(stmt->BindText(1, "một").ok());
  ASSERT_TRUE(stmt->BindInt64(3, 7).ok());
  Result<bool> row = stmt->Step();
  ASSERT_TRUE(row.ok()) << row.status().message();
  EXPECT_EQ(stmt->ColumnText(0), "một");
}

TEST_F(PgStatementTest, ConnectionFailuresAreOneLineWithoutThePassword) {
  // The server is there but the database is not; then no server at all (port 1 is never a
  // PostgreSQL server's).
  const std::string missing_db = "postgresql://congvan:pw@127.0.0.1:" +
                                 std::to_string(cluster_->port()) + "/no_such_registry";
  Result<std::unique_ptr<PgConnection>> no_db = PgConnection::Connect(missing_db);
  ASSERT_FALSE(no_db.ok());
  EXPECT_NE(no_db.status().message().find("database \"no_such_registry\" does not exist"),
            std::string::npos) << no_db.status().message();
  EXPECT_EQ(no_db.status().message().find('\n'), std::string::npos);
  EXPECT_EQ(no_db.status().message().find("pw"), std::string::npos);

  Result<std::unique_ptr<PgConnection>> refused =
      PgConnection::Connect("postgresql://congvan@127.0.0.1:1/registry");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kIoError);
  EXPECT_NE(refused.status().message().find("Connection refused"), std::string::npos)
      << refused.status().message();
  EXPECT_EQ(refused.status().message().find('\n'), std::string::npos);
}

TEST_F(PgStatementTest, SqliteOnlyCodeGetsAnErrorOnPostgres) {
  sqlite3* none = nullptr;  // what Registry::connection() gives on PostgreSQL
  Result<Statement> stmt = Statement::Prepare(none, "SELECT 1");
  ASSERT_FALSE(stmt.ok());
  EXPECT_EQ(stmt.status().code(), Code::kUnsupported);
  EXPECT_EQ(Exec(none, "SELECT 1").code(), Code::kUnsupported);
  EXPECT_FALSE(Transaction::Begin(none, Transaction::Mode::kDeferred).ok());
}

}  // namespace
}  // namespace congvan::registry
