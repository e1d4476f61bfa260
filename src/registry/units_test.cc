// The directory of units and assignments on real registries with the real gold letters (SQLite
// files, and PostgreSQL databases for everything but the upgrade):
// the upgrade of a version-10 file, matching typed and OCR'd unit names (folded, aliases, close
// variants), the import of a list, and assignments made, listed, done and recorded in history.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>

#include "registry/assignments.h"
#include "registry/dates.h"
#include "registry/deletions.h"
#include "registry/gold_letters_for_test.h"
#include "registry/registry.h"
#include "registry/schema.h"
#include "registry/statement.h"
#include "registry/tasks.h"
#include "registry/tokenizer.h"
#include "registry/unit_summary.h"
#include "registry/units.h"
#include "support/registry_backends.h"

namespace congvan::registry {
namespace {

namespace fs = std::filesystem;
using congvan::testing::TempDir;

TimePoint At(const std::string& date, int hour = 12) {
  using namespace std::chrono;
  return TimePoint(sys_days(days(DaysFromIso(date)))) + hours(hour) - kVietnamOffset;
}

std::unique_ptr<Registry> OpenOk(const std::string& location) {
  Result<std::unique_ptr<Registry>> reg = Registry::Open(location);
  EXPECT_TRUE(reg.ok()) << reg.status().ToString();
  return reg.ok() ? std::move(*reg) : nullptr;
}

std::unique_ptr<Registry> OpenOk(const fs::path& path) { return OpenOk(path.string()); }

// A registry with the gold letters and a directory of five units: an SQLite file of its own, or
// at `location` (registry_backends.h).
struct Fixture {
  TempDir tmp;
  std::unique_ptr<Registry> reg;
  std::vector<std::int64_t> ids;
  TimePoint now = At("2026-12-06");
  Fixture() { Fill((tmp / "registry.db").string()); }
  explicit Fixture(const std::string& location) { Fill(location); }
  void Fill(const std::string& location) {
    reg = OpenOk(location);
    if (reg == nullptr) return;
    for (const DocumentRecord& d : testdata::GoldRecords()) {
      Result<AddOutcome> out = reg->Add(d);
      EXPECT_TRUE(out.ok()) << out.status().ToString();
      ids.push_back(out.ok() ? out->id : 0);
    }
    for (const char* name : {"Phòng Nội vụ", "Phòng Tư pháp", "Phòng Tài chính - Kế hoạch",
                             "Văn phòng HĐND và UBND", "Xã Tân An"}) {
      Result<Unit> u = AddUnit(*reg, name, now);
      EXPECT_TRUE(u.ok()) << u.status().ToString();
    }
  }
  std::int64_t UnitId(const std::string& name) {
    Result<std::vector<Unit>> units = ListUnits(*reg);
    for (const Unit& u : *units) {
      if (u.name == name) return u.id;
    }
    ADD_FAILURE() << "no unit " << name;
    return 0;
  }
};

std::string Matched(const Registry& reg, const std::string& typed) {
  Result<std::optional<UnitMatch>> m = MatchUnit(reg, typed);
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return m.ok() && m->has_value() ? (*m)->unit.name : "";
}

// ---- schema ----

TEST(UnitSchemaTest, UpgradesAVersionTenFileKeepingItsTasks) {
  TempDir tmp;
  const fs::path path = tmp / "old.db";
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                              nullptr),
              SQLITE_OK);
    std::unique_ptr<sqlite3, decltype(&sqlite3_close_v2)> db(raw, &sqlite3_close_v2);
    ASSERT_TRUE(RegisterSqlExtensions(db.get()).ok());
    ASSERT_TRUE(ApplyMigrations(db.get(), Migrations().first(10)).ok());
    ASSERT_EQ(*ReadSchemaVersion(db.get()), 10);
    ASSERT_TRUE(Exec(db.get(),
                     "INSERT INTO documents (sha256, doc_ref, subject, created_at, updated_at) "
                     "VALUES ('abc', '12/UBND', 'Về việc thử', '2026-12-01T01:00:00Z', "
                     "'2026-12-01T01:00:00Z');"
                     "INSERT INTO tasks (document_id, position, assignee, assignee_key, action, "
                     "due_date) VALUES (1, 0, 'Phòng Nội vụ', 'phong noi vu', 'Báo cáo', "
                     "'2026-12-20');")
                    .ok());
  }
  std::unique_ptr<Registry> reg = OpenOk(path);
  ASSERT_NE(reg, nullptr);
  EXPECT_EQ(*ReadSchemaVersion(reg->connection()), LatestSchemaVersion());
  EXPECT_EQ(*QueryInt64(reg->connection(),
                        "SELECT count(*) FROM tasks WHERE source = 'extracted' AND "
                        "instruction = '' AND assigned_from IS NULL"),
            1);
  ASSERT_TRUE(AddUnit(*reg, "Phòng Nội vụ", At("2026-12-06")).ok());
  AssignmentRequest request;
  request.task_id = 1;
  request.lead = "phong noi vu";
  request.who = "lanh-dao";
  Result<AssignmentOutcome> made = Assign(*reg, request, At("2026-12-06"));
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(made->task.position, 1);
  EXPECT_EQ(made->task.task.due_date, "2026-12-20");  // the task's own deadline
}

// ---- matching ----

class UnitMatchBackendsTest : public congvan::testing::RegistryBackendTest {};
class UnitImportBackendsTest : public congvan::testing::RegistryBackendTest {};
class AssignmentBackendsTest : public congvan::testing::RegistryBackendTest {};

TEST_P(UnitMatchBackendsTest, FoldsCaseAndMarks) {
  Fixture fx(NewRegistryLocation());
  ASSERT_NE(fx.reg, nullptr);
  EXPECT_EQ(Matched(*fx.reg, "phong noi vu"), "Phòng Nội vụ");
  EXPECT_EQ(Matched(*fx.reg, "PHÒNG NỘI VỤ"), "Phòng Nội vụ");
  EXPECT_EQ(Matched(*fx.reg, "  Phòng   Nội vụ "), "Phòng Nội vụ");
  EXPECT_EQ(Matched(*fx.reg, "van phong hdnd va ubnd"), "Văn phòng HĐND và UBND");
}

TEST_P(UnitMatchBackendsTest, AcceptsACloseOcrVariantOfTheSameKind) {
  Fixture fx(NewRegistryLocation());
  ASSERT_NE(fx.reg, nullptr);
  Result<std::optional<UnitMatch>> m = MatchUnit(*fx.reg, "Phòng Nợ vụ");
  ASSERT_TRUE(m.ok() && m->has_value());
  EXPECT_EQ((*m)->unit.name, "Phòng Nội vụ");
  EXPECT_EQ((*m)->kind, MatchKind::kClose);
  EXPECT_EQ((*m)->distance, 1);
  EXPECT_EQ(Matched(*fx.reg, "Phòng Tư phap"), "Phòng Tư pháp");
  EXPECT_EQ(Matched(*fx.reg, "Phòng Tu phá"), "Phòng Tư pháp");  // one letter lost
  // The kind word must match: a "Ban" is not a "Phòng", however close the rest.
  EXPECT_EQ(Matched(*fx.reg, "Ban Nội vụ"), "");
  // Two edits in a short name are another unit, not a misreading.
  EXPECT_EQ(Matched(*fx.reg, "Phòng Y tế"), "");
  EXPECT_EQ(Matched(*fx.reg, "Xã Tân Ấp"), "Xã Tân An");
  EXPECT_EQ(Matched(*fx.reg, "Xã Bình An"), "");
  EXPECT_EQ(Matched(*fx.reg, ""), "");
}

TEST_P(UnitMatchBackendsTest, AConfirmedAliasIsAnExactMatch) {
  Fixture fx(NewRegistryLocation());
  ASSERT_NE(fx.reg, nullptr);
  const std::int64_t noi_vu = fx.UnitId("Phòng Nội vụ");
  ASSERT_TRUE(AddAlias(*fx.reg, noi_vu, "Phòng Nợ vụ", "van-thu", fx.now).ok());
  Result<std::optional<UnitMatch>> m = MatchUnit(*fx.reg, "phong no vu");
  ASSERT_TRUE(m.ok() && m->has_value());
  EXPECT_EQ((*m)->kind, MatchKind::kAlias);
  EXPECT_EQ((*m)->unit.name, "Phòng Nội vụ");
  EXPECT_EQ((*m)->unit.aliases, std::vector<std::string>{"Phòng Nợ vụ"});
  // The same spelling cannot name another unit, nor be added twice.
  Status again = AddAlias(*fx.reg, fx.UnitId("Phòng Tư pháp"), "PHÒNG NỢ VỤ", "x", fx.now);
  EXPECT_EQ(again.code(), Code::kAlreadyExists);
  EXPECT_NE(again.message().find("Phòng Nội vụ"), std::string::npos) << again.message();
  EXPECT_EQ(AddAlias(*fx.reg, noi_vu, "Phòng Nội vụ", "x", fx.now).code(), Code::kAlreadyExists);
  EXPECT_EQ(AddAlias(*fx.reg, 9999, "Phòng Khác", "x", fx.now).code(), Code::kNotFound);
}

// What changes the directory or decides what an account sees takes the unit named exactly: by
// number, name or alias, marks and case aside; a near miss names the closest unit instead.
TEST_P(UnitMatchBackendsTest, AnExactUnitIsNeverANearMiss) {
  Fixture fx(NewRegistryLocation());
  ASSERT_NE(fx.reg, nullptr);
  const std::int64_t noi_vu = fx.UnitId("Phòng Nội vụ");
  Result<Unit> by_number = ExactUnit(*fx.reg, std::to_string(noi_vu));
  ASSERT_TRUE(by_number.ok()) << by_number.status().ToString();
  EXPECT_EQ(by_number->name, "Phòng Nội vụ");
  Result<Unit> by_name = ExactUnit(*fx.reg, "phong noi vu");
  ASSERT_TRUE(by_name.ok());
  EXPECT_EQ(by_name->id, noi_vu);
  ASSERT_TRUE(AddAlias(*fx.reg, noi_vu, "Phòng NV", "van-thu", fx.now).ok());
  Result<Unit> by_alias = ExactUnit(*fx.reg, "PHÒNG NV");
  ASSERT_TRUE(by_alias.ok());
  EXPECT_EQ(by_alias->id, noi_vu);
  Result<Unit> near = ExactUnit(*fx.reg, "Phòng Nợ vụ");
  ASSERT_EQ(near.status().code(), Code::kNotFound);
  EXPECT_NE(near.status().message().find("có phải «Phòng Nội vụ»"), std::string::npos) << near.status().message();
  EXPECT_EQ(ExactUnit(*fx.reg, "99999").status().code(), Code::kNotFound);
}

TEST_P(UnitMatchBackendsTest, DuplicateAndBadNamesAreRefused) {
  Fixture fx(NewRegistryLocation());
  ASSERT_NE(fx.reg, nullptr);
  Result<Unit> dup = AddUnit(*fx.reg, "phòng nội VỤ", fx.now);
  EXPECT_EQ(dup.status().code(), Code::kAlreadyExists);
  EXPECT_NE(dup.status().message().find("Đã có đơn vị «Phòng Nội vụ»"), std::string::npos);
  EXPECT_EQ(AddUnit(*fx.reg, " - ", fx.now).status().code(), Code::kInvalidInput);
  EXPECT_EQ(AddUnit(*fx.reg, "Phòng\nA", fx.now).status().code(), Code::kInvalidInput);
  EXPECT_EQ(AddUnit(*fx.reg, std::string(300, 'a'), fx.now).status().code(), Code::kInvalidInput);
}

TEST_P(UnitMatchBackendsTest, AnInactiveUnitIsNotMatchedButKept) {
  Fixture fx(NewRegistryLocation());
  ASSERT_NE(fx.reg, nullptr);
  const std::int64_t id = fx.UnitId("Xã Tân An");
  ASSERT_TRUE(SetUnitActive(*fx.reg, id, false).ok());
  EXPECT_EQ(Matched(*fx.reg, "Xã Tân An"), "");
  EXPECT_EQ(ListUnits(*fx.reg, false)->size(), 4u);
  EXPECT_EQ(ListUnits(*fx.reg, true)->size(), 5u);
  EXPECT_FALSE(GetUnit(*fx.reg, id)->active);
  ASSERT_TRUE(SetUnitActive(*fx.reg, id, true).ok());
  EXPECT_EQ(Matched(*fx.reg, "Xã Tân An"), "Xã Tân An");
  EXPECT_EQ(SetUnitActive(*fx.reg, 9999, false).code(), Code::kNotFound);
}

TEST_P(UnitMatchBackendsTest, AnUnknownTypedNameNamesTheClosestUnits) {
  Fixture fx(NewRegistryLocation());
  ASSERT_NE(fx.reg, nullptr);
  Result<UnitMatch> m = ResolveUnit(*fx.reg, "Phòng Văn hóa");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), Code::kNotFound);
  EXPECT_NE(m.status().message().find("Không có đơn vị «Phòng Văn hóa» trong danh mục; gần nhất:"),
            std::string::npos)
      << m.status().message();
  EXPECT_EQ(m.status().message().find('\n'), std::string::npos);
}

TEST_P(UnitImportBackendsTest, ImportsAListWithAliasesOnceAndRefusesABadLineWhole) {
  std::unique_ptr<Registry> reg = OpenOk(NewRegistryLocation());
  const std::string list =
      "\xEF\xBB\xBFTên đơn vị,Tên khác\n"
      "Phòng Nội vụ,Phòng Nợ vụ\n"
      "\"Phòng Tư pháp\"\n"
      "# ghi chú\n"
      "\n"
      "Xã Tân An;UBND xã Tân An\r\n"
      "\"Phòng Lao động, Thương binh và Xã hội\",\"P. \"\"LĐTBXH\"\"\"\n";
  Result<ImportCounts> first = ImportUnits(*reg, list, "van-thu", At("2026-12-06"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->units_added, 4);
  EXPECT_EQ(first->aliases_added, 3);
  Result<ImportCounts> second = ImportUnits(*reg, list, "van-thu", At("2026-12-06"));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->units_added, 0);
  EXPECT_EQ(second->units_existing, 4);
  EXPECT_EQ(second->aliases_added, 0);
  EXPECT_EQ(Matched(*reg, "ubnd xa tan an"), "Xã Tân An");
  // A quoted cell keeps its comma; "" is a quote.
  EXPECT_EQ(Matched(*reg, "phong lao dong thuong binh va xa hoi"),
            "Phòng Lao động, Thương binh và Xã hội");
  EXPECT_EQ(GetUnit(*reg, 4)->aliases, std::vector<std::string>{"P. \"LĐTBXH\""});
  // An alias that names another unit: the whole list is refused, the line named.
  Result<ImportCounts> bad =
      ImportUnits(*reg, "Phòng Y tế\nPhòng Tư pháp,Phòng Nội vụ\n", "x", At("2026-12-06"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("Dòng 2:"), std::string::npos) << bad.status().message();
  EXPECT_EQ(Matched(*reg, "Phòng Y tế"), "");
}

// ---- assignments ----

TEST_P(AssignmentBackendsTest, ALetterAssignedIsATaskWithHistoryAndTheDirectoryNames) {
  Fixture fx(NewRegistryLocation());
  ASSERT_NE(fx.reg, nullptr);
  const TimePoint now = fx.now;
  AssignmentRequest request;
  request.document_id = fx.ids[0];
  request.lead = "phong noi vu";
  request.with = {"Phòng Tư phá", "", "PHÒNG TƯ PHÁP"};
  request.deadline = "20/12/2026";
  request.instruction = "Tham mưu văn bản trả lời trước ngày 18/12.";
  request.who = "lanh-dao";
  Result<AssignmentOutcome> made = Assign(*fx.reg, request, now);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  const TaskView& v = made->task;
  EXPECT_EQ(v.task.assignee, "Phòng Nội vụ");
  EXPECT_EQ(v.task.cooperating, std::vector<std::string>{"Phòng Tư pháp"});
  EXPECT_EQ(v.task.due_date, "2026-12-20");
  EXPECT_EQ(v.task.source, "assigned");
  EXPECT_EQ(v.task.instruction, "Tham mưu văn bản trả lời trước ngày 18/12.");
  EXPECT_EQ(v.task.assigned_by, "lanh-dao");
  EXPECT_EQ(v.task.assigned_from, -1);
  EXPECT_EQ(v.state, TaskState::kInProgress);
  // "phong noi vu" and "PHÒNG TƯ PHÁP" fold to the names; "Phòng Tư phá" is a guess.
  EXPECT_EQ(made->guesses, std::vector<std::string>{"«Phòng Tư phá» → «Phòng Tư pháp»"});
  EXPECT_EQ(v.task.action.rfind("Xử lý ", 0), 0u) << v.task.action;

  // It is one of the letter's tasks, after the extracted ones.
  Result<std::optional<DocumentRecord>> doc = fx.reg->Find(fx.ids[0]);
  ASSERT_TRUE(doc.ok() && doc->has_value());
  EXPECT_EQ((*doc)->tasks.back().id, v.task.id);
  EXPECT_EQ(v.position, static_cast<int>((*doc)->tasks.size()) - 1);

  // In the task list by its unit, and done like any task.
  TaskFilter filter;
  filter.assignee = "noi vu";
  Result<std::vector<TaskView>> listed = ListTasks(*fx.reg, filter, now);
  ASSERT_TRUE(listed.ok());
  bool found = false;
  for (const TaskView& t : *listed) found = found || t.task.id == v.task.id;
  EXPECT_TRUE(found);
  ASSERT_TRUE(MarkDone(*fx.reg, v.task.id, "phong-noi-vu", "Đã trình", At("2026-12-10")).ok());
  EXPECT_EQ(GetTask(*fx.reg, v.task.id, now)->state, TaskState::kDoneOnTime);

  Result<std::vector<TaskEvent>> history = History(*fx.reg, v.task.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].kind, "assigned");
  EXPECT_EQ((*history)[0].who, "lanh-dao");
  EXPECT_EQ((*history)[0].note,
            "Giao Phòng Nội vụ chủ trì; phối hợp: Phòng Tư pháp; hạn 20/12/2026; ý kiến chỉ đạo: "
            "Tham mưu văn bản trả lời trước ngày 18/12.");
  EXPECT_EQ((*history)[1].kind, "status");
  EXPECT_EQ((*history)[1].status, "done");

  Result<std::vector<TaskView>> assignments = ListAssignments(*fx.reg, fx.ids[0], now);
  ASSERT_TRUE(assignments.ok());
  ASSERT_EQ(assignments->size(), 1u);
  EXPECT_EQ(assignments->front().task.id, v.task.id);

  // Counted for its unit on the dashboard (done on time this month).
  Result<std::vector<UnitSummary>> units = SummarizeUnits(*fx.reg, At("2026-12-11"), 7);
  ASSERT_TRUE(units.ok());
  bool counted = false;
  for (const UnitSummary& u : *units) {
    if (u.key == "phong noi vu") counted = u.done_on_time >= 1;
  }
  EXPECT_TRUE(counted);
}

TEST_P(AssignmentBackendsTest, ATaskAssignedKeepsItsDeadlineAndRecordsWhereTheWorkWent) {
  Fixture fx(NewRegistryLocation());
  ASSERT_NE(fx.reg, nullptr);
  Result<std::optional<DocumentRecord>> doc = fx.reg->Find(fx.ids[0]);
  ASSERT_TRUE(doc.ok() && doc->has_value() && !(*doc)->tasks.empty());
  const TaskRecord& source = (*doc)->tasks.front();
  AssignmentRequest request;
  request.task_id = source.id;
  request.lead = "Văn phòng HĐND và UBND";
  request.who = "lanh-dao";
  Result<AssignmentOutcome> made = Assign(*fx.reg, request, fx.now);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(made->task.task.action, source.action);
  EXPECT_EQ(made->task.task.due_date, source.due_date);
  EXPECT_EQ(made->task.task.assigned_from, 0);
  EXPECT_EQ(made->task.document_id, fx.ids[0]);
  Result<std::vector<TaskEvent>> history = History(*fx.reg, source.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].kind, "assigned");
  EXPECT_EQ((*history)[0].status, source.status);  // the status did not change
  EXPECT_NE((*history)[0].note.find("(nhiệm vụ số " + std::to_string(made->task.task.id) + ")"),
            std::string::npos);
  // The search finds it by its unit.
  EXPECT_EQ(GetTask(*fx.reg, source.id, fx.now)->task.status, "open");
}

TEST_P(AssignmentBackendsTest, BadRequestsAreRefusedWithOneVietnameseLineAndNothingWritten) {
  Fixture fx(NewRegistryLocation());
  ASSERT_NE(fx.reg, nullptr);
  const std::int64_t before = *QueryInt64(fx.reg->db(), "SELECT count(*) FROM tasks");
  AssignmentRequest r;
  r.document_id = fx.ids[1];
  r.lead = "Phòng Văn hóa";
  Result<AssignmentOutcome> unknown = Assign(*fx.reg, r, fx.now);
  EXPECT_EQ(unknown.status().code(), Code::kNotFound);
  EXPECT_NE(unknown.status().message().find("gần nhất"), std::string::npos);
  r.lead = "Phòng Nội vụ";
  r.deadline = "31/6/2026";
  Result<AssignmentOutcome> bad_date = Assign(*fx.reg, r, fx.now);
  EXPECT_EQ(bad_date.status().code(), Code::kInvalidInput);
  EXPECT_EQ(bad_date.status().message(), "Hạn \"31/6/2026\" không phải ngày (dd/mm/yyyy).");
  r.deadline = "";
  r.with = {"phong noi vu"};
  EXPECT_EQ(Assign(*fx.reg, r, fx.now).status().code(), Code::kInvalidInput);
  r.with.clear();
  r.document_id = 999999;
  Result<AssignmentOutcome> no_letter = Assign(*fx.reg, r, fx.now);
  EXPECT_EQ(no_letter.status().code(), Code::kNotFound);
  EXPECT_EQ(no_letter.status().message(), "Không có văn bản số 999999.");
  r.document_id = 0;
  r.task_id = 999999;
  EXPECT_EQ(Assign(*fx.reg, r, fx.now).status().code(), Code::kNotFound);
  r.task_id.reset();
  r.lead = "  ";
  r.document_id = fx.ids[1];
  EXPECT_EQ(Assign(*fx.reg, r, fx.now).status().code(), Code::kInvalidInput);
  EXPECT_EQ(*QueryInt64(fx.reg->db(), "SELECT count(*) FROM tasks"), before);
}

TEST_P(AssignmentBackendsTest, AnAssignmentSurvivesDeletingAndRestoringItsLetter) {
  Fixture fx(NewRegistryLocation());
  ASSERT_NE(fx.reg, nullptr);
  AssignmentRequest r;
  r.document_id = fx.ids[2];
  r.lead = "Phòng Tư pháp";
  r.instruction = "Xem xét, đề xuất.";
  r.who = "lanh-dao";
  Result<AssignmentOutcome> made = Assign(*fx.reg, r, fx.now);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  ASSERT_TRUE(DeleteLetter(*fx.reg, fx.ids[2], "van-thu", fx.now).ok());
  Result<std::int64_t> restored = RestoreLetter(*fx.reg, fx.ids[2], "admin", fx.now);
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  Result<std::vector<TaskView>> assignments = ListAssignments(*fx.reg, *restored, fx.now);
  ASSERT_TRUE(assignments.ok());
  ASSERT_EQ(assignments->size(), 1u);
  EXPECT_EQ(assignments->front().task.instruction, "Xem xét, đề xuất.");
  EXPECT_EQ(assignments->front().task.assignee, "Phòng Tư pháp");
  Result<std::vector<TaskEvent>> history = History(*fx.reg, assignments->front().task.id);
  ASSERT_TRUE(history.ok() && !history->empty());
  EXPECT_EQ(history->front().kind, "assigned");
}

TEST_P(AssignmentBackendsTest, SuggestsAliasesForOcrSpellingsInTheTasks) {
  Fixture fx(NewRegistryLocation());
  ASSERT_NE(fx.reg, nullptr);
  DocumentRecord d;
  d.sha256 = "ocr-variant-letter";
  d.path = "x.txt";
  d.doc_ref = "99/UBND";
  TaskRecord t;
  t.assignee = "Phòng Nợ vụ";
  t.action = "Báo cáo số liệu.";
  t.due_date = "2026-12-08";
  d.tasks = {t, t};
  ASSERT_TRUE(fx.reg->Add(d).ok());
  auto unit_rows = [&fx](const std::string& name) {
    Result<std::vector<UnitSummary>> units = SummarizeUnits(*fx.reg, fx.now, 7);
    EXPECT_TRUE(units.ok());
    int due_soon = -1;
    for (const UnitSummary& u : *units) {
      if (u.name == name) due_soon = u.due_soon;
    }
    return due_soon;
  };
  auto listed = [&fx](const std::string& unit) {
    TaskFilter filter;
    filter.assignee = unit;
    Result<std::vector<TaskView>> tasks = ListTasks(*fx.reg, filter, fx.now);
    EXPECT_TRUE(tasks.ok());
    return tasks.ok() ? tasks->size() : 0;
  };
  // Before a clerk confirms it, the misreading is a unit of its own.
  EXPECT_EQ(unit_rows("Phòng Nợ vụ"), 2);
  const std::size_t noi_vu_tasks = listed("Phòng Nội vụ");
  const std::size_t noi_vu_words = listed("noi vu");  // "Sở Nội vụ"'s tasks too
  Result<std::vector<AliasSuggestion>> s = SuggestAliases(*fx.reg);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->size(), 1u);
  EXPECT_EQ(s->front().spelling, "Phòng Nợ vụ");
  EXPECT_EQ(s->front().tasks, 2);
  EXPECT_EQ(s->front().unit.name, "Phòng Nội vụ");
  ASSERT_TRUE(AddAlias(*fx.reg, s->front().unit.id, "Phòng Nợ vụ", "van-thu", fx.now).ok());
  EXPECT_TRUE(SuggestAliases(*fx.reg)->empty());
  // Confirmed: its tasks count with the unit on the dashboard and are listed under its name.
  EXPECT_EQ(unit_rows("Phòng Nợ vụ"), -1);
  EXPECT_EQ(unit_rows("Phòng Nội vụ"), 2);
  EXPECT_EQ(listed("Phòng Nội vụ"), noi_vu_tasks + 2);
  EXPECT_EQ(listed("noi vu"), noi_vu_words + 2);
}

TEST(UnitMatchTest, EditDistanceCountsEdits) {
  EXPECT_EQ(EditDistance("noi vu", "no vu"), 1);
  EXPECT_EQ(EditDistance("", "abc"), 3);
  EXPECT_EQ(EditDistance("tu phap", "tai chinh"), 6);
  EXPECT_EQ(EditDistance("abc", "abc"), 0);
}

CONGVAN_ON_BOTH_BACKENDS(UnitMatchBackendsTest);
CONGVAN_ON_BOTH_BACKENDS(UnitImportBackendsTest);
CONGVAN_ON_BOTH_BACKENDS(AssignmentBackendsTest);

}  // namespace
}  // namespace congvan::registry
