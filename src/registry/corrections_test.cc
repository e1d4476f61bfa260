// Corrections on a real registry, an SQLite file or a PostgreSQL database (registry_backends.h),
// holding the real devset letters (gold fields and tasks):
// recorded with who/when/old value, written through to search and the task list, and laid
// over the letter again after it is deleted and registered anew (a re-extraction).
#include "registry/corrections.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "registry/gold_letters_for_test.h"
#include "registry/search.h"
#include "registry/statement.h"
#include "registry/tasks.h"
#include "support/registry_backends.h"
#include "support/testing.h"
#include "text/tokens.h"

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

  Fixture() { Fill((dir / "r.db").string()); }
  explicit Fixture(const std::string& location) { Fill(location); }
  void Fill(const std::string& location) {
    reg = std::move(Registry::Open(location).value());
    hon_quan = testdata::GoldRecords()[2];
    id = reg->Add(hon_quan)->id;
  }
  DocumentRecord Read() {
    DocumentRecord doc = **reg->Find(id);
    EXPECT_TRUE(ApplyCorrections(*reg, doc).ok());
    return doc;
  }
};

class CorrectionsTest : public congvan::testing::RegistryBackendTest {};

TEST_P(CorrectionsTest, LetterFieldIsRecordedWithOldValueAndWrittenThrough) {
  Fixture fx(NewRegistryLocation());
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

TEST_P(CorrectionsTest, JsonOnlyFieldIsCorrected) {
  Fixture fx(NewRegistryLocation());
  ASSERT_TRUE(Correct(*fx.reg, {fx.id, std::nullopt, "place", "Hớn Quản, Bình Phước", "local"},
                      June20()).ok());
  EXPECT_EQ(nlohmann::json::parse(fx.Read().fields_json)["place"], "Hớn Quản, Bình Phước");
  Result<std::vector<Correction>> all = ListCorrections(*fx.reg, fx.hon_quan.sha256);
  EXPECT_EQ((*all)[0].old_value, "Hớn Quản");
}

TEST_P(CorrectionsTest, TaskDeadlineCorrectionChangesTheListAndRaisesRevision) {
  Fixture fx(NewRegistryLocation());
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

TEST_P(CorrectionsTest, BadRequestsAreRefusedAndNothingIsRecorded) {
  Fixture fx(NewRegistryLocation());
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

TEST_P(CorrectionsTest, CorrectionsSurviveReExtraction) {
  Fixture fx(NewRegistryLocation());
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

// The line form of the references of 1138/UBND-NC as registered (what a clerk sees in the form).
std::string HonQuanReferenceLines() {
  return "Công văn số 1763/UBND-NC ngày 31/05/2023\nTờ trình số 564/TTr-PNV ngày 06/06/2023\n"
         "Quyết định số 09/QĐ-UBND ngày 13/01/2023\nBáo cáo số 138/BC-UBND ngày 27/04/2023\n"
         "Thông báo số 54/TB-UBND ngày 30/03/2023\nNghị định số 167/2017/NĐ-CP ngày 31/12/2017";
}

// The rows of the addressees table of a letter: name and name_key, in order.
std::vector<std::pair<std::string, std::string>> AddresseeRows(Registry& reg, std::int64_t id) {
  std::vector<std::pair<std::string, std::string>> rows;
  EXPECT_TRUE(ForEachRowOf(reg.db(),
                           "SELECT name, name_key FROM addressees WHERE document_id = ?1 "
                           "ORDER BY position",
                           id, [&](const Statement& row) {
                             rows.emplace_back(row.ColumnText(0), row.ColumnText(1));
                           }).ok());
  return rows;
}

TEST_P(CorrectionsTest, AddresseesAreReplacedWithKeysJsonAndHistory) {
  Fixture fx(NewRegistryLocation());
  Result<Correction> c = Correct(
      *fx.reg,
      {fx.id, std::nullopt, "addressees",
       "- Phòng Nội vụ huyện;\r\n\n  Văn phòng HĐND và UBND huyện.\nUBND các xã; thị trấn\n", "chi-lan"},
      June20());
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->old_value, "Các cơ quan chuyên môn thuộc UBND huyện\nCác đơn vị sự nghiệp thuộc UBND "
                          "huyện\nVăn phòng Đăng ký quyền sử dụng đất huyện\nChi cục thuế Bình Long "
                          "— Hớn Quản\nUBND các xã, thị trấn thuộc huyện");
  // Bullets, closing marks and empty lines dropped; ';' separates items like a line break.
  EXPECT_EQ(c->new_value, "Phòng Nội vụ huyện\nVăn phòng HĐND và UBND huyện\nUBND các xã\nthị trấn");
  EXPECT_EQ(c->who, "chi-lan");

  const std::vector<std::pair<std::string, std::string>> rows = AddresseeRows(*fx.reg, fx.id);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].first, "Phòng Nội vụ huyện");
  EXPECT_EQ(rows[0].second, fx.reg->folder().Key("Phòng Nội vụ huyện"));
  EXPECT_EQ(rows[3].first, "thị trấn");
  const DocumentRecord raw = **fx.reg->Find(fx.id);  // the rows, without the overlay
  EXPECT_EQ(raw.addressees.size(), 4u);
  EXPECT_EQ(nlohmann::json::parse(raw.fields_json)["addressees"],
            nlohmann::json({"Phòng Nội vụ huyện", "Văn phòng HĐND và UBND huyện", "UBND các xã",
                            "thị trấn"}));

  // An empty list is a correction too: the letter had no "Kính gửi" after all.
  Result<Correction> cleared =
      Correct(*fx.reg, {fx.id, std::nullopt, "addressees", " \n\n", "anh-minh"}, June20());
  ASSERT_TRUE(cleared.ok()) << cleared.status().message();
  EXPECT_EQ(cleared->old_value, c->new_value);
  EXPECT_EQ(cleared->new_value, "");
  EXPECT_TRUE(AddresseeRows(*fx.reg, fx.id).empty());
  EXPECT_EQ(nlohmann::json::parse(fx.Read().fields_json)["addressees"], nlohmann::json::array());
  EXPECT_EQ(ListCorrections(*fx.reg, fx.hon_quan.sha256)->size(), 2u);
}

TEST_P(CorrectionsTest, ReferencesAreReplacedAndLinkedToRegisteredLetters) {
  Fixture fx(NewRegistryLocation());
  const DocumentRecord tan_dong = testdata::GoldRecords()[1];  // 1532/UBND-VP of 2023-11-14
  const std::int64_t tan_dong_id = fx.reg->Add(tan_dong)->id;
  Result<Correction> c = Correct(*fx.reg,
                                 {fx.id, std::nullopt, "references",
                                  "Công văn số 1532/UBND-VP ngày 14/11/2023\n"
                                  "Kế hoạch 67-KH/HU\n"  // no "số": the last word is the number
                                  "Công văn số 1532/UBND-VP ngày 2022-11-14\n",  // another year
                                  "local"},
                                 June20());
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->old_value, HonQuanReferenceLines());
  EXPECT_EQ(c->new_value,
            "Công văn số 1532/UBND-VP ngày 14/11/2023\nKế hoạch số 67-KH/HU\n"
            "Công văn số 1532/UBND-VP ngày 14/11/2022");

  const DocumentRecord raw = **fx.reg->Find(fx.id);
  ASSERT_EQ(raw.references.size(), 3u);
  EXPECT_EQ(raw.references[0].ref, "1532/UBND-VP");
  EXPECT_EQ(raw.references[0].date, "2023-11-14");
  EXPECT_EQ(raw.references[0].type, "Công văn");
  EXPECT_EQ(raw.references[0].cited_document_id, tan_dong_id);  // linked as registration links
  EXPECT_EQ(raw.references[1].type, "Kế hoạch");
  EXPECT_EQ(raw.references[1].date, "");
  EXPECT_EQ(raw.references[1].cited_document_id, 0);
  EXPECT_EQ(raw.references[2].cited_document_id, 0);  // same number, another year: not that one
  const nlohmann::json refs = nlohmann::json::parse(raw.fields_json)["references"];
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(refs[0], nlohmann::json({{"ref", "1532/UBND-VP"}, {"date", "2023-11-14"},
                                     {"type", "Công văn"}}));
  EXPECT_TRUE(refs[1]["date"].is_null());
  // The overlay links the same way.
  EXPECT_EQ(fx.Read().references[0].cited_document_id, tan_dong_id);
}

TEST_P(CorrectionsTest, CooperatingBodiesOfATaskAreCorrected) {
  Fixture fx(NewRegistryLocation());
  const DocumentRecord before = **fx.reg->Find(fx.id);
  const TaskRecord& task = before.tasks[2];
  const int revision = GetTask(*fx.reg, task.id, June20())->task.revision;
  Result<Correction> c = Correct(
      *fx.reg, {fx.id, task.id, "cooperating", "Phòng Tư pháp\nCông an huyện", "local"}, June20());
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->task_position, 2);
  EXPECT_EQ(c->new_value, "Phòng Tư pháp\nCông an huyện");

  // The task list reads the row: the bodies and a raised revision (calendars update the event).
  Result<TaskView> v = GetTask(*fx.reg, task.id, June20());
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->task.cooperating, (std::vector<std::string>{"Phòng Tư pháp", "Công an huyện"}));
  EXPECT_EQ(v->task.revision, revision + 1);
  bool listed = false;
  Result<std::vector<TaskView>> tasks = ListTasks(*fx.reg, TaskFilter{}, June20());
  ASSERT_TRUE(tasks.ok()) << tasks.status().ToString();
  for (const TaskView& t : *tasks) listed |= t.task.id == task.id && t.task.cooperating.size() == 2;
  EXPECT_TRUE(listed);
  EXPECT_EQ(nlohmann::json::parse(fx.Read().fields_json)["tasks"][2]["cooperating"],
            nlohmann::json({"Phòng Tư pháp", "Công an huyện"}));
}

TEST_P(CorrectionsTest, BadListsAreRefusedWithTheReasonAndNothingIsRecorded) {
  Fixture fx(NewRegistryLocation());
  const std::int64_t task = (**fx.reg->Find(fx.id)).tasks[0].id;
  std::string many;
  for (std::size_t i = 0; i <= kMaxListItems; ++i) many += "Phòng " + std::to_string(i) + "\n";
  const struct {
    CorrectionRequest request;
    Code code;
    const char* reason;
  } bad[] = {
      {{fx.id, std::nullopt, "addressees", many, "local"}, Code::kInvalidInput, "tối đa 100"},
      {{fx.id, std::nullopt, "addressees", "Phòng A\n" + std::string(kMaxListItemBytes + 1, 'a'), "local"},
       Code::kInvalidInput, "Mục 2 dài quá 500 byte"},
      {{fx.id, std::nullopt, "addressees", std::string(kMaxListCorrectionBytes + 1, '\n'), "local"},
       Code::kInvalidInput, "dài quá"},
      {{fx.id, std::nullopt, "addressees", "Phòng A\nPhòng\x01 B", "local"}, Code::kInvalidInput,
       "Mục 2 chứa ký tự điều khiển"},
      {{fx.id, std::nullopt, "addressees", "Phòng\rB", "local"}, Code::kInvalidInput,
       "ký tự điều khiển"},
      {{fx.id, task, "cooperating", "Phòng\x7f B", "local"}, Code::kInvalidInput, "ký tự điều khiển"},
      {{fx.id, std::nullopt, "references", "Công văn số 5/UBND ngày 31/2/2023", "local"},
       Code::kInvalidInput, "không phải ngày"},
      {{fx.id, std::nullopt, "references", "Công văn số ngày 1/2/2023", "local"}, Code::kInvalidInput,
       "thiếu số văn bản"},
      {{fx.id, std::nullopt, "references", HonQuanReferenceLines(), "local"}, Code::kInvalidInput,
       "không thay đổi"},
      {{fx.id, std::nullopt, "recipients", "Phòng A", "local"}, Code::kInvalidInput,
       "không phải trường sửa được"},
      {{fx.id, std::nullopt, "cooperating", "Phòng A", "local"}, Code::kInvalidInput,
       "không phải trường"},  // a task's list on the letter
      {{fx.id, task, "addressees", "Phòng A", "local"}, Code::kInvalidInput, "không phải trường"},
      {{fx.id, task + 10000, "cooperating", "Phòng A", "local"}, Code::kNotFound, "không có nhiệm vụ"},
  };
  for (const auto& [request, code, reason] : bad) {
    Result<Correction> c = Correct(*fx.reg, request, June20());
    ASSERT_FALSE(c.ok()) << request.field << "=" << request.value.substr(0, 80);
    EXPECT_EQ(c.status().code(), code) << c.status().message();
    EXPECT_NE(c.status().message().find(reason), std::string::npos) << c.status().message();
    EXPECT_EQ(c.status().message().find('\n'), std::string::npos) << c.status().message();
  }
  EXPECT_TRUE(ListCorrections(*fx.reg, fx.hon_quan.sha256)->empty());
  EXPECT_EQ(AddresseeRows(*fx.reg, fx.id).size(), fx.hon_quan.addressees.size());
}

TEST_P(CorrectionsTest, ListCorrectionsSurviveReExtraction) {
  Fixture fx(NewRegistryLocation());
  const std::int64_t tan_dong_id = fx.reg->Add(testdata::GoldRecords()[1])->id;
  ASSERT_TRUE(Correct(*fx.reg, {fx.id, std::nullopt, "addressees", "Phòng Nội vụ\nPhòng Tư pháp",
                                "local"}, June20()).ok());
  ASSERT_TRUE(Correct(*fx.reg, {fx.id, std::nullopt, "references",
                                "Công văn số 1532/UBND-VP ngày 14/11/2023", "local"}, June20()).ok());
  const std::int64_t task = (**fx.reg->Find(fx.id)).tasks[1].id;
  ASSERT_TRUE(Correct(*fx.reg, {fx.id, task, "cooperating", "Công an huyện", "local"}, June20()).ok());

  ASSERT_TRUE(*fx.reg->Delete(fx.id));
  Result<AddOutcome> again = fx.reg->Add(fx.hon_quan);
  ASSERT_TRUE(again.ok());
  fx.id = again->id;
  EXPECT_EQ((**fx.reg->Find(fx.id)).addressees, fx.hon_quan.addressees);  // as extracted

  // The overlay at once…
  const DocumentRecord read = fx.Read();
  EXPECT_EQ(read.addressees, (std::vector<std::string>{"Phòng Nội vụ", "Phòng Tư pháp"}));
  ASSERT_EQ(read.references.size(), 1u);
  EXPECT_EQ(read.references[0].cited_document_id, tan_dong_id);
  EXPECT_EQ(read.tasks[1].cooperating, std::vector<std::string>{"Công an huyện"});

  // …and the rows once reapplied.
  Result<int> applied = ReapplyCorrections(*fx.reg, fx.id, June20());
  ASSERT_TRUE(applied.ok()) << applied.status().message();
  EXPECT_EQ(*applied, 3);
  const DocumentRecord raw = **fx.reg->Find(fx.id);
  EXPECT_EQ(raw.addressees, (std::vector<std::string>{"Phòng Nội vụ", "Phòng Tư pháp"}));
  EXPECT_EQ(AddresseeRows(*fx.reg, fx.id)[1].second, fx.reg->folder().Key("Phòng Tư pháp"));
  ASSERT_EQ(raw.references.size(), 1u);
  EXPECT_EQ(raw.references[0].cited_document_id, tan_dong_id);
  EXPECT_EQ(nlohmann::json::parse(raw.fields_json)["references"][0]["ref"], "1532/UBND-VP");
  EXPECT_EQ(raw.tasks[1].cooperating, std::vector<std::string>{"Công an huyện"});
  EXPECT_EQ(ListCorrections(*fx.reg, fx.hon_quan.sha256)->size(), 3u);
}

// A corrected letter reads the same on PostgreSQL as on SQLite, its fields JSON byte for byte
// (`show --json` prints it in its own key order), the history and the overlay alike.
TEST_P(CorrectionsTest, TheSameCorrectionsGiveTheSameLetterAsOnSqlite) {
  if (!postgres()) GTEST_SKIP() << "compares PostgreSQL with SQLite";
  Fixture on_postgres(NewRegistryLocation());
  Fixture on_sqlite;
  for (Fixture* fx : {&on_postgres, &on_sqlite}) {
    const DocumentRecord doc = **fx->reg->Find(fx->id);
    const std::vector<CorrectionRequest> requests = {
        {fx->id, std::nullopt, "doc_ref", "1139/UBND-NC", "chi-lan"},
        {fx->id, std::nullopt, "issuer", "UBND huyện Hớn Quản", "chi-lan"},
        {fx->id, std::nullopt, "place", "", "chi-lan"},
        {fx->id, std::nullopt, "addressees", "Phòng Nội vụ\nPhòng Tư pháp", "chi-lan"},
        {fx->id, std::nullopt, "references", "Kế hoạch số 67-KH/HU ngày 10/01/2022", "chi-lan"},
        {fx->id, doc.tasks[0].id, "assignee", "Phòng Nội vụ huyện", "anh-minh"},
        {fx->id, doc.tasks[1].id, "due_date", "20/7/2023", "anh-minh"},
        {fx->id, doc.tasks[1].id, "due_time", "09:30", "anh-minh"},
        {fx->id, doc.tasks[2].id, "cooperating", "Công an huyện", "anh-minh"}};
    for (const CorrectionRequest& r : requests) {
      Result<Correction> c = Correct(*fx->reg, r, June20());
      ASSERT_TRUE(c.ok()) << r.field << ": " << c.status().ToString();
    }
  }
  const DocumentRecord p = **on_postgres.reg->Find(on_postgres.id);
  const DocumentRecord s = **on_sqlite.reg->Find(on_sqlite.id);
  EXPECT_EQ(p.fields_json, s.fields_json);
  EXPECT_EQ(p.doc_ref, "1139/UBND-NC");
  EXPECT_EQ(p.issuer, s.issuer);
  EXPECT_EQ(p.addressees, s.addressees);
  ASSERT_EQ(p.tasks.size(), s.tasks.size());
  for (std::size_t i = 0; i < s.tasks.size(); ++i) {
    EXPECT_EQ(p.tasks[i].assignee, s.tasks[i].assignee) << i;
    EXPECT_EQ(p.tasks[i].assignee_key, s.tasks[i].assignee_key) << i;
    EXPECT_EQ(p.tasks[i].due_date, s.tasks[i].due_date) << i;
    EXPECT_EQ(p.tasks[i].due_time, s.tasks[i].due_time) << i;
    EXPECT_EQ(p.tasks[i].cooperating, s.tasks[i].cooperating) << i;
    EXPECT_EQ(p.tasks[i].revision, s.tasks[i].revision) << i;
  }
  Result<std::vector<Correction>> pc = ListCorrections(*on_postgres.reg, p.sha256);
  Result<std::vector<Correction>> sc = ListCorrections(*on_sqlite.reg, s.sha256);
  ASSERT_EQ(pc->size(), sc->size());
  for (std::size_t i = 0; i < sc->size(); ++i) {
    EXPECT_EQ((*pc)[i].old_value, (*sc)[i].old_value) << (*sc)[i].field;
    EXPECT_EQ((*pc)[i].new_value, (*sc)[i].new_value) << (*sc)[i].field;
  }
  // The corrected words are found: the issuer filter and the assignee filter follow the keys.
  for (const char* q : {"1139", "co-quan:\"UBND huyện Hớn Quản\"", "don-vi:\"noi vu huyen\""}) {
    Result<SearchResults> found = Search(*on_postgres.reg, q, June20());
    ASSERT_TRUE(found.ok()) << q << ": " << found.status().ToString();
    EXPECT_FALSE(found->documents.empty()) << q;
  }
}

CONGVAN_ON_BOTH_BACKENDS(CorrectionsTest);

}  // namespace
}  // namespace congvan::registry
