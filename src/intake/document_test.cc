// Document::Open's common checks: missing, unreadable and empty files, unknown content, limits.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <random>
#include <string>

#include "base/sha256.h"
#include "intake/document.h"
#include "intake/test_util.h"
#include "support/testing.h"

namespace congvan::intake {
namespace {

using congvan::testing::TempDir;
using congvan::testing::WriteFile;

Status OpenError(const std::string& path, const Limits& limits = {}) {
  Result<std::unique_ptr<Document>> doc = Document::Open(path, limits);
  EXPECT_FALSE(doc.ok()) << path << " opened";
  return doc.status();
}

std::string RandomBytes(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

TEST(Open, MissingPath) {
  TempDir dir;
  const Status s = OpenError((dir / "nope.pdf").string());
  EXPECT_EQ(s.code(), Code::kNotFound);
  EXPECT_CONTAINS(s.message(), "no such file");
  EXPECT_CONTAINS(s.message(), "nope.pdf");
}

TEST(Open, Directory) {
  TempDir dir;
  const Status s = OpenError(dir.path().string());
  EXPECT_CONTAINS(s.message(), "directory");
}

// Root reads files whatever their mode, so when the tests run as root (as in CI) the check runs
// in a child process that has dropped to the unprivileged user "nobody".
TEST(Open, Unreadable) {
  TempDir dir;
  WriteFile(dir / "locked.txt", "Số 12/UBND");
  ::chmod((dir / "locked.txt").c_str(), 0);
  if (::geteuid() != 0) {
    const Status s = OpenError((dir / "locked.txt").string());
    EXPECT_EQ(s.code(), Code::kIoError);
    EXPECT_CONTAINS(s.message(), "permission denied");
    return;
  }
  ::chmod(dir.path().c_str(), 0755);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
    Result<std::unique_ptr<Document>> doc = Document::Open((dir / "locked.txt").string(), Limits{});
    const bool refused = !doc.ok() && doc.status().code() == Code::kIoError &&
                         doc.status().message().find("permission denied") != std::string::npos;
    ::_exit(refused ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "an unreadable file was not refused as permission denied";
}

TEST(Open, EmptyFile) {
  TempDir dir;
  WriteFile(dir / "empty.png", "");
  const Status s = OpenError((dir / "empty.png").string());
  EXPECT_EQ(s.code(), Code::kInvalidInput);
  EXPECT_CONTAINS(s.message(), "empty file");
}

TEST(Open, RandomBytesNamedPdf) {
  TempDir dir;
  WriteFile(dir / "scan.pdf", RandomBytes(4096, 1));
  const Status s = OpenError((dir / "scan.pdf").string());
  EXPECT_EQ(s.code(), Code::kUnsupported);
  EXPECT_CONTAINS(s.message(), "unrecognised content");
}

TEST(Open, RandomBytesWithoutNulAreNotText) {
  std::string junk = RandomBytes(4096, 2);
  for (char& c : junk) if (c == '\0') c = '\x01';
  TempDir dir;
  WriteFile(dir / "junk.txt", junk);
  const Status s = OpenError((dir / "junk.txt").string());
  EXPECT_EQ(s.code(), Code::kInvalidInput);
  EXPECT_CONTAINS(s.message(), "text");
}

TEST(Open, OverByteLimitBeforeReading) {
  TempDir dir;
  WriteFile(dir / "letter.txt", test::LetterText(20));
  Limits limits;
  limits.max_bytes = 100;
  const Status s = OpenError((dir / "letter.txt").string(), limits);
  EXPECT_EQ(s.code(), Code::kTooLarge);
  EXPECT_CONTAINS(s.message(), "max_bytes");
  EXPECT_CONTAINS(s.message(), "100 bytes");
  EXPECT_EQ(s.message().find('\n'), std::string::npos);
}

TEST(Open, ZeroMeansNoLimit) {
  TempDir dir;
  WriteFile(dir / "letter.txt", test::LetterText(20) + "\f" + test::LetterText(5));
  Limits none;
  none.max_bytes = 0;
  none.max_pages = 0;
  auto doc = test::MustOpen((dir / "letter.txt").string(), none);
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(doc->page_count(), 2);
}

TEST(Open, FillsSource) {
  TempDir dir;
  const std::string text = test::LetterText(10);
  WriteFile(dir / "letter.dat", text);
  auto doc = test::MustOpen((dir / "letter.dat").string());
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(doc->source().path, (dir / "letter.dat").string());
  EXPECT_EQ(doc->source().type, FileType::kText);
  EXPECT_EQ(doc->source().bytes, text.size());
  EXPECT_EQ(doc->source().sha256, Sha256Hex(text));
  EXPECT_EQ(doc->source().sha256.size(), 64u);
}

TEST(Open, PageIndexOutOfRange) {
  TempDir dir;
  WriteFile(dir / "letter.txt", test::LetterText(5));
  auto doc = test::MustOpen((dir / "letter.txt").string());
  ASSERT_NE(doc, nullptr);
  EXPECT_FALSE(doc->LoadPage(1).ok());
  EXPECT_FALSE(doc->LoadPage(-1).ok());
  EXPECT_CONTAINS(doc->LoadPage(7).status().message(), "out of range");
}

}  // namespace
}  // namespace congvan::intake
