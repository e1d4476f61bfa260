// HTTP tests of the clerk's register of incoming letters (/so-den and its downloads) and the
// review queue ("Cần kiểm tra" on the start page, POST /api/documents/ID/reviewed): a real
// Server over a real SQLite file filled by the real pipeline from real letters.
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "pipeline/pipeline.h"
#include "registry/book.h"
#include "registry/registry.h"
#include "registry/review.h"
#include "support/testing.h"
#include "web/server.h"

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
    auto pipeline = pipeline::Pipeline::Create(PipelineOptions());
    ASSERT_TRUE(pipeline.ok()) << pipeline.status().message();
    auto reg = registry::Registry::Open(db_);
    ASSERT_TRUE(reg.ok());
    for (const std::string& f : files) {
      Result<pipeline::Processed> p = (*pipeline)->Process(f);
      ASSERT_TRUE(p.ok()) << p.status().message();
      Result<registry::AddOutcome> added = pipeline::Register(**reg, *p);
      ASSERT_TRUE(added.ok()) << added.status().message();
      ids_.push_back(added->id);
    }
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

}  // namespace
}  // namespace congvan::web
