// HTTP tests of the long lists (the start page's letters, /tasks) a page at a time, sorted and
// filtered; a letter's files (download, print view, a second file of the same letter) and
// deleting a letter. A real Server over a real SQLite file: 60 letters made from the five real
// devset letters (numbers, issuers, dates varied, as bench/registry_scale.cc does), real letters
// and a real scan read by the real pipeline.
#include <gtest/gtest.h>
#include <httplib.h>
#include <leptonica/allheaders.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/pix.h"
#include "base/sha256.h"
#include "pipeline/pipeline.h"
#include "registry/deletions.h"
#include "registry/gold_letters_for_test.h"
#include "registry/paging.h"
#include "registry/registry.h"
#include "support/testing.h"
#include "web/documents.h"
#include "web/lists.h"
#include "web/server.h"
#include "web/test_letters.h"
#include "web/test_server.h"

namespace congvan::web {
namespace {

namespace fs = std::filesystem;
using congvan::testing::ReadFile;
using congvan::testing::TempDir;
using congvan::testing::TestData;
using test::RunningServer;
using nlohmann::json;

registry::TimePoint Now() { return std::chrono::system_clock::now(); }


// The letter list's count line for `n` letters.
std::string Count(std::int64_t n) { return "<p class=\"meta count\">" + std::to_string(n) + " văn bản</p>"; }

// The ids of the letter rows of a page, in order.
std::vector<std::int64_t> RowIds(const std::string& html, const std::string& row_class) {
  std::vector<std::int64_t> ids;
  const std::regex row("<tr class=\"" + row_class + "[^\"]*\" data-(?:doc|task)=\"(\\d+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), row); it != std::sregex_iterator(); ++it) {
    ids.push_back(std::stoll((*it)[1].str()));
  }
  return ids;
}

class ListsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = (dir_->path() / "registry.db").string();
    auto reg = registry::Registry::Open(db_);
    ASSERT_TRUE(reg.ok());
    const std::vector<registry::DocumentRecord> gold = registry::testdata::GoldRecords();
    const char* issuers[] = {"UBND huyện Bình Sơn", "Sở Nội vụ", "Ủy ban nhân dân tỉnh Quảng Ngãi"};
    std::vector<registry::DocumentRecord> letters;
    for (int n = 0; n < 60; ++n) {
      registry::DocumentRecord d = gold[n % gold.size()];
      d.doc_ref = std::to_string(n * 37 % 97 + 1) + d.doc_ref.substr(std::min(d.doc_ref.size(), d.doc_ref.find('/')));
      d.issuer = issuers[n % 3];
      d.date = "2023-" + std::string(n % 12 < 9 ? "0" : "") + std::to_string(1 + n % 12) + "-" +
               std::to_string(10 + n % 19);
      d.sha256 = Sha256Hex(d.text + "#" + std::to_string(n));
      d.path = "letter-" + std::to_string(n) + ".txt";
      letters.push_back(std::move(d));
    }
    Result<std::vector<registry::AddOutcome>> added = (*reg)->AddAll(letters);
    ASSERT_TRUE(added.ok()) << added.status().message();
    // A real letter through the real pipeline, its task longer than the 200-character summary.
    std::vector<std::int64_t> ids;
    test::RegisterAll(db_, {TestData("realscans/real_cv_3722_metro_p1.txt").string()}, ids);
    real_id_ = ids.at(0);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override { server_ = std::make_unique<RunningServer>(db_); }
  void TearDown() override { server_.reset(); }

  httplib::Client Client() const { return server_->Client(); }
  std::unique_ptr<registry::Registry> Registry() const {
    auto reg = registry::Registry::Open(db_);
    EXPECT_TRUE(reg.ok());
    return std::move(*reg);
  }

  static TempDir* dir_;
  static std::string db_;
  static std::int64_t real_id_;
  std::unique_ptr<RunningServer> server_;
};
TempDir* ListsTest::dir_ = nullptr;
std::string ListsTest::db_;
std::int64_t ListsTest::real_id_ = 0;

TEST_F(ListsTest, StartPageListsLettersAPageAtATimeInTheOrderChosen) {
  auto reg = Registry();
  const std::int64_t total = *registry::CountLetters(*reg, {}, Now());
  ASSERT_GT(total, kLettersPerPage);
  const std::int64_t pages = (total + kLettersPerPage - 1) / kLettersPerPage;
  const std::string of = "Trang 1/" + std::to_string(pages);

  httplib::Result home = Client().Get("/");
  ASSERT_TRUE(home);
  ASSERT_EQ(home->status, 200);
  EXPECT_NE(home->body.find(Count(total)), std::string::npos);
  EXPECT_NE(home->body.find(of), std::string::npos);
  EXPECT_NE(home->body.find("Trang sau ›"), std::string::npos);
  EXPECT_EQ(home->body.find("‹ Trang trước"), std::string::npos);
  // Newest arrival first, as the registry orders them.
  Result<std::vector<registry::LetterRow>> first = registry::ListLetters(
      *reg, {}, registry::LetterSort::kArrival, true, 0, kLettersPerPage, Now());
  ASSERT_TRUE(first.ok());
  std::vector<std::int64_t> expected;
  for (const registry::LetterRow& r : *first) expected.push_back(r.id);
  EXPECT_EQ(RowIds(home->body, "letter"), expected);
  // Headings sort: by number, ascending first; the current one is marked.
  EXPECT_NE(home->body.find("href=\"/?sap=so&amp;chieu=tang\""), std::string::npos);
  EXPECT_NE(home->body.find("aria-sort=\"descending\""), std::string::npos);

  // Page 2 by number: the rows after page 1's, none twice.
  httplib::Result p1 = Client().Get("/?sap=so&chieu=tang");
  httplib::Result p2 = Client().Get("/?sap=so&chieu=tang&trang=2");
  ASSERT_EQ(p2->status, 200);
  EXPECT_NE(p2->body.find("Trang 2/" + std::to_string(pages)), std::string::npos);
  EXPECT_NE(p2->body.find("‹ Trang trước"), std::string::npos);
  std::vector<std::int64_t> both = RowIds(p1->body, "letter");
  const std::vector<std::int64_t> second = RowIds(p2->body, "letter");
  both.insert(both.end(), second.begin(), second.end());
  Result<std::vector<registry::LetterRow>> all =
      registry::ListLetters(*reg, {}, registry::LetterSort::kRef, false, 0, 1000, Now());
  std::vector<std::int64_t> all_ids;
  for (const registry::LetterRow& r : *all) all_ids.push_back(r.id);
  EXPECT_EQ(std::vector<std::int64_t>(all_ids.begin(), all_ids.begin() + std::min<std::size_t>(all_ids.size(), both.size())), both);
}

TEST_F(ListsTest, FiltersAreKeptAcrossPagesAndSorting) {
  httplib::Result r = Client().Get("/?co-quan=so%20noi%20vu&sap=ngay");
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find(Count(20)), std::string::npos) << "60 letters, every third from Sở Nội vụ";
  for (const std::int64_t id : RowIds(r->body, "letter")) {
    auto doc = Registry()->Find(id);
    EXPECT_EQ((*doc)->issuer, "Sở Nội vụ");
  }
  // The sort links keep the filter; the filter form keeps the order.
  EXPECT_NE(r->body.find("href=\"/?co-quan=so%20noi%20vu&amp;sap=so&amp;chieu=tang\""), std::string::npos);
  EXPECT_NE(r->body.find("<input type=\"hidden\" name=\"sap\" value=\"ngay\">"), std::string::npos);
  // Dates and the urgency filter.
  httplib::Result dated = Client().Get("/?tu=1/3/2023&den=31/3/2023");
  ASSERT_EQ(dated->status, 200);
  EXPECT_NE(dated->body.find(Count(5)), std::string::npos);
  httplib::Result urgent = Client().Get("/?do-khan=hoa-toc");
  ASSERT_EQ(urgent->status, 200);
  EXPECT_NE(urgent->body.find(Count(0)), std::string::npos);
  // A paged, filtered task list keeps its filter in the pager.
  httplib::Result tasks = Client().Get("/tasks?co-quan=so%20noi%20vu&sap=don-vi");
  ASSERT_EQ(tasks->status, 200);
  EXPECT_NE(tasks->body.find("href=\"/tasks?co-quan=so%20noi%20vu&amp;sap=don-vi&amp;trang=2\""),
            std::string::npos);
}

TEST_F(ListsTest, BadPageSortAndFilterGiveAClearAnswerNeverAnError) {
  auto reg = Registry();
  const std::int64_t total = *registry::CountLetters(*reg, {}, Now());
  const std::string last = "Trang " + std::to_string((total + kLettersPerPage - 1) / kLettersPerPage) + "/";
  for (const char* page : {"-1", "0", "abc", "1e3", "99999999999999999999999"}) {
    httplib::Result r = Client().Get(std::string("/?trang=") + page);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << page;
    EXPECT_NE(r->body.find("Trang 1/"), std::string::npos) << page;
  }
  httplib::Result far = Client().Get("/?trang=1000000000000");
  EXPECT_EQ(far->status, 200);
  EXPECT_NE(far->body.find(last), std::string::npos);
  httplib::Result far_tasks = Client().Get("/tasks?trang=1000000000000&sap=van-ban&chieu=giam");
  EXPECT_EQ(far_tasks->status, 200);
  EXPECT_EQ(far_tasks->body.find("Trang sau ›"), std::string::npos);  // the last page
  httplib::Result sort = Client().Get("/?sap=%3Cscript%3E&chieu=ngang");
  EXPECT_EQ(sort->status, 200);
  EXPECT_NE(sort->body.find("Không có cách sắp xếp &quot;&lt;script&gt;&quot;; danh sách được sắp theo Ngày đến."),
            std::string::npos);
  httplib::Result task_sort = Client().Get("/tasks?sap=rubbish");
  EXPECT_EQ(task_sort->status, 200);
  EXPECT_NE(task_sort->body.find("danh sách được sắp theo Hạn."), std::string::npos);
  httplib::Result date = Client().Get("/?tu=31/6/2023");
  EXPECT_EQ(date->status, 400);
  EXPECT_NE(date->body.find("Từ ngày: &quot;31/6/2023&quot; không phải ngày (dd/mm/yyyy)."), std::string::npos);
  httplib::Result urgency = Client().Get("/?do-khan=rat-khan");
  EXPECT_EQ(urgency->status, 400);
  EXPECT_NE(urgency->body.find("Độ khẩn &quot;rat-khan&quot; không có"), std::string::npos);
  httplib::Result state = Client().Get("/tasks?trang-thai=xong");
  EXPECT_EQ(state->status, 400);
  EXPECT_NE(state->body.find("Không có trạng thái &quot;xong&quot;"), std::string::npos);
  httplib::Result due = Client().Get("/tasks?han-den=30/2/2024");
  EXPECT_EQ(due->status, 400);
  httplib::Result words = Client().Get("/?co-quan=%21%21");
  EXPECT_EQ(words->status, 400);
  EXPECT_NE(words->body.find("không có từ nào"), std::string::npos);
}

TEST_F(ListsTest, SearchResultsComeTwentyAPage) {
  httplib::Result first = Client().Get("/?q=ubnd");
  ASSERT_EQ(first->status, 200);
  EXPECT_NE(first->body.find("<h2>Văn bản (20)</h2>"), std::string::npos);
  EXPECT_NE(first->body.find("<a rel=\"next\" href=\"/?q=ubnd&amp;trang=2\">Trang sau ›</a>"),
            std::string::npos);
  httplib::Result second = Client().Get("/?q=ubnd&trang=2");
  ASSERT_EQ(second->status, 200);
  EXPECT_NE(second->body.find("<span class=\"page-of\">Trang 2</span>"), std::string::npos);
  EXPECT_NE(second->body.find("‹ Trang trước"), std::string::npos);
  // Pages of results do not repeat a letter.
  const std::regex hit("<li class=\"hit\"><div class=\"doc-line\"><a class=\"doc-title\" href=\"/documents/(\\d+)\"");
  std::set<std::string> ids;
  std::size_t hits = 0;
  for (const std::string* body : {&first->body, &second->body}) {
    for (auto it = std::sregex_iterator(body->begin(), body->end(), hit); it != std::sregex_iterator(); ++it) {
      ids.insert((*it)[1].str());
      ++hits;
    }
  }
  EXPECT_GT(hits, 20u);
  EXPECT_EQ(ids.size(), hits);
  EXPECT_EQ(Client().Get("/?q=ubnd&trang=-3")->status, 200);
}

TEST_F(ListsTest, TaskListPagesCountEveryTaskAndSortByColumn) {
  auto reg = Registry();
  const std::int64_t total = *registry::CountTasks(*reg, {}, Now());
  const std::int64_t pages = (total + kTasksPerPage - 1) / kTasksPerPage;
  httplib::Result r = Client().Get("/tasks");
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("Tất cả nhiệm vụ (" + std::to_string(total) + ")"), std::string::npos);
  EXPECT_NE(r->body.find("Trang 1/" + std::to_string(pages)), std::string::npos);
  // The list's rows are the registry's first page by deadline.
  Result<std::vector<registry::TaskView>> first =
      registry::ListTaskPage(*reg, {}, registry::TaskSort::kDue, false, 0, kTasksPerPage, Now());
  std::vector<std::int64_t> expected;
  for (const registry::TaskView& v : *first) expected.push_back(v.task.id);
  const std::string all_section = r->body.substr(r->body.find("<section class=\"all-tasks\">"));
  EXPECT_EQ(RowIds(all_section, "task"), expected);
  // Sorting by unit, descending; the heading says so.
  httplib::Result by_unit = Client().Get("/tasks?sap=don-vi&chieu=giam&trang=3");
  ASSERT_EQ(by_unit->status, 200);
  Result<std::vector<registry::TaskView>> third = registry::ListTaskPage(
      *reg, {}, registry::TaskSort::kAssignee, true, 2 * kTasksPerPage, kTasksPerPage, Now());
  expected.clear();
  for (const registry::TaskView& v : *third) expected.push_back(v.task.id);
  const std::string unit_section = by_unit->body.substr(by_unit->body.find("<section class=\"all-tasks\">"));
  EXPECT_EQ(RowIds(unit_section, "task"), expected);
  EXPECT_NE(by_unit->body.find("aria-sort=\"descending\"><a class=\"sort\" href=\"/tasks?sap=don-vi&amp;chieu=tang\">Đơn vị thực hiện ▼"),
            std::string::npos);
  // The last page, read from the far end and turned round, holds the registry's last rows.
  httplib::Result last = Client().Get("/tasks?trang=" + std::to_string(pages));
  ASSERT_EQ(last->status, 200);
  Result<std::vector<registry::TaskView>> tail = registry::ListTaskPage(
      *reg, {}, registry::TaskSort::kDue, false, (pages - 1) * kTasksPerPage, kTasksPerPage, Now());
  expected.clear();
  for (const registry::TaskView& v : *tail) expected.push_back(v.task.id);
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(RowIds(last->body.substr(last->body.find("<section class=\"all-tasks\">")), "task"), expected);
}

TEST_F(ListsTest, TaskTextIsStoredWholeAndShownWithXemThem) {
  auto reg = Registry();
  Result<std::optional<registry::DocumentRecord>> doc = reg->Find(real_id_);
  ASSERT_TRUE(doc.ok() && doc->has_value());
  ASSERT_FALSE((*doc)->tasks.empty());
  const std::string& action = (*doc)->tasks[0].action;
  // The whole paragraph of the letter, not the 200-character summary with " ...".
  EXPECT_GT(action.size(), 400u) << action;
  EXPECT_EQ(action.find(" ..."), std::string::npos) << action;
  EXPECT_NE(action.find("để báo cáo Thủ tướng Chính phủ"), std::string::npos) << action;
  httplib::Result page = Client().Get("/documents/" + std::to_string(real_id_));
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<summary>… xem thêm</summary>"), std::string::npos);
  // The correction box holds the whole text.
  EXPECT_NE(page->body.find("để báo cáo Thủ tướng Chính phủ.</textarea>"), std::string::npos);
  // One "Sửa" per section (fields, Kính gửi, each task, references), none per value.
  const std::size_t sections = 3 + (*doc)->tasks.size();
  const std::regex edit("<button type=\"button\" class=\"edit\"");
  EXPECT_EQ(static_cast<std::size_t>(std::distance(
                std::sregex_iterator(page->body.begin(), page->body.end(), edit), std::sregex_iterator())),
            sections);
  const std::regex form("<form class=\"correct\"");
  EXPECT_GT(static_cast<std::size_t>(std::distance(
                std::sregex_iterator(page->body.begin(), page->body.end(), form), std::sregex_iterator())),
            sections);
}

TEST_F(ListsTest, OriginalDownloadsWithItsTypeAndVietnameseNameAndPrints) {
  const std::string id = std::to_string(real_id_);
  httplib::Result r = Client().Get("/documents/" + id + "/ban-goc");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(r->body, ReadFile(TestData("realscans/real_cv_3722_metro_p1.txt")));
  const std::string disposition = r->get_header_value("Content-Disposition");
  EXPECT_NE(disposition.find("attachment; filename=\""), std::string::npos) << disposition;
  // "3722/VPCP-CN" names the file, the slash made a dash: without marks in filename=, with them
  // in filename*= (httplib's client percent-decodes header values, so it reads them decoded).
  EXPECT_NE(disposition.find("filename=\"cong-van-3722-vpcp-cn.txt\""), std::string::npos) << disposition;
  EXPECT_NE(disposition.find("filename*=UTF-8''Công văn 3722-VPCP-CN.txt"), std::string::npos) << disposition;
  // As sent: RFC 5987 percent-encoding of the UTF-8 bytes.
  EXPECT_EQ(ContentDisposition("attachment", "Công văn 1138-UBND-NC.pdf"),
            "attachment; filename=\"cong-van-1138-ubnd-nc.pdf\"; "
            "filename*=UTF-8''C%C3%B4ng%20v%C4%83n%201138-UBND-NC.pdf");
  EXPECT_EQ(Client().Get("/documents/999999/ban-goc")->status, 404);
  // A file of another letter is not this letter's.
  auto other = Registry()->Find(real_id_ - 1);
  httplib::Result wrong = Client().Get("/documents/" + id + "/ban-goc/" + (*other)->sha256);
  EXPECT_EQ(wrong->status, 404);
  EXPECT_NE(wrong->body.find("không có tệp này"), std::string::npos);
  httplib::Result print = Client().Get("/documents/" + id + "/in");
  ASSERT_EQ(print->status, 200);
  EXPECT_NE(print->body.find("class=\"print-view\""), std::string::npos);
  EXPECT_NE(print->body.find("Phạm Mạnh Cường"), std::string::npos);
  EXPECT_EQ(print->body.find("<nav>"), std::string::npos);
  httplib::Result page = Client().Get("/documents/" + id);
  EXPECT_NE(page->body.find("href=\"/documents/" + id + "/ban-goc\">Tải bản gốc"), std::string::npos);
  EXPECT_NE(page->body.find("href=\"/documents/" + id + "/in\">In bản gốc"), std::string::npos);
}

TEST_F(ListsTest, DeletedLetterLeavesListsSearchAndCalendarAndIsRestoredByTheCli) {
  auto reg = Registry();
  const std::int64_t before = *registry::CountLetters(*reg, {}, Now());
  Result<std::optional<registry::DocumentRecord>> doc = reg->Find(3);
  ASSERT_TRUE(doc.ok() && doc->has_value());
  const std::string sha = (*doc)->sha256;
  httplib::Result calendar = Client().Get("/calendar.ics");
  const std::string uid = sha.substr(0, 16) + "-";  // calendar UIDs name the letter
  ASSERT_NE(calendar->body.find(uid), std::string::npos);

  // Guarded as every write: no CSRF token, no deletion.
  EXPECT_EQ(Client().Post("/api/documents/3/delete", "{}", "application/json")->status, 403);
  httplib::Result r = Client().Post("/api/documents/3/delete", server_->Csrf(), "{}", "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  const json answer = json::parse(r->body);
  EXPECT_EQ(answer["deleted"], 3);
  EXPECT_EQ(answer["who"], "local");
  EXPECT_EQ(Client().Post("/api/documents/3/delete", server_->Csrf(), "{}", "application/json")->status, 404);

  EXPECT_EQ(Client().Get("/documents/3")->status, 404);
  httplib::Result home = Client().Get("/");
  EXPECT_NE(home->body.find(Count(before - 1)), std::string::npos);
  const std::vector<std::int64_t> rows = RowIds(home->body, "letter");
  EXPECT_EQ(std::count(rows.begin(), rows.end(), 3), 0);
  EXPECT_EQ(Client().Get("/calendar.ics")->body.find(uid), std::string::npos);
  const json found = json::parse(Client().Get("/api/search?q=so:" + (*doc)->doc_ref)->body);
  for (const json& d : found["documents"]) EXPECT_NE(d["id"], 3);

  // The administrator lists and restores it with the command line.
  const std::string cli = congvan::testing::CongvanBinary().string() + " restore --db " + db_;
  congvan::testing::CommandResult list = congvan::testing::RunCommand(cli);
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find((*doc)->doc_ref), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("local"), std::string::npos) << list.out;
  congvan::testing::CommandResult restore = congvan::testing::RunCommand(cli + " 3");
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  const std::int64_t new_id = std::stoll(restore.out.substr(restore.out.rfind(' ') + 1));
  EXPECT_EQ(Client().Get("/documents/" + std::to_string(new_id))->status, 200);
  EXPECT_NE(Client().Get("/calendar.ics")->body.find(uid), std::string::npos);
  EXPECT_NE(Client().Get("/")->body.find(Count(before)), std::string::npos);
  congvan::testing::CommandResult again = congvan::testing::RunCommand(cli + " 3");
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("Không có văn bản đã xóa nào từng mang số 3."), std::string::npos) << again.err;
}

// "Đến hạn trong 7 ngày tới" is today and the six days after: on Sunday 10/12/2023 a deadline
// on Thursday 14/12 is in it, one on 17/12 is not, a task done is not; "Tất cả nhiệm vụ" counts
// every task, those above included.
TEST(TasksPageTest, DueSoonIsTheNextSevenDays) {
  TempDir dir;
  auto reg = registry::Registry::Open((dir.path() / "r.db").string());
  ASSERT_TRUE(reg.ok());
  registry::DocumentRecord letter = registry::testdata::GoldRecords().at(2);
  letter.tasks.resize(5);
  const char* due[] = {"2023-12-09", "2023-12-10", "2023-12-14", "2023-12-16", "2023-12-17"};
  for (int i = 0; i < 5; ++i) {
    letter.tasks[i].due_date = due[i];
    letter.tasks[i].due_time = "";
    letter.tasks[i].recurrence = "";
  }
  Result<registry::AddOutcome> added = (*reg)->Add(letter);
  ASSERT_TRUE(added.ok());
  // 10:00 on Sunday 10/12/2023 in Viet Nam.
  const registry::TimePoint sunday =
      std::chrono::system_clock::from_time_t(1702177200);  // 2023-12-10T03:00:00Z
  Result<std::optional<registry::DocumentRecord>> doc = (*reg)->Find(added->id);
  std::vector<std::int64_t> ids;
  for (const registry::TaskRecord& t : (*doc)->tasks) ids.push_back(t.id);
  ASSERT_TRUE(registry::MarkDone(**reg, ids[3], "van-thu", "", sunday).ok());
  Result<ListSection> section = TaskListSection(**reg, {}, "/calendar.ics", "", sunday);
  ASSERT_TRUE(section.ok()) << section.status().message();
  const std::string& page = section->html;
  const std::size_t soon = page.find("Đến hạn trong 7 ngày tới (2)");
  ASSERT_NE(soon, std::string::npos) << page;
  const std::size_t all = page.find("Tất cả nhiệm vụ (5)");
  ASSERT_NE(all, std::string::npos);
  const std::string soon_html = page.substr(soon, all - soon);
  for (int in : {1, 2}) {
    EXPECT_NE(soon_html.find("data-task=\"" + std::to_string(ids[in]) + "\""), std::string::npos) << in;
  }
  for (int out : {0, 3, 4}) {
    EXPECT_EQ(soon_html.find("data-task=\"" + std::to_string(ids[out]) + "\""), std::string::npos) << out;
  }
}

// A real scan, then the same page as a TIFF (another file, the same letter): one letter with
// both files, each downloadable with its own type.
TEST(LetterFilesTest, TheSameLetterAsTiffAfterItsScanBecomesOneLetterWithBothFiles) {
  TempDir dir;
  const std::string db = (dir.path() / "registry.db").string();
  const fs::path png = TestData("realscans/real_cv_3722_metro_p1.png");
  PixPtr pix = AdoptPix(pixRead(png.c_str()));
  ASSERT_NE(pix, nullptr);
  const fs::path tiff = dir.path() / "cv-3722.tif";
  ASSERT_EQ(pixWrite(tiff.c_str(), pix.get(), IFF_TIFF_ZIP), 0);
  const std::string png_bytes = ReadFile(png), tiff_bytes = ReadFile(tiff);

  { auto reg = registry::Registry::Open(db); ASSERT_TRUE(reg.ok()); }
  RunningServer server(db);
  const httplib::Headers csrf = server.Csrf();
  httplib::Result first = server.Client().Post(
      "/api/upload", csrf, {{"file", png_bytes, "cv 3722.png", "image/png"}});
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 201) << first->body;
  const json a = json::parse(first->body);
  ASSERT_FALSE(a["doc_ref"].get<std::string>().empty()) << first->body;
  httplib::Result second = server.Client().Post(
      "/api/upload", csrf, {{"file", tiff_bytes, "cv 3722.tif", "image/tiff"}});
  ASSERT_TRUE(second);
  ASSERT_EQ(second->status, 201) << second->body;
  const json b = json::parse(second->body);
  EXPECT_EQ(b["id"], a["id"]);
  EXPECT_EQ(b["attached"], true);
  // Registered again: already there, still one letter.
  httplib::Result third = server.Client().Post(
      "/api/upload", csrf, {{"file", tiff_bytes, "cv 3722 (2).tif", "image/tiff"}});
  EXPECT_EQ(third->status, 200);
  EXPECT_EQ(json::parse(third->body)["already_registered"], true);
  auto reg = registry::Registry::Open(db);
  EXPECT_EQ(*(*reg)->Count(), 1);

  const std::string id = std::to_string(a["id"].get<std::int64_t>());
  httplib::Result page = server.Client().Get("/documents/" + id);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<h2>Tệp (2)</h2>"), std::string::npos);
  EXPECT_NE(page->body.find("cv_3722.tif"), std::string::npos);
  const std::string tiff_link = "/documents/" + id + "/ban-goc/" + Sha256Hex(tiff_bytes);
  EXPECT_NE(page->body.find(tiff_link), std::string::npos);
  httplib::Result got = server.Client().Get(tiff_link);
  ASSERT_EQ(got->status, 200);
  EXPECT_EQ(got->get_header_value("Content-Type"), "image/tiff");
  EXPECT_EQ(got->body, tiff_bytes);
  EXPECT_NE(got->get_header_value("Content-Disposition").find("(tiff).tif"), std::string::npos);
  httplib::Result original = server.Client().Get("/documents/" + id + "/ban-goc");
  EXPECT_EQ(original->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(original->body, png_bytes);
  // The print view shows the page image.
  EXPECT_NE(server.Client().Get("/documents/" + id + "/in")->body.find("/documents/" + id + "/pages/1.png"),
            std::string::npos);
}

}  // namespace
}  // namespace congvan::web
