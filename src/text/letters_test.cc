#include "text/letters.h"

#include <gtest/gtest.h>

#include "text/utf8.h"

namespace congvan::text {
namespace {

TEST(LettersTest, StripMarksKeepsCase) {
  EXPECT_EQ(ToU8(StripMarks(ToU32("Nghệ An ĐƯỜNG Ðỗ"))), "Nghe An DUONG Do");
}

TEST(LettersTest, CaseShapeRoundTrips) {
  EXPECT_EQ(ShapeOf(U"ĐẢNG"), CaseShape::kUpper);
  EXPECT_EQ(ShapeOf(U"Đảng"), CaseShape::kTitle);
  EXPECT_EQ(ShapeOf(U"đảng"), CaseShape::kLower);
  EXPECT_EQ(ApplyCase(U"ủy", CaseShape::kUpper), U"ỦY");
  EXPECT_EQ(ApplyCase(U"ủy", CaseShape::kTitle), U"Ủy");
  EXPECT_EQ(Lower(U"ỦY BAN"), U"ủy ban");
}

TEST(LettersTest, LettersIncludeMarks) {
  EXPECT_TRUE(IsLetter(U'ư'));
  EXPECT_TRUE(IsLetter(0x0301));
  EXPECT_FALSE(IsLetter(U'5'));
  EXPECT_TRUE(IsDigit(U'5'));
}

TEST(Utf8Test, InvalidBytesBecomeReplacementCharacters) {
  EXPECT_EQ(ToU32("a\xff" "b"), U"a\uFFFDb");
  EXPECT_EQ(ToU8(U"Việt"), "Việt");
  char buffer[4];
  EXPECT_EQ(EncodeUtf8(U'ệ', buffer), 3);
  EXPECT_EQ(EncodeUtf8(0x1F600, buffer), 4);
}

}  // namespace
}  // namespace congvan::text
