// End-to-end tests of the commands that run on a PostgreSQL registry (search among them): the real binary given a
// postgresql:// --db on a throwaway server (tests/support/pg_cluster.h), printing what it prints
// for an SQLite file holding the same letters; and the commands not ported yet refused with
// one line.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>
#include <memory>
#include <regex>
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
    Result<std::unique_ptr<testing::PgCluster>> cluster = testing::PgCluster::StartOrShare();
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

// The report's time stamp ("Tính đến 08:30 ngày …"), an iCalendar's DTSTAMP lines and the times
// a task's history records ("2026-12-07T01:18:33Z  giao …", "assigned_at") carry the minute or
// second each command ran, which two runs may not share.
std::string WithoutClock(const std::string& text) {
  static const std::regex stamp("Tính đến [0-9]{2}:[0-9]{2}");
  static const std::regex dtstamp("DTSTAMP:[0-9TZ]+");
  static const std::regex utc("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
  std::string out = std::regex_replace(text, stamp, "Tính đến HH:MM");
  out = std::regex_replace(out, dtstamp, "DTSTAMP:NOW");
  return std::regex_replace(out, utc, "YYYY-MM-DDTHH:MM:SSZ");
}

TEST_F(PostgresCliTest, ReportAndCalendarPrintWhatTheyPrintForAnSqliteFile) {
  for (const char* args :
       {"report", "report --format csv", "report --format html --office 'SỞ NỘI VỤ'",
        "report --issuer 'Tuyên Quang'", "report --from 2021-11-01 --to 30/6/2023",
        "report --format csv --issuer 'Hớn Quản' --from 2023-06-01"}) {
    auto [on_sqlite, on_postgres] = OnBoth(args);
    EXPECT_NE(on_sqlite.find("Cộng"), std::string::npos) << args << ": " << on_sqlite;
    EXPECT_EQ(WithoutClock(on_postgres), WithoutClock(on_sqlite)) << args;
  }
  // A task done changes both alike.
  OnBoth("task done 5");
  auto [done_sqlite, done_postgres] = OnBoth("report");
  EXPECT_EQ(WithoutClock(done_postgres), WithoutClock(done_sqlite));
  for (const std::string& options :
       {std::string(), std::string(" --todo"), std::string(" --assignee 'Phòng Nội vụ' --no-alarms"),
        std::string(" --from 2021-11-01 --to 2023-12-31 --base-url https://congvan.example")}) {
    const std::string sqlite_ics = (dir_ / "sqlite.ics").string();
    const std::string postgres_ics = (dir_ / "postgres.ics").string();
    const CommandResult on_sqlite = Congvan("calendar -o " + Quote(sqlite_ics) + options, sqlite_);
    const CommandResult on_postgres =
        Congvan("calendar -o " + Quote(postgres_ics) + options, postgres_);
    ASSERT_EQ(on_sqlite.exit_code, 0) << options << ": " << on_sqlite.err;
    ASSERT_EQ(on_postgres.exit_code, 0) << options << ": " << on_postgres.err;
    const std::string from_sqlite = testing::ReadFile(sqlite_ics);
    EXPECT_NE(from_sqlite.find("BEGIN:V"), std::string::npos) << options;
    EXPECT_EQ(WithoutClock(testing::ReadFile(postgres_ics)), WithoutClock(from_sqlite)) << options;
  }
}

// The directory of units, assigning work and the reminder mail, alike on both: the same lines,
// the same task numbers for the assignments, the same digest.
TEST_F(PostgresCliTest, UnitsAssignAndDigestPrintWhatTheyPrintForAnSqliteFile) {
  testing::WriteFile(dir_ / "units.csv",
                     "Tên đơn vị,Tên khác\nPhòng Tư pháp,P. Tư pháp\nXã Tân An;UBND xã Tân An\n");
  for (const std::string& args :
       {std::string("units add 'Phòng Nội vụ' 'Phòng Tài chính - Kế hoạch'"),
        std::string("units alias 'phong noi vu' 'Phòng Nợ vụ'"),
        "units import " + Quote((dir_ / "units.csv").string()), std::string("units deactivate 'Xã Tân An'"),
        std::string("units list"), std::string("units list --all --json"),
        std::string("units activate 'xa tan an'"), std::string("units list --json"),
        std::string("assign 2 --lead 'phong noi vu' --with 'Phòng Tư phap' --deadline 20/12/2026 "
                    "--note 'Tham mưu trả lời.'"),
        std::string("assign nv:5 --lead 'Phòng Tài chính - Kế hoạch'"),
        std::string("tasks --assignee 'Phòng Nội vụ' --json"), std::string("task show 5"),
        std::string("report")}) {
    auto [on_sqlite, on_postgres] = OnBoth(args);
    EXPECT_FALSE(on_sqlite.empty()) << args;
    EXPECT_EQ(WithoutClock(on_postgres), WithoutClock(on_sqlite)) << args;
  }
  auto [listed_sqlite, listed_postgres] = OnBoth("units list");
  EXPECT_NE(listed_postgres.find("Phòng Nợ vụ"), std::string::npos) << listed_postgres;
  // A name the directory does not hold: the same one line on both.
  for (const char* args : {"assign 2 --lead 'Phòng Văn hóa'", "units add 'phòng nội vụ'"}) {
    const CommandResult on_sqlite = Congvan(args, sqlite_);
    const CommandResult on_postgres = Congvan(args, postgres_);
    EXPECT_NE(on_postgres.exit_code, 0) << args;
    EXPECT_EQ(on_postgres.exit_code, on_sqlite.exit_code) << args;
    EXPECT_EQ(on_postgres.err, on_sqlite.err) << args;
  }
  // The mail each unit would get (the Date: line carries the second it was made).
  static const std::regex date_line("Date: [^\r\n]*");
  auto [mail_sqlite, mail_postgres] = OnBoth("digest --dry-run --days 7");
  EXPECT_NE(mail_sqlite.find("Message-ID: <nhac-viec."), std::string::npos) << mail_sqlite;
  EXPECT_EQ(std::regex_replace(mail_postgres, date_line, "Date: NOW"),
            std::regex_replace(mail_sqlite, date_line, "Date: NOW"));
}

// Accounts: added with the password on standard input, listed, disabled, enabled and given a
// new password alike on both; the stored hash never holds the password.
TEST_F(PostgresCliTest, UserCommandsPrintWhatTheyPrintForAnSqliteFile) {
  auto with_password = [](const std::string& args, const std::string& db) {
    return RunCommand("printf '%s\\n' 'mật-khẩu-rất-dài-7Qx' | env USER=quan-tri " +
                      Quote(testing::CongvanBinary().string()) + " " + args + " --db " + Quote(db));
  };
  // The moment an account was made differs between the two runs.
  static const std::regex utc("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z");
  auto same = [](const std::string& text) { return std::regex_replace(text, utc, "AT"); };
  OnBoth("units add 'Phòng Tư pháp'");
  for (const std::string& args :
       {std::string("user add quan.tri --role quan_tri --name 'Nguyễn Thị Lan'"),
        std::string("user add tu-phap --role can_bo --unit 'phong tu phap'"),
        std::string("user passwd tu-phap")}) {
    const CommandResult on_sqlite = with_password(args, sqlite_);
    const CommandResult on_postgres = with_password(args, postgres_);
    EXPECT_EQ(on_sqlite.exit_code, 0) << args << ": " << on_sqlite.err;
    EXPECT_EQ(on_postgres.exit_code, 0) << args << ": " << on_postgres.err;
    EXPECT_EQ(same(on_postgres.out), same(on_sqlite.out)) << args;
    EXPECT_EQ(on_postgres.err, on_sqlite.err) << args;
  }
  for (const char* args : {"user list", "user list --json", "user disable tu-phap", "user list",
                           "user enable tu-phap", "user list --json"}) {
    auto [on_sqlite, on_postgres] = OnBoth(args);
    EXPECT_FALSE(on_sqlite.empty()) << args;
    EXPECT_EQ(same(on_postgres), same(on_sqlite)) << args;
  }
  auto [json_sqlite, json_postgres] = OnBoth("user list --json");
  EXPECT_NE(json_postgres.find("Phòng Tư pháp"), std::string::npos) << json_postgres;
  EXPECT_EQ(json_postgres.find("mật-khẩu"), std::string::npos) << json_postgres;
  // An account that is there already, one that is not: the same one line on both.
  for (const char* args : {"user add quan.tri --role van_thu", "user disable khong.co"}) {
    const CommandResult on_sqlite = with_password(args, sqlite_);
    const CommandResult on_postgres = with_password(args, postgres_);
    EXPECT_EQ(on_postgres.exit_code, 1) << args;
    EXPECT_EQ(on_postgres.err, on_sqlite.err) << args;
  }
}

// A letter deleted and restored alike: the same lines, the same new number, its tasks' status
// and history back.
TEST_F(PostgresCliTest, DeleteAndRestorePrintWhatTheyPrintForAnSqliteFile) {
  OnBoth("task done 5 --note 'đã báo cáo'");
  for (const char* args : {"delete 2", "list", "tasks --json", "report", "restore 2", "list",
                           "task show 5", "tasks --json"}) {
    auto [on_sqlite, on_postgres] = OnBoth(args);
    EXPECT_FALSE(on_sqlite.empty()) << args;
    EXPECT_EQ(WithoutClock(on_postgres), WithoutClock(on_sqlite)) << args;
  }
  // The list of deleted letters names the moment and the clerk; both are empty again.
  auto [deleted_sqlite, deleted_postgres] = OnBoth("restore");
  EXPECT_EQ(deleted_postgres, "no deleted letters\n");
  EXPECT_EQ(deleted_postgres, deleted_sqlite);
  for (const char* args : {"delete 999", "restore 2"}) {
    const CommandResult on_sqlite = Congvan(args, sqlite_);
    const CommandResult on_postgres = Congvan(args, postgres_);
    EXPECT_EQ(on_postgres.exit_code, 1) << args;
    EXPECT_EQ(on_postgres.err, on_sqlite.err) << args;
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

// `congvan serve` over the PostgreSQL registry named in its configuration file: the real binary
// lists the letters, shows one and marks a task done over HTTP, and stops on SIGTERM.
TEST_F(PostgresCliTest, ServeAnswersFromAPostgresRegistry) {
  testing::WriteFile(dir_ / "serve.json",
                     "{\"db\": \"" + postgres_ + "\", \"listen\": \"127.0.0.1:0\"}");
  const std::filesystem::path log = dir_ / "serve.log";
  const std::string command = "exec env OMP_THREAD_LIMIT=1 " +
                              Quote(testing::CongvanBinary().string()) + " serve --config " +
                              Quote((dir_ / "serve.json").string()) + " >" + Quote(log.string()) +
                              " 2>&1";
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ASSERT_GT(pid, 0);
  auto wait_for_exit = [pid](int tenths) {
    int status = 0;
    for (int i = 0; i < tenths; ++i) {
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return -1;
  };
  int port = 0;
  std::string text;
  for (int i = 0; i < 600 && port == 0; ++i) {
    text = std::filesystem::exists(log) ? testing::ReadFile(log) : "";
    std::smatch m;
    if (std::regex_search(text, m, std::regex(R"(listening on http://127\.0\.0\.1:(\d+))"))) {
      port = std::stoi(m[1]);
    } else if (wait_for_exit(1) >= 0) {
      break;  // it stopped: the log says why
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (port == 0) {
    ::kill(pid, SIGKILL);
    wait_for_exit(100);
    FAIL() << text;
  }
  EXPECT_NE(text.find("(registry " + postgres_ + ")"), std::string::npos) << text;
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(60, 0);
  httplib::Result letters = client.Get("/api/documents");
  ASSERT_TRUE(letters);
  EXPECT_EQ(letters->status, 200);
  EXPECT_NE(letters->body.find("4464/UBND-NC"), std::string::npos) << letters->body;
  httplib::Result page = client.Get("/documents/2");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  const std::string csrf = nlohmann::json::parse(client.Get("/api/session")->body)["csrf_token"];
  httplib::Result done = client.Post("/api/tasks/5/done", {{"X-CSRF-Token", csrf}},
                                     R"({"note": "qua trang web"})", "application/json");
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, 200) << done->body;
  ::kill(pid, SIGTERM);
  const int exit_status = wait_for_exit(600);
  if (exit_status < 0) ::kill(pid, SIGKILL), wait_for_exit(100);
  EXPECT_EQ(exit_status, 0) << testing::ReadFile(log);
  // What the page did is in the registry the command line reads.
  const CommandResult shown = Congvan("task show 5", postgres_);
  EXPECT_NE(shown.out.find("qua trang web"), std::string::npos) << shown.out << shown.err;
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
