// HTTP tests of the clerk's register of incoming letters (/so-den and its downloads) and the
// review queue ("Cần kiểm tra" on the start page, POST /api/documents/ID/reviewed): a real
// Server over a real SQLite file filled by the real pipeline from real letters.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdio>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "pipeline/pipeline.h"
#include "registry/book.h"
#include "registry/registry.h"
#include "registry/review.h"
#include "support/testing.h"
#include "web/json_views.h"
#include "web/pages.h"
#include "web/server.h"
#include "web/test_letters.h"

namespace congvan::web {
namespace {

using congvan::testing::ReadFile;
using congvan::testing::TempDir;
using congvan::testing::TestData;
using nlohmann::json;

pipeline::Options PipelineOptions() {
  pipeline::Options o;
  o.workers = 1;
  return o;
}

class ClerkPagesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = (dir_->path() / "registry.db").string();
    const std::string restored = TestData("devset/restored").string();
    // A letter whose number line is gone: the extraction asks a clerk to check it.
    std::string unnumbered = ReadFile(restored + "/001_b8c21598dec75cc1.txt");
    const std::size_t so = unnumbered.find("Số: 1532");
    ASSERT_NE(so, std::string::npos);
    unnumbered.erase(so, unnumbered.find('\n', so) - so);
    congvan::testing::WriteFile(dir_->path() / "unnumbered.txt", unnumbered);
    const std::vector<std::string> files = {restored + "/002_aaae76cc2c3d2f2a.txt",
                                            (dir_->path() / "unnumbered.txt").string(),
                                            restored + "/004_7112368be621d645.txt"};
    test::RegisterAll(db_, files, ids_);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    ServerOptions o;
    o.db_path = db_;
    o.listen.port = 0;
    Result<std::unique_ptr<Server>> created = Server::Create(o, PipelineOptions());
    ASSERT_TRUE(created.ok()) << created.status().message();
    server_ = std::move(*created);
    thread_ = std::thread([this] { (void)server_->Run(); });
  }
  void TearDown() override {
    if (server_ == nullptr) return;
    server_->Stop();
    thread_.join();
  }

  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(60, 0);
    return c;
  }
  std::string Csrf() {
    return json::parse(Client().Get("/api/session")->body)["csrf_token"].get<std::string>();
  }
  std::int64_t QueueCount() {
    auto reg = registry::Registry::Open(db_);
    return *registry::ReviewQueueCount(**reg);
  }

  static TempDir* dir_;
  static std::string db_;
  static std::vector<std::int64_t> ids_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
};
TempDir* ClerkPagesTest::dir_ = nullptr;
std::string ClerkPagesTest::db_;
std::vector<std::int64_t> ClerkPagesTest::ids_;

// The register page lists every letter by arrival number, each number linking to its letter,
// with the form's columns, printable on A4 landscape; the home page links to it.
TEST_F(ClerkPagesTest, RegisterPageListsTheLettersByArrivalNumber) {
  httplib::Result home = Client().Get("/");
  ASSERT_TRUE(home);
  EXPECT_NE(home->body.find("href=\"/so-den\""), std::string::npos);

  httplib::Result page = Client().Get("/so-den");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_NE(page->body.find("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN NĂM "), std::string::npos);
  for (const char* column : {"Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu", "Ngày tháng",
                             "Tên loại và trích yếu nội dung", "Đơn vị hoặc người nhận",
                             "Ký nhận", "Ghi chú"}) {
    EXPECT_NE(page->body.find(std::string("<th>") + column + "</th>"), std::string::npos) << column;
  }
  for (std::size_t i = 0; i < ids_.size(); ++i) {
    const std::string link = "<a href=\"/documents/" + std::to_string(ids_[i]) + "\">" +
                             std::to_string(i + 1) + "</a>";
    EXPECT_NE(page->body.find(link), std::string::npos) << link;
  }
  EXPECT_NE(page->body.find("4464/UBND-NC"), std::string::npos);
  EXPECT_NE(page->body.find("href=\"/so-den.xlsx?nam="), std::string::npos);
  httplib::Result css = Client().Get("/assets/app.css");
  EXPECT_NE(css->body.find("size: A4 landscape"), std::string::npos);

  // A year with no letters, a range, and a bad date (one Vietnamese line, 400).
  httplib::Result empty = Client().Get("/so-den?nam=1999");
  EXPECT_EQ(empty->status, 200);
  EXPECT_NE(empty->body.find("Không có văn bản đến nào."), std::string::npos);
  httplib::Result bad = Client().Get("/so-den?tu=31/6/2025");
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("Từ ngày: &quot;31/6/2025&quot; không phải ngày (dd/mm/yyyy)."),
            std::string::npos) << bad->body;
}

TEST_F(ClerkPagesTest, RegisterDownloadsAsCsvWithBomAndAsXlsx) {
  httplib::Result csv = Client().Get("/so-den.csv");
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv->get_header_value("Content-Disposition").find("so-den.csv"), std::string::npos);
  EXPECT_EQ(csv->body.rfind("\xEF\xBB\xBF\"Ngày đến\",\"Số đến\"", 0), 0u);
  EXPECT_EQ(std::count(csv->body.begin(), csv->body.end(), '\n'), 1 + 3);

  httplib::Result xlsx = Client().Get("/so-den.xlsx?nam=1999");
  ASSERT_TRUE(xlsx);
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
  const std::string path = (dir_->path() / "down.xlsx").string();
  congvan::testing::WriteFile(path, xlsx->body);
  const congvan::testing::CommandResult r = congvan::testing::RunCommand(
      "python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("
      "\"xl/sharedStrings.xml\").decode())' " + congvan::testing::ShellQuote(path));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN NĂM 1999"), std::string::npos) << r.out;

  EXPECT_EQ(Client().Get("/so-den.csv?nam=abc")->status, 400);
}

// The start page shows the queue with its count and reasons; "Đã kiểm tra" (CSRF-guarded)
// takes the letter out, records who and when in its history, and a second time is refused.
TEST_F(ClerkPagesTest, ReviewQueueUntilTheClerkConfirms) {
  const std::int64_t unnumbered = ids_[1];
  const std::int64_t before = QueueCount();
  ASSERT_GE(before, 1);
  httplib::Result home = Client().Get("/");
  ASSERT_EQ(home->status, 200);
  EXPECT_NE(home->body.find("Cần kiểm tra (" + std::to_string(before) + ")"), std::string::npos);
  const std::string item = "data-doc=\"" + std::to_string(unnumbered) + "\"";
  const std::size_t at = home->body.find("<li class=\"review\" " + item);
  ASSERT_NE(at, std::string::npos) << home->body;
  EXPECT_NE(home->body.find("Không tìm thấy số văn bản", at), std::string::npos);
  EXPECT_NE(home->body.find("<form class=\"reviewed\" " + item, at), std::string::npos);

  const std::string path = "/api/documents/" + std::to_string(unnumbered) + "/reviewed";
  EXPECT_EQ(Client().Post(path.c_str(), "{}", "application/json")->status, 403);
  httplib::Headers h{{"X-CSRF-Token", Csrf()}};
  httplib::Result ok = Client().Post(path.c_str(), h, "{}", "application/json");
  ASSERT_EQ(ok->status, 201) << ok->body;
  const json c = json::parse(ok->body);
  EXPECT_EQ(c["field"], "reviewed");
  EXPECT_EQ(c["new_value"], "Đã kiểm tra");
  EXPECT_EQ(c["who"], "local");
  EXPECT_EQ(QueueCount(), before - 1);

  home = Client().Get("/");
  EXPECT_NE(home->body.find("Cần kiểm tra (" + std::to_string(before - 1) + ")"), std::string::npos);
  EXPECT_EQ(home->body.find("<li class=\"review\" " + item), std::string::npos);
  httplib::Result doc = Client().Get(("/documents/" + std::to_string(unnumbered)).c_str());
  EXPECT_NE(doc->body.find("Đã kiểm tra (xem lịch sử sửa đổi)."), std::string::npos);
  EXPECT_NE(doc->body.find("<td data-label=\"Trường\">Kiểm tra</td>"), std::string::npos);
  EXPECT_NE(doc->body.find("Số đến <strong>2</strong>"), std::string::npos);

  httplib::Result twice = Client().Post(path.c_str(), h, "{}", "application/json");
  EXPECT_EQ(twice->status, 409);
  EXPECT_EQ(json::parse(twice->body)["error"], "Văn bản này đã được đánh dấu đã kiểm tra.");
  EXPECT_EQ(Client().Post("/api/documents/999999/reviewed", h, "{}", "application/json")->status,
            404);
}

// Upload refusals reach the clerk in Vietnamese, naming the clerk's own file.
TEST_F(ClerkPagesTest, UploadErrorsAreVietnamese) {
  httplib::Headers h{{"X-CSRF-Token", Csrf()}};
  const std::pair<std::string, std::string> bad[] = {
      {std::string("\x00\x01\x02\x03\x04\x05\x06\x07", 8), "Không nhận ra loại tệp"},
      {std::string("%PDF-1.4\n\x01\x02garbage", 18), "Tệp PDF bị hỏng"},
  };
  for (const auto& [bytes, want] : bad) {
    httplib::Result r = Client().Post("/api/upload", h,
                                      {{"file", bytes, "bản quét.pdf", "application/octet-stream"}});
    ASSERT_TRUE(r);
    EXPECT_GE(r->status, 400);
    EXPECT_LT(r->status, 500);
    const std::string error = json::parse(r->body)["error"];
    EXPECT_EQ(error.rfind("bản quét.pdf: " + want, 0), 0u) << error;
  }
  EXPECT_EQ(UploadErrorText(Code::kInvalidInput, "something new"),
            "Không đọc được tệp (something new).");
}

// Times are shown in Viet Nam time as HH:mm dd/mm/yyyy, not as the stored UTC ISO strings.
TEST_F(ClerkPagesTest, TimesAreShownInVietnamTime) {
  auto reg = registry::Registry::Open(db_);
  ASSERT_TRUE(reg.ok());
  Result<std::optional<registry::DocumentRecord>> doc = (*reg)->Find(ids_[0]);
  ASSERT_TRUE(doc.ok() && doc->has_value());
  const std::string stored = (*doc)->created_at;  // "2026-12-06T00:25:27.123Z"
  httplib::Result page = Client().Get(("/documents/" + std::to_string(ids_[0])).c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_EQ(page->body.find(stored), std::string::npos);
  // The stored instant + 7 hours, written the Vietnamese way.
  int y, mo, d, hh, mm;
  ASSERT_EQ(std::sscanf(stored.c_str(), "%d-%d-%dT%d:%d", &y, &mo, &d, &hh, &mm), 5);
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = hh + 7;
  tm.tm_min = mm;
  const std::time_t local = timegm(&tm);
  std::tm shown{};
  gmtime_r(&local, &shown);
  char want[64];  // "đăng ký lúc " alone is 16 bytes of UTF-8
  std::strftime(want, sizeof want, "đăng ký lúc %H:%M %d/%m/%Y", &shown);
  EXPECT_NE(page->body.find(want), std::string::npos) << want;
}

// A long register is shown a page at a time, with links to the pages around and to the whole.
TEST(BookPageTest, LongRegisterIsPaged) {
  BookPageData data;
  data.year = "2026";
  data.filter = *registry::MakeBookFilter(2026, "", "");
  data.query = "nam=2026";
  data.entries.resize(1);
  data.entries[0].number = 201;
  data.entries[0].document_id = 7;
  data.total = 450;
  data.page = 2;
  data.pages = 3;
  const std::string page = RenderBookPage(PageFrame{"Sổ", "book", "", ""}, data);
  EXPECT_NE(page.find("450 văn bản."), std::string::npos);
  EXPECT_NE(page.find("<a href=\"/so-den?nam=2026&amp;trang=1\">‹ Trang trước</a> Trang 2/3 "
                      "<a href=\"/so-den?nam=2026&amp;trang=3\">Trang sau ›</a>"),
            std::string::npos) << page;
  EXPECT_NE(page.find("href=\"/so-den?nam=2026&amp;tat-ca=1\""), std::string::npos);
  data.all = true;
  EXPECT_EQ(RenderBookPage(PageFrame{"Sổ", "book", "", ""}, data).find("Trang 2/3"),
            std::string::npos);
}

// Remarks stored in English by an older congvan are shown in Vietnamese.
TEST(RemarkTest, OldEnglishRemarksAreShownInVietnamese) {
  EXPECT_EQ(VietnameseRemark("no document number found"), "Không tìm thấy số văn bản");
  EXPECT_EQ(VietnameseRemark("no date found"), "Không tìm thấy ngày ban hành");
  EXPECT_EQ(VietnameseRemark("deadline 2023-06-01 (trước ngày 01/6/2023) is before the letter's "
                             "date 2023-06-08"),
            "Hạn xử lý 01/06/2023 (\"trước ngày 01/6/2023\") trước ngày ban hành 08/06/2023");
  EXPECT_EQ(VietnameseRemark("deadline 2023-06-01 (ngày 1/6) had passed on arrival (2023-06-10)"),
            "Hạn xử lý 01/06/2023 (\"ngày 1/6\") đã qua khi nhận văn bản (10/06/2023)");
  EXPECT_EQ(VietnameseRemark("impossible date: ngày 31/6/2023"),
            "Hạn xử lý không phải ngày có thật: \"ngày 31/6/2023\"");
  EXPECT_EQ(VietnameseRemark("Không tìm thấy số văn bản"), "Không tìm thấy số văn bản");
}

}  // namespace
}  // namespace congvan::web
