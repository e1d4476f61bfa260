// End-to-end tests of `congvan digest`: the real binary reads a real SQLite registry filled by
// the real pipeline from real letters and sends each unit its reminder to a local SMTP server
// the test starts (tests/support/smtp_sink.py, Debian's python3-aiosmtpd), which saves what it
// receives; Python's email package (tests/support/read_mail.py) then reads the saved messages
// as MIME, independently of the code that wrote them.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "registry/corrections.h"
#include "registry/registry.h"
#include "registry/tasks.h"
#include "support/testing.h"
#include "web/test_letters.h"

namespace congvan {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::CommandResult;
using testing::RunCommand;
using testing::ShellQuote;
using testing::TempDir;
using testing::TestData;

registry::TimePoint Now() { return std::chrono::system_clock::now(); }
std::string Today() { return registry::LocalMinute(Now()).substr(0, 10); }
std::string DaysAfterToday(int n) { return registry::IsoFromDays(registry::DaysFromIso(Today()) + n); }
std::string Vn(const std::string& iso) {
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

// True when a TCP connection to 127.0.0.1:port is accepted.
bool Accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(fd);
  return ok;
}

// A loopback port nothing listens on: bound, then released.
int ClosedPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

// The local SMTP server, running while the object lives. Ready once it has printed its port
// (it prints after listening) and a connection to the port is accepted.
class SmtpSink {
 public:
  explicit SmtpSink(const fs::path& folder) : folder_(folder) {
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(in[0], 0);
      dup2(out[1], 1);
      close(in[1]);
      close(out[0]);
      const std::string script = (testing::SourceDir() / "tests/support/smtp_sink.py").string();
      execl("/usr/bin/python3", "python3", script.c_str(), folder.c_str(), nullptr);
      _exit(127);
    }
    close(in[0]);
    close(out[1]);
    stdin_ = in[1];
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;  // blocks until it listens
    close(out[0]);
    port_ = line.empty() ? 0 : std::stoi(line);
  }
  ~SmtpSink() {
    if (stdin_ >= 0) close(stdin_);  // its end of input stops it
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  bool ready() const { return port_ > 0 && Accepts(port_); }
  int port() const { return port_; }
  // The saved messages, in the order received.
  std::vector<fs::path> Messages() const {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(folder_)) {
      if (e.path().extension() == ".eml") out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  fs::path folder_;
  pid_t pid_ = -1;
  int stdin_ = -1;
  int port_ = 0;
};

json ReadMail(const fs::path& eml) {
  CommandResult r = RunCommand("/usr/bin/python3 " +
                               ShellQuote((testing::SourceDir() / "tests/support/read_mail.py").string()) +
                               " " + ShellQuote(eml.string()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out, nullptr, false);
}

class DigestCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = (dir_->path() / "registry.db").string();
    const std::string restored = TestData("devset/restored").string();
    std::vector<std::int64_t> ids;
    web::test::RegisterAll(db_, {restored + "/002_aaae76cc2c3d2f2a.txt", restored + "/004_7112368be621d645.txt"},
                      ids);
    ASSERT_EQ(ids.size(), 2u);
    letter_1138_ = ids[0];
    // A clerk moved one of Phòng Nội vụ's tasks to a deadline two days away: due soon.
    auto reg = registry::Registry::Open(db_);
    ASSERT_TRUE(reg.ok());
    registry::TaskFilter f;
    f.assignee = "Phòng Nội vụ";
    Result<std::vector<registry::TaskView>> tasks = registry::ListTasks(**reg, f, Now());
    ASSERT_TRUE(tasks.ok());
    ASSERT_GE(tasks->size(), 2u);
    const registry::TaskView& moved = tasks->back();
    registry::CorrectionRequest c{moved.document_id, moved.task.id, "due_date", DaysAfterToday(2), "văn thư"};
    ASSERT_TRUE(registry::Correct(**reg, c, Now()).ok());
    soon_action_ = moved.task.action;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  CommandResult Digest(const std::string& args) {
    return RunCommand("env OMP_THREAD_LIMIT=1 " + ShellQuote(testing::CongvanBinary().string()) +
                      " digest --db " + ShellQuote(db_) + " " + args);
  }
  std::string Config(const std::string& name, const json& digest) {
    const fs::path path = tmp_ / name;
    json config = {{"base_url", "https://congvan.example.vn/"}, {"digest", digest}};
    testing::WriteFile(path, config.dump());
    return path.string();
  }

  static TempDir* dir_;
  static std::string db_;
  static std::int64_t letter_1138_;
  static std::string soon_action_;
  TempDir tmp_;
};
TempDir* DigestCliTest::dir_ = nullptr;
std::string DigestCliTest::db_;
std::int64_t DigestCliTest::letter_1138_ = 0;
std::string DigestCliTest::soon_action_;

// Each unit with an address gets one message; the local server receives it, and it reads back
// as a multipart/alternative message whose Vietnamese subject, text and HTML are intact.
TEST_F(DigestCliTest, LocalSmtpServerReceivesEachUnitsDigestAsMime) {
  TempDir mail;
  SmtpSink sink(mail.path());
  ASSERT_TRUE(sink.ready()) << "the test SMTP server did not start (python3-aiosmtpd installed?)";
  const std::string config = Config(
      "digest.json", {{"server", "127.0.0.1"}, {"port", sink.port()}, {"from", "congvan@so-noi-vu.vn"},
                      {"days", 3},
                      {"to", {{"PHÒNG NỘI VỤ", "noivu@example.vn"},
                              {"Văn phòng HĐND và UBND huyện", {"vp@example.vn", "lanhdao@example.vn"}}}}});
  CommandResult r = Digest("--config " + ShellQuote(config));
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("đã gửi  Phòng Nội vụ → noivu@example.vn"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 thư đã gửi"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("bỏ qua   "), std::string::npos) << "units without an address are named";

  const std::vector<fs::path> messages = sink.Messages();
  ASSERT_EQ(messages.size(), 2u);
  bool saw_noi_vu = false;
  for (const fs::path& eml : messages) {
    const json envelope = json::parse(testing::ReadFile(fs::path(eml).replace_extension(".json")));
    const json m = ReadMail(eml);
    ASSERT_TRUE(m.is_object());
    EXPECT_EQ(envelope["from"], "congvan@so-noi-vu.vn");
    EXPECT_EQ(m["mime_version"], "1.0");
    EXPECT_TRUE(m["all_lines_crlf"].get<bool>());
    EXPECT_LE(m["longest_line"].get<int>(), 998);
    EXPECT_EQ(m["from"], "Sổ công văn <congvan@so-noi-vu.vn>");
    EXPECT_EQ(m["raw_subject"].get<std::string>().rfind("=?UTF-8?B?", 0), 0u) << m["raw_subject"];
    ASSERT_EQ(m["parts"].size(), 3u);
    EXPECT_EQ(m["parts"][0]["type"], "multipart/alternative");
    EXPECT_EQ(m["parts"][1]["type"], "text/plain");
    EXPECT_EQ(m["parts"][2]["type"], "text/html");
    for (const json& p : m["parts"]) EXPECT_TRUE(p["defects"].empty()) << p.dump();
    EXPECT_EQ(m["parts"][1]["charset"], "utf-8");
    const std::string subject = m["subject"], text = m["parts"][1]["content"],
                      html = m["parts"][2]["content"];
    EXPECT_NE(subject.find("(" + Vn(Today()) + ")"), std::string::npos) << subject;
    if (envelope["to"] == json::array({"noivu@example.vn"})) {
      saw_noi_vu = true;
      EXPECT_EQ(m["to"], json::array({"noivu@example.vn"}));
      EXPECT_EQ(subject.rfind("[Nhắc việc] Phòng Nội vụ: ", 0), 0u) << subject;
      EXPECT_NE(subject.find(", 1 sắp đến hạn"), std::string::npos) << subject;
      EXPECT_NE(text.find("Kính gửi: Phòng Nội vụ"), std::string::npos) << text;
      EXPECT_NE(text.find("NHIỆM VỤ ĐẾN HẠN TRONG 3 NGÀY TỚI (1)"), std::string::npos) << text;
      EXPECT_NE(text.find(soon_action_), std::string::npos) << text;
      EXPECT_NE(text.find("Hạn: " + Vn(DaysAfterToday(2)) + " (còn 2 ngày)"), std::string::npos) << text;
      EXPECT_NE(text.find("Văn bản: Công văn số 1138/UBND-NC ngày 08/06/2023 của Ủy ban nhân dân "
                          "huyện Hớn Quản"), std::string::npos) << text;
      EXPECT_NE(text.find("Xem: https://congvan.example.vn/documents/" + std::to_string(letter_1138_)),
                std::string::npos) << text;
      EXPECT_NE(html.find("<a href=\"https://congvan.example.vn/documents/" +
                          std::to_string(letter_1138_) + "\">Công văn số 1138/UBND-NC"),
                std::string::npos) << html;
      EXPECT_NE(html.find("Nhiệm vụ quá hạn"), std::string::npos);
    } else {
      EXPECT_EQ(envelope["to"], json::array({"vp@example.vn", "lanhdao@example.vn"}));
      EXPECT_NE(subject.find("Văn phòng HĐND và UBND huyện"), std::string::npos) << subject;
    }
  }
  EXPECT_TRUE(saw_noi_vu);
}

// STARTTLS required but not offered by the server: refused, nothing sent in the clear.
TEST_F(DigestCliTest, StarttlsRequiredIsNotSkipped) {
  TempDir mail;
  SmtpSink sink(mail.path());
  ASSERT_TRUE(sink.ready());
  const std::string config = Config(
      "tls.json", {{"server", "127.0.0.1"}, {"port", sink.port()}, {"starttls", true},
                   {"from", "congvan@so-noi-vu.vn"}, {"to", {{"Phòng Nội vụ", "noivu@example.vn"}}}});
  CommandResult r = Digest("--config " + ShellQuote(config));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("máy chủ không hỗ trợ STARTTLS"), std::string::npos) << r.err;
  EXPECT_TRUE(sink.Messages().empty());
}

// --dry-run prints the messages (every unit's, with or without an address) and sends nothing.
TEST_F(DigestCliTest, DryRunPrintsTheMimeMessages) {
  CommandResult r = Digest("--dry-run --days 3");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("MIME-Version: 1.0\n"), std::string::npos);
  EXPECT_NE(r.out.find("Content-Type: multipart/alternative; boundary=\"=_congvan_"), std::string::npos);
  EXPECT_NE(r.out.find("Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64"),
            std::string::npos);
  EXPECT_NE(r.out.find("\nSubject: =?UTF-8?B?"), std::string::npos);
  // One message per unit with something to remind, as mbox "From " lines separate them.
  std::size_t messages = 0;
  for (std::size_t at = r.out.find("From congvan@localhost "); at != std::string::npos;
       at = r.out.find("\nFrom congvan@localhost ", at + 1)) {
    ++messages;
  }
  EXPECT_GE(messages, 5u);
}

// A server nobody listens on, or a name that is not a host, is one Vietnamese line and exit 1.
TEST_F(DigestCliTest, BadServerIsOneVietnameseLine) {
  const int port = ClosedPort();
  const std::string config = Config(
      "closed.json", {{"server", "127.0.0.1"}, {"port", port}, {"from", "congvan@so-noi-vu.vn"},
                      {"to", {{"Phòng Nội vụ", "noivu@example.vn"}}}});
  CommandResult r = Digest("--config " + ShellQuote(config));
  EXPECT_EQ(r.exit_code, 1);
  const std::string expected = "congvan: Không gửi được thư qua máy chủ SMTP smtp://127.0.0.1:" +
                               std::to_string(port) + ": không kết nối được";
  EXPECT_EQ(r.err.rfind(expected, 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;

  const std::string bad_name = Config(
      "name.json", {{"server", "mail server.vn"}, {"from", "congvan@so-noi-vu.vn"},
                    {"to", {{"Phòng Nội vụ", "noivu@example.vn"}}}});
  r = Digest("--config " + ShellQuote(bad_name));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("địa chỉ máy chủ không hợp lệ"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;

  r = Digest("");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Cần tệp cấu hình (--config)"), std::string::npos) << r.err;
  const std::string bad_address = Config("address.json", {{"to", {{"Phòng Nội vụ", "noivu"}}}});
  r = Digest("--config " + ShellQuote(bad_address));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("\"noivu\" is not an e-mail address"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace congvan
