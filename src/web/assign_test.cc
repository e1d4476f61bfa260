// HTTP tests of assigning work inside the office: the directory of units (/don-vi and
// /api/units), the "Giao việc" form of a letter and POST /api/documents/ID/assignments, and the
// assignment seen where tasks are seen (the letter's page, /tasks, the calendar, the dashboard,
// the task's history). A real Server over a real SQLite file filled by the real pipeline from
// real letters.
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "registry/registry.h"
#include "support/testing.h"
#include "web/test_server.h"

namespace congvan::web {
namespace {

using congvan::testing::ReadFile;
using congvan::testing::TempDir;
using congvan::testing::TestData;
using nlohmann::json;

class AssignTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = (dir_->path() / "registry.db").string();
    const std::string restored = TestData("devset/restored").string();
    // The letter as OCR might have read it: "UBND" of its last addressee read "UBMD", so the
    // extracted assignee is a close variant of the directory's unit.
    std::string misread = ReadFile(restored + "/001_b8c21598dec75cc1.txt");
    const std::string line = "2. Văn phòng HĐND và UBND huyện";
    const std::size_t at = misread.find(line);
    ASSERT_NE(at, std::string::npos);
    misread.replace(at, line.size(), "2. Văn phòng HĐND và UBMD huyện");
    congvan::testing::WriteFile(dir_->path() / "misread.txt", misread);
    test::RegisterAll(db_, {restored + "/002_aaae76cc2c3d2f2a.txt",
                            (dir_->path() / "misread.txt").string()},
                      ids_);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override { server_ = std::make_unique<test::RunningServer>(db_); }
  void TearDown() override { server_.reset(); }

  httplib::Client Client() const { return server_->Client(); }
  httplib::Headers Csrf() const { return server_->Csrf(); }

  httplib::Result Post(const std::string& path, const json& body) {
    return Client().Post(path.c_str(), Csrf(), body.dump(), "application/json");
  }
  // Adds the unit (or finds it there already) and returns its id.
  std::int64_t Unit(const std::string& name) {
    httplib::Result r = Post("/api/units", {{"name", name}});
    if (r->status == 201) return json::parse(r->body)["id"].get<std::int64_t>();
    for (const json& u : json::parse(Client().Get("/api/units")->body)) {
      if (u["name"] == name) return u["id"].get<std::int64_t>();
    }
    ADD_FAILURE() << "no unit " << name << ": " << r->body;
    return 0;
  }
  std::string Assignments() const {
    return "/api/documents/" + std::to_string(ids_[0]) + "/assignments";
  }

  static TempDir* dir_;
  static std::string db_;
  static std::vector<std::int64_t> ids_;
  std::unique_ptr<test::RunningServer> server_;
};

TempDir* AssignTest::dir_ = nullptr;
std::string AssignTest::db_;
std::vector<std::int64_t> AssignTest::ids_;

TEST_F(AssignTest, TheDirectoryIsManagedOnItsPageWithCsrf) {
  // Without the page's token a write is refused and nothing is added.
  EXPECT_EQ(Client().Post("/api/units", R"({"name":"Phòng Y tế"})", "application/json")->status,
            403);
  httplib::Result added = Post("/api/units", {{"name", "Phòng Y tế"}});
  ASSERT_EQ(added->status, 201) << added->body;
  const std::int64_t id = json::parse(added->body)["id"].get<std::int64_t>();
  EXPECT_EQ(json::parse(added->body)["kind"], "phong");

  httplib::Result dup = Post("/api/units", {{"name", "PHÒNG Y TẾ"}});
  EXPECT_EQ(dup->status, 409);
  EXPECT_EQ(json::parse(dup->body)["error"], "Đã có đơn vị «Phòng Y tế» trong danh mục.");
  httplib::Result empty = Post("/api/units", {{"name", "  "}});
  EXPECT_EQ(empty->status, 400);
  EXPECT_EQ(json::parse(empty->body)["error"], "Tên đơn vị trống.");
  EXPECT_EQ(Client().Post("/api/units", Csrf(), "[1]", "application/json")->status, 400);

  httplib::Result alias = Post("/api/units/" + std::to_string(id) + "/aliases", {{"alias", "P. Y tế"}});
  ASSERT_EQ(alias->status, 201) << alias->body;
  EXPECT_EQ(json::parse(alias->body)["aliases"], json::array({"P. Y tế"}));
  EXPECT_EQ(Post("/api/units/999999/aliases", {{"alias", "X"}})->status, 404);

  httplib::Result page = Client().Get("/don-vi");
  ASSERT_EQ(page->status, 200);
  const std::string& h = page->body;
  EXPECT_NE(h.find("aria-current=\"page\">Đơn vị</a>"), std::string::npos);
  EXPECT_NE(h.find("<form class=\"unit-add\" data-post=\"/api/units\""), std::string::npos);
  const std::string row = "<tr class=\"unit\" data-unit=\"" + std::to_string(id) + "\">";
  const std::size_t at = h.find(row);
  ASSERT_NE(at, std::string::npos) << h;
  EXPECT_NE(h.find("P. Y tế", at), std::string::npos);
  EXPECT_NE(h.find("data-post=\"/api/units/" + std::to_string(id) + "/active\"", at),
            std::string::npos);

  // Deactivated: kept on the page, struck out, no longer offered.
  httplib::Result off = Post("/api/units/" + std::to_string(id) + "/active", {{"active", "0"}});
  ASSERT_EQ(off->status, 200) << off->body;
  EXPECT_EQ(json::parse(off->body)["active"], false);
  EXPECT_NE(Client().Get("/don-vi")->body.find("<tr class=\"unit inactive\" data-unit=\"" +
                                               std::to_string(id) + "\">"),
            std::string::npos);
  EXPECT_EQ(Client().Get(("/documents/" + std::to_string(ids_[0])).c_str())->body.find(
                "<option value=\"Phòng Y tế\">"),
            std::string::npos);
  EXPECT_EQ(Post("/api/units/" + std::to_string(id) + "/active", {{"active", "maybe"}})->status,
            400);
  ASSERT_EQ(Post("/api/units/" + std::to_string(id) + "/active", {{"active", true}})->status, 200);
}

TEST_F(AssignTest, ALetterIsAssignedFromItsPageAndShowsWhereTasksShow) {
  const std::int64_t noi_vu = Unit("Phòng Nội vụ");
  Unit("Phòng Tư pháp");
  // 409 when an earlier test of this process stored it already.
  const int alias = Post("/api/units/" + std::to_string(noi_vu) + "/aliases",
                         {{"alias", "Phòng Nợ vụ"}})->status;
  EXPECT_TRUE(alias == 201 || alias == 409) << alias;

  // The letter's page: the form, its datalist, a link per task that opens it on that task.
  const std::string letter = "/documents/" + std::to_string(ids_[0]);
  httplib::Result page = Client().Get(letter.c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<datalist id=\"don-vi-ds\"><option value=\"Phòng Nội vụ\">"),
            std::string::npos)
      << page->body.substr(page->body.rfind("<datalist"));
  EXPECT_NE(page->body.find("<section id=\"giao-viec\""), std::string::npos);
  EXPECT_NE(page->body.find("<form class=\"assign\" data-post=\"" + Assignments() + "\""),
            std::string::npos);
  EXPECT_NE(page->body.find("<input name=\"lead\" list=\"don-vi-ds\""), std::string::npos);
  // The correction of a task's unit is completed from the directory too.
  EXPECT_NE(page->body.find("aria-label=\"Đơn vị thực hiện\" list=\"don-vi-ds\""), std::string::npos);
  const json doc = json::parse(Client().Get(("/api" + letter).c_str())->body);
  const std::int64_t first_task = doc["tasks"][0]["id"].get<std::int64_t>();
  EXPECT_NE(page->body.find("href=\"" + letter + "?giao=" + std::to_string(first_task) + "#giao-viec\""),
            std::string::npos);
  httplib::Result chosen = Client().Get((letter + "?giao=" + std::to_string(first_task)).c_str());
  EXPECT_NE(chosen->body.find("<option value=\"" + std::to_string(first_task) + "\" selected>"),
            std::string::npos);

  // Refusals: no token, a bad date, an unknown unit — one Vietnamese line each, nothing stored.
  const json good = {{"task_id", ""},
                     {"lead", "phong no vu"},
                     {"with", {"Phòng Tư pháp", ""}},
                     {"deadline", "20/12/2030"},
                     {"instruction", "Chủ trì tham mưu UBND huyện trả lời trước ngày 15/12/2030."}};
  EXPECT_EQ(Client().Post(Assignments().c_str(), good.dump(), "application/json")->status, 403);
  json bad = good;
  bad["deadline"] = "31/6/2030";
  httplib::Result bad_date = Post(Assignments(), bad);
  EXPECT_EQ(bad_date->status, 400);
  EXPECT_EQ(json::parse(bad_date->body)["error"], "Hạn \"31/6/2030\" không phải ngày (dd/mm/yyyy).");
  bad = good;
  bad["lead"] = "Phòng Văn hóa";
  httplib::Result unknown = Post(Assignments(), bad);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_NE(json::parse(unknown->body)["error"].get<std::string>().find(
                "Không có đơn vị «Phòng Văn hóa» trong danh mục; gần nhất:"),
            std::string::npos);
  bad = good;
  bad["task_id"] = "abc";
  EXPECT_EQ(Post(Assignments(), bad)->status, 400);
  bad = good;
  bad["with"] = 5;
  EXPECT_EQ(Post(Assignments(), bad)->status, 400);
  EXPECT_EQ(Post("/api/documents/999999/assignments", good)->status, 404);

  httplib::Result made = Post(Assignments(), good);
  ASSERT_EQ(made->status, 201) << made->body;
  const json task = json::parse(made->body);
  const std::int64_t id = task["id"].get<std::int64_t>();
  EXPECT_EQ(task["assignee"], "Phòng Nội vụ");
  EXPECT_EQ(task["cooperating"], json::array({"Phòng Tư pháp"}));
  EXPECT_EQ(task["due_date"], "2030-12-20");
  EXPECT_EQ(task["source"], "assigned");
  EXPECT_EQ(task["assigned_by"], "local");
  EXPECT_EQ(task["status"], "trong-han");

  // The letter's page: a task card with the instruction and its history.
  page = Client().Get(letter.c_str());
  const std::size_t card = page->body.find("<li class=\"task-card state-trong-han\" data-task=\"" +
                                           std::to_string(id) + "\">");
  ASSERT_NE(card, std::string::npos);
  EXPECT_NE(page->body.find("Giao việc bởi local", card), std::string::npos);
  EXPECT_NE(page->body.find("<strong>Ý kiến chỉ đạo:</strong> Chủ trì tham mưu UBND huyện", card),
            std::string::npos);
  EXPECT_NE(page->body.find(" · local · giao việc · Giao Phòng Nội vụ chủ trì; phối hợp: Phòng Tư "
                            "pháp; hạn 20/12/2030",
                            card),
            std::string::npos);

  // The task list by unit, with the unit completed from the directory.
  httplib::Result tasks = Client().Get("/tasks?don-vi=ph%C3%B2ng%20n%E1%BB%99i%20v%E1%BB%A5");
  ASSERT_EQ(tasks->status, 200);
  const std::size_t row = tasks->body.find("data-task=\"" + std::to_string(id) + "\"");
  ASSERT_NE(row, std::string::npos);
  EXPECT_NE(tasks->body.find("Phòng Nội vụ <span class=\"assigned-mark\">Giao việc</span>", row),
            std::string::npos);
  EXPECT_NE(tasks->body.find("<datalist id=\"don-vi-ds\">"), std::string::npos);
  EXPECT_NE(tasks->body.find("name=\"don-vi\" value=\"phòng nội vụ\" placeholder=\"Phòng Nội vụ\" "
                             "list=\"don-vi-ds\""),
            std::string::npos);

  // The calendar: an event on its deadline, filed under its unit.
  httplib::Result ics = Client().Get("/calendar.ics?don-vi=noi%20vu");
  ASSERT_EQ(ics->status, 200);
  EXPECT_NE(ics->body.find("DTSTART;VALUE=DATE:20301220"), std::string::npos) << ics->body;
  EXPECT_NE(ics->body.find("CATEGORIES:Phòng Nội vụ"), std::string::npos);
  std::string unfolded = ics->body;  // RFC 5545 folds long lines with CRLF and a space
  for (std::size_t at; (at = unfolded.find("\r\n ")) != std::string::npos;) unfolded.erase(at, 3);
  EXPECT_NE(unfolded.find("Giao việc: Phòng Nội vụ chủ trì\\; phối hợp: Phòng Tư pháp\\; người "
                          "giao: local\\nÝ kiến chỉ đạo: Chủ trì tham mưu UBND huyện trả lời"),
            std::string::npos)
      << unfolded;

  // Done like any task; the history has both entries.
  ASSERT_EQ(Post("/api/tasks/" + std::to_string(id) + "/done", {{"note", "Đã trình"}})->status, 200);
  const json with_history = json::parse(Client().Get(("/api/tasks/" + std::to_string(id)).c_str())->body);
  ASSERT_EQ(with_history["history"].size(), 2u) << with_history.dump();
  EXPECT_EQ(with_history["history"][0]["kind"], "assigned");
  EXPECT_EQ(with_history["history"][1]["kind"], "status");
  EXPECT_EQ(with_history["history"][1]["status"], "done");
  // Counted for its unit on the dashboard.
  EXPECT_NE(Client().Get("/tong-quan")->body.find("Phòng Nội vụ"), std::string::npos);
}

TEST_F(AssignTest, ATaskIsAssignedWithItsOwnDeadlineAndItsHistorySaysWhere) {
  Unit("Phòng Tư pháp");
  const json doc = json::parse(Client().Get(("/api/documents/" + std::to_string(ids_[0])).c_str())->body);
  json source;
  int position = 0;
  for (std::size_t i = 0; i < doc["tasks"].size(); ++i) {
    const json& t = doc["tasks"][i];
    if (source.is_null() && !t["due_date"].is_null() && t["source"] == "extracted") {
      source = t;
      position = static_cast<int>(i);
    }
  }
  ASSERT_FALSE(source.is_null()) << doc.dump();
  httplib::Result made =
      Post(Assignments(), {{"task_id", source["id"]}, {"lead", "Phòng Tư pháp"}, {"with", ""}});
  ASSERT_EQ(made->status, 201) << made->body;
  const json task = json::parse(made->body);
  EXPECT_EQ(task["due_date"], source["due_date"]);
  EXPECT_EQ(task["action"], source["action"]);
  EXPECT_EQ(task["assigned_from"], position);
  const json history =
      json::parse(Client().Get(("/api/tasks/" + source["id"].dump()).c_str())->body)["history"];
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back()["kind"], "assigned");
  EXPECT_NE(history.back()["note"].get<std::string>().find(
                "(nhiệm vụ số " + task["id"].dump() + ")"),
            std::string::npos);
  // A task of another letter is not this letter's.
  const std::string other = "/api/documents/" + std::to_string(ids_[1]) + "/assignments";
  EXPECT_EQ(Post(other, {{"task_id", source["id"]}, {"lead", "Phòng Tư pháp"}})->status, 404);
}

TEST_F(AssignTest, AnOcrSpellingInTheTasksIsOfferedForConfirmation) {
  const std::int64_t vp = Unit("Văn phòng HĐND và UBND huyện");
  httplib::Result page = Client().Get("/don-vi");
  ASSERT_EQ(page->status, 200);
  const std::size_t at = page->body.find("«Văn phòng HĐND và UBMD huyện» (");
  ASSERT_NE(at, std::string::npos) << page->body;
  EXPECT_NE(page->body.find("→ «Văn phòng HĐND và UBND huyện» <form class=\"unit-alias inline\" "
                            "data-post=\"/api/units/" + std::to_string(vp) + "/aliases\"",
                            at),
            std::string::npos);
  ASSERT_EQ(Post("/api/units/" + std::to_string(vp) + "/aliases",
                 {{"alias", "Văn phòng HĐND và UBMD huyện"}})
                ->status,
            201);
  EXPECT_EQ(Client().Get("/don-vi")->body.find("«Văn phòng HĐND và UBMD huyện» ("),
            std::string::npos);
}

}  // namespace
}  // namespace congvan::web
