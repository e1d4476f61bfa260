// End-to-end tests of the registry commands (search, tasks, task, report, calendar) and of
// eval and repair --explain: the real binary over a real SQLite file filled from real letters.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/testing.h"

namespace congvan {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::RunCommand;
using testing::TempDir;
using testing::TestData;

std::string Quote(const std::string& s) { return testing::ShellQuote(s); }

class RegistryCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_ / "registry.db").string();
    CommandResult r = Run("ingest " + Quote(TestData("devset/restored").string()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  CommandResult Run(const std::string& args) {
    return RunCommand("env OMP_THREAD_LIMIT=1 " + Quote(testing::CongvanBinary().string()) + " " +
                      args + " --db " + Quote(db_));
  }

  nlohmann::json Json(const std::string& args) {
    CommandResult r = Run(args);
    EXPECT_EQ(r.exit_code, 0) << args << ": " << r.err;
    return nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  }

  TempDir dir_;
  std::string db_;
};

// The clerk's search box: no accents typed, the letters about "nâng cao chỉ số" found.
TEST_F(RegistryCliTest, SearchWithoutAccentsFindsTheAccentedLetters) {
  nlohmann::json r = Json("search --json " + Quote("nang cao chi so"));
  ASSERT_TRUE(r.is_object());
  std::vector<std::string> refs;
  for (const auto& d : r["documents"]) refs.push_back(d["doc_ref"]);
  EXPECT_NE(std::find(refs.begin(), refs.end(), "1138/UBND-NC"), refs.end());
  EXPECT_NE(std::find(refs.begin(), refs.end(), "4464/UBND-NC"), refs.end());
  bool highlighted = false;
  for (const auto& d : r["documents"]) {
    highlighted |= d["snippet"].get<std::string>().find("nâng") != std::string::npos;
  }
  EXPECT_TRUE(highlighted) << "snippets show the original accented words";
}

// Query syntax from a search box never reaches SQLite as SQL.
TEST_F(RegistryCliTest, HostileQueriesGiveResultsOrOneClearLine) {
  for (const char* q : {"a\" OR (; DROP TABLE documents; --", "NEAR(", "*", "\"unbalanced",
                        "han<2023-13-45", "don-vi:", "'; SELECT 1", "^^^ AND OR NOT"}) {
    CommandResult r = Run("search " + Quote(q));
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << q;
    EXPECT_EQ(r.err.find("SQL"), std::string::npos) << q << ": " << r.err;
    EXPECT_LE(std::count(r.err.begin(), r.err.end(), '\n'), 1) << q << ": " << r.err;
  }
  CommandResult count = Run("list --limit 0");
  EXPECT_EQ(count.exit_code, 0);
  EXPECT_EQ(std::count(count.out.begin(), count.out.end(), '\n'), 5) << count.out;
}

// Tasks come out of the letters with their deadlines, sorted by deadline; marking one done
// changes its status and leaves a history line.
TEST_F(RegistryCliTest, TasksByDeadlineAndDoneWithHistory) {
  nlohmann::json tasks = Json("tasks --json");
  ASSERT_TRUE(tasks.is_array());
  ASSERT_GE(tasks.size(), 50u);
  std::string last;
  int dated = 0;
  for (const auto& t : tasks) {
    if (!t["due_date"].is_string()) continue;
    ++dated;
    EXPECT_LE(last, t["due_date"].get<std::string>());
    last = t["due_date"];
  }
  EXPECT_GE(dated, 15);
  // 004 asks the provincial departments for a report before 25/11/2021.
  const auto first = tasks[0];
  EXPECT_EQ(first["due_date"], "2021-11-25");
  EXPECT_EQ(first["status"], "qua-han");
  const std::string id = std::to_string(first["id"].get<long long>());

  CommandResult done = Run("task done " + id + " --note " + Quote("đã gửi báo cáo"));
  ASSERT_EQ(done.exit_code, 0) << done.err;
  CommandResult show = Run("task show " + id);
  EXPECT_NE(show.out.find("hoan-thanh-qua-han"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("đã gửi báo cáo"), std::string::npos) << show.out;
  CommandResult missing = Run("task done 999999");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("999999"), std::string::npos);

  nlohmann::json overdue = Json("tasks --json --status qua-han --assignee " + Quote("so noi vu"));
  for (const auto& t : overdue) EXPECT_EQ(t["status"], "qua-han");
  CommandResult bad = Run("tasks --due-before 31/6/2023");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("31/6/2023"), std::string::npos) << bad.err;
}

TEST_F(RegistryCliTest, CalendarHasOneEventPerDatedDeadline) {
  const fs::path ics = dir_ / "han.ics";
  CommandResult r = Run("calendar -o " + Quote(ics.string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string text = testing::ReadFile(ics);
  EXPECT_EQ(text.rfind("BEGIN:VCALENDAR", 0), 0u);
  nlohmann::json tasks = Json("tasks --json");
  std::size_t dated_or_recurring = 0;
  for (const auto& t : tasks) dated_or_recurring += t["due_date"].is_string() || t["recurrence"].is_string();
  std::size_t events = 0;
  for (std::size_t at = text.find("BEGIN:VEVENT"); at != std::string::npos;
       at = text.find("BEGIN:VEVENT", at + 1)) {
    ++events;
  }
  EXPECT_EQ(events, dated_or_recurring);
  EXPECT_NE(text.find("RRULE:FREQ=WEEKLY"), std::string::npos) << "001's weekly report duty";
  EXPECT_NE(text.find("BEGIN:VALARM"), std::string::npos);
}

TEST_F(RegistryCliTest, ReportIsInVietnameseWithOverdueTasks) {
  CommandResult r = Run("report --format md");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("BÁO CÁO"), std::string::npos);
  EXPECT_NE(r.out.find("4464/UBND-NC"), std::string::npos);
  CommandResult bad = Run("report --format docx");
  EXPECT_EQ(bad.exit_code, 1);
}

// The registry keeps its own copy of every file, so the dropped file may go away.
TEST_F(RegistryCliTest, OriginalsAreKeptBesideTheRegistry) {
  TempDir in;
  const fs::path letter = in / "letter.txt";
  fs::copy_file(TestData("extract/letters/tw_kh_72_2023_tinhnguyenhe.txt"), letter);
  ASSERT_EQ(Run("ingest " + Quote(letter.string())).exit_code, 0);
  const std::string content = testing::ReadFile(letter);
  fs::remove(letter);
  int copies = 0;
  for (const auto& e : fs::recursive_directory_iterator(db_ + ".originals")) {
    if (e.is_regular_file() && testing::ReadFile(e.path()) == content) ++copies;
  }
  EXPECT_EQ(copies, 1);
}

TEST(EvalCliTest, ScoresRestoredSeedsAgainstTheirGold) {
  CommandResult r = RunCommand(Quote(testing::CongvanBinary().string()) + " eval --gold " +
                               Quote(TestData("devset/fields").string()) + " " +
                               Quote(TestData("devset/restored").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("documents 5 macro-F1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("tasks "), std::string::npos);
  // The precision of the values not flagged as doubtful and of those flagged.
  EXPECT_NE(r.out.find("not flagged      P "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("flagged doubtful P "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("letters for review "), std::string::npos) << r.out;
}

// A letter whose "Số" line was lost is registered with the reason to check it, in Vietnamese,
// and `show` says so; a clean letter has no such line.
TEST(ReviewCliTest, ShowPrintsTheReasonsForReview) {
  TempDir dir;
  std::string text = testing::ReadFile(TestData("devset/restored/001_b8c21598dec75cc1.txt"));
  const std::string clean = text;
  text.replace(text.find("Số: 1532 /UBND-VP"), std::string("Số: 1532 /UBND-VP").size(), "");
  testing::WriteFile(dir / "damaged.txt", text);
  testing::WriteFile(dir / "clean.txt", clean + "\n");
  const std::string db = (dir / "r.db").string();
  auto run = [&](const std::string& args) {
    return RunCommand("env OMP_THREAD_LIMIT=1 " + Quote(testing::CongvanBinary().string()) + " " + args +
                      " --db " + Quote(db));
  };
  ASSERT_EQ(run("ingest " + Quote((dir / "damaged.txt").string())).exit_code, 0);
  ASSERT_EQ(run("ingest " + Quote((dir / "clean.txt").string())).exit_code, 0);
  CommandResult damaged = run("show 1");
  ASSERT_EQ(damaged.exit_code, 0) << damaged.err;
  EXPECT_NE(damaged.out.find("review         Không tìm thấy số văn bản"), std::string::npos) << damaged.out;
  CommandResult sure = run("show 2");
  ASSERT_EQ(sure.exit_code, 0) << sure.err;
  EXPECT_EQ(sure.out.find("review "), std::string::npos) << sure.out;
}

TEST(RepairCliTest, ExplainListsAlternativesForAChangedSyllable) {
  TempDir dir;
  testing::WriteFile(dir / "in.txt", "Kinh gtri: Chu tich UBND cac xa\n");
  CommandResult r = RunCommand(Quote(testing::CongvanBinary().string()) + " repair " +
                               Quote((dir / "in.txt").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Kính gửi: Chủ tịch UBND các xã\n");
  CommandResult e = RunCommand(Quote(testing::CongvanBinary().string()) + " repair --explain " +
                               Quote((dir / "in.txt").string()));
  ASSERT_EQ(e.exit_code, 0) << e.err;
  EXPECT_NE(e.out.find("gtri -> gửi"), std::string::npos) << e.out;
  EXPECT_NE(e.out.find("<- chosen"), std::string::npos) << e.out;
}

}  // namespace
}  // namespace congvan
