// HTTP-level tests of the web server: a real Server on a loopback port over a real SQLite file
// filled by the real pipeline from real letters (tests/data/devset/restored, a text-layer PDF
// from corpus/samples, and a copy of a letter with <script> in it), driven with httplib::Client.
#include "web/server.h"
#include "web/test_letters.h"
#include "web/test_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "pipeline/pipeline.h"
#include "registry/registry.h"
#include "support/testing.h"
#include "web/html.h"

namespace congvan::web {
namespace {

using congvan::testing::ReadFile;
using congvan::testing::TempDir;
using congvan::testing::TestData;
using test::RunningServer;
using nlohmann::json;

constexpr char kHostile[] = "<script>window.__xss=1</script>";

pipeline::Options PipelineOptions() {
  pipeline::Options o;
  o.workers = 1;
  return o;
}

// A TCP connection to a local server from a chosen loopback address (all of 127.0.0.0/8 is this
// machine), sending and reading raw bytes. Every wait is bounded (60 s) so a test cannot hang.
class RawConnection {
 public:
  RawConnection(int port, const char* from = "127.0.0.1") {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    timeval limit{60, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    inet_pton(AF_INET, from, &local.sin_addr);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local), 0);
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&server), sizeof server) == 0;
    EXPECT_TRUE(connected_);
  }
  ~RawConnection() { ::close(fd_); }

  // False once the server has closed or reset the connection.
  bool Send(const std::string& data) {
    size_t at = 0;
    while (at < data.size()) {
      const ssize_t n = ::send(fd_, data.data() + at, data.size() - at, MSG_NOSIGNAL);
      if (n <= 0) return false;
      at += static_cast<size_t>(n);
    }
    return true;
  }
  // True when the server has sent something (or closed) and it waits to be read.
  bool HasAnswer() {
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, 0) > 0;
  }
  // Everything the server sends until it closes the connection (or 60 s pass: timed_out()).
  std::string ReadUntilClosed() {
    std::string out;
    char buf[4096];
    for (;;) {
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) timed_out_ = true;
      if (n <= 0) return out;
      out.append(buf, static_cast<size_t>(n));
    }
  }
  bool timed_out() const { return timed_out_; }
  // The status code of the first response line, or 0.
  static int StatusOf(const std::string& response) {
    if (response.rfind("HTTP/1.1 ", 0) != 0 || response.size() < 12) return 0;
    return std::atoi(response.substr(9, 3).c_str());
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
  bool timed_out_ = false;
};


// The registry shared by the tests of this file: built once (the pipeline takes a moment).
class WebTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = (dir_->path() / "registry.db").string();
    const std::string restored = TestData("devset/restored").string();
    std::string letter = ReadFile(restored + "/001_b8c21598dec75cc1.txt");
    letter.replace(letter.find("V/v nghiêm túc"), std::string("V/v").size(),
                   std::string("V/v ") + kHostile);
    congvan::testing::WriteFile(dir_->path() / "hostile.txt", letter);
    const std::vector<std::string> files = {
        restored + "/002_aaae76cc2c3d2f2a.txt", restored + "/004_7112368be621d645.txt",
        (congvan::testing::SourceDir() / "corpus/samples/nd-249-2025-text-layer.pdf").string(),
        (dir_->path() / "hostile.txt").string(), TestData("signed/05.pdf").string()};
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
    server_ = std::make_unique<RunningServer>(o);
  }

  std::int64_t HonQuan() const { return ids_[0]; }  // 1138/UBND-NC
  std::int64_t Pdf() const { return ids_[2]; }
  std::int64_t Hostile() const { return ids_[3]; }
  std::int64_t Signed() const { return ids_[4]; }  // born-digital, the gazette centre's box

  httplib::Client Client() const { return server_->Client(); }
  int port() const { return server_->port(); }
  std::string Csrf() {
    httplib::Result r = Client().Get("/api/session");
    return json::parse(r->body)["csrf_token"].get<std::string>();
  }
  httplib::Result PostJson(const std::string& path, const json& body, const std::string& csrf) {
    httplib::Headers h;
    if (!csrf.empty()) h.emplace("X-CSRF-Token", csrf);
    return Client().Post(path.c_str(), h, body.dump(), "application/json");
  }
  json GetJson(const std::string& path) {
    httplib::Result r = Client().Get(path.c_str());
    EXPECT_TRUE(r) << path;
    EXPECT_EQ(r->status, 200) << path << ": " << r->body;
    return json::parse(r->body);
  }

  static TempDir* dir_;
  static std::string db_;
  static std::vector<std::int64_t> ids_;
  std::unique_ptr<RunningServer> server_;
};
TempDir* WebTest::dir_ = nullptr;
std::string WebTest::db_;
std::vector<std::int64_t> WebTest::ids_;

TEST_F(WebTest, SearchWithoutDiacriticsFindsTheLetterWithHighlights) {
  httplib::Result page = Client().Get("/?q=nang+cao+chi+so");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("1138/UBND-NC"), std::string::npos);
  EXPECT_NE(page->body.find("<mark>nâng"), std::string::npos)
      << page->body.substr(page->body.find("class=\"snippet\""), 300);
  const json r = GetJson("/api/search?q=nang+cao+chi+so");
  ASSERT_FALSE(r["documents"].empty());
  EXPECT_EQ(r["documents"][0]["doc_ref"], "1138/UBND-NC");
  EXPECT_EQ(r["documents"][0]["id"], HonQuan());
  // A query the search refuses is a clear 400, on the page and in the API.
  httplib::Result bad = Client().Get("/api/search?q=han%3Cnot-a-date");
  EXPECT_EQ(bad->status, 400);
  EXPECT_FALSE(json::parse(bad->body)["error"].get<std::string>().empty());
}

// The signature box over the letter is shown as its digital signature, not as its text.
TEST_F(WebTest, DigitalSignatureIsShownOnTheDocumentPage) {
  httplib::Result r = Client().Get(("/documents/" + std::to_string(Signed())).c_str());
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("Chữ ký số"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("TRUNG TÂM CÔNG BÁO VÀ TIN HỌC"), std::string::npos) << r->body;
  // Verified: the gazette centre's signature over the whole file, time as its stamp prints it.
  EXPECT_NE(r->body.find("Chữ ký số hợp lệ — TRUNG TÂM CÔNG BÁO VÀ TIN HỌC, 10:21 09/01/2025"),
            std::string::npos)
      << r->body;
  EXPECT_NE(r->body.find("ttcbth@quangngai.gov.vn"), std::string::npos) << r->body;
}

TEST_F(WebTest, LetterWithScriptIsShownAsText) {
  for (const std::string& path : {"/documents/" + std::to_string(Hostile()),
                                 std::string("/?q=nghiem+tuc+thuc+hien"), std::string("/")}) {
    httplib::Result r = Client().Get(path.c_str());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << path;
    EXPECT_EQ(r->body.find(kHostile), std::string::npos) << path;
    EXPECT_NE(r->body.find(Escape(kHostile)), std::string::npos) << path;
    EXPECT_NE(r->get_header_value("Content-Security-Policy").find("script-src 'self'"),
              std::string::npos);
  }
}

TEST_F(WebTest, MarkingDoneNeedsTheCsrfTokenAndSameOrigin) {
  const json doc = GetJson("/api/documents/" + std::to_string(HonQuan()));
  const std::int64_t task = doc["tasks"][1]["id"];
  const std::string path = "/api/tasks/" + std::to_string(task) + "/done";
  EXPECT_EQ(PostJson(path, {{"note", "x"}}, "")->status, 403);
  EXPECT_EQ(PostJson(path, {{"note", "x"}}, std::string(64, '0'))->status, 403);
  httplib::Headers cross{{"X-CSRF-Token", Csrf()}, {"Origin", "http://evil.example"}};
  EXPECT_EQ(Client().Post(path.c_str(), cross, "{}", "application/json")->status, 403);
  EXPECT_EQ(GetJson("/api/tasks/" + std::to_string(task))["done_at"], nullptr);

  httplib::Result ok = PostJson(path, {{"note", "Đã báo cáo"}}, Csrf());
  ASSERT_EQ(ok->status, 200) << ok->body;
  const json t = json::parse(ok->body);
  EXPECT_EQ(t["status"].get<std::string>().rfind("hoan-thanh", 0), 0u);
  EXPECT_EQ(t["history"][0]["who"], "local");
  EXPECT_EQ(t["history"][0]["note"], "Đã báo cáo");
  httplib::Result twice = PostJson(path, json::object(), Csrf());
  EXPECT_EQ(twice->status, 400);
  EXPECT_NE(json::parse(twice->body)["error"].get<std::string>().find("đã hoàn thành"), std::string::npos);
  httplib::Result reopened = PostJson("/api/tasks/" + std::to_string(task) + "/reopen",
                                      {{"note", "chưa đạt"}}, Csrf());
  ASSERT_EQ(reopened->status, 200);
  EXPECT_EQ(json::parse(reopened->body)["history"].size(), 2u);
  EXPECT_EQ(PostJson("/api/tasks/999999/done", json::object(), Csrf())->status, 404);
  EXPECT_EQ(PostJson("/api/tasks/0/done", json::object(), Csrf())->status, 404);
  EXPECT_EQ(PostJson("/api/tasks/99999999999999999/done", json::object(), Csrf())->status, 404);
  EXPECT_EQ(Client().Get("/documents/0")->status, 404);
  EXPECT_EQ(PostJson(path, json::array({1}), Csrf())->status, 400);
}

TEST_F(WebTest, CorrectionsAreRecordedAndShown) {
  const std::string id = std::to_string(Hostile());
  const json before = GetJson("/api/documents/" + id);
  httplib::Result r = PostJson("/api/documents/" + id + "/corrections",
                               {{"field", "subject"}, {"value", "Thực hiện <b>cải cách</b> TTHC"}},
                               Csrf());
  ASSERT_EQ(r->status, 201) << r->body;
  const json c = json::parse(r->body);
  EXPECT_EQ(c["old_value"], before["subject"]);
  EXPECT_EQ(c["who"], "local");
  const json after = GetJson("/api/documents/" + id);
  EXPECT_EQ(after["subject"], "Thực hiện <b>cải cách</b> TTHC");
  EXPECT_EQ(after["fields"]["subject"], "Thực hiện <b>cải cách</b> TTHC");
  ASSERT_EQ(after["corrections"].size(), 1u);
  httplib::Result page = Client().Get(("/documents/" + id).c_str());
  EXPECT_NE(page->body.find("Thực hiện &lt;b&gt;cải cách&lt;/b&gt; TTHC"), std::string::npos);
  EXPECT_EQ(page->body.find("<b>cải cách</b>"), std::string::npos);

  // A task's deadline, typed as clerks do; the task list and the calendar follow.
  const std::int64_t task = after["tasks"][0]["id"];
  r = PostJson("/api/documents/" + id + "/corrections",
               {{"field", "due_date"}, {"value", "15/12/2031"}, {"task_id", task}}, Csrf());
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(json::parse(r->body)["new_value"], "2031-12-15");
  const json listed = GetJson("/api/tasks?han-tu=1/12/2031&han-den=31/12/2031");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["id"], task);
  httplib::Result ics = Client().Get("/calendar.ics");
  EXPECT_NE(ics->body.find("DTSTART;VALUE=DATE:20311215"), std::string::npos);

  // Refusals: unknown field, bad date, bad recurrence, no CSRF token, unknown letter.
  const std::pair<json, int> bad[] = {
      {{{"field", "sha256"}, {"value", "x"}}, 400},
      {{{"field", "date"}, {"value", "32/1/2023"}}, 400},
      {{{"field", "recurrence"}, {"value", "every blue moon"}, {"task_id", task}}, 400},
      {{{"field", "subject"}}, 400},
  };
  for (const auto& [body, status] : bad) {
    EXPECT_EQ(PostJson("/api/documents/" + id + "/corrections", body, Csrf())->status, status)
        << body.dump();
  }
  EXPECT_EQ(PostJson("/api/documents/" + id + "/corrections",
                     {{"field", "subject"}, {"value", "x"}}, "")->status, 403);
  EXPECT_EQ(PostJson("/api/documents/999999/corrections", {{"field", "subject"}, {"value", "x"}},
                     Csrf())->status, 404);
  EXPECT_EQ(GetJson("/api/documents/" + id + "/corrections").size(), 2u);
}

// Addressees, references and co-operating bodies: corrected as whole lists (one item per line, or
// an array through the API), shown escaped with their history, followed by the task list.
TEST_F(WebTest, ListCorrectionsAreRecordedAndShown) {
  const std::string id = std::to_string(ids_[1]);  // 4464/UBND-NC
  const std::string path = "/api/documents/" + id + "/corrections";
  const json before = GetJson("/api/documents/" + id);
  const std::string hostile = "<img src=x onerror=alert(1)>";
  httplib::Result r = PostJson(
      path, {{"field", "addressees"}, {"value", "- Sở Nội vụ;\n\n" + hostile + "\nUBND huyện Hớn Quản\n"}},
      Csrf());
  ASSERT_EQ(r->status, 201) << r->body;
  const json c = json::parse(r->body);
  EXPECT_EQ(c["old_items"], before["addressees"]);
  EXPECT_EQ(c["new_items"], json({"Sở Nội vụ", hostile, "UBND huyện Hớn Quản"}));
  EXPECT_EQ(c["new_value"], "Sở Nội vụ\n" + hostile + "\nUBND huyện Hớn Quản");
  json after = GetJson("/api/documents/" + id);
  EXPECT_EQ(after["addressees"], c["new_items"]);
  EXPECT_EQ(after["fields"]["addressees"], c["new_items"]);

  // A reference given as an array, linked to the registered letter it cites.
  r = PostJson(path, {{"field", "references"}, {"value", json({"Công văn số 1138/UBND-NC"})}}, Csrf());
  ASSERT_EQ(r->status, 201) << r->body;
  after = GetJson("/api/documents/" + id);
  ASSERT_EQ(after["references"].size(), 1u);
  EXPECT_EQ(after["references"][0]["ref"], "1138/UBND-NC");
  EXPECT_EQ(after["references"][0]["cited_document_id"], HonQuan());

  // A task's co-operating bodies; the task list shows them.
  const std::int64_t task = after["tasks"][0]["id"];
  r = PostJson(path, {{"field", "cooperating"}, {"value", "Công an tỉnh\nSở Tư pháp"}, {"task_id", task}},
               Csrf());
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(GetJson("/api/tasks/" + std::to_string(task))["cooperating"],
            json({"Công an tỉnh", "Sở Tư pháp"}));
  bool listed = false;
  for (const json& t : GetJson("/api/tasks?so=4464")) {
    listed |= t["id"] == task && t["cooperating"] == json({"Công an tỉnh", "Sở Tư pháp"});
  }
  EXPECT_TRUE(listed);

  // The page: lists escaped, the textarea forms, the link, the history one item per line.
  httplib::Result page = Client().Get(("/documents/" + id).c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_EQ(page->body.find(hostile), std::string::npos);
  EXPECT_NE(page->body.find("<li>" + Escape(hostile) + "</li>"), std::string::npos);
  EXPECT_NE(page->body.find("data-field=\"addressees\"><textarea name=\"value\""), std::string::npos);
  EXPECT_NE(page->body.find("data-field=\"cooperating\"><textarea name=\"value\""), std::string::npos);
  EXPECT_NE(page->body.find(">Công văn số 1138/UBND-NC\n</textarea>"), std::string::npos);
  EXPECT_NE(page->body.find("href=\"/documents/" + std::to_string(HonQuan()) + "\""),
            std::string::npos);
  EXPECT_NE(page->body.find("<td data-label=\"Giá trị mới\"><ul class=\"items\"><li>Sở Nội vụ</li><li>" +
                            Escape(hostile) + "</li><li>UBND huyện Hớn Quản</li></ul></td>"),
            std::string::npos);

  // Refusals, each with its reason; CSRF and Origin still enforced.
  std::string many;
  for (int i = 0; i <= 100; ++i) many += "Phòng " + std::to_string(i) + "\n";
  const std::int64_t other_task = GetJson("/api/documents/" + std::to_string(HonQuan()))["tasks"][0]["id"];
  const struct {
    json body;
    int status;
    const char* reason;
  } bad[] = {
      {{{"field", "addressees"}, {"value", many}}, 400, "tối đa 100"},
      {{{"field", "addressees"}, {"value", std::string(501, 'a')}}, 400, "dài quá 500 byte"},
      {{{"field", "addressees"}, {"value", "Sở\u0001 Nội vụ"}}, 400, "ký tự điều khiển"},
      {{{"field", "addressees"}, {"value", json({"Sở A", 5})}}, 400, "chỉ được chứa chuỗi"},
      {{{"field", "addressees"}, {"value", json({"Sở A\nSở B"})}}, 400, "dấu xuống dòng"},
      {{{"field", "subject"}, {"value", json({"x"})}}, 400, "(một chuỗi)"},
      {{{"field", "references"}, {"value", "Công văn số 5/UBND ngày 30/2/2023"}}, 400, "không phải ngày"},
      {{{"field", "recipients"}, {"value", "Sở A"}}, 400, "không phải trường"},
      {{{"field", "cooperating"}, {"value", "Sở A"}, {"task_id", other_task}}, 404, "không có nhiệm vụ"},
  };
  for (const auto& [body, status, reason] : bad) {
    httplib::Result refused = PostJson(path, body, Csrf());
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, status) << body.dump().substr(0, 200);
    EXPECT_NE(json::parse(refused->body)["error"].get<std::string>().find(reason), std::string::npos)
        << refused->body;
  }
  const json list = {{"field", "addressees"}, {"value", "Sở A"}};
  EXPECT_EQ(PostJson(path, list, "")->status, 403);
  httplib::Headers cross{{"X-CSRF-Token", Csrf()}, {"Origin", "http://evil.example"}};
  EXPECT_EQ(Client().Post(path.c_str(), cross, list.dump(), "application/json")->status, 403);
  EXPECT_EQ(GetJson(path).size(), 3u);
}

TEST_F(WebTest, TaskListFiltersAndCalendar) {
  const json all = GetJson("/api/tasks");
  const json hon_quan = GetJson("/api/tasks?co-quan=" + UrlEncode("Hớn Quản"));
  ASSERT_FALSE(hon_quan.empty());
  EXPECT_LT(hon_quan.size(), all.size());
  for (const json& t : hon_quan) EXPECT_EQ(t["doc_ref"], "1138/UBND-NC");
  const json overdue = GetJson("/api/tasks?trang-thai=qua-han");
  for (const json& t : overdue) EXPECT_EQ(t["status"], "qua-han");
  EXPECT_EQ(Client().Get("/api/tasks?han-tu=hom-qua")->status, 400);
  EXPECT_EQ(Client().Get("/api/tasks?trang-thai=vui-ve")->status, 400);

  httplib::Result page = Client().Get("/tasks");
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("state-qua-han"), std::string::npos);
  EXPECT_NE(page->body.find("Đến hạn trong 7 ngày tới ("), std::string::npos);

  httplib::Result ics = Client().Get("/calendar.ics");
  ASSERT_EQ(ics->status, 200);
  EXPECT_EQ(ics->get_header_value("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(ics->body.rfind("BEGIN:VCALENDAR", 0), 0u);
  httplib::Result one = Client().Get(("/calendar.ics?don-vi=" + UrlEncode("Chủ tịch UBND các xã")).c_str());
  ASSERT_EQ(one->status, 200);
  auto events = [](const std::string& s) {
    std::size_t n = 0;
    for (std::size_t p = s.find("BEGIN:VEVENT"); p != std::string::npos; p = s.find("BEGIN:VEVENT", p + 1)) ++n;
    return n;
  };
  EXPECT_GT(events(one->body), 0u);
  EXPECT_LT(events(one->body), events(ics->body));
}

TEST_F(WebTest, ScanPagesComeFromTheOriginals) {
  httplib::Result png = Client().Get(("/documents/" + std::to_string(Pdf()) + "/pages/1.png").c_str());
  ASSERT_TRUE(png);
  ASSERT_EQ(png->status, 200) << png->body;
  EXPECT_EQ(png->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(png->body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(Client().Get(("/documents/" + std::to_string(Pdf()) + "/pages/9.png").c_str())->status, 404);
  EXPECT_EQ(Client().Get(("/documents/" + std::to_string(HonQuan()) + "/pages/1.png").c_str())->status, 415);
  httplib::Result page = Client().Get(("/documents/" + std::to_string(Pdf())).c_str());
  EXPECT_NE(page->body.find("/pages/2.png"), std::string::npos);
}

TEST_F(WebTest, NoPathReachesFilesOutsideTheRegistry) {
  EXPECT_EQ(Client().Get("/assets/app.css")->status, 200);
  for (const char* path : {"/assets/../../../../etc/passwd", "/assets/..%2f..%2f..%2fetc%2fpasswd",
                           "/assets/%2e%2e/server.cc", "/documents/1/pages/..%2f..%2fetc%2fpasswd",
                           "/../../etc/passwd", "/documents/..%2fregistry.db",
                           "/api/documents/1%2f..%2f..%2fetc%2fpasswd"}) {
    httplib::Result r = Client().Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_GE(r->status, 400) << path;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << path;
  }
}

TEST_F(WebTest, UploadRegistersThroughThePipelineAndRefusesBadFiles) {
  const std::string letter = ReadFile(TestData("devset/restored/003_b639d55b78feda7a.txt"));
  httplib::MultipartFormDataItems items = {{"file", letter, "công văn 1347.txt", "text/plain"}};
  httplib::Headers csrf{{"X-CSRF-Token", Csrf()}};
  EXPECT_EQ(Client().Post("/api/upload", items)->status, 403);
  httplib::Result r = Client().Post("/api/upload", csrf, items);
  ASSERT_EQ(r->status, 201) << r->body;
  const json j = json::parse(r->body);
  EXPECT_EQ(j["doc_ref"], "1347/SYT-VP");
  EXPECT_FALSE(j["already_registered"]);
  const json doc = GetJson(j["url"].get<std::string>().insert(0, "/api"));
  EXPECT_EQ(doc["doc_ref"], "1347/SYT-VP");
  // Known by the clerk's file name, not by the temporary copy that was read.
  EXPECT_EQ(doc["path"], "(tải lên) công_văn_1347.txt");
  // A very long name is cut on a character boundary: 101 two-byte letters and "1.txt" are
  // 207 bytes; the last 120 would start inside a letter.
  std::string long_name;
  for (int i = 0; i < 101; ++i) long_name += "ă";
  long_name += "1";
  // Another letter (another number): the same letter's second file would join the first.
  std::string other = letter;
  other.replace(other.find("1347/SYT-VP"), 4, "1348");
  r = Client().Post("/api/upload", csrf, {{"file", other, long_name + ".txt", "text/plain"}});
  ASSERT_EQ(r->status, 201) << r->body;
  const std::string long_path =
      GetJson(json::parse(r->body)["url"].get<std::string>().insert(0, "/api"))["path"];
  EXPECT_EQ(long_path, "(tải lên) " + (long_name + ".txt").substr(88));
  r = Client().Post("/api/upload", csrf, items);
  ASSERT_EQ(r->status, 200);
  EXPECT_TRUE(json::parse(r->body)["already_registered"]);

  // Random bytes named .pdf: a clear error naming the clerk's file, nothing registered.
  const std::size_t count = GetJson("/api/documents?limit=1000").size();
  httplib::Result bad = Client().Post(
      "/api/upload", csrf, {{"file", std::string("%PDF-1.4\n\x01\x02garbage", 18), "scan.pdf", "application/pdf"}});
  EXPECT_GE(bad->status, 400);
  EXPECT_LT(bad->status, 500) << bad->body;
  EXPECT_NE(json::parse(bad->body)["error"].get<std::string>().find("scan.pdf"), std::string::npos)
      << bad->body;
  EXPECT_EQ(GetJson("/api/documents?limit=1000").size(), count);
  EXPECT_EQ(Client().Post("/api/upload", csrf, httplib::MultipartFormDataItems{})->status, 400);
}

TEST_F(WebTest, UploadSizeLimitGivesAClearError) {
  ServerOptions o;
  o.db_path = db_;
  o.listen.port = 0;
  o.max_upload_bytes = 1024 * 1024;
  RunningServer small(o);
  httplib::Client c = small.Client();
  httplib::Headers csrf{{"X-CSRF-Token", json::parse(c.Get("/api/session")->body)["csrf_token"]}};
  // Just over the limit: read, then refused by the handler.
  httplib::Result r = c.Post("/api/upload", csrf,
                             {{"file", std::string(1024 * 1024 + 1, 'a'), "big.txt", "text/plain"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_NE(json::parse(r->body)["error"].get<std::string>().find("quá lớn"), std::string::npos);
  // Far over: refused before the body is read, same message.
  r = c.Post("/api/upload", csrf, {{"file", std::string(3 * 1024 * 1024, 'a'), "huge.txt", "text/plain"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_NE(r->body.find("quá lớn"), std::string::npos);
}

TEST_F(WebTest, TokensGuardEveryRequestAndNameTheClerk) {
  ServerOptions o;
  o.db_path = db_;
  o.listen.port = 0;
  o.tokens = {{"s3cret-token-for-chi-lan", "chi-lan"}};
  RunningServer guarded(o);
  httplib::Client c = guarded.Client();
  EXPECT_EQ(c.Get("/")->status, 401);
  EXPECT_EQ(c.Get("/api/tasks")->status, 401);
  EXPECT_EQ(c.Get("/?token=wrong-token-wrong-token")->status, 401);
  httplib::Result first = c.Get("/?token=s3cret-token-for-chi-lan");
  EXPECT_EQ(first->status, 303);
  EXPECT_NE(first->get_header_value("Set-Cookie").find("HttpOnly"), std::string::npos);
  httplib::Result with_cookie = c.Get("/", {{"Cookie", "congvan_token=s3cret-token-for-chi-lan"}});
  EXPECT_EQ(with_cookie->status, 200);
  EXPECT_NE(with_cookie->body.find("chi-lan"), std::string::npos);
  EXPECT_EQ(c.Get("/calendar.ics?token=s3cret-token-for-chi-lan")->status, 200);
  // A script with the bearer token needs no CSRF token; its changes carry the clerk's name.
  const std::int64_t task = GetJson("/api/documents/" + std::to_string(HonQuan()))["tasks"][2]["id"];
  httplib::Result done = c.Post(("/api/tasks/" + std::to_string(task) + "/done").c_str(),
                                {{"Authorization", "Bearer s3cret-token-for-chi-lan"}}, "{}",
                                "application/json");
  ASSERT_EQ(done->status, 200) << done->body;
  EXPECT_EQ(json::parse(done->body)["history"].back()["who"], "chi-lan");
  // The cookie alone (a browser) still needs the CSRF token.
  EXPECT_EQ(c.Post(("/api/tasks/" + std::to_string(task) + "/reopen").c_str(),
                   {{"Cookie", "congvan_token=s3cret-token-for-chi-lan"}}, "{}", "application/json")
                ->status,
            403);
}

TEST_F(WebTest, RefusesForeignHostNamesAndUnsafeOptions) {
  // DNS rebinding: a loopback server only answers loopback names.
  EXPECT_EQ(Client().Get("/", {{"Host", "evil.example:80"}})->status, 403);
  EXPECT_EQ(Client().Get("/", {{"Host", "localhost:8080"}})->status, 200);

  ServerOptions open;
  open.db_path = db_;
  open.listen = {"0.0.0.0", 0};
  Result<std::unique_ptr<Server>> refused = Server::Create(open, PipelineOptions());
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("token"), std::string::npos);
  open.tokens = {{"short", "x"}};
  EXPECT_FALSE(Server::Create(open, PipelineOptions()).ok());

  // A port already taken is reported, not shared.
  httplib::Server other;
  const int taken = other.bind_to_any_port("127.0.0.1");
  ASSERT_GT(taken, 0);
  ServerOptions busy;
  busy.db_path = db_;
  busy.listen.port = taken;
  Result<std::unique_ptr<Server>> clash = Server::Create(busy, PipelineOptions());
  ASSERT_FALSE(clash.ok());
  EXPECT_NE(clash.status().message().find("cannot listen"), std::string::npos);

  ServerOptions not_a_db;
  not_a_db.db_path = TestData("devset/restored/000_a6046faea36eee60.txt").string();
  not_a_db.listen.port = 0;
  EXPECT_FALSE(Server::Create(not_a_db, PipelineOptions()).ok());
}

// The Host header is compared whole: a loopback name with anything after the port, or a second
// Host header, is refused.
TEST_F(WebTest, HostHeaderIsCheckedWholeAndOnlyOnce) {
  EXPECT_EQ(Client().Get("/", {{"Host", "127.0.0.1:1@evil.com"}})->status, 403);
  EXPECT_EQ(Client().Get("/", {{"Host", "127.0.0.1:80/x"}})->status, 403);
  EXPECT_EQ(Client().Get("/", {{"Host", "127.0.0.1:8080"}})->status, 200);
  EXPECT_EQ(Client().Get("/", {{"Host", "[::1]:8080"}})->status, 200);
  RawConnection twice(server_->port());
  ASSERT_TRUE(twice.Send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n"
                         "Connection: close\r\n\r\n"));
  EXPECT_EQ(RawConnection::StatusOf(twice.ReadUntilClosed()), 400);
}

// A chunked upload is counted as it arrives: a 600 MB body to a server that takes 1 MB is refused
// with 413 after a few megabytes, not read whole.
TEST_F(WebTest, ChunkedUploadOverTheLimitIsRefusedEarly) {
  ServerOptions o;
  o.db_path = db_;
  o.listen.port = 0;
  o.max_upload_bytes = 1024 * 1024;
  RunningServer small(o);
  const std::string csrf = json::parse(small.Client().Get("/api/session")->body)["csrf_token"];
  RawConnection c(small.port());
  ASSERT_TRUE(c.Send("POST /api/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nX-CSRF-Token: " + csrf +
                     "\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n"));
  const std::string head =
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
      "Content-Type: text/plain\r\n\r\n";
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", head.size());
  ASSERT_TRUE(c.Send(size + head + "\r\n"));
  const std::string chunk = "100000\r\n" + std::string(1 << 20, 'a') + "\r\n";  // 1 MB
  std::uint64_t sent = 0;
  for (int i = 0; i < 600 && !c.HasAnswer(); ++i) {
    if (!c.Send(chunk)) break;
    sent += 1 << 20;
  }
  const std::string answer = c.ReadUntilClosed();
  EXPECT_EQ(RawConnection::StatusOf(answer), 413) << answer.substr(0, 200);
  EXPECT_NE(answer.find("quá lớn"), std::string::npos);
  // What the client got into the connection before the answer: the limit plus the sockets'
  // buffers, far from 600 MB.
  EXPECT_LT(sent, 64u << 20);
  // Other routes take no chunked body at all.
  RawConnection other(small.port());
  ASSERT_TRUE(other.Send("POST /api/tasks/1/done HTTP/1.1\r\nHost: 127.0.0.1\r\nX-CSRF-Token: " +
                         csrf + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                         "2\r\n{}\r\n0\r\n\r\n"));
  EXPECT_EQ(RawConnection::StatusOf(other.ReadUntilClosed()), 411);
}

// Sixteen clients that send half a request head and wait do not keep a normal request from
// being answered; one client address gets at most eight connections at once; a head that
// trickles in is cut off.
TEST_F(WebTest, SlowClientsDoNotBlockOthers) {
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 16; ++i) {
    slow.push_back(std::make_unique<RawConnection>(port(), i < 8 ? "127.0.0.2" : "127.0.0.3"));
    ASSERT_TRUE(slow.back()->Send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  }
  httplib::Result normal = Client().Get("/api/tasks");
  ASSERT_TRUE(normal);
  EXPECT_EQ(normal->status, 200);

  // A ninth connection from 127.0.0.2 is answered 503 at once; another address is served.
  RawConnection ninth(port(), "127.0.0.2");
  ninth.Send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  EXPECT_EQ(RawConnection::StatusOf(ninth.ReadUntilClosed()), 503);
  RawConnection elsewhere(port(), "127.0.0.4");
  ASSERT_TRUE(elsewhere.Send("GET /api/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
  EXPECT_EQ(RawConnection::StatusOf(elsewhere.ReadUntilClosed()), 200);

  // A head sent one line a second is cut off by the server (its head deadline), long before the
  // 60 lines this client would send.
  RawConnection trickle(port(), "127.0.0.5");
  ASSERT_TRUE(trickle.Send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  int lines = 0;
  while (lines < 60 && !trickle.HasAnswer()) {
    if (!trickle.Send("X-Slow-" + std::to_string(lines) + ": 1\r\n")) break;
    ++lines;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  EXPECT_LT(lines, 60);
  // Closed by the server, with at most a 400 (never served).
  const std::string cut = trickle.ReadUntilClosed();
  EXPECT_FALSE(trickle.timed_out());
  EXPECT_TRUE(cut.empty() || RawConnection::StatusOf(cut) == 400) << cut.substr(0, 100);
  // The half-sent heads were cut off too.
  for (auto& c : slow) {
    const std::string answer = c->ReadUntilClosed();
    EXPECT_FALSE(c->timed_out());
    EXPECT_TRUE(answer.empty() || RawConnection::StatusOf(answer) == 400) << answer.substr(0, 100);
  }
}

// The command line: unsafe or impossible options give one line on stderr and exit 1 at once.
TEST_F(WebTest, ServeCommandRefusesBadOptionsWithOneLine) {
  const std::string serve = congvan::testing::CongvanBinary().string() + " serve --db " + db_;
  const std::pair<std::string, std::string> cases[] = {
      {" --listen 0.0.0.0:0", "set an access token"},
      {" --listen nonsense", "expected HOST:PORT"},
      {" --token short", "shorter than 16 characters"},
      {" --config /nonexistent/serve.json", "cannot read the configuration file"},
  };
  for (const auto& [options, message] : cases) {
    congvan::testing::CommandResult r = congvan::testing::RunCommand("timeout 20 " + serve + options);
    EXPECT_EQ(r.exit_code, 1) << options << ": " << r.err;
    EXPECT_EQ(r.err.rfind("congvan: ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

TEST(WebOptionsTest, ListenAddressesAndConfigFile) {
  EXPECT_EQ(ParseListenAddress("0.0.0.0:80")->host, "0.0.0.0");
  EXPECT_EQ(ParseListenAddress("[::1]:8080")->host, "::1");
  EXPECT_EQ(ParseListenAddress(":9000")->host, "127.0.0.1");
  EXPECT_EQ(ParseListenAddress(":9000")->port, 9000);
  EXPECT_FALSE(ParseListenAddress("8080").ok());
  EXPECT_FALSE(ParseListenAddress("127.0.0.1:99999").ok());
  EXPECT_TRUE(IsLoopback("127.0.0.2"));
  EXPECT_FALSE(IsLoopback("192.168.1.5"));

  TempDir dir;
  congvan::testing::WriteFile(dir / "c.json",
                              R"({"listen": "0.0.0.0:8081", "tokens": {"chi-lan": "0123456789abcdefXYZ"},
                                  "max_upload_mb": 5, "max_connections_per_client": 64})");
  ServerOptions o;
  EXPECT_EQ(o.max_connections_per_client, 8);
  ASSERT_TRUE(LoadConfigFile((dir / "c.json").string(), o).ok());
  EXPECT_EQ(o.max_connections_per_client, 64);
  EXPECT_EQ(o.listen.port, 8081);
  EXPECT_EQ(o.tokens.at("0123456789abcdefXYZ"), "chi-lan");
  EXPECT_EQ(o.max_upload_bytes, 5u * 1024 * 1024);
  EXPECT_TRUE(Validate(o).ok());
  congvan::testing::WriteFile(dir / "bad.json", R"({"listen": "0.0.0.0:8081", "tokenz": {}})");
  Status bad = LoadConfigFile((dir / "bad.json").string(), o);
  EXPECT_NE(bad.message().find("tokenz"), std::string::npos);
  congvan::testing::WriteFile(dir / "zero.json", R"({"max_connections_per_client": 0})");
  EXPECT_FALSE(LoadConfigFile((dir / "zero.json").string(), o).ok());
}

// The configuration the Debian package installs as /etc/congvan/serve.json starts a server that
// only this machine can reach, on the registry the watched folder fills.
TEST(WebOptionsTest, PackagedConfigurationLoads) {
  ServerOptions o;
  Status s = LoadConfigFile((congvan::testing::SourceDir() / "packaging/serve.json").string(), o);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(o.db_path, "/var/lib/congvan/registry.db");
  EXPECT_EQ(o.listen.host, "127.0.0.1");
  EXPECT_EQ(o.listen.port, 8080);
  EXPECT_TRUE(o.tokens.empty());
  EXPECT_TRUE(Validate(o).ok());
}

}  // namespace
}  // namespace congvan::web
