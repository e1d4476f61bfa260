// End-to-end tests of the commands that run on a PostgreSQL registry (search among them): the real binary given a
// postgresql:// --db on a throwaway server (tests/support/pg_cluster.h), printing what it prints
// for an SQLite file holding the same letters; and the commands not ported yet refused with
// one line.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "registry/gold_letters_for_test.h"
#include "registry/registry.h"
#include "registry/statement.h"
#include "support/pg_cluster.h"
#include "support/testing.h"

namespace congvan {
namespace {

using testing::CommandResult;
using testing::RunCommand;

std::string Quote(const std::string& s) { return testing::ShellQuote(s); }

CommandResult Congvan(const std::string& args, const std::string& db) {
  return RunCommand("env OMP_THREAD_LIMIT=1 " + Quote(testing::CongvanBinary().string()) + " " +
                    args + " --db " + Quote(db));
}

// The five gold letters, registered alike in an SQLite file and a PostgreSQL database.
class PostgresCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<testing::PgCluster>> cluster = testing::PgCluster::Start();
    ASSERT_TRUE(cluster.ok()) << cluster.status().message();
    cluster_ = std::move(*cluster);
    Result<std::string> uri = cluster_->NewDatabase();
    ASSERT_TRUE(uri.ok()) << uri.status().message();
    postgres_ = *uri;
    sqlite_ = (dir_ / "registry.db").string();
    const std::vector<registry::DocumentRecord> gold = registry::testdata::GoldRecords();
    for (const std::string& db : {sqlite_, postgres_}) {
      Result<std::unique_ptr<registry::Registry>> reg = registry::Registry::Open(db);
      ASSERT_TRUE(reg.ok()) << reg.status().message();
      ASSERT_TRUE((*reg)->AddAll(gold).ok());
    }
  }

  // Runs `args` on both registries; expects success and returns both outputs.
  std::pair<std::string, std::string> OnBoth(const std::string& args) {
    const CommandResult on_sqlite = Congvan(args, sqlite_);
    const CommandResult on_postgres = Congvan(args, postgres_);
    EXPECT_EQ(on_sqlite.exit_code, 0) << args << ": " << on_sqlite.err;
    EXPECT_EQ(on_postgres.exit_code, 0) << args << ": " << on_postgres.err;
    return {on_sqlite.out, on_postgres.out};
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::PgCluster> cluster_;
  std::string sqlite_, postgres_;
};

// Drops the line that starts with `prefix` (the time a letter was registered differs).
std::string Without(const std::string& text, const std::string& prefix) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    if (line.rfind(prefix, 0) != 0) out += line + "\n";
    start = end + 1;
  }
  return out;
}

TEST_F(PostgresCliTest, ListShowBookAndTasksPrintWhatTheyPrintForAnSqliteFile) {
  auto [list_sqlite, list_postgres] = OnBoth("list");
  EXPECT_NE(list_sqlite.find("4464/UBND-NC"), std::string::npos) << list_sqlite;
  EXPECT_EQ(list_postgres, list_sqlite);
  for (const char* args : {"book", "book --format csv", "book --format html"}) {
    auto [book_sqlite, book_postgres] = OnBoth(args);
    EXPECT_NE(book_sqlite.find("4464/UBND-NC"), std::string::npos) << args << ": " << book_sqlite;
    EXPECT_EQ(book_postgres, book_sqlite) << args;
  }
  auto [show_sqlite, show_postgres] = OnBoth("show 2");
  EXPECT_NE(show_sqlite.find("arrival"), std::string::npos) << show_sqlite;
  EXPECT_EQ(Without(show_postgres, "registered"), Without(show_sqlite, "registered"));
  for (const char* args : {"tasks", "tasks --json", "tasks --csv", "tasks --status qua-han",
                           "tasks --assignee 'Phòng Nội vụ'", "tasks --issuer 'Tứ Kỳ' --limit 3",
                           "tasks --due-before 2022-01-01"}) {
    auto [tasks_sqlite, tasks_postgres] = OnBoth(args);
    EXPECT_FALSE(tasks_sqlite.empty()) << args;
    EXPECT_EQ(tasks_postgres, tasks_sqlite) << args;
  }
}

// The watched folder's summary, of an empty journal.
TEST_F(PostgresCliTest, StatusPrintsWhatItPrintsForAnSqliteFile) {
  // Each names its own registry; the rest is alike.
  auto named = [](std::string text, const std::string& db) {
    const std::size_t at = text.find(db);
    if (at != std::string::npos) text.replace(at, db.size(), "REGISTRY");
    return text;
  };
  auto [text_sqlite, text_postgres] = OnBoth("status");
  EXPECT_NE(text_postgres.find(postgres_), std::string::npos) << text_postgres;
  EXPECT_NE(text_sqlite.find("queue"), std::string::npos) << text_sqlite;
  EXPECT_EQ(named(text_postgres, postgres_), named(text_sqlite, sqlite_));
  auto [json_sqlite, json_postgres] = OnBoth("status --json");
  EXPECT_EQ(named(json_postgres, postgres_), named(json_sqlite, sqlite_));
}

// `congvan ingest` on a PostgreSQL registry prints, per file, what it prints for an SQLite file
// (registered, attached, already), registers the same letters, and keeps the originals in the
// database, once per content. Files given again are all `already`.
TEST_F(PostgresCliTest, IngestRegistersWhatItRegistersInAnSqliteFile) {
  Result<std::string> uri = cluster_->NewDatabase();
  ASSERT_TRUE(uri.ok()) << uri.status().message();
  const std::string fresh_sqlite = (dir_ / "ingested.db").string();
  const std::string letters = testing::TestData("extract/letters").string();
  // The summary line names the registry and the time taken: the lines before it are compared.
  auto per_file = [](const std::string& out) { return out.substr(0, out.rfind("\n", out.size() - 2) + 1); };
  const CommandResult on_sqlite = Congvan("--workers 1 ingest " + Quote(letters), fresh_sqlite);
  const CommandResult on_postgres = Congvan("--workers 1 ingest " + Quote(letters), *uri);
  ASSERT_EQ(on_sqlite.exit_code, 0) << on_sqlite.err;
  ASSERT_EQ(on_postgres.exit_code, 0) << on_postgres.err;
  EXPECT_NE(on_postgres.out.find("registered  #1 "), std::string::npos) << on_postgres.out;
  EXPECT_EQ(per_file(on_postgres.out), per_file(on_sqlite.out));
  EXPECT_NE(on_postgres.out.find("11 files: 11 registered, 0 already registered, 0 failed"),
            std::string::npos) << on_postgres.out;
  EXPECT_EQ(Congvan("list", *uri).out, Congvan("list", fresh_sqlite).out);

  const CommandResult again = Congvan("--workers 1 ingest " + Quote(letters), *uri);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("11 files: 0 registered, 11 already registered, 0 failed"),
            std::string::npos) << again.out;

  Result<std::unique_ptr<registry::Registry>> reg = registry::Registry::Open(*uri);
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  Result<std::int64_t> originals = registry::QueryInt64((*reg)->db(), "SELECT count(*) FROM originals");
  ASSERT_TRUE(originals.ok()) << originals.status().message();
  EXPECT_EQ(*originals, 11);
  EXPECT_FALSE(std::filesystem::exists(*uri + ".originals"));
}

TEST_F(PostgresCliTest, TaskStatusChangesAlike) {
  auto [done_sqlite, done_postgres] = OnBoth("task done 5 --note 'đã báo cáo'");
  EXPECT_NE(done_sqlite.find("task 5:"), std::string::npos) << done_sqlite;
  EXPECT_EQ(done_postgres, done_sqlite);
  const CommandResult again = Congvan("task done 5", postgres_);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("đã hoàn thành"), std::string::npos) << again.err;
  auto [show_sqlite, show_postgres] = OnBoth("task show 5");
  EXPECT_NE(show_postgres.find("đã báo cáo"), std::string::npos) << show_postgres;
  auto [open_sqlite, open_postgres] = OnBoth("task reopen 5");
  EXPECT_EQ(open_postgres, open_sqlite);
  auto [tasks_sqlite, tasks_postgres] = OnBoth("tasks --json");
  EXPECT_EQ(tasks_postgres, tasks_sqlite);
}

// Search: the same hits in the same order with the same snippets, for words with and without
// marks, phrases, prefixes, filters, and input that is refused.
TEST_F(PostgresCliTest, SearchPrintsWhatItPrintsForAnSqliteFile) {
  for (const char* args :
       {"search 'chi so'", "search 'cải cách hành chính'", "search 'bao cao'",
        "search '\"một cửa\"'", "search 'Sở*'", "search --json 'ủy ban nhân dân'",
        "search --limit 2 'kế hoạch'", "search 'co-quan:\"Hớn Quản\" thực hiện'",
        "search 'don-vi:\"Phòng Nội vụ\"'", "search 'han<2023-07-01'", "search so:1138",
        "search --json 'trang-thai:qua-han tỉnh'", "search \"'); DROP TABLE documents; --\""}) {
    auto [on_sqlite, on_postgres] = OnBoth(args);
    EXPECT_FALSE(on_sqlite.empty()) << args;
    EXPECT_EQ(on_postgres, on_sqlite) << args;
  }
  auto [found_sqlite, found_postgres] = OnBoth("search 'nang cao chi so Papi'");
  EXPECT_NE(found_postgres.find("1138/UBND-NC"), std::string::npos) << found_postgres;
  EXPECT_NE(found_postgres.find("«"), std::string::npos) << found_postgres;
  // A query to correct is the same one line on both.
  for (const char* args : {"search 'han<abc'", "search '*'"}) {
    const CommandResult on_sqlite = Congvan(args, sqlite_);
    const CommandResult on_postgres = Congvan(args, postgres_);
    EXPECT_EQ(on_sqlite.exit_code, on_postgres.exit_code) << args;
    EXPECT_NE(on_postgres.exit_code, 0) << args;
    EXPECT_EQ(on_postgres.err, on_sqlite.err) << args;
  }
}

TEST_F(PostgresCliTest, CommandsNotYetPortedAreRefusedWithOneLine) {
  for (const char* args : {"report",
                           "serve", "calendar --output /tmp/none.ics", "units list",
                           "user list", "assign 1 --lead x", "delete 1", "restore"}) {
    const CommandResult r = Congvan(args, postgres_);
    EXPECT_EQ(r.exit_code, 1) << args << ": " << r.out << r.err;
    EXPECT_NE(r.err.find("chưa hỗ trợ sổ đăng ký PostgreSQL"), std::string::npos)
        << args << ": " << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << args << ": " << r.err;
  }
  // The same commands on the SQLite file are not refused.
  EXPECT_EQ(Congvan("units list", sqlite_).exit_code, 0);
}

// A registry named only in a configuration file is checked too (timeout: a server or a watcher
// that wrongly started would run until stopped).
TEST_F(PostgresCliTest, ConfigurationFilesNamingPostgresAreRefusedToo) {
  testing::WriteFile(dir_ / "serve.json",
                     "{\"db\": \"" + postgres_ + "\", \"listen\": \"127.0.0.1:0\"}");
  for (const std::string& args : {"serve --config " + Quote((dir_ / "serve.json").string())}) {
    const CommandResult r = RunCommand("timeout 60 " + Quote(testing::CongvanBinary().string()) +
                                       " " + args);
    EXPECT_EQ(r.exit_code, 1) << args << ": " << r.out << r.err;
    EXPECT_NE(r.err.find("chưa hỗ trợ sổ đăng ký PostgreSQL"), std::string::npos)
        << args << ": " << r.err;
  }
}

TEST_F(PostgresCliTest, UnreachableServerIsOneLine) {
  const CommandResult r = Congvan("list", "postgresql://clerk:s3cret@127.0.0.1:1/registry");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Connection refused"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("s3cret"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
}

}  // namespace
}  // namespace congvan
