// Tests of tables of assignments flattened one cell a line (body_table.cc), on the real tables
// of the National Assembly Standing Committee's resolutions of the held-out sets.
#include "extract/body_table.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "extract/body.h"
#include "extract/test_letters.h"

namespace congvan::extract {
namespace {

using test::Rules;

std::vector<std::string_view> Lines(const std::string& text) {
  std::vector<std::string_view> out;
  std::string_view rest = text;
  for (size_t nl = rest.find('\n'); nl != std::string_view::npos; nl = rest.find('\n')) {
    out.push_back(rest.substr(0, nl));
    rest.remove_prefix(nl + 1);
  }
  if (!rest.empty()) out.push_back(rest);
  return out;
}

// Nghị quyết 94/2025/UBTVQH15, Điều 2 (heldout/set27text): two bills, each with the body that
// submits it, the one that leads the review and two that take part, due at the September sitting.
const char kWorkProgramme[] =
    "Điều 2. Tổ chức thực hiện\n"
    "Phân công cơ quan trình, cơ quan chủ trì thẩm tra, tham gia thẩm tra và tiến độ trình Ủy ban "
    "Thường vụ Quốc hội cho ý kiến đối với 02 dự án Luật được bổ sung vào Chương trình lập pháp năm "
    "2025 như sau:\n"
    "STT\nTên dự án\nCơ quan trình\nCơ quan chủ trì thẩm tra\nCơ quan tham gia thẩm tra\n"
    "Tiến độ trình UBTVQH\n"
    "1\nLuật sửa đổi, bổ sung một số điều của Luật Điều ước quốc tế\nChính phủ\n"
    "Ủy ban Quốc phòng, An ninh và Đối ngoại\nHội đồng Dân tộc, các Ủy ban khác của Quốc hội\n"
    "Phiên họp tháng 9/2025\n"
    "2\nLuật Tòa án chuyên biệt tại Trung tâm tài chính quốc tế\n"
    "Ủy ban Pháp luật và Tư pháp\nHội đồng Dân tộc, các Ủy ban khác của Quốc hội\n"
    "Phiên họp tháng 9/2025\n"
    "Điều 3. Hiệu lực thi hành\n"
    "Nghị quyết này có hiệu lực thi hành từ ngày thông qua./.\n";

TEST(AssignmentTableTest, EachBodyOfARowHasItsTaskDatedByTheRowsSchedule) {
  const std::string text = kWorkProgramme;
  const std::vector<std::string_view> lines = Lines(text);
  const std::vector<AssignmentTable> tables =
      FindAssignmentTables(Rules(), lines, 0, lines.size(), DeadlineBase("2025-08-14", true));
  ASSERT_EQ(tables.size(), 1u);
  std::vector<std::string> who;
  for (const Task& t : tables[0].tasks) {
    who.push_back(t.assignee);
    EXPECT_EQ(t.deadline.value_or(""), "2025-09-30") << t.assignee;
    EXPECT_EQ(t.deadline_text.value_or(""), "Phiên họp tháng 9/2025");
  }
  // Row 2 has no cell for the body that submits: its bodies stand in the last columns.
  EXPECT_EQ(who, (std::vector<std::string>{"Chính phủ", "Ủy ban Quốc phòng, An ninh và Đối ngoại", "Hội đồng Dân tộc",
                                           "Các Ủy ban khác của Quốc hội", "Ủy ban Pháp luật và Tư pháp",
                                           "Hội đồng Dân tộc", "Các Ủy ban khác của Quốc hội"}));
  EXPECT_EQ(tables[0].tasks[1].summary, "Cơ quan chủ trì thẩm tra: Luật sửa đổi, bổ sung một số điều của Luật Điều ước quốc tế");
  // The table ends with its last row: the article after it is the letter's again.
  EXPECT_EQ(lines[tables[0].end], "Điều 3. Hiệu lực thi hành");
}

// Nghị quyết 119/2026/UBTVQH15 (heldout/set30text): numbers written "1.", a committee's name
// wrapped in its narrow column ("Ủy ban" / "Kinh tế và Tài chính"), and the table closed by the
// article after it.
TEST(AssignmentTableTest, ANameWrappedInItsColumnIsOneCell) {
  const std::string text =
      "STT\nTên dự án\nCơ quan trình\nCơ quan chủ trì thẩm tra\nCơ quan tham gia thẩm tra\n"
      "Tiến độ trình UBTVQH\n"
      "1.\nLuật Thủ đô (sửa đổi)\nChính phủ\nỦy ban Pháp luật và Tư pháp\n"
      "Hội đồng Dân tộc, các Ủy ban khác của Quốc hội\nPhiên họp tháng 3/2026\n"
      "2.\nLuật sửa đổi, bổ sung một số điều của Luật Thương mại, Luật Cạnh tranh, Luật Quản lý ngoại "
      "thương, Luật Bảo vệ quyền lợi người tiêu dùng\nChính phủ\nỦy ban\nKinh tế và Tài chính\n"
      "Hội đồng Dân tộc, các Ủy ban khác của Quốc hội\nPhiên họp tháng 8/2026\n"
      "Điều 3. Hiệu lực thi hành\n";
  const std::vector<std::string_view> lines = Lines(text);
  const std::vector<AssignmentTable> tables =
      FindAssignmentTables(Rules(), lines, 0, lines.size(), DeadlineBase("2026-02-06", true));
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].tasks.size(), 8u);
  EXPECT_EQ(tables[0].tasks[0].assignee, "Chính phủ");
  EXPECT_EQ(tables[0].tasks[1].assignee, "Ủy ban Pháp luật và Tư pháp");
  EXPECT_EQ(tables[0].tasks[5].assignee, "Ủy ban Kinh tế và Tài chính");
  EXPECT_EQ(tables[0].tasks[5].deadline.value_or(""), "2026-08-31");
}

// A list of documents with a column "Cơ quan ban hành" names no one who must act.
TEST(AssignmentTableTest, ATableWithoutAColumnOfBodiesIsNone) {
  const std::string text =
      "STT\nTên văn bản\nCơ quan ban hành\nNgày ban hành\n"
      "1\nThông tư số 15/2023/TT-BVHTTDL\nBộ Văn hóa, Thể thao và Du lịch\n01/8/2023\n";
  const std::vector<std::string_view> lines = Lines(text);
  EXPECT_TRUE(FindAssignmentTables(Rules(), lines, 0, lines.size(), DeadlineBase("2025-08-14")).empty());
}

}  // namespace
}  // namespace congvan::extract
