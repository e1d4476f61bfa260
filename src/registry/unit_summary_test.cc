// The dashboard's counts per unit against a fixed clock, on the gold letters, checked against
// the task list's own statuses.
#include "registry/unit_summary.h"

#include <gtest/gtest.h>

#include <chrono>

#include "registry/gold_letters_for_test.h"
#include "registry/report.h"
#include "registry/tasks.h"
#include "support/testing.h"

namespace congvan::registry {
namespace {

using congvan::testing::TempDir;

TimePoint At(const std::string& date, int hour = 12) {
  using namespace std::chrono;
  return TimePoint(sys_days(days(DaysFromIso(date)))) + hours(hour) - kVietnamOffset;
}

struct Fixture {
  TempDir tmp;
  std::unique_ptr<Registry> reg;
  std::vector<std::int64_t> ids;
  Fixture() {
    reg = std::move(Registry::Open((tmp / "r.db").string())).value();
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

TEST(UnitSummaryTest, CountsFollowTheClock) {
  Fixture fx;
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

}  // namespace
}  // namespace congvan::registry
