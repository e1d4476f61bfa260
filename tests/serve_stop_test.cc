// `congvan serve` stops on SIGTERM even while an upload is stuck in a hostile PDF: the real binary,
// a real upload over loopback, the real signal.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>

#include "support/hostile_pdf.h"
#include "support/testing.h"

namespace congvan {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;

// Waits (at most `seconds`) for `pid` to end: its exit status, 128 + the signal that ended it,
// or -1 if it is still running.
int WaitFor(pid_t pid, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST(ServeStopTest, SigtermStopsTheServerWhileAnUploadIsStuck) {
  TempDir dir;
  const fs::path log = dir / "serve.log";
  const std::string command = "exec env OMP_THREAD_LIMIT=1 " +
                              testing::ShellQuote(testing::CongvanBinary().string()) +
                              " --page-seconds 600 serve --listen 127.0.0.1:0 --db " +
                              testing::ShellQuote((dir / "r.db").string()) + " >" +
                              testing::ShellQuote(log.string()) + " 2>&1";
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ASSERT_GT(pid, 0);
  // "listening on http://127.0.0.1:PORT (registry ...)"
  int port = 0;
  for (int i = 0; i < 600 && port == 0; ++i) {
    std::smatch m;
    const std::string text = fs::exists(log) ? ReadFile(log) : "";
    if (std::regex_search(text, m, std::regex(R"(listening on http://127\.0\.0\.1:(\d+))"))) {
      port = std::stoi(m[1]);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_GT(port, 0) << ReadFile(log);

  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(120, 0);
  const std::string csrf = nlohmann::json::parse(client.Get("/api/session")->body)["csrf_token"];
  int upload_status = -1;
  std::thread upload([&] {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(120, 0);
    httplib::Result r = c.Post("/api/upload", {{"X-CSRF-Token", csrf}},
                               {{"file", testing::HiddenImageBombPdf(), "hidden.pdf", "application/pdf"}});
    upload_status = r ? r->status : 0;
  });
  // The upload is being read (its page can take 600 s) when the signal comes.
  std::this_thread::sleep_for(std::chrono::seconds(2));
  ::kill(pid, SIGTERM);
  // Well under the page's 600 s: only the stop can have ended it.
  const int exit_status = WaitFor(pid, 60);
  if (exit_status < 0) ::kill(pid, SIGKILL), WaitFor(pid, 10);
  upload.join();
  EXPECT_EQ(exit_status, 0) << ReadFile(log);
  // Given up, not registered: 503, or no answer if the server was gone first.
  EXPECT_TRUE(upload_status == 503 || upload_status == 0) << upload_status;
}

}  // namespace
}  // namespace congvan
