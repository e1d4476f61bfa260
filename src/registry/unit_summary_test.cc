// The dashboard's counts per unit against a fixed clock, on the gold letters, checked against
// the task list's own statuses.
#include "registry/unit_summary.h"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <map>

#include "registry/assignments.h"
#include "registry/corrections.h"
#include "registry/deletions.h"
#include "registry/gold_letters_for_test.h"
#include "registry/report.h"
#include "registry/statement.h"
#include "registry/task_sql.h"
#include "registry/tasks.h"
#include "registry/units.h"
#include "support/registry_backends.h"
#include "support/testing.h"

namespace congvan::registry {
namespace {

using congvan::testing::TempDir;

TimePoint At(const std::string& date, int hour = 12) {
  using namespace std::chrono;
  return TimePoint(sys_days(days(DaysFromIso(date)))) + hours(hour) - kVietnamOffset;
}

// The gold letters in an SQLite file of its own, or at `location` (registry_backends.h).
struct Fixture {
  TempDir tmp;
  std::unique_ptr<Registry> reg;
  std::vector<std::int64_t> ids;
  Fixture() { Fill((tmp / "r.db").string()); }
  explicit Fixture(const std::string& location) { Fill(location); }
  void Fill(const std::string& location) {
    Result<std::unique_ptr<Registry>> opened = Registry::Open(location);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    if (!opened.ok()) return;
    reg = std::move(*opened);
    for (const DocumentRecord& d : testdata::GoldRecords()) ids.push_back(reg->Add(d)->id);
  }
  const UnitSummary* Unit(const std::vector<UnitSummary>& units, const std::string& key) {
    for (const UnitSummary& u : units) {
      if (u.key == key) return &u;
    }
    return nullptr;
  }
};

// Every unit's counts equal those computed task by task with ComputeState().
void ExpectAgreesWithTaskList(const Registry& reg, TimePoint now, int days) {
  Result<std::vector<UnitSummary>> units = SummarizeUnits(reg, now, days);
  ASSERT_TRUE(units.ok()) << units.status().message();
  Result<std::vector<TaskView>> tasks = ListTasks(reg, {}, now);
  ASSERT_TRUE(tasks.ok());
  const SummaryWindow w = WindowFor(now, days);
  std::map<std::string, UnitSummary> expected;
  for (const TaskView& v : *tasks) {
    UnitSummary& e = expected[v.task.assignee_key];
    const bool this_month = !v.task.done_at.empty() && v.task.done_at >= w.month_start;
    e.overdue += v.state == TaskState::kOverdue;
    e.due_soon += v.state == TaskState::kInProgress && !v.task.due_date.empty() &&
                  v.task.due_date <= w.soon_until;
    e.done_on_time += v.state == TaskState::kDoneOnTime && this_month;
    e.done_late += v.state == TaskState::kDoneLate && this_month;
  }
  std::size_t counted = 0;
  for (const auto& [key, e] : expected) counted += e.Total() > 0;
  EXPECT_EQ(units->size(), counted);
  for (const UnitSummary& u : *units) {
    const UnitSummary& e = expected[u.key];
    EXPECT_EQ(u.overdue, e.overdue) << u.name;
    EXPECT_EQ(u.due_soon, e.due_soon) << u.name;
    EXPECT_EQ(u.done_on_time, e.done_on_time) << u.name;
    EXPECT_EQ(u.done_late, e.done_late) << u.name;
  }
}

// The dashboard's counts, the report and the tallies the triggers keep, on both backends.
class UnitSummaryBackendsTest : public congvan::testing::RegistryBackendTest {};

TEST_P(UnitSummaryBackendsTest, CountsFollowTheClock) {
  Fixture fx(NewRegistryLocation());
  ASSERT_NE(fx.reg, nullptr);
  // Letter 4's fifth task falls due on 25/11/2021.
  const TaskView task = *GetTask(*fx.reg, (*fx.reg->Find(fx.ids[4]))->tasks[4].id, At("2021-11-20"));
  const std::string key = task.task.assignee_key;
  ASSERT_FALSE(key.empty());
  Result<std::vector<UnitSummary>> before = SummarizeUnits(*fx.reg, At("2021-11-20"), 7);
  ASSERT_TRUE(before.ok());
  ASSERT_NE(fx.Unit(*before, key), nullptr);
  EXPECT_GE(fx.Unit(*before, key)->due_soon, 1);
  // Four days before, it is outside a 3-day window.
  Result<std::vector<UnitSummary>> narrow = SummarizeUnits(*fx.reg, At("2021-11-20"), 3);
  const UnitSummary* n = fx.Unit(*narrow, key);
  EXPECT_LT(n == nullptr ? 0 : n->due_soon, fx.Unit(*before, key)->due_soon);
  ExpectAgreesWithTaskList(*fx.reg, At("2021-11-20"), 7);
  ExpectAgreesWithTaskList(*fx.reg, At("2021-11-20"), 3);

  // Done late on 29/11: counted as done late in November, not in December.
  ASSERT_TRUE(MarkDone(*fx.reg, task.task.id, "x", "", At("2021-11-29")).ok());
  Result<std::vector<UnitSummary>> november = SummarizeUnits(*fx.reg, At("2021-11-30"), 7);
  ASSERT_NE(fx.Unit(*november, key), nullptr);
  EXPECT_EQ(fx.Unit(*november, key)->done_late, 1);
  EXPECT_EQ(fx.Unit(*november, key)->done_on_time, 0);
  Result<std::vector<UnitSummary>> december = SummarizeUnits(*fx.reg, At("2021-12-01"), 7);
  const UnitSummary* d = fx.Unit(*december, key);
  EXPECT_EQ(d == nullptr ? 0 : d->done_late, 0);
  ExpectAgreesWithTaskList(*fx.reg, At("2021-11-30"), 7);
  ExpectAgreesWithTaskList(*fx.reg, At("2023-07-01"), 7);
  EXPECT_FALSE(SummarizeUnits(*fx.reg, At("2021-11-30"), -1).ok());
}

TEST(ReportHeadingTest, MarkdownAndHtmlCarryTheOfficialHeading) {
  Fixture fx;
  ReportOptions o;
  o.heading = {"UBND TỈNH TUYÊN QUANG", "SỞ NỘI VỤ", "15/BC-SNV", "Tuyên Quang"};
  Result<std::string> md = BuildReport(*fx.reg, o, At("2023-07-01"));
  ASSERT_TRUE(md.ok());
  EXPECT_EQ(md->rfind("UBND TỈNH TUYÊN QUANG  \nSỞ NỘI VỤ  \nSố: 15/BC-SNV  \n", 0), 0u) << *md;
  EXPECT_NE(md->find("Tuyên Quang, ngày 01 tháng 07 năm 2023"), std::string::npos);
  o.format = ReportFormat::kHtml;
  Result<std::string> html = BuildReport(*fx.reg, o, At("2023-07-01"));
  ASSERT_TRUE(html.ok());
  EXPECT_NE(html->find("<td>UBND TỈNH TUYÊN QUANG<br>SỞ NỘI VỤ<br>Số: 15/BC-SNV</td>"), std::string::npos);
  EXPECT_NE(html->find("@page{size:A4"), std::string::npos);
  o.heading = {};
  Result<std::string> plain = BuildReport(*fx.reg, o, At("2023-07-01"));
  EXPECT_EQ(plain->find("CỘNG HÒA"), std::string::npos);
  EXPECT_EQ(PlaceAndDateLine("", "2026-12-06"), "ngày 06 tháng 12 năm 2026");
}

// ---- counts kept by the registry, and the report aggregated by SQL ----

// unit_task_counts read back, and the same four counts computed from the task rows now: a
// trigger that missed a change leaves the first stale.
using Tally = std::map<std::string, std::array<std::int64_t, 4>>;
Tally Read(const Registry& reg, const std::string& sql) {
  Tally out;
  Result<Statement> stmt = Statement::Prepare(reg.db(), sql);
  EXPECT_TRUE(stmt.ok()) << stmt.status().ToString();
  if (!stmt.ok()) return out;
  while (*stmt->Step()) {
    std::array<std::int64_t, 4> n{};
    for (int i = 0; i < 4; ++i) n[static_cast<std::size_t>(i)] = stmt->ColumnInt64(i + 1);
    if (n[0] + n[1] + n[2] + n[3] > 0) out[stmt->ColumnText(0)] = n;
  }
  return out;
}
void ExpectTallyEqualsTheRows(const Registry& reg) {
  const Tally kept = Read(reg, "SELECT assignee_key, open_dated, open_undated, done_on_time, "
                               "done_late FROM unit_task_counts");
  const Connection db = reg.db();
  const Tally counted = Read(
      reg, "SELECT assignee_key, " + CountWhere(db, "status = 'open' AND due_date IS NOT NULL") +
               ", " + CountWhere(db, "status = 'open' AND due_date IS NULL") + ", " +
               CountWhere(db, "status = 'done' AND coalesce(done_at, '') <= due_at") + ", " +
               CountWhere(db, "status = 'done' AND done_at > due_at") +
               " FROM tasks GROUP BY assignee_key");
  EXPECT_FALSE(counted.empty());
  EXPECT_EQ(kept, counted);
}

// The report's tables as the task list gives them, task by task in the list's order: per
// assignee (first spelling), per letter (in the order its first task comes), every overdue task.
std::vector<ReportTable> ReferenceTables(const Registry& reg, const TaskFilter& filter,
                                         TimePoint now) {
  const std::array<TaskState, 4> states = {TaskState::kDoneOnTime, TaskState::kDoneLate,
                                           TaskState::kInProgress, TaskState::kOverdue};
  struct Line {
    std::string name;
    std::array<int, 4> n{};
    int total = 0;
    void Add(TaskState s, const std::array<TaskState, 4>& order) {
      for (std::size_t i = 0; i < 4; ++i) n[i] += order[i] == s;
      ++total;
    }
    std::vector<std::string> Row() const {
      std::vector<std::string> r = {name, std::to_string(total)};
      for (int c : n) r.push_back(std::to_string(c));
      return r;
    }
  };
  Result<std::vector<TaskView>> tasks = ListTasks(reg, filter, now);
  EXPECT_TRUE(tasks.ok());
  std::map<std::string, Line> units;
  std::vector<Line> letters;
  std::map<std::int64_t, std::size_t> letter_at;
  ReportTable overdue{"3. Nhiệm vụ quá hạn", {}, {}};
  const int today = DaysFromIso(LocalMinute(now).substr(0, 10));
  for (const TaskView& v : *tasks) {
    Line& u = units[v.task.assignee_key.empty() ? "(chưa rõ)" : v.task.assignee_key];
    if (u.total == 0) u.name = v.task.assignee.empty() ? "(chưa rõ đơn vị)" : v.task.assignee;
    u.Add(v.state, states);
    auto [it, added] = letter_at.emplace(v.document_id, letters.size());
    if (added) letters.push_back({LetterName(v)});
    letters[it->second].Add(v.state, states);
    if (v.state == TaskState::kOverdue) {
      overdue.rows.push_back({v.task.assignee, v.task.action, LetterName(v),
                              VietnameseDate(v.task.due_date) +
                                  (v.task.due_time.empty() ? "" : " " + v.task.due_time),
                              std::to_string(today - DaysFromIso(v.task.due_date))});
    }
  }
  ReportTable by_unit, by_letter;
  Line all{"Cộng"};
  for (const auto& [key, line] : units) {
    by_unit.rows.push_back(line.Row());
    for (std::size_t i = 0; i < 4; ++i) all.n[i] += line.n[i];
    all.total += line.total;
  }
  by_unit.rows.push_back(all.Row());
  for (const Line& line : letters) by_letter.rows.push_back(line.Row());
  return {by_unit, by_letter, overdue};
}

// The report equals the reference in full, and cut to `cut` lines it keeps the first ones and
// counts the rest.
void ExpectReportAgrees(const Registry& reg, ReportOptions o, TimePoint now, std::size_t cut) {
  TaskFilter filter;
  filter.issuer = o.issuer;
  filter.due_min = o.from;
  filter.due_max = o.to;
  const std::vector<ReportTable> expected = ReferenceTables(reg, filter, now);
  o.max_rows = 0;
  Result<ReportContent> full = CollectReport(reg, o, now);
  ASSERT_TRUE(full.ok()) << full.status().ToString();
  ASSERT_EQ(full->tables.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(full->tables[i].rows, expected[i].rows) << full->tables[i].title;
    EXPECT_EQ(full->tables[i].more_rows, 0) << full->tables[i].title;
  }
  o.max_rows = cut;
  Result<ReportContent> page = CollectReport(reg, o, now);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->tables[0].rows, expected[0].rows);  // one line per unit: never cut
  for (std::size_t i = 1; i < 3; ++i) {
    const auto& rows = expected[i].rows;
    const std::size_t shown = std::min(rows.size(), cut);
    EXPECT_EQ(page->tables[i].rows,
              std::vector<std::vector<std::string>>(rows.begin(), rows.begin() + shown))
        << page->tables[i].title;
    EXPECT_EQ(page->tables[i].more_rows, static_cast<std::int64_t>(rows.size() - shown))
        << page->tables[i].title;
  }
}

// Every figure the dashboard and the report give, after each kind of change a task goes through.
void ExpectEveryFigureAgrees(const Registry& reg, TimePoint now) {
  ExpectTallyEqualsTheRows(reg);
  ExpectAgreesWithTaskList(reg, now, 7);
  ExpectReportAgrees(reg, {}, now, 3);
  ReportOptions by_issuer;
  by_issuer.issuer = "Tuyên Quang";
  ExpectReportAgrees(reg, by_issuer, now, 2);
  ReportOptions by_deadline;
  by_deadline.from = "2021-11-01";
  by_deadline.to = "2023-06-30";
  ExpectReportAgrees(reg, by_deadline, now, 2);
}

TEST_P(UnitSummaryBackendsTest, UnitTaskCountsStayEqualToTheTasksThroughEveryChange) {
  Fixture fx(NewRegistryLocation());
  ASSERT_NE(fx.reg, nullptr);
  Registry& reg = *fx.reg;
  const TimePoint now = At("2023-07-01");
  ExpectEveryFigureAgrees(reg, now);
  const DocumentRecord letter = **reg.Find(fx.ids[4]);
  const std::int64_t due_1125 = letter.tasks[4].id;  // falls due on 25/11/2021
  std::int64_t open_dated = 0;
  for (const TaskRecord& t : letter.tasks) {
    if (!t.due_date.empty() && t.id != due_1125) open_dated = t.id;
  }
  ASSERT_NE(open_dated, 0);

  // Done on time, then late once its deadline is corrected to before the day it was done.
  ASSERT_TRUE(MarkDone(reg, due_1125, "x", "", At("2021-11-20")).ok());
  ExpectEveryFigureAgrees(reg, now);
  CorrectionRequest earlier{fx.ids[4], due_1125, "due_date", "10/11/2021", "x"};
  ASSERT_TRUE(Correct(reg, earlier, now).ok());
  EXPECT_EQ(GetTask(reg, due_1125, now)->state, TaskState::kDoneLate);
  ExpectEveryFigureAgrees(reg, now);
  // Opened again: overdue.
  ASSERT_TRUE(Reopen(reg, due_1125, "x", "", now).ok());
  ExpectEveryFigureAgrees(reg, now);
  // A deadline removed (dated → undated, in progress), another moved after the clock.
  ASSERT_TRUE(Correct(reg, {fx.ids[4], open_dated, "due_date", "", "x"}, now).ok());
  ASSERT_TRUE(Correct(reg, {fx.ids[4], due_1125, "due_date", "2023-07-05", "x"}, now).ok());
  ExpectEveryFigureAgrees(reg, now);
  // Another unit for it: the counts move from one unit to the other.
  ASSERT_TRUE(Correct(reg, {fx.ids[4], due_1125, "assignee", "Phòng Tư pháp", "x"}, now).ok());
  ExpectEveryFigureAgrees(reg, now);
  // An assignment is a new task.
  ASSERT_TRUE(AddUnit(reg, "Phòng Nội vụ", now).ok());
  AssignmentRequest assign;
  assign.document_id = fx.ids[0];
  assign.lead = "Phòng Nội vụ";
  assign.deadline = "20/06/2023";
  assign.who = "x";
  ASSERT_TRUE(Assign(reg, assign, now).ok());
  ExpectEveryFigureAgrees(reg, now);
  // A letter deleted takes its tasks out of every count; restored, they come back.
  Result<Deletion> gone = DeleteLetter(reg, fx.ids[4], "x", now);
  ASSERT_TRUE(gone.ok()) << gone.status().ToString();
  ExpectEveryFigureAgrees(reg, now);
  ASSERT_TRUE(RestoreLetter(reg, fx.ids[4], "x", now).ok());
  ExpectEveryFigureAgrees(reg, now);
  // The clock alone moves tasks from in progress to overdue; nothing stored has to change.
  ExpectEveryFigureAgrees(reg, At("2023-07-06"));
  ExpectEveryFigureAgrees(reg, At("2021-11-15"));
}

TEST_P(UnitSummaryBackendsTest, ALetterRegisteredOrATaskDoneChangesTheNextReport) {
  Fixture fx(NewRegistryLocation());
  ASSERT_NE(fx.reg, nullptr);
  Registry& reg = *fx.reg;
  const TimePoint now = At("2023-07-01");
  ReportOptions o;
  o.max_rows = 200;
  const std::string before = (*CollectReport(reg, o, now)).tables[0].rows.back()[1];
  // One more letter: its tasks are in the total at once.
  DocumentRecord again = testdata::GoldRecords()[0];
  again.sha256 = std::string(64, 'a');
  ASSERT_TRUE(reg.Add(again).ok());
  Result<ReportContent> after = CollectReport(reg, o, now);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(std::stoi(after->tables[0].rows.back()[1]),
            std::stoi(before) + static_cast<int>(again.tasks.size()));
  ExpectEveryFigureAgrees(reg, now);
  // Every overdue task done: no overdue line, none counted.
  TaskFilter overdue;
  overdue.states = {TaskState::kOverdue};
  Result<std::vector<TaskView>> late = ListTasks(reg, overdue, now);
  ASSERT_TRUE(late.ok());
  ASSERT_FALSE(late->empty());
  for (const TaskView& v : *late) {
    Status s = MarkDone(reg, v.task.id, "x", "", now);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  Result<ReportContent> done = CollectReport(reg, o, now);
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(done->tables[2].rows.empty());
  EXPECT_EQ(done->tables[2].more_rows, 0);
  EXPECT_EQ(done->tables[0].rows.back()[5], "0");  // Cộng: overdue
  ExpectEveryFigureAgrees(reg, now);
}

CONGVAN_ON_BOTH_BACKENDS(UnitSummaryBackendsTest);

}  // namespace
}  // namespace congvan::registry
