// End-to-end tests of `congvan units` and `congvan assign` with the built binary on a real
// registry: a list of units imported, an alias recorded, a letter and a task assigned (the close
// OCR spelling taken and said), the assignment in `tasks`, `task show` and the calendar, and the
// refusals — unknown unit with the closest named, bad date, unknown letter — as one Vietnamese
// line with exit status 1.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/testing.h"

namespace congvan {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::RunCommand;
using testing::TempDir;

std::string Quote(const std::string& s) { return testing::ShellQuote(s); }

class AssignCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (tmp_ / "registry.db").string();
    const CommandResult ingest = Run("ingest " + Quote(testing::TestData(
                                         "devset/restored/002_aaae76cc2c3d2f2a.txt").string()));
    ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  }
  // congvan ARGS --db DB (the options after the subcommand's own words).
  CommandResult Run(const std::string& args) {
    return RunCommand("env OMP_THREAD_LIMIT=1 USER=lanh-dao " +
                      Quote(testing::CongvanBinary().string()) + " " + args + " --db " +
                      Quote(db_) + " 2>" + Quote((tmp_ / "err").string()) + "; echo \"exit=$?\"" +
                      " >&2; cat " + Quote((tmp_ / "err").string()) + " >&2");
  }
  static int Exit(const CommandResult& r) {
    const std::size_t at = r.err.find("exit=");
    return at == std::string::npos ? -1 : std::stoi(r.err.substr(at + 5));
  }
  // stderr without the exit line the wrapper adds.
  static std::string Err(const CommandResult& r) {
    const std::size_t end = r.err.find('\n', r.err.find("exit="));
    return end == std::string::npos ? "" : r.err.substr(end + 1);
  }

  TempDir tmp_;
  std::string db_;
};

TEST_F(AssignCliTest, UnitsAreImportedAndALetterAndATaskAssigned) {
  testing::WriteFile(tmp_ / "don-vi.csv",
                     "\xEF\xBB\xBFTên đơn vị,Tên khác\n"
                     "Phòng Nội vụ\n"
                     "Phòng Tư pháp,P. Tư pháp\n"
                     "Văn phòng HĐND và UBND huyện\n");
  CommandResult r = Run("units import " + Quote((tmp_ / "don-vi.csv").string()));
  ASSERT_EQ(Exit(r), 0) << r.err;
  EXPECT_EQ(r.out, "3 units added, 0 already there, 1 aliases added\n");
  r = Run("units alias 'phong noi vu' 'Phòng Nội chính'");
  ASSERT_EQ(Exit(r), 0) << r.err;
  r = Run("units list");
  ASSERT_EQ(Exit(r), 0) << r.err;
  EXPECT_NE(r.out.find("Phòng Nội vụ  [tên khác: Phòng Nội chính]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Phòng Tư pháp  [tên khác: P. Tư pháp]"), std::string::npos) << r.out;

  // The letter, with a close OCR spelling of the lead unit: taken, and said on stderr.
  r = Run("assign 1 --lead 'Phòng Nợ vụ' --with 'p. tu phap' --deadline 20/12/2030 "
          "--note 'Tham mưu văn bản trả lời'");
  ASSERT_EQ(Exit(r), 0) << r.err;
  EXPECT_NE(Err(r).find("congvan: hiểu tên đơn vị «Phòng Nợ vụ» → «Phòng Nội vụ»"),
            std::string::npos)
      << r.err;
  const std::size_t task = r.out.find("task ");
  ASSERT_EQ(task, 0u) << r.out;
  const std::string id = r.out.substr(5, r.out.find(':') - 5);
  EXPECT_NE(r.out.find(": Phòng Nội vụ chủ trì; phối hợp: Phòng Tư pháp; hạn 2030-12-20 (văn bản 1)"),
            std::string::npos)
      << r.out;

  r = Run("tasks --assignee 'noi vu'");
  ASSERT_EQ(Exit(r), 0) << r.err;
  EXPECT_NE(r.out.find("2030-12-20"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[Phòng Nội vụ] Xử lý "), std::string::npos) << r.out;

  r = Run("tasks --json --assignee 'Phòng Nội vụ'");
  ASSERT_EQ(Exit(r), 0) << r.err;
  EXPECT_NE(r.out.find("\"instruction\": \"Tham mưu văn bản trả lời\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"source\": \"assigned\""), std::string::npos) << r.out;

  r = Run("task show " + id);
  ASSERT_EQ(Exit(r), 0) << r.err;
  EXPECT_NE(r.out.find("giao  lanh-dao  Giao Phòng Nội vụ chủ trì; phối hợp: Phòng Tư pháp; hạn "
                       "20/12/2030; ý kiến chỉ đạo: Tham mưu văn bản trả lời"),
            std::string::npos)
      << r.out;

  r = Run("calendar -o " + Quote((tmp_ / "lich.ics").string()) + " --assignee 'Phòng Nội vụ'");
  ASSERT_EQ(Exit(r), 0) << r.err;
  const std::string ics = testing::ReadFile(tmp_ / "lich.ics");
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20301220"), std::string::npos) << ics;

  // A task of the letter, by its number: it keeps the task's own deadline.
  r = Run("assign nv:4 --lead 'Văn phòng HĐND và UBND huyện'");
  ASSERT_EQ(Exit(r), 0) << r.err;
  EXPECT_NE(r.out.find("Văn phòng HĐND và UBND huyện chủ trì; hạn 2022-06-20 (văn bản 1)"),
            std::string::npos)
      << r.out;

  r = Run("task done " + id + " --note 'Đã trình'");
  ASSERT_EQ(Exit(r), 0) << r.err;
  EXPECT_NE(r.out.find("Đã hoàn thành đúng hạn"), std::string::npos) << r.out;

  // Deactivated, the unit is kept but no longer taken.
  ASSERT_EQ(Exit(Run("units deactivate 'Phòng Tư pháp'")), 0);
  r = Run("units list");
  EXPECT_EQ(r.out.find("Phòng Tư pháp"), std::string::npos) << r.out;
  r = Run("units list --all");
  EXPECT_NE(r.out.find("Phòng Tư pháp  (ngừng sử dụng)"), std::string::npos) << r.out;
  r = Run("assign 1 --lead 'Phòng Tư pháp'");
  EXPECT_EQ(Exit(r), 1);
}

TEST_F(AssignCliTest, RefusalsAreOneVietnameseLine) {
  ASSERT_EQ(Exit(Run("units add 'Phòng Nội vụ' 'Phòng Tư pháp'")), 0);
  struct Case {
    std::string args, message;
  };
  const Case cases[] = {
      {"assign 1 --lead 'Phòng Văn hóa'",
       "congvan: Không có đơn vị «Phòng Văn hóa» trong danh mục; gần nhất: «Phòng Nội vụ», "
       "«Phòng Tư pháp».\n"},
      {"assign 1 --lead 'Phòng Nội vụ' --deadline 31/6/2030",
       "congvan: Hạn \"31/6/2030\" không phải ngày (dd/mm/yyyy).\n"},
      {"assign 999 --lead 'Phòng Nội vụ'", "congvan: Không có văn bản số 999.\n"},
      {"assign nv:999 --lead 'Phòng Nội vụ'", "congvan: Không có nhiệm vụ số 999.\n"},
      {"assign so-1 --lead 'Phòng Nội vụ'",
       "congvan: «so-1» không phải số văn bản (như congvan list in) hoặc nv:SỐ của một nhiệm "
       "vụ.\n"},
      {"assign 1 --lead 'Phòng Nội vụ' --with 'phong noi vu'",
       "congvan: «Phòng Nội vụ» đã chủ trì, không thể đồng thời phối hợp.\n"},
      {"units add 'PHÒNG NỘI VỤ'", "congvan: Đã có đơn vị «Phòng Nội vụ» trong danh mục.\n"},
      {"units alias 'Phòng Tư pháp' 'phong noi vu'",
       "congvan: «phong noi vu» đã là tên của đơn vị khác: «Phòng Nội vụ».\n"},
      {"units import " + Quote((tmp_ / "missing.csv").string()),
       "congvan: Không đọc được tệp " + (tmp_ / "missing.csv").string() + ".\n"},
  };
  for (const Case& c : cases) {
    const CommandResult r = Run(c.args);
    EXPECT_EQ(Exit(r), 1) << c.args;
    EXPECT_EQ(Err(r), c.message) << c.args;
    EXPECT_EQ(r.out, "") << c.args;
  }
  // Nothing was assigned by any of them (the letter's own tasks of Phòng Nội vụ are listed; an
  // assignment of the letter would read "Xử lý Công văn số …").
  const CommandResult tasks = Run("tasks --assignee 'Phòng Nội vụ'");
  EXPECT_NE(tasks.out.find("[Phòng Nội vụ]"), std::string::npos) << tasks.out;
  EXPECT_EQ(tasks.out.find("] Xử lý "), std::string::npos) << tasks.out;
}

}  // namespace
}  // namespace congvan
