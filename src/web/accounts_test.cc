// HTTP tests of accounts and roles: a real Server on a loopback port over a real SQLite file
// filled by the real pipeline (letters 002 and 004 of the devset), with a directory of two units,
// one assignment to each, and an account of every role. Signing in through the form, the session
// cookie (missing, forged, altered, expired, of a disabled account or an old password), the
// failed sign-ins counted, what each role may do, a cán bộ kept to its unit's letters and tasks,
// and the password found neither in the registry file nor in the server's log.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "registry/assignments.h"
#include "registry/registry.h"
#include "registry/units.h"
#include "registry/users.h"
#include "support/testing.h"
#include "web/html.h"
#include "web/sessions.h"
#include "web/test_server.h"

namespace congvan::web {
namespace {

using congvan::testing::TempDir;
using congvan::testing::TestData;
using nlohmann::json;

constexpr char kPassword[] = "Mật-khẩu-đủ-dài-2026";
constexpr char kUnitA[] = "Ban Tiếp công dân";
constexpr char kUnitB[] = "Phòng Dân tộc";

std::unique_ptr<registry::Registry> Open(const std::string& db) {
  Result<std::unique_ptr<registry::Registry>> reg = registry::Registry::Open(db);
  EXPECT_TRUE(reg.ok()) << reg.status().ToString();
  return reg.ok() ? std::move(*reg) : nullptr;
}

// The value of `name` in a response's Set-Cookie, or "".
std::string SetCookieValue(const httplib::Result& r, const std::string& name) {
  const std::string header = r->get_header_value("Set-Cookie");
  if (header.rfind(name + "=", 0) != 0) return "";
  return header.substr(name.size() + 1, header.find(';') - name.size() - 1);
}

class AccountsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = (dir_->path() / "registry.db").string();
    const std::string restored = TestData("devset/restored").string();
    test::RegisterAll(db_, {restored + "/002_aaae76cc2c3d2f2a.txt",
                            restored + "/004_7112368be621d645.txt"},
                      ids_);
    std::unique_ptr<registry::Registry> reg = Open(db_);
    ASSERT_NE(reg, nullptr);
    const auto now = std::chrono::system_clock::now();
    Result<registry::Unit> a = registry::AddUnit(*reg, kUnitA, now);
    Result<registry::Unit> b = registry::AddUnit(*reg, kUnitB, now);
    ASSERT_TRUE(a.ok() && b.ok());
    unit_a_ = a->id;
    for (auto [letter, unit, task] : {std::tuple{ids_[0], kUnitA, &task_a_},
                                      std::tuple{ids_[1], kUnitB, &task_b_}}) {
      registry::AssignmentRequest request;
      request.document_id = letter;
      request.lead = unit;
      request.who = "setup";
      Result<registry::AssignmentOutcome> made = registry::Assign(*reg, request, now);
      ASSERT_TRUE(made.ok()) << made.status().ToString();
      *task = made->task.task.id;
    }
    // The second letter has no task of unit A: what a cán bộ of A is kept from.
    ASSERT_FALSE(*registry::LetterHasTaskOfUnit(*reg, ids_[1], a->id));
    ASSERT_TRUE(*registry::LetterHasTaskOfUnit(*reg, ids_[0], a->id));
    for (auto [login, role, unit] :
         {std::tuple{"quan.tri", registry::Role::kQuanTri, std::optional<std::int64_t>()},
          std::tuple{"van.thu", registry::Role::kVanThu, std::optional<std::int64_t>()},
          std::tuple{"lanh.dao", registry::Role::kLanhDao, std::optional<std::int64_t>()},
          std::tuple{"can.bo.a", registry::Role::kCanBo, std::optional<std::int64_t>(a->id)},
          std::tuple{"can.bo.b", registry::Role::kCanBo, std::optional<std::int64_t>(b->id)},
          std::tuple{"doi.mat.khau", registry::Role::kVanThu, std::optional<std::int64_t>()},
          std::tuple{"bi.khoa", registry::Role::kVanThu, std::optional<std::int64_t>()}}) {
      registry::NewUser u;
      u.login = login;
      u.role = role;
      u.unit_id = unit;
      u.password = kPassword;
      ASSERT_TRUE(registry::AddUser(*reg, u, now).ok()) << login;
    }
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override { server_ = std::make_unique<test::RunningServer>(db_); }
  void TearDown() override { server_.reset(); }

  httplib::Client Client() const { return server_->Client(); }

  // The sign-in form's CSRF field, read from the page.
  std::string FormCsrf() {
    httplib::Result page = Client().Get("/dang-nhap");
    EXPECT_EQ(page->status, 200);
    const std::string marker = "name=\"csrf\" value=\"";
    const std::size_t at = page->body.find(marker);
    if (at == std::string::npos) return "";
    return page->body.substr(at + marker.size(), 64);
  }
  httplib::Result PostSignIn(const std::string& login, const std::string& password,
                             const std::string& next = "/tasks") {
    httplib::Params form{{"csrf", FormCsrf()}, {"login", login}, {"password", password},
                         {"tiep", next}};
    return Client().Post("/dang-nhap", form);
  }
  // Signs in and returns the session cookie's value.
  std::string SignIn(const std::string& login, const std::string& password = kPassword) {
    httplib::Result r = PostSignIn(login, password);
    EXPECT_EQ(r->status, 303) << login << ": " << r->body;
    return SetCookieValue(r, kSessionCookie);
  }
  static httplib::Headers With(const std::string& session, const std::string& csrf = "") {
    httplib::Headers h{{"Cookie", std::string(kSessionCookie) + "=" + session}};
    if (!csrf.empty()) h.emplace("X-CSRF-Token", csrf);
    return h;
  }
  httplib::Result Get(const std::string& session, const std::string& path) {
    return Client().Get(path.c_str(), With(session));
  }
  httplib::Result Post(const std::string& session, const std::string& path, const json& body) {
    const json me = json::parse(Get(session, "/api/session")->body);
    return Client().Post(path.c_str(), With(session, me["csrf_token"]), body.dump(),
                         "application/json");
  }
  std::string Doc(int i) const { return std::to_string(ids_[i]); }

  static TempDir* dir_;
  static std::string db_;
  static std::vector<std::int64_t> ids_;
  static std::int64_t unit_a_, task_a_, task_b_;
  std::unique_ptr<test::RunningServer> server_;
};

TempDir* AccountsTest::dir_ = nullptr;
std::string AccountsTest::db_;
std::vector<std::int64_t> AccountsTest::ids_;
std::int64_t AccountsTest::unit_a_ = 0;
std::int64_t AccountsTest::task_a_ = 0;
std::int64_t AccountsTest::task_b_ = 0;

TEST_F(AccountsTest, WithoutASessionBrowsersAreSentToSignInAndScriptsGet401) {
  httplib::Result page = Client().Get("/tasks");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 303);
  EXPECT_EQ(page->get_header_value("Location"), "/dang-nhap?tiep=/tasks");
  for (const std::string& path : std::vector<std::string>{"/api/tasks", "/api/session", "/calendar.ics",
                                 "/api/documents/" + Doc(0)}) {
    httplib::Result r = Client().Get(path.c_str());
    EXPECT_EQ(r->status, 401) << path;
    EXPECT_EQ(json::parse(r->body)["error"], "Cần đăng nhập để dùng trang này.") << path;
  }
  EXPECT_EQ(Client().Post("/api/tasks/" + std::to_string(task_a_) + "/done", "{}",
                           "application/json")->status,
            401);
  // A token or the loopback address are no longer enough.
  EXPECT_EQ(Client().Get("/api/tasks", httplib::Headers{{"Authorization", "Bearer 0123456789abcdef0123"}})->status,
            401);
  // The sign-in page and the assets are open.
  httplib::Result sign_in = Client().Get("/dang-nhap?tiep=/tasks");
  EXPECT_EQ(sign_in->status, 200);
  EXPECT_NE(sign_in->body.find("<h1>Đăng nhập</h1>"), std::string::npos);
  EXPECT_NE(sign_in->body.find("type=\"password\""), std::string::npos);
  EXPECT_EQ(Client().Get("/assets/app.css")->status, 200);
}

TEST_F(AccountsTest, SigningInSetsAStrictHttpOnlyCookieAndSigningOutClearsIt) {
  httplib::Result r = PostSignIn("van.thu", kPassword, "/tasks?don-vi=x");
  ASSERT_EQ(r->status, 303) << r->body;
  EXPECT_EQ(r->get_header_value("Location"), "/tasks?don-vi=x");
  const std::string header = r->get_header_value("Set-Cookie");
  EXPECT_NE(header.find("HttpOnly"), std::string::npos) << header;
  EXPECT_NE(header.find("SameSite=Strict"), std::string::npos) << header;
  EXPECT_NE(header.find("Max-Age=28800"), std::string::npos) << header;
  const std::string session = SetCookieValue(r, kSessionCookie);
  EXPECT_EQ(session.rfind("van.thu.", 0), 0u) << session;

  const json me = json::parse(Get(session, "/api/session")->body);
  EXPECT_EQ(me["who"], "van.thu");
  EXPECT_EQ(me["role"], "van_thu");
  httplib::Result tasks = Get(session, "/tasks");
  EXPECT_EQ(tasks->status, 200);
  EXPECT_NE(tasks->body.find("action=\"/dang-xuat\""), std::string::npos);
  // Elsewhere than this server is never where the form leads.
  for (const char* next : {"//evil.example/x", "https://evil.example/", "/\\evil.example"}) {
    EXPECT_EQ(PostSignIn("van.thu", kPassword, next)->get_header_value("Location"), "/") << next;
  }
  // The sign-in form needs its CSRF field and this server's origin.
  httplib::Params no_csrf{{"login", "van.thu"}, {"password", kPassword}};
  EXPECT_EQ(Client().Post("/dang-nhap", no_csrf)->status, 403);
  httplib::Params form{{"csrf", FormCsrf()}, {"login", "van.thu"}, {"password", kPassword}};
  EXPECT_EQ(Client().Post("/dang-nhap", httplib::Headers{{"Origin", "https://evil.example"}}, form)->status, 403);

  httplib::Result out = Client().Post("/dang-xuat", With(session), httplib::Params{{"csrf", me["csrf_token"]}});
  EXPECT_EQ(out->status, 303);
  EXPECT_EQ(out->get_header_value("Set-Cookie").rfind(std::string(kSessionCookie) + "=;", 0), 0u);
}

// Another server on the same registry accepts the session and its CSRF token: no state is
// kept by the server that signed the cookie in.
TEST_F(AccountsTest, AnotherServerOnTheRegistryAcceptsTheSession) {
  const std::string session = SignIn("lanh.dao");
  const json me = json::parse(Get(session, "/api/session")->body);
  test::RunningServer other(db_);
  httplib::Client c = other.Client();
  const json there = json::parse(c.Get("/api/session", With(session))->body);
  EXPECT_EQ(there["who"], "lanh.dao");
  EXPECT_EQ(there["csrf_token"], me["csrf_token"]);
  httplib::Result done = c.Post("/api/tasks/" + std::to_string(task_b_) + "/reopen",
                                With(session, me["csrf_token"]), R"({"note": "từ máy chủ khác"})",
                                "application/json");
  ASSERT_TRUE(done);
  // 200, or 400 when the task is open already: either way past the session and CSRF checks.
  EXPECT_TRUE(done->status == 200 || done->status == 400) << done->status << done->body;
  // Another session's token is not this one's.
  const json clerk = json::parse(Get(SignIn("van.thu"), "/api/session")->body);
  EXPECT_NE(clerk["csrf_token"], me["csrf_token"]);
  EXPECT_EQ(c.Post("/api/tasks/" + std::to_string(task_b_) + "/done",
                   With(session, clerk["csrf_token"]), "{}", "application/json")->status,
            403);
}

TEST_F(AccountsTest, ForgedAlteredAndExpiredCookiesAreRefused) {
  const std::string good = SignIn("van.thu");
  ASSERT_EQ(Get(good, "/api/tasks")->status, 200);
  std::string altered_mac = good;
  altered_mac.back() = altered_mac.back() == '0' ? '1' : '0';
  std::string other_login = good;
  other_login.replace(0, std::string("van.thu").size(), "quan.tri");
  std::string later = good;
  const std::size_t dot = later.find('.', std::string("van.thu.").size() - 1);
  later[dot + 1] = later[dot + 1] == '9' ? '8' : '9';  // expiry changed, MAC kept
  for (const std::string& forged :
       {std::string("van.thu.99999999999.") + std::string(64, '0'), altered_mac, other_login,
        later, std::string("garbage"), std::string("..."), std::string("van.thu")}) {
    EXPECT_EQ(Get(forged, "/api/tasks")->status, 401) << forged;
    EXPECT_EQ(Get(forged, "/tasks")->status, 303) << forged;
  }
  // A cookie signed with the registry's key but expired: refused; the same signer with a
  // future expiry is accepted, so the refusal is the expiry's.
  std::unique_ptr<registry::Registry> reg = Open(db_);
  ASSERT_NE(reg, nullptr);
  const auto now = std::chrono::system_clock::now();
  Result<std::string> key = registry::RegistryKey(*reg, kSessionKeyName, "unused", now);
  ASSERT_TRUE(key.ok());
  SessionSigner signer(*key);
  Result<registry::User> user = registry::FindUser(*reg, "van.thu");
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(Get(signer.Issue(*user, now - std::chrono::seconds(1)), "/api/tasks")->status, 401);
  EXPECT_EQ(Get(signer.Issue(*user, now + std::chrono::hours(1)), "/api/tasks")->status, 200);
  // A key that is not the registry's signs nothing.
  SessionSigner stranger(std::string(64, 'a'));
  EXPECT_EQ(Get(stranger.Issue(*user, now + std::chrono::hours(1)), "/api/tasks")->status, 401);
}

TEST_F(AccountsTest, ADisabledAccountOrAChangedPasswordEndsTheSessionAtOnce) {
  const std::string session = SignIn("bi.khoa");
  ASSERT_EQ(Get(session, "/api/tasks")->status, 200);
  std::unique_ptr<registry::Registry> reg = Open(db_);
  ASSERT_NE(reg, nullptr);
  ASSERT_TRUE(registry::SetUserDisabled(*reg, "bi.khoa", true).ok());
  EXPECT_EQ(Get(session, "/api/tasks")->status, 401);
  EXPECT_EQ(PostSignIn("bi.khoa", kPassword)->status, 401);
  ASSERT_TRUE(registry::SetUserDisabled(*reg, "bi.khoa", false).ok());
  EXPECT_EQ(Get(session, "/api/tasks")->status, 200);

  const std::string before = SignIn("doi.mat.khau");
  ASSERT_EQ(Get(before, "/api/tasks")->status, 200);
  ASSERT_TRUE(registry::SetPassword(*reg, "doi.mat.khau", "mật-khẩu-mới-hẳn-2027").ok());
  EXPECT_EQ(Get(before, "/api/tasks")->status, 401);
  EXPECT_EQ(Get(SignIn("doi.mat.khau", "mật-khẩu-mới-hẳn-2027"), "/api/tasks")->status, 200);
}

TEST_F(AccountsTest, WrongSignInsReadAlikeAndTenRefuseTheLogin) {
  httplib::Result unknown = PostSignIn("khong.co", kPassword);
  httplib::Result wrong = PostSignIn("lanh.dao", "không-phải-mật-khẩu");
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(wrong->status, 401);
  const std::string message = "Tên đăng nhập hoặc mật khẩu không đúng.";
  EXPECT_NE(unknown->body.find(message), std::string::npos);
  EXPECT_NE(wrong->body.find(message), std::string::npos);
  EXPECT_EQ(SetCookieValue(wrong, kSessionCookie), "");
  // The password typed is never put back into the page.
  EXPECT_EQ(wrong->body.find("không-phải-mật-khẩu"), std::string::npos);

  for (int i = 1; i < registry::kMaxSignInFailures; ++i) {
    EXPECT_EQ(PostSignIn("lanh.dao", "không-phải-mật-khẩu")->status, 401);
  }
  httplib::Result locked = PostSignIn("lanh.dao", kPassword);
  EXPECT_EQ(locked->status, 401);
  EXPECT_NE(locked->body.find("tạm khóa"), std::string::npos);
  EXPECT_EQ(SetCookieValue(locked, kSessionCookie), "");
  // Other logins are not touched.
  EXPECT_EQ(PostSignIn("van.thu", kPassword)->status, 303);
  // Let the lock go (the failures are in the registry; the clock is not waited for).
  std::unique_ptr<registry::Registry> reg = Open(db_);
  ASSERT_TRUE(registry::SetPassword(*reg, "lanh.dao", kPassword).ok());
  EXPECT_EQ(PostSignIn("lanh.dao", kPassword)->status, 303);
}

TEST_F(AccountsTest, ACanBoSeesAndUpdatesOnlyItsUnitsTasks) {
  const std::string a = SignIn("can.bo.a");
  const std::string task_a = std::to_string(task_a_), task_b = std::to_string(task_b_);
  // The task list and the search are the unit's.
  httplib::Result list = Get(a, "/api/tasks?don-vi=" + UrlEncode(kUnitB));
  ASSERT_EQ(list->status, 200);
  const json tasks = json::parse(list->body);
  ASSERT_FALSE(tasks.empty());
  bool saw_a = false;
  std::unique_ptr<registry::Registry> reg = Open(db_);
  for (const json& t : tasks) {
    EXPECT_NE(t["id"], task_b_);
    EXPECT_TRUE(*registry::TaskOfUnit(*reg, t["id"].get<std::int64_t>(), unit_a_)) << t.dump();
    saw_a = saw_a || t["id"] == task_a_;
  }
  EXPECT_TRUE(saw_a);
  httplib::Result letters = Get(a, "/");
  ASSERT_EQ(letters->status, 200);
  EXPECT_NE(letters->body.find("/documents/" + Doc(0) + "\""), std::string::npos);
  EXPECT_EQ(letters->body.find("/documents/" + Doc(1) + "\""), std::string::npos);
  // The search too, even for a query whose unclosed quote would swallow the unit's filter. The
  // clerk finds both letters with these words, so the cán bộ's answers are a real cut.
  const std::string clerk = SignIn("van.thu");
  for (const std::string& q : {std::string("ubnd"), std::string("\"ubnd"),
                               std::string("don-vi:\"") + kUnitB}) {
    const std::string path = "/api/search?limit=500&q=" + UrlEncode(q);
    const json all = json::parse(Get(clerk, path)->body);
    const json found = json::parse(Get(a, path)->body);
    for (const json& d : found["documents"]) EXPECT_EQ(d["id"], ids_[0]) << q << d.dump();
    for (const json& t : found["tasks"]) {
      EXPECT_TRUE(*registry::TaskOfUnit(*reg, t["id"].get<std::int64_t>(), unit_a_)) << q;
    }
    if (q == "ubnd") {
      EXPECT_EQ(all["documents"].size(), 2u) << all.dump().substr(0, 300);
      EXPECT_LT(found["documents"].size(), all["documents"].size());
    }
  }
  const std::string page = Get(a, "/?q=" + UrlEncode("\"ubnd"))->body;
  EXPECT_EQ(page.find("/documents/" + Doc(1) + "\""), std::string::npos);

  // Another unit's task and letter: 403, read or changed.
  for (const std::string& path : std::vector<std::string>{"/api/tasks/" + task_b, "/documents/" + Doc(1),
                                 "/api/documents/" + Doc(1), "/documents/" + Doc(1) + "/ban-goc",
                                 "/documents/" + Doc(1) + "/in"}) {
    httplib::Result r = Get(a, path);
    EXPECT_EQ(r->status, 403) << path;
  }
  httplib::Result other = Post(a, "/api/tasks/" + task_b + "/done", {{"note", "không phải của tôi"}});
  EXPECT_EQ(other->status, 403);
  EXPECT_NE(json::parse(other->body)["error"].get<std::string>().find("đơn vị mình"),
            std::string::npos);
  // Its own: read, done with its login in the history, reopened.
  EXPECT_EQ(Get(a, "/documents/" + Doc(0))->status, 200);
  httplib::Result done = Post(a, "/api/tasks/" + task_a + "/done", {{"note", "đã xong"}});
  ASSERT_EQ(done->status, 200) << done->body;
  EXPECT_EQ(json::parse(done->body)["history"].back()["who"], "can.bo.a");
  EXPECT_EQ(Post(a, "/api/tasks/" + task_a + "/reopen", {{"note", "làm lại"}})->status, 200);
  // B's cán bộ is kept from A's task the same way.
  EXPECT_EQ(Post(SignIn("can.bo.b"), "/api/tasks/" + task_a + "/done", json::object())->status, 403);

  // No registering, correcting, deleting, assigning, nor the whole office's pages.
  EXPECT_EQ(Post(a, "/api/documents/" + Doc(0) + "/corrections",
                 {{"field", "subject"}, {"value", "Sửa thử"}})->status,
            403);
  EXPECT_EQ(Post(a, "/api/documents/" + Doc(0) + "/delete", json::object())->status, 403);
  EXPECT_EQ(Post(a, "/api/documents/" + Doc(0) + "/assignments", {{"lead", kUnitA}})->status, 403);
  EXPECT_EQ(Post(a, "/api/units", {{"name", "Phòng Mới"}})->status, 403);
  for (const char* path : {"/so-den", "/so-den.csv", "/tong-quan", "/bao-cao", "/api/documents",
                           "/upload", "/don-vi"}) {
    EXPECT_EQ(Get(a, path)->status, 403) << path;
  }
}

TEST_F(AccountsTest, EachRoleDoesWhatItMayAndHistoriesNameTheLogin) {
  const std::string clerk = SignIn("van.thu");
  httplib::Result corrected = Post(clerk, "/api/documents/" + Doc(1) + "/corrections",
                                   {{"field", "place"}, {"value", "Hà Nội"}});
  ASSERT_EQ(corrected->status, 201) << corrected->body;
  EXPECT_EQ(json::parse(corrected->body)["who"], "van.thu");
  httplib::Result assigned = Post(clerk, "/api/documents/" + Doc(1) + "/assignments",
                                  {{"lead", kUnitB}, {"instruction", "Văn thư giao"}});
  ASSERT_EQ(assigned->status, 201) << assigned->body;
  EXPECT_EQ(json::parse(assigned->body)["assigned_by"], "van.thu");
  EXPECT_EQ(Get(clerk, "/so-den")->status, 200);
  // Registering: a letter uploaded by the clerk goes through the pipeline; a cán bộ is refused
  // before its file is read.
  const std::string letter =
      congvan::testing::ReadFile(TestData("devset/restored/001_b8c21598dec75cc1.txt"));
  const json me = json::parse(Get(clerk, "/api/session")->body);
  httplib::MultipartFormDataItems file{{"file", letter, "001.txt", "text/plain"}};
  httplib::Result uploaded = Client().Post("/api/upload", With(clerk, me["csrf_token"]), file);
  ASSERT_EQ(uploaded->status, 201) << uploaded->body;
  const std::string a = SignIn("can.bo.a");
  const json a_me = json::parse(Get(a, "/api/session")->body);
  EXPECT_EQ(a_me["unit"], kUnitA);
  EXPECT_EQ(Client().Post("/api/upload", With(a, a_me["csrf_token"]), file)->status, 403);

  const std::string leader = SignIn("lanh.dao");
  EXPECT_EQ(Get(leader, "/tong-quan")->status, 200);
  EXPECT_EQ(Get(leader, "/api/tasks/" + std::to_string(task_b_))->status, 200);
  httplib::Result refused = Post(leader, "/api/documents/" + Doc(1) + "/corrections",
                                 {{"field", "place"}, {"value", "Huế"}});
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(json::parse(refused->body)["error"],
            "Tài khoản «lanh.dao» (lãnh đạo) không được đăng ký, sửa, xóa văn bản.");
  EXPECT_EQ(Post(leader, "/api/documents/" + Doc(0) + "/delete", json::object())->status, 403);
  httplib::Result led = Post(leader, "/api/documents/" + Doc(0) + "/assignments",
                             {{"lead", kUnitA}, {"instruction", "Lãnh đạo giao"}});
  ASSERT_EQ(led->status, 201) << led->body;
  EXPECT_EQ(json::parse(led->body)["assigned_by"], "lanh.dao");
  httplib::Result done = Post(leader, "/api/tasks/" + std::to_string(task_b_) + "/done",
                              {{"note", "ý kiến lãnh đạo"}});
  ASSERT_EQ(done->status, 200) << done->body;
  EXPECT_EQ(json::parse(done->body)["history"].back()["who"], "lanh.dao");

  const std::string admin = SignIn("quan.tri");
  EXPECT_EQ(Post(admin, "/api/units", {{"name", "Phòng Quản trị thử"}})->status, 201);
  EXPECT_EQ(Post(leader, "/api/units", {{"name", "Phòng Lãnh đạo thử"}})->status, 403);
  // CSRF still guards a signed-in account's writes.
  EXPECT_EQ(Client().Post("/api/tasks/" + std::to_string(task_b_) + "/reopen", With(clerk), "{}",
                          "application/json")->status,
            403);
}

// The password typed reaches neither the registry file nor the server's log (its standard
// error, where sign-ins are written), whether typed as the password or by mistake as the login.
TEST_F(AccountsTest, ThePasswordIsNeverStoredNorLogged) {
  const std::string log_path = (dir_->path() / "server.log").string();
  std::fflush(stderr);
  const int saved = dup(STDERR_FILENO);
  ASSERT_GE(saved, 0);
  std::FILE* log = std::fopen(log_path.c_str(), "w");
  ASSERT_NE(log, nullptr);
  ASSERT_GE(dup2(fileno(log), STDERR_FILENO), 0);
  const int good = PostSignIn("van.thu", kPassword)->status;
  const int bad = PostSignIn("van.thu", "một-mật-khẩu-sai-rõ-ràng")->status;
  const int mistyped = PostSignIn(kPassword, kPassword)->status;
  std::fflush(stderr);
  dup2(saved, STDERR_FILENO);
  close(saved);
  std::fclose(log);
  EXPECT_EQ(good, 303);
  EXPECT_EQ(bad, 401);
  EXPECT_EQ(mistyped, 401);
  const std::string logged = congvan::testing::ReadFile(log_path);
  EXPECT_NE(logged.find("đăng nhập: van.thu"), std::string::npos) << logged;
  EXPECT_NE(logged.find("không thành công: van.thu"), std::string::npos) << logged;
  EXPECT_EQ(logged.find(kPassword), std::string::npos) << logged;
  EXPECT_EQ(logged.find("một-mật-khẩu-sai-rõ-ràng"), std::string::npos) << logged;

  std::string bytes = congvan::testing::ReadFile(db_);
  if (std::filesystem::exists(db_ + "-wal")) bytes += congvan::testing::ReadFile(db_ + "-wal");
  EXPECT_NE(bytes.find("$argon2id$"), std::string::npos);
  EXPECT_EQ(bytes.find(kPassword), std::string::npos);
  EXPECT_EQ(bytes.find("một-mật-khẩu-sai-rõ-ràng"), std::string::npos);
}

// Listening beyond the machine needs no token once there are accounts; with every account
// disabled the server lets nobody in.
TEST(AccountsServerTest, ANetworkServerWithoutAccountsLetsNobodyIn) {
  TempDir tmp;
  const std::string db = (tmp.path() / "r.db").string();
  {
    std::unique_ptr<registry::Registry> reg = Open(db);
    ASSERT_NE(reg, nullptr);
    registry::NewUser u;
    u.login = "van.thu";
    u.role = registry::Role::kVanThu;
    u.password = kPassword;
    ASSERT_TRUE(registry::AddUser(*reg, u, std::chrono::system_clock::now()).ok());
  }
  ServerOptions o;
  o.db_path = db;
  o.listen.host = "0.0.0.0";
  o.listen.port = 0;
  test::RunningServer server(o);
  httplib::Client c = server.Client();
  EXPECT_EQ(c.Get("/api/tasks")->status, 401);
  std::unique_ptr<registry::Registry> reg = Open(db);
  ASSERT_TRUE(registry::SetUserDisabled(*reg, "van.thu", true).ok());
  EXPECT_EQ(c.Get("/api/tasks")->status, 503);
  EXPECT_EQ(c.Get("/")->status, 503);
  // Without accounts such a server does not start at all.
  EXPECT_EQ(Validate(o, false).code(), Code::kInvalidInput);
  EXPECT_TRUE(Validate(o, true).ok());
}

}  // namespace
}  // namespace congvan::web
