// End-to-end tests of `congvan book`, the register of incoming letters: two `congvan ingest`
// processes registering into one SQLite file at the same time leave arrival numbers without a
// gap or a duplicate, and the register comes out as Markdown, CSV with a byte-order mark, and
// .xlsx.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/testing.h"

namespace congvan {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::RunCommand;
using testing::TempDir;

std::string Quote(const std::string& s) { return testing::ShellQuote(s); }

std::string Congvan() {
  return "env OMP_THREAD_LIMIT=1 " + Quote(testing::CongvanBinary().string());
}

// `count` distinct letters in `folder`: the real devset letters, each with its own number and
// closing line (so each file has its own SHA-256 and is a letter of its own: a copy with the
// same number, issuer and date would join the letter as another file of it).
void WriteLetters(const fs::path& folder, const std::string& tag, int count) {
  fs::create_directories(folder);
  std::vector<std::string> texts;
  for (const auto& entry : fs::directory_iterator(testing::TestData("devset/restored"))) {
    texts.push_back(testing::ReadFile(entry.path()));
  }
  ASSERT_FALSE(texts.empty());
  for (int i = 0; i < count; ++i) {
    std::string text = texts[i % texts.size()];
    // "Số: 1532 /UBND-VP", or "Số 1307-CV/HU" in the party's form.
    const std::size_t so = text.find("\nSố");
    if (so != std::string::npos) {
      std::size_t digits = so + std::string("\nSố").size();
      while (digits < text.size() && (text[digits] == ':' || text[digits] == ' ')) ++digits;
      std::size_t end = digits;
      while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
      text.replace(digits, end - digits, std::to_string((tag == "a" ? 100 : 200) + i));
    }
    testing::WriteFile(folder / (tag + "_" + std::to_string(i) + ".txt"),
                       text + "\nBản sao " + tag + " số " + std::to_string(i) + "\n");
  }
}

// The "Số đến" column (the second) of the CSV register.
std::vector<int> ArrivalNumbers(const std::string& csv) {
  std::vector<int> numbers;
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);  // the heading
  while (std::getline(lines, line)) {
    const std::size_t first = line.find("\",\"");
    if (first == std::string::npos) continue;
    const std::size_t start = first + 3, end = line.find('"', start);
    numbers.push_back(std::stoi(line.substr(start, end - start)));
  }
  return numbers;
}

TEST(BookCliTest, TwoIngestProcessesAtOnceNumberWithoutGapOrDuplicate) {
  TempDir dir;
  constexpr int kPerProcess = 40;
  WriteLetters(dir / "a", "a", kPerProcess);
  WriteLetters(dir / "b", "b", kPerProcess);
  const std::string db = (dir / "registry.db").string();
  // Both processes start before either finishes; each exit status is kept.
  const std::string ingest = Congvan() + " ingest --db " + Quote(db) + " ";
  CommandResult both = RunCommand(
      ingest + Quote((dir / "a").string()) + " >/dev/null 2>&1 & a=$!; " + ingest +
      Quote((dir / "b").string()) + " >/dev/null 2>&1 & b=$!; wait $a; ea=$?; wait $b; eb=$?; "
      "echo $ea $eb");
  ASSERT_EQ(both.exit_code, 0) << both.err;
  EXPECT_EQ(both.out, "0 0\n");

  CommandResult csv = RunCommand(Congvan() + " book --format csv --db " + Quote(db));
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  ASSERT_EQ(csv.out.rfind("\xEF\xBB\xBF\"Ngày đến\",\"Số đến\"", 0), 0u) << csv.out.substr(0, 200);
  std::vector<int> numbers = ArrivalNumbers(csv.out);
  ASSERT_EQ(numbers.size(), 2u * kPerProcess) << csv.out;
  // All registered today, so one year: 1, 2, …, 80 in the register's order.
  for (std::size_t i = 0; i < numbers.size(); ++i) EXPECT_EQ(numbers[i], static_cast<int>(i + 1));
}

TEST(BookCliTest, FormatsAndErrors) {
  TempDir dir;
  WriteLetters(dir / "in", "x", 3);
  const std::string db = (dir / "registry.db").string();
  ASSERT_EQ(RunCommand(Congvan() + " ingest --db " + Quote(db) + " " + Quote((dir / "in").string()))
                .exit_code,
            0);
  CommandResult md = RunCommand(Congvan() + " book --db " + Quote(db));
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_NE(md.out.find("# SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("| Ngày đến | Số đến | Tác giả | Số, ký hiệu | Ngày tháng | Tên loại và "
                        "trích yếu nội dung | Đơn vị hoặc người nhận | Ký nhận | Ghi chú |"),
            std::string::npos) << md.out;
  EXPECT_EQ(std::count(md.out.begin(), md.out.end(), '\n'), 2 + 2 + 3) << md.out;

  // `show` gives a letter's line in the register.
  CommandResult show = RunCommand(Congvan() + " show 2 --db " + Quote(db));
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("arrival        2 / "), std::string::npos) << show.out;
  EXPECT_NE(show.out.find(", ngày đến "), std::string::npos) << show.out;

  const std::string xlsx = (dir / "so-den.xlsx").string();
  CommandResult x = RunCommand(Congvan() + " book --format xlsx -o " + Quote(xlsx) + " --db " + Quote(db));
  ASSERT_EQ(x.exit_code, 0) << x.err;
  EXPECT_EQ(testing::ReadFile(xlsx).substr(0, 2), "PK");

  // A year with no letters: the heading only.
  CommandResult empty = RunCommand(Congvan() + " book --year 1999 --format csv --db " + Quote(db));
  ASSERT_EQ(empty.exit_code, 0);
  EXPECT_TRUE(ArrivalNumbers(empty.out).empty());

  for (const char* bad : {"--format pdf", "--format xlsx", "--from 31/6/2025", "--year 12"}) {
    CommandResult r = RunCommand(Congvan() + " book " + bad + " --db " + Quote(db));
    EXPECT_EQ(r.exit_code, 1) << bad;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << bad << ": " << r.err;
  }

  // Every CSV a clerk opens starts with the byte-order mark: the task list and the report too.
  CommandResult tasks = RunCommand(Congvan() + " tasks --csv --db " + Quote(db));
  ASSERT_EQ(tasks.exit_code, 0) << tasks.err;
  EXPECT_EQ(tasks.out.rfind("\xEF\xBB\xBFid,", 0), 0u);
  CommandResult report = RunCommand(Congvan() + " report --format csv --db " + Quote(db));
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_EQ(report.out.rfind("\xEF\xBB\xBF\"Bảng\"", 0), 0u);
}

}  // namespace
}  // namespace congvan
