// The web page on both registry backends (tests/support/registry_backends.h): a real Server over
// an SQLite file and over a PostgreSQL database holding the five gold letters, asked over HTTP
// for the lists, a letter's page, the dashboard, the report and the calendar, and changing the
// registry (a task done and reopened, a correction, a unit and an assignment, a letter deleted);
// on PostgreSQL the answers are compared with the SQLite server's. A file uploaded is registered
// and its original downloaded on both.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "registry/gold_letters_for_test.h"
#include "registry/registry.h"
#include "registry/units.h"
#include "registry/users.h"
#include "support/registry_backends.h"
#include "support/testing.h"
#include "web/sessions.h"
#include "web/test_server.h"

namespace congvan::web {
namespace {

using json = nlohmann::json;

// A registry at `location` holding the gold letters; their ids in order.
std::vector<std::int64_t> FillWithGoldLetters(const std::string& location) {
  Result<std::unique_ptr<registry::Registry>> reg = registry::Registry::Open(location);
  EXPECT_TRUE(reg.ok()) << reg.status().ToString();
  if (!reg.ok()) return {};
  Result<std::vector<registry::AddOutcome>> added =
      (*reg)->AddAll(registry::testdata::GoldRecords());
  EXPECT_TRUE(added.ok()) << added.status().ToString();
  std::vector<std::int64_t> ids;
  if (added.ok()) {
    for (const registry::AddOutcome& a : *added) ids.push_back(a.id);
  }
  return ids;
}

// One server over one registry, with the calls the tests make.
struct Site {
  explicit Site(const std::string& location) : ids(FillWithGoldLetters(location)), server(location) {}

  httplib::Result Get(const std::string& path) const { return server.Client().Get(path.c_str()); }
  json GetJson(const std::string& path) const {
    httplib::Result r = Get(path);
    EXPECT_TRUE(r) << path;
    if (!r) return json();
    EXPECT_EQ(r->status, 200) << path << ": " << r->body;
    return json::parse(r->body, nullptr, false);
  }
  httplib::Result Post(const std::string& path, const json& body) const {
    return server.Client().Post(path.c_str(), server.Csrf(), body.dump(), "application/json");
  }

  std::vector<std::int64_t> ids;
  test::RunningServer server;
};

// `j` without the moments the two registries were written at, which differ.
json WithoutTimes(json j) {
  if (j.is_object()) {
    for (const char* key : {"created_at", "updated_at", "registered_at", "at", "assigned_at"}) {
      j.erase(key);
    }
    for (auto& [key, value] : j.items()) value = WithoutTimes(value);
  } else if (j.is_array()) {
    for (json& value : j) value = WithoutTimes(value);
  }
  return j;
}

class WebBackendsTest : public congvan::testing::RegistryBackendTest {};

// What a clerk does in a day: the lists, a letter, a task done and reopened, a correction, a
// unit added and work assigned; each seen where it should be.
TEST_P(WebBackendsTest, ListsLetterPageTaskDoneCorrectionAndAssignment) {
  Site site(NewRegistryLocation());
  ASSERT_EQ(site.ids.size(), 5u);
  const std::string hon_quan = std::to_string(site.ids[2]);  // 1138/UBND-NC

  // The lists and the pages that read them.
  const json letters = site.GetJson("/api/documents");
  EXPECT_NE(letters.dump().find("1138/UBND-NC"), std::string::npos) << letters.dump();
  const json tasks = site.GetJson("/api/tasks");
  ASSERT_TRUE(tasks.is_array());
  EXPECT_FALSE(tasks.empty());
  for (const char* path : {"/", "/tasks", "/so-den", "/tong-quan", "/bao-cao", "/don-vi",
                           "/?q=nang+cao+chi+so", "/calendar.ics"}) {
    httplib::Result r = site.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 200) << path << ": " << r->body.substr(0, 300);
  }
  httplib::Result page = site.Get("/documents/" + hon_quan);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body.substr(0, 300);
  EXPECT_NE(page->body.find("1138/UBND-NC"), std::string::npos);
  EXPECT_NE(page->body.find("Hớn Quản"), std::string::npos);
  EXPECT_EQ(site.Get("/documents/999999")->status, 404);

  // A task marked done, then reopened; its history says so.
  const json letter = site.GetJson("/api/documents/" + hon_quan);
  const std::int64_t task = letter["tasks"][1]["id"];
  const std::string task_path = "/api/tasks/" + std::to_string(task);
  httplib::Result done = site.Post(task_path + "/done", {{"note", "Đã báo cáo"}});
  ASSERT_TRUE(done);
  ASSERT_EQ(done->status, 200) << done->body;
  EXPECT_EQ(json::parse(done->body)["status"].get<std::string>().rfind("hoan-thanh", 0), 0u);
  EXPECT_NE(site.GetJson(task_path)["done_at"], nullptr);
  EXPECT_EQ(site.Post(task_path + "/done", json::object())->status, 400);
  httplib::Result reopened = site.Post(task_path + "/reopen", {{"note", "chưa đạt"}});
  ASSERT_EQ(reopened->status, 200) << reopened->body;
  EXPECT_EQ(json::parse(reopened->body)["history"].size(), 2u);

  // A correction of the letter's number: recorded, shown, and searchable at once.
  httplib::Result corrected = site.Post("/api/documents/" + hon_quan + "/corrections",
                                        {{"field", "doc_ref"}, {"value", "1139/UBND-NC"}});
  ASSERT_EQ(corrected->status, 201) << corrected->body;
  EXPECT_EQ(json::parse(corrected->body)["old_value"], "1138/UBND-NC");
  EXPECT_EQ(site.GetJson("/api/documents/" + hon_quan)["fields"]["doc_ref"], "1139/UBND-NC");
  EXPECT_NE(site.Get("/documents/" + hon_quan)->body.find("1139/UBND-NC"), std::string::npos);
  EXPECT_NE(site.GetJson("/api/search?q=so:1139").dump().find("1139/UBND-NC"), std::string::npos);

  // A unit, and the letter assigned to it.
  httplib::Result unit = site.Post("/api/units", {{"name", "Phòng Nội vụ"}});
  ASSERT_EQ(unit->status, 201) << unit->body;
  httplib::Result assigned = site.Post("/api/documents/" + hon_quan + "/assignments",
                                       {{"lead", "phong noi vu"}, {"deadline", "20/12/2030"}});
  ASSERT_EQ(assigned->status, 201) << assigned->body;
  const std::int64_t made = json::parse(assigned->body)["id"];
  EXPECT_EQ(site.GetJson("/api/tasks/" + std::to_string(made))["assignee"], "Phòng Nội vụ");
  EXPECT_NE(site.Get("/tong-quan")->body.find("Phòng Nội vụ"), std::string::npos);
}

// A file uploaded is registered, with its original kept (beside an SQLite file, in a PostgreSQL
// registry's table) and given back byte for byte; deleting a letter works on both.
TEST_P(WebBackendsTest, UploadKeepsTheOriginalAndDeletingWorks) {
  Site site(NewRegistryLocation());
  ASSERT_EQ(site.ids.size(), 5u);
  const std::string text = "Kính gửi: Phòng Nội vụ.\nĐề nghị báo cáo trước ngày 20/12/2030.";
  const httplib::MultipartFormDataItems file = {{"file", text, "thu.txt", "text/plain"}};
  httplib::Result upload = site.server.Client().Post("/api/upload", site.server.Csrf(), file);
  ASSERT_TRUE(upload);
  ASSERT_EQ(upload->status, 201) << upload->body;
  EXPECT_NE(site.GetJson("/api/documents").dump().find("thu.txt"), std::string::npos);
  const std::int64_t id = json::parse(upload->body)["id"];
  httplib::Result original = site.Get("/documents/" + std::to_string(id) + "/ban-goc");
  ASSERT_TRUE(original);
  EXPECT_EQ(original->status, 200);
  EXPECT_EQ(original->body, text);
  httplib::Result removed =
      site.Post("/api/documents/" + std::to_string(site.ids[0]) + "/delete", json::object());
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->status, 200) << removed->body;
  EXPECT_EQ(json::parse(removed->body)["deleted"], site.ids[0]);
  EXPECT_EQ(site.Get("/documents/" + std::to_string(site.ids[0]))->status, 404);
}

// With accounts in the registry, the page asks to sign in; a unit's account, signed in with its
// password (Argon2id, checked against the registry's row), sees its unit's tasks only.
TEST_P(WebBackendsTest, AUnitsAccountSignsInAndSeesItsUnitsTasks) {
  const std::string location = NewRegistryLocation();
  ASSERT_EQ(FillWithGoldLetters(location).size(), 5u);
  {
    Result<std::unique_ptr<registry::Registry>> reg = registry::Registry::Open(location);
    ASSERT_TRUE(reg.ok());
    const registry::TimePoint now = std::chrono::system_clock::now();
    Result<registry::Unit> unit = registry::AddUnit(**reg, "Phòng Nội vụ", now);
    ASSERT_TRUE(unit.ok()) << unit.status().ToString();
    registry::NewUser user;
    user.login = "noi-vu";
    user.role = registry::Role::kCanBo;
    user.unit_id = unit->id;
    user.password = "mật-khẩu-rất-dài-7Qx";
    ASSERT_TRUE(registry::AddUser(**reg, user, now).ok());
  }
  test::RunningServer server(location);
  httplib::Client client = server.Client();
  EXPECT_EQ(client.Get("/api/tasks")->status, 401);
  auto sign_in = [&](const std::string& password) {
    const std::string form = client.Get("/dang-nhap")->body;
    const std::string marker = "name=\"csrf\" value=\"";
    const std::size_t at = form.find(marker);
    EXPECT_NE(at, std::string::npos) << form;
    const std::string csrf = at == std::string::npos ? "" : form.substr(at + marker.size(), 64);
    return client.Post("/dang-nhap", httplib::Params{{"csrf", csrf},
                                                     {"login", "noi-vu"},
                                                     {"password", password},
                                                     {"tiep", "/tasks"}});
  };
  httplib::Result wrong = sign_in("sai-mật-khẩu-000");
  ASSERT_TRUE(wrong);
  EXPECT_NE(wrong->status, 303);
  EXPECT_EQ(wrong->get_header_value("Set-Cookie").find(kSessionCookie), std::string::npos);
  httplib::Result signed_in = sign_in("mật-khẩu-rất-dài-7Qx");
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 303) << signed_in->body;
  const std::string cookie = signed_in->get_header_value("Set-Cookie");
  ASSERT_EQ(cookie.rfind(std::string(kSessionCookie) + "=", 0), 0u) << cookie;
  const httplib::Headers session{{"Cookie", cookie.substr(0, cookie.find(';'))}};
  httplib::Result tasks = client.Get("/api/tasks", session);
  ASSERT_EQ(tasks->status, 200) << tasks->body;
  const json listed = json::parse(tasks->body);
  ASSERT_TRUE(listed.is_array());
  EXPECT_FALSE(listed.empty());
  for (const json& t : listed) {
    EXPECT_NE(t["assignee"].get<std::string>().find("Nội vụ"), std::string::npos) << t.dump();
  }
}

// The PostgreSQL server answers what the SQLite one answers, before and after the same changes.
TEST_P(WebBackendsTest, AnswersAsTheSqliteServerDoes) {
  if (!postgres()) GTEST_SKIP() << "compares PostgreSQL with SQLite";
  congvan::testing::TempDir dir;
  Site on_postgres(NewRegistryLocation());
  Site on_sqlite((dir / "registry.db").string());
  ASSERT_EQ(on_postgres.ids, on_sqlite.ids);
  const std::vector<std::string> paths = {
      "/api/documents", "/api/tasks", "/api/tasks?trang-thai=qua-han",
      "/api/tasks?don-vi=Ph%C3%B2ng+N%E1%BB%99i+v%E1%BB%A5", "/api/search?q=bao+cao",
      "/api/units", "/api/documents/" + std::to_string(on_sqlite.ids[2]),
      "/api/documents/" + std::to_string(on_sqlite.ids[4]) + "/corrections"};
  auto expect_same = [&](const std::string& when) {
    for (const std::string& path : paths) {
      EXPECT_EQ(WithoutTimes(on_postgres.GetJson(path)), WithoutTimes(on_sqlite.GetJson(path)))
          << when << ": " << path;
    }
  };
  expect_same("as registered");
  // The pages of the lists in every order (the CSRF token and the port in the calendar's
  // address are each server's own; the report's and the dashboard's "as of" minute may differ
  // between the two requests).
  static const std::regex token("[0-9a-f]{64}|127\\.0\\.0\\.1:[0-9]+|[0-9]{2}:[0-9]{2}");
  for (const char* path :
       {"/?sap=ngay-den", "/?sap=so", "/?sap=so&chieu=giam", "/?sap=ngay&chieu=tang",
        "/?sap=co-quan", "/?trang-thai=qua-han&don-vi=noi+vu", "/tasks?sap=don-vi",
        "/tasks?trang-thai=qua-han", "/bao-cao", "/tong-quan"}) {
    httplib::Result p = on_postgres.Get(path);
    httplib::Result q = on_sqlite.Get(path);
    ASSERT_TRUE(p && q) << path;
    EXPECT_EQ(p->status, 200) << path;
    EXPECT_EQ(std::regex_replace(p->body, token, "X"), std::regex_replace(q->body, token, "X"))
        << path;
  }
  for (Site* site : {&on_postgres, &on_sqlite}) {
    const std::string letter = "/api/documents/" + std::to_string(site->ids[4]);
    const std::int64_t task = site->GetJson(letter)["tasks"][0]["id"];
    ASSERT_EQ(site->Post("/api/tasks/" + std::to_string(task) + "/done", json::object())->status,
              200);
    ASSERT_EQ(site->Post(letter + "/corrections",
                         {{"field", "due_date"}, {"value", "15/12/2031"}, {"task_id", task}})
                  ->status,
              201);
    ASSERT_EQ(site->Post("/api/units", {{"name", "Phòng Nội vụ"}})->status, 201);
    ASSERT_EQ(site->Post(letter + "/assignments", {{"lead", "Phòng Nội vụ"}})->status, 201);
  }
  expect_same("after a task done, a correction and an assignment");
}

CONGVAN_ON_BOTH_BACKENDS(WebBackendsTest);

}  // namespace
}  // namespace congvan::web
