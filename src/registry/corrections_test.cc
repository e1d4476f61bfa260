// Corrections on a real SQLite file holding the real devset letters (gold fields and tasks):
// recorded with who/when/old value, written through to search and the task list, and laid
// over the letter again after it is deleted and registered anew (a re-extraction).
#include "registry/corrections.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "registry/gold_letters_for_test.h"
#include "registry/search.h"
#include "registry/tasks.h"
#include "support/testing.h"

namespace congvan::registry {
namespace {

using congvan::testing::TempDir;

// 2023-06-20 09:00 in Viet Nam.
TimePoint June20() {
  return std::chrono::sys_days{std::chrono::year{2023} / 6 / 20} + std::chrono::hours{2};
}

struct Fixture {
  TempDir dir;
  std::unique_ptr<Registry> reg;
  DocumentRecord hon_quan;  // 1138/UBND-NC as registered
  std::int64_t id = 0;

  Fixture() {
    reg = std::move(Registry::Open((dir / "r.db").string()).value());
    hon_quan = testdata::GoldRecords()[2];
    id = reg->Add(hon_quan)->id;
  }
  DocumentRecord Read() {
    DocumentRecord doc = **reg->Find(id);
    EXPECT_TRUE(ApplyCorrections(*reg, doc).ok());
    return doc;
  }
};

TEST(CorrectionsTest, LetterFieldIsRecordedWithOldValueAndWrittenThrough) {
  Fixture fx;
  Result<Correction> c =
      Correct(*fx.reg, {fx.id, std::nullopt, "doc_ref", " 1139/UBND-NC ", "chi-lan"}, June20());
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->old_value, "1138/UBND-NC");
  EXPECT_EQ(c->new_value, "1139/UBND-NC");  // trimmed
  EXPECT_EQ(c->who, "chi-lan");
  EXPECT_EQ(c->at, "2023-06-20T02:00:00Z");
  EXPECT_EQ(c->task_position, kLetterField);

  // The row itself: Find without the overlay, the JSON, and the full-text index.
  const DocumentRecord raw = **fx.reg->Find(fx.id);
  EXPECT_EQ(raw.doc_ref, "1139/UBND-NC");
  EXPECT_EQ(nlohmann::json::parse(raw.fields_json)["doc_ref"], "1139/UBND-NC");
  Result<SearchResults> found = Search(*fx.reg, "1139", June20());
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_EQ(found->documents.size(), 1u);
  EXPECT_EQ(found->documents[0].id, fx.id);

  // A second correction records the first one's value as the old one.
  Result<Correction> again =
      Correct(*fx.reg, {fx.id, std::nullopt, "doc_ref", "1138/UBND-NC", "anh-minh"}, June20());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->old_value, "1139/UBND-NC");
  Result<std::vector<Correction>> all = ListCorrections(*fx.reg, fx.hon_quan.sha256);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].who, "chi-lan");
  EXPECT_EQ((*all)[1].who, "anh-minh");
}

TEST(CorrectionsTest, JsonOnlyFieldIsCorrected) {
  Fixture fx;
  ASSERT_TRUE(Correct(*fx.reg, {fx.id, std::nullopt, "place", "Hớn Quản, Bình Phước", "local"},
                      June20()).ok());
  EXPECT_EQ(nlohmann::json::parse(fx.Read().fields_json)["place"], "Hớn Quản, Bình Phước");
  Result<std::vector<Correction>> all = ListCorrections(*fx.reg, fx.hon_quan.sha256);
  EXPECT_EQ((*all)[0].old_value, "Hớn Quản");
}

TEST(CorrectionsTest, TaskDeadlineCorrectionChangesTheListAndRaisesRevision) {
  Fixture fx;
  const DocumentRecord before = **fx.reg->Find(fx.id);
  // Task 3 (0-based) is due 2022-06-20 in the letter (a misprint for 2023).
  const TaskRecord& task = before.tasks[3];
  ASSERT_EQ(task.due_date, "2022-06-20");
  const int revision = GetTask(*fx.reg, task.id, June20())->task.revision;
  TaskFilter july;
  july.due_min = "2023-07-01";
  const std::size_t due_in_july = ListTasks(*fx.reg, july, June20())->size();
  Result<Correction> c =
      Correct(*fx.reg, {fx.id, task.id, "due_date", "20/7/2023", "local"}, June20());
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->old_value, "2022-06-20");
  EXPECT_EQ(c->new_value, "2023-07-20");
  EXPECT_EQ(c->task_position, 3);

  Result<TaskView> v = GetTask(*fx.reg, task.id, June20());
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->task.due_date, "2023-07-20");
  EXPECT_EQ(v->task.revision, revision + 1);
  EXPECT_EQ(v->state, TaskState::kInProgress);  // no longer overdue on 2023-06-20
  Result<std::vector<TaskView>> listed = ListTasks(*fx.reg, july, June20());
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), due_in_july + 1);
  EXPECT_TRUE(std::any_of(listed->begin(), listed->end(),
                          [&](const TaskView& v) { return v.task.id == task.id; }));
  EXPECT_EQ(nlohmann::json::parse(fx.Read().fields_json)["tasks"][3]["deadline"], "2023-07-20");
}

TEST(CorrectionsTest, BadRequestsAreRefusedAndNothingIsRecorded) {
  Fixture fx;
  const std::int64_t task = (**fx.reg->Find(fx.id)).tasks[0].id;
  const std::pair<CorrectionRequest, Code> bad[] = {
      {{fx.id, std::nullopt, "sha256", "x", "local"}, Code::kInvalidInput},        // not correctable
      {{fx.id, task, "subject", "x", "local"}, Code::kInvalidInput},               // a letter field on a task
      {{fx.id, std::nullopt, "date", "31/2/2023", "local"}, Code::kInvalidInput},  // no such day
      {{fx.id, task, "due_time", "25:00", "local"}, Code::kInvalidInput},
      {{fx.id, std::nullopt, "subject", "a\nb", "local"}, Code::kInvalidInput},
      {{fx.id, std::nullopt, "doc_ref", "1138/UBND-NC", "local"}, Code::kInvalidInput},  // unchanged
      {{fx.id, std::nullopt, "subject", std::string(kMaxCorrectionBytes + 1, 'a'), "local"},
       Code::kInvalidInput},
      {{fx.id + 100, std::nullopt, "subject", "x", "local"}, Code::kNotFound},
      {{fx.id, task + 10000, "action", "x", "local"}, Code::kNotFound},
  };
  for (const auto& [request, code] : bad) {
    Result<Correction> c = Correct(*fx.reg, request, June20());
    ASSERT_FALSE(c.ok()) << request.field << "=" << request.value;
    EXPECT_EQ(c.status().code(), code) << c.status().message();
  }
  EXPECT_TRUE(ListCorrections(*fx.reg, fx.hon_quan.sha256)->empty());
  EXPECT_EQ((**fx.reg->Find(fx.id)).doc_ref, "1138/UBND-NC");
}

TEST(CorrectionsTest, CorrectionsSurviveReExtraction) {
  Fixture fx;
  const std::int64_t task = (**fx.reg->Find(fx.id)).tasks[0].id;
  ASSERT_TRUE(Correct(*fx.reg, {fx.id, std::nullopt, "subject", "Nâng cao chỉ số PAPI 2023", "local"},
                      June20()).ok());
  ASSERT_TRUE(Correct(*fx.reg, {fx.id, task, "assignee", "Phòng Nội vụ huyện", "local"}, June20()).ok());

  // Re-extraction: the letter's rows are replaced by the extractor's values again.
  ASSERT_TRUE(*fx.reg->Delete(fx.id));
  Result<AddOutcome> again = fx.reg->Add(fx.hon_quan);
  ASSERT_TRUE(again.ok());
  ASSERT_FALSE(again->already_registered);
  fx.id = again->id;
  EXPECT_EQ((**fx.reg->Find(fx.id)).subject, fx.hon_quan.subject);  // the rows as extracted

  // Reading through the overlay shows the clerk's values at once…
  const DocumentRecord read = fx.Read();
  EXPECT_EQ(read.subject, "Nâng cao chỉ số PAPI 2023");
  EXPECT_EQ(read.tasks[0].assignee, "Phòng Nội vụ huyện");
  std::vector<TaskView> views = *ListTasks(*fx.reg, TaskFilter{}, June20());
  ASSERT_TRUE(ApplyCorrections(*fx.reg, views).ok());
  EXPECT_EQ(views.size(), fx.hon_quan.tasks.size());
  bool seen = false;
  for (const TaskView& v : views) seen |= v.position == 0 && v.task.assignee == "Phòng Nội vụ huyện";
  EXPECT_TRUE(seen);

  // …and reapplying writes them to the rows, so filters and search use them too.
  Result<int> applied = ReapplyCorrections(*fx.reg, fx.id, June20());
  ASSERT_TRUE(applied.ok()) << applied.status().message();
  EXPECT_EQ(*applied, 2);
  EXPECT_EQ((**fx.reg->Find(fx.id)).subject, "Nâng cao chỉ số PAPI 2023");
  TaskFilter noi_vu;
  noi_vu.assignee = "phong noi vu huyen";
  EXPECT_EQ(ListTasks(*fx.reg, noi_vu, June20())->size(), 1u);
  // The history is unchanged by reapplying: still two corrections.
  EXPECT_EQ(ListCorrections(*fx.reg, fx.hon_quan.sha256)->size(), 2u);
}

}  // namespace
}  // namespace congvan::registry
