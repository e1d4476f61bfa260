#include "text/tokens.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace congvan::text {
namespace {

TEST(FolderTest, FoldsEveryVietnameseMarkAndDStroke) {
  Folder f;
  EXPECT_EQ(f.Key("Đảng ủy các xã, thị trấn"), "dang uy cac xa thi tran");
  EXPECT_EQ(f.Key("NÂNG CAO CHỈ SỐ"), "nang cao chi so");
  EXPECT_EQ(f.Key("Phòng  Giáo dục — Đào tạo"), "phong giao duc dao tao");
  EXPECT_EQ(f.Key("ỦY BAN NHÂN DÂN HUYỆN HỚN QUẢN"), "uy ban nhan dan huyen hon quan");
  // Letters with two marks, typed decomposed (NFD: base + combining marks).
  EXPECT_EQ(f.Key("Nghi\xcc\xa3\xcc\x82 quye\xcc\x82\xcc\x81t"), "nghi quyet");
  EXPECT_EQ(f.RefKey("167/2017/NĐ-CP"), "167/2017/nd-cp");
  EXPECT_EQ(f.RefKey("1138 /UBND-NC"), "1138/ubnd-nc");
}

TEST(FolderTest, ExactFormKeepsMarksInNfc) {
  Folder f;
  std::vector<FoldedToken> t = f.Tokenize("Ệ nghe\xcc\xa3\xcc\x82 67-KH/HU");
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[0].exact, "ệ");
  EXPECT_EQ(t[0].folded, "e");
  EXPECT_EQ(t[1].exact, "nghệ");  // NFC
  EXPECT_EQ(t[1].folded, "nghe");
  EXPECT_EQ(t[2].folded, "67");
  EXPECT_EQ(t[4].exact, "hu");
}

TEST(FolderTest, InvalidBytesAndStrayMarksSeparateTokens) {
  Folder f;
  std::vector<FoldedToken> t = f.Tokenize("ab\xff" "cd \xcc\x81" "ef");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].folded, "ab");
  EXPECT_EQ(t[1].folded, "cd");
  EXPECT_EQ(t[2].folded, "ef");
  EXPECT_EQ(t[2].begin, 8);  // the mark with no letter before it is not part of "ef"
}

TEST(FolderTest, ForEachTokenStopsAtTheFirstNonZero) {
  int seen = 0;
  const int rc = Folder().ForEachToken("một hai ba", [&seen](const TokenView& t) {
    ++seen;
    return t.folded == "hai" ? 7 : 0;
  });
  EXPECT_EQ(rc, 7);
  EXPECT_EQ(seen, 2);
}

}  // namespace
}  // namespace congvan::text
