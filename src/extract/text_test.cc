// Text helpers the extractor reads every line with.
#include "extract/text.h"

#include <gtest/gtest.h>

namespace congvan::extract {
namespace {

// The addressee line "– Ủy ban nhân dân tỉnh, …;" of a general department's letter: a dash in the
// set strips the whole dash, and a letter whose last byte equals a byte of it stays whole.
TEST(TrimCharsTest, StripsWholeCharactersOnly) {
  EXPECT_EQ(TrimChars("– Ủy ban nhân dân tỉnh;", "-+•;,.: "), "– Ủy ban nhân dân tỉnh");
  EXPECT_EQ(TrimChars("– Ủy ban nhân dân tỉnh;", "-–+•;,.: "), "Ủy ban nhân dân tỉnh");
  EXPECT_EQ(TrimChars("• Cục Thống kê.", "-+•;,.: "), "Cục Thống kê");
  // "ồ" is E1 BB 93, "–" E2 80 93; "ờ" is E1 BB 9D, "”" E2 80 9D.
  EXPECT_EQ(TrimChars("thành phố Hồ", ",;:.-–—+•*\"'"), "thành phố Hồ");
  EXPECT_EQ(TrimChars("“trong 24 giờ”", " \"“”.:-"), "trong 24 giờ");
  EXPECT_EQ(TrimChars("  ", "-"), "");
  EXPECT_EQ(TrimChars("", "–"), "");
  EXPECT_EQ(Trim("\t Sở Y tế \n"), "Sở Y tế");
}

}  // namespace
}  // namespace congvan::extract
