// HTTP tests of the dashboard (/tong-quan) and the printable progress report (/bao-cao): a real
// Server over a real SQLite registry filled by the real pipeline from real letters, some of
// whose tasks a clerk has corrected (a unit spelled three ways, deadlines moved into the coming
// days) and closed, as happens in an office.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <thread>

#include "registry/corrections.h"
#include "registry/registry.h"
#include "registry/tasks.h"
#include "registry/unit_summary.h"
#include "support/testing.h"
#include "web/dashboard.h"
#include "web/options.h"
#include "web/server.h"
#include "web/test_letters.h"

namespace congvan::web {
namespace {

using congvan::testing::TempDir;
using congvan::testing::TestData;

registry::TimePoint Now() { return std::chrono::system_clock::now(); }
std::string Today() { return registry::LocalMinute(Now()).substr(0, 10); }
std::string DaysAfterToday(int n) { return registry::IsoFromDays(registry::DaysFromIso(Today()) + n); }

// The dashboard's counts of one unit, as the table shows them.
struct Row {
  int overdue = -1, due_soon = -1, done_on_time = -1, done_late = -1;
};

// Rows of the dashboard's table by the unit's name as shown.
std::multimap<std::string, Row> TableRows(const std::string& html) {
  static const std::regex row(
      "<tr><th scope=\"row\" data-label=\"Đơn vị\">([^<]*)</th>"
      "<td class=\"num\" data-label=\"Quá hạn\">(?:<a [^>]*>)?(\\d+)(?:</a>)?</td>"
      "<td class=\"num\" data-label=\"Đến hạn trong 7 ngày\">(?:<a [^>]*>)?(\\d+)(?:</a>)?</td>"
      "<td class=\"num\" data-label=\"Hoàn thành đúng hạn\">(\\d+)</td>"
      "<td class=\"num\" data-label=\"Hoàn thành quá hạn\">(\\d+)</td></tr>");
  std::multimap<std::string, Row> out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), row); it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    out.emplace(m[1].str(), Row{std::stoi(m[2]), std::stoi(m[3]), std::stoi(m[4]), std::stoi(m[5])});
  }
  return out;
}

class DashboardTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = (dir_->path() / "registry.db").string();
    const std::string restored = TestData("devset/restored").string();
    std::vector<std::int64_t> ids;
    test::RegisterAll(db_, {restored + "/002_aaae76cc2c3d2f2a.txt", restored + "/004_7112368be621d645.txt"},
                      ids);
    ASSERT_EQ(ids.size(), 2u);
    auto reg = registry::Registry::Open(db_);
    ASSERT_TRUE(reg.ok());
    // Three tasks of other units are given to Phòng Nội vụ, spelled as clerks type it, and
    // their deadlines moved: one due in three days, one done today within a deadline five days
    // away, one done today long after its deadline (the letter's own, in 2021-2023).
    Result<std::vector<registry::TaskView>> all = registry::ListTasks(**reg, {}, Now());
    ASSERT_TRUE(all.ok());
    std::vector<registry::TaskView> others;
    for (const registry::TaskView& v : *all) {
      if (v.task.assignee_key != "phong noi vu" && !v.task.due_date.empty() &&
          v.task.status == "open") {
        others.push_back(v);
      }
    }
    ASSERT_GE(others.size(), 3u);
    auto correct = [&](const registry::TaskView& v, const char* field, const std::string& value) {
      registry::CorrectionRequest c{v.document_id, v.task.id, field, value, "văn thư"};
      Result<registry::Correction> done = registry::Correct(**reg, c, Now());
      ASSERT_TRUE(done.ok()) << done.status().message();
    };
    correct(others[0], "assignee", "PHÒNG NỘI VỤ");
    correct(others[0], "due_date", DaysAfterToday(3));
    correct(others[1], "assignee", "phòng nội vụ");
    correct(others[1], "due_date", DaysAfterToday(5));
    ASSERT_TRUE(registry::MarkDone(**reg, others[1].task.id, "văn thư", "", Now()).ok());
    correct(others[2], "assignee", "Phong Noi Vu");
    ASSERT_TRUE(registry::MarkDone(**reg, others[2].task.id, "văn thư", "", Now()).ok());
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void Start(ServerOptions o) {
    o.db_path = db_;
    o.listen.port = 0;
    Result<std::unique_ptr<Server>> created = Server::Create(o, test::OneWorker());
    ASSERT_TRUE(created.ok()) << created.status().message();
    server_ = std::move(*created);
    thread_ = std::thread([this] { (void)server_->Run(); });
  }
  void TearDown() override {
    if (server_ == nullptr) return;
    server_->Stop();
    thread_.join();
  }
  httplib::Result Get(const std::string& path) {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(60, 0);
    return c.Get(path);
  }

  // The counts of one unit computed the slow way: every task of the registry, its state from
  // registry::ComputeState, the month from its done_at.
  static Row Expected(const std::string& key) {
    auto reg = registry::Registry::Open(db_);
    const registry::TimePoint now = Now();
    const std::string today = Today(), month = today.substr(0, 7), soon = DaysAfterToday(7);
    Row r{0, 0, 0, 0};
    Result<std::vector<registry::TaskView>> tasks = registry::ListTasks(**reg, {}, now);
    EXPECT_TRUE(tasks.ok());
    if (!tasks.ok()) return r;
    for (const registry::TaskView& v : *tasks) {
      if (v.task.assignee_key != key) continue;
      const registry::TaskState s = registry::ComputeState(v.task, now);
      const bool this_month = v.task.done_at.substr(0, 7) == month;
      r.overdue += s == registry::TaskState::kOverdue;
      r.due_soon += s == registry::TaskState::kInProgress && !v.task.due_date.empty() &&
                    v.task.due_date <= soon;
      r.done_on_time += s == registry::TaskState::kDoneOnTime && this_month;
      r.done_late += s == registry::TaskState::kDoneLate && this_month;
    }
    return r;
  }

  static TempDir* dir_;
  static std::string db_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
};
TempDir* DashboardTest::dir_ = nullptr;
std::string DashboardTest::db_;

// One row per unit however its name is spelled, with the counts the tasks give; the home page
// links to the dashboard.
TEST_F(DashboardTest, TableCountsEachUnitOnceWhateverItsSpelling) {
  Start({});
  httplib::Result home = Get("/");
  ASSERT_TRUE(home);
  EXPECT_NE(home->body.find("<a href=\"/tong-quan\">Tổng quan</a>"), std::string::npos);

  httplib::Result page = Get("/tong-quan");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  const std::multimap<std::string, Row> rows = TableRows(page->body);
  ASSERT_GE(rows.size(), 5u) << page->body;
  int spelled_noi_vu = 0;
  for (const auto& [name, row] : rows) {
    spelled_noi_vu += name == "Phòng Nội vụ" || name == "PHÒNG NỘI VỤ" || name == "phòng nội vụ" ||
                      name == "Phong Noi Vu";
  }
  EXPECT_EQ(spelled_noi_vu, 1);
  ASSERT_EQ(rows.count("Phòng Nội vụ"), 1u) << "named by its most frequent spelling";
  const Row shown = rows.find("Phòng Nội vụ")->second;
  const Row expected = Expected("phong noi vu");
  EXPECT_EQ(shown.overdue, expected.overdue);
  EXPECT_EQ(shown.due_soon, expected.due_soon);
  EXPECT_EQ(shown.done_on_time, expected.done_on_time);
  EXPECT_EQ(shown.done_late, expected.done_late);
  EXPECT_EQ(shown.due_soon, 1);
  EXPECT_EQ(shown.done_on_time, 1);
  EXPECT_EQ(shown.done_late, 1);
  EXPECT_GE(shown.overdue, 1);
  // Every other unit agrees with the slow count too.
  auto reg = registry::Registry::Open(db_);
  Result<std::vector<registry::UnitSummary>> units = registry::SummarizeUnits(**reg, Now(), 7);
  ASSERT_TRUE(units.ok()) << units.status().message();
  for (const registry::UnitSummary& u : *units) {
    const Row e = Expected(u.key);
    EXPECT_EQ(u.overdue, e.overdue) << u.name;
    EXPECT_EQ(u.due_soon, e.due_soon) << u.name;
    EXPECT_EQ(u.done_on_time + u.done_late, e.done_on_time + e.done_late) << u.name;
  }
  // The overdue count links to the same tasks on the task list.
  EXPECT_NE(page->body.find("href=\"/tasks?don-vi=Ph%C3%B2ng%20N%E1%BB%99i%20v%E1%BB%A5&amp;trang-thai=qua-han\">" +
                            std::to_string(shown.overdue) + "</a>"),
            std::string::npos);
}

// The chart is inline SVG the server drew: titled and described for screen readers, one bar
// per unit with a tooltip per segment, no script and nothing loaded from elsewhere.
TEST_F(DashboardTest, ChartIsAccessibleInlineSvg) {
  Start({});
  httplib::Result page = Get("/tong-quan");
  ASSERT_TRUE(page);
  const std::string& body = page->body;
  const std::size_t svg = body.find("<svg");
  ASSERT_NE(svg, std::string::npos);
  const std::string chart = body.substr(svg, body.find("</svg>", svg) + 6 - svg);
  EXPECT_NE(chart.find("role=\"img\""), std::string::npos);
  EXPECT_NE(chart.find("aria-labelledby=\"chart-title chart-desc\""), std::string::npos);
  EXPECT_NE(chart.find("<title id=\"chart-title\">Tình hình thực hiện nhiệm vụ theo đơn vị</title>"),
            std::string::npos);
  EXPECT_NE(chart.find("<desc id=\"chart-desc\">Biểu đồ thanh ngang"), std::string::npos);
  EXPECT_NE(chart.find("<title>Phòng Nội vụ — Đến hạn trong 7 ngày: 1</title>"), std::string::npos);
  EXPECT_NE(chart.find("<title>Phòng Nội vụ — Hoàn thành quá hạn: 1</title>"), std::string::npos);
  EXPECT_EQ(chart.find("<script"), std::string::npos);
  EXPECT_EQ(chart.find("href"), std::string::npos);
  EXPECT_EQ(chart.find("style="), std::string::npos) << "the page's policy refuses inline style";
  // One bar group per row of the table.
  std::size_t groups = 0;
  for (std::size_t at = chart.find("<g>"); at != std::string::npos; at = chart.find("<g>", at + 1)) ++groups;
  EXPECT_EQ(groups, TableRows(body).size());
}

// The report prints under the office's heading from the configuration; the page's query fills
// in the number; the tables are the `congvan report` ones; A4 print rules are in the style sheet.
TEST_F(DashboardTest, ReportPrintsUnderTheConfiguredOfficialHeading) {
  ServerOptions o;
  o.report_heading = {"UBND TỈNH BÌNH DƯƠNG", "SỞ NỘI VỤ", "", "Bình Dương"};
  Start(o);
  httplib::Result page = Get("/bao-cao?so=15%2FBC-SNV");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  const std::string& body = page->body;
  const std::string today = Today();
  for (const std::string& text :
       {std::string("<div class=\"parent\">UBND TỈNH BÌNH DƯƠNG</div>"),
        std::string("<div class=\"office\">SỞ NỘI VỤ</div>"),
        std::string("<div class=\"number\">Số: 15/BC-SNV</div>"),
        std::string("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string("Độc lập - Tự do - Hạnh phúc"),
        "Bình Dương, ngày " + today.substr(8, 2) + " tháng " + today.substr(5, 2) + " năm " +
            today.substr(0, 4),
        std::string("<h1>BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ</h1>"),
        std::string("<h2>1. Theo đơn vị được giao</h2>"), std::string("<h2>3. Nhiệm vụ quá hạn</h2>"),
        std::string("4464/UBND-NC"), std::string("<article class=\"report-print\">")}) {
    EXPECT_NE(body.find(text), std::string::npos) << text;
  }
  // The same counts as the report the command line prints.
  auto reg = registry::Registry::Open(db_);
  Result<registry::ReportContent> report = registry::CollectReport(**reg, {}, Now());
  ASSERT_TRUE(report.ok());
  for (const auto& row : report->tables[0].rows) {
    std::string cells;
    for (std::size_t i = 0; i < row.size(); ++i) {
      cells += "<td data-label=\"" + report->tables[0].header[i] + "\">" + row[i] + "</td>";
    }
    EXPECT_NE(body.find(cells), std::string::npos) << row[0];
  }
  httplib::Result css = Get("/assets/app.css");
  ASSERT_TRUE(css);
  EXPECT_NE(css->body.find("@page report { size: A4 portrait;"), std::string::npos);
  EXPECT_NE(css->body.find("article.report-print { page: report;"), std::string::npos);
}

// A table the report collected only in part says how many lines it left out; a table cut on the
// page keeps its total line and does not count it among those left out.
TEST(ReportPageTest, SaysHowManyLinesAreNotShown) {
  ReportPageData data;
  registry::ReportTable letters{"2. Theo văn bản giao nhiệm vụ", {"Văn bản", "Tổng số"}, {}};
  letters.rows = {{"Công văn số 1", "3"}, {"Công văn số 2", "1"}};
  letters.more_rows = 57;
  registry::ReportTable units{"1. Theo đơn vị được giao", {"Đơn vị", "Tổng số"}, {}};
  for (int i = 0; i < 205; ++i) units.rows.push_back({"Đơn vị " + std::to_string(i), "1"});
  units.rows.push_back({"Cộng", "205"});
  data.report.tables = {units, letters};
  const std::string html = RenderReportPage(PageFrame{"Báo cáo", "dashboard", "secret", ""}, data);
  EXPECT_NE(html.find("Còn 57 dòng không hiển thị"), std::string::npos);
  EXPECT_NE(html.find("Còn 5 dòng không hiển thị"), std::string::npos);  // 205 units, 200 shown
  EXPECT_NE(html.find("<td data-label=\"Đơn vị\">Cộng</td>"), std::string::npos);
  EXPECT_EQ(html.find("Đơn vị 200<"), std::string::npos);
  data.report.tables[1].more_rows = 0;
  data.report.tables.erase(data.report.tables.begin());
  EXPECT_EQ(RenderReportPage(PageFrame{"Báo cáo", "dashboard", "secret", ""}, data).find("Còn "),
            std::string::npos);
}

// Without a configured office, the query gives the heading; a bad date is one Vietnamese line.
TEST_F(DashboardTest, ReportHeadingFromTheQueryAndBadDates) {
  Start({});
  httplib::Result bare = Get("/bao-cao");
  ASSERT_TRUE(bare);
  ASSERT_EQ(bare->status, 200);
  EXPECT_EQ(bare->body.find("official-heading"), std::string::npos) << "no office, no heading";
  httplib::Result named = Get("/bao-cao?ten-co-quan=PH%C3%92NG%20N%E1%BB%98I%20V%E1%BB%A4&dia-danh=T%E1%BB%A9%20K%E1%BB%B3&tu=1%2F1%2F2023&den=31%2F12%2F2023");
  ASSERT_TRUE(named);
  ASSERT_EQ(named->status, 200);
  EXPECT_NE(named->body.find("<div class=\"office\">PHÒNG NỘI VỤ</div>"), std::string::npos);
  EXPECT_NE(named->body.find("Số: &nbsp;"), std::string::npos) << "room for a hand-written number";
  EXPECT_NE(named->body.find("Tứ Kỳ, ngày "), std::string::npos);
  EXPECT_NE(named->body.find("nhiệm vụ có hạn từ 01/01/2023 đến 31/12/2023"), std::string::npos);
  EXPECT_EQ(named->body.find("4464/UBND-NC"), std::string::npos) << "its deadlines are in 2021";
  httplib::Result bad = Get("/bao-cao?tu=31%2F6%2F2023");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("Hạn từ: &quot;31/6/2023&quot; không phải ngày (dd/mm/yyyy)."),
            std::string::npos);
}

// The configuration file's office and pages' address; the calendar served links each event to
// its letter's page there.
TEST_F(DashboardTest, ConfigurationGivesHeadingAndCalendarLinks) {
  TempDir tmp;
  congvan::testing::WriteFile(tmp / "serve.json", R"({"base_url": "https://congvan.example.vn",
      "office": {"parent": "UBND HUYỆN TỨ KỲ", "name": "VĂN PHÒNG HĐND VÀ UBND", "place": "Tứ Kỳ"},
      "digest": {"server": "mail.example.vn"}})");
  ServerOptions o;
  ASSERT_TRUE(LoadConfigFile((tmp / "serve.json").string(), o).ok());
  EXPECT_EQ(o.base_url, "https://congvan.example.vn");
  EXPECT_EQ(o.report_heading.office, "VĂN PHÒNG HĐND VÀ UBND");
  EXPECT_EQ(o.report_heading.parent, "UBND HUYỆN TỨ KỲ");
  EXPECT_EQ(o.report_heading.place, "Tứ Kỳ");
  congvan::testing::WriteFile(tmp / "bad.json", R"({"base_url": "congvan.example.vn"})");
  Status bad = LoadConfigFile((tmp / "bad.json").string(), o);
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("is not an http:// or https:// address"), std::string::npos);
  congvan::testing::WriteFile(tmp / "bad2.json", R"({"office": {"name": "X", "fax": "1"}})");
  EXPECT_FALSE(LoadConfigFile((tmp / "bad2.json").string(), o).ok());

  ServerOptions served;
  ASSERT_TRUE(LoadConfigFile((tmp / "serve.json").string(), served).ok());
  Start(served);
  httplib::Result ics = Get("/calendar.ics");
  ASSERT_TRUE(ics);
  ASSERT_EQ(ics->status, 200);
  EXPECT_NE(ics->body.find("URL:https://congvan.example.vn/documents/"), std::string::npos);
  EXPECT_EQ(ics->body.find("URL:file://"), std::string::npos);
}

}  // namespace
}  // namespace congvan::web
