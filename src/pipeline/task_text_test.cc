// The whole text of a task found again from its cut summary, in a real letter (Công văn
// 1138/UBND-NC of the devset, whose items run over several lines).
#include "pipeline/task_text.h"

#include <gtest/gtest.h>

#include <string>

#include "support/testing.h"

namespace congvan::pipeline {
namespace {

std::string Letter() {
  return congvan::testing::ReadFile(
      congvan::testing::TestData("devset/restored/002_aaae76cc2c3d2f2a.txt"));
}

TEST(TaskTextTest, ACutSummaryGetsItsWholeParagraphBack) {
  const std::string whole = FullTaskText(
      "Đề cao hơn nữa vai trò, trách nhiệm người đứng đầu cơ quan, đơn vị, địa phương trong "
      "lãnh đạo, chỉ đạo, triển khai thực hiện nhiệm vụ cải cách hành chính ...",
      Letter());
  EXPECT_EQ(whole,
            "Đề cao hơn nữa vai trò, trách nhiệm người đứng đầu cơ quan, đơn vị, địa phương trong "
            "lãnh đạo, chỉ đạo, triển khai thực hiện nhiệm vụ cải cách hành chính. Gắn kết quả cải "
            "cách hành chính với công tác thi đua, khen thưởng và đánh giá cán bộ, công chức, viên "
            "chức hằng năm; thường xuyên theo dõi, kiểm tra việc thực hiện nhiệm vụ cải cách hành "
            "chính của các cơ quan, đơn vị, địa phương mình.");
}

TEST(TaskTextTest, WholeOrUnknownSummariesStayAsTheyAre) {
  const std::string letter = Letter();
  // Not cut: as it is.
  EXPECT_EQ(FullTaskText("Theo dõi kết quả.", letter), "Theo dõi kết quả.");
  // Cut, but not in this letter: as it is, with its mark.
  const std::string elsewhere =
      "Báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 30 hằng tháng để tổng hợp ...";
  EXPECT_EQ(FullTaskText(elsewhere, letter), elsewhere);
  // Too short a start to be found safely.
  EXPECT_EQ(FullTaskText("Đề cao hơn ...", letter), "Đề cao hơn ...");
  EXPECT_EQ(FullTaskText("", letter), "");
  EXPECT_EQ(FullTaskText(" ...", ""), " ...");
}

}  // namespace
}  // namespace congvan::pipeline
