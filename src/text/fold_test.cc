#include "text/fold.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/testing.h"
#include "text/tokens.h"

namespace congvan::text {
namespace {

namespace fs = std::filesystem;
using ::congvan::testing::ReadFile;
using ::congvan::testing::TestData;

// ---- the definition of "the same word" ----

TEST(FoldTest, CaseMarksAndNormalisationFormGiveOneWord) {
  // NFC, capitals, NFD (base + combining marks) and no marks at all.
  const std::vector<std::string> spellings = {
      "Phòng Nội vụ", "PHÒNG NỘI VỤ", "Pho\xcc\x80ng No\xcc\x82\xcc\xa3i vu\xcc\xa3",
      "Phong Noi Vu"};
  for (const std::string& s : spellings) {
    EXPECT_EQ(FoldText(s), "phong noi vu") << s;
    EXPECT_EQ(Folder().Key(s), "phong noi vu") << s;
  }
}

TEST(FoldTest, DStrokeAndItsLookAlikesFoldToD) {
  // Đ U+0110, đ U+0111, Ð U+00D0 (eth, what some converters and OCR put for Đ), ð U+00F0.
  for (const std::string s : {"ĐỀ ÁN", "\xc3\x90\xe1\xbb\x80 ÁN", "đề án", "\xc3\xb0\xe1\xbb\x81 án"}) {
    EXPECT_EQ(FoldText(s), "de an") << s;
    EXPECT_EQ(Folder().Key(s), "de an") << s;
  }
  EXPECT_EQ(FoldText("Số 12/QÐ-UBND"), "so 12/qd-ubnd");  // Ð inside a document number
  EXPECT_EQ(Folder().RefKey("12/Q\xc3\x90-UBND"), "12/qd-ubnd");
  EXPECT_EQ(StripDiacritics("Q\xc3\x90 \xc3\xb0\xe1\xbb\x81"), "QD de");
}

TEST(FoldTest, EachCodePoint) {
  EXPECT_EQ(FoldOf(U'Ệ').folded, U'e');
  EXPECT_EQ(FoldOf(U'Ệ').lower, U'ệ');
  EXPECT_EQ(FoldOf(U'Ệ').stripped, U'E');
  EXPECT_EQ(FoldOf(U'Ư').stripped, U'U');
  EXPECT_EQ(FoldOf(U'Ð').stripped, U'D');
  EXPECT_EQ(FoldOf(U'đ').stripped, U'd');
  EXPECT_EQ(FoldOf(U'Ð').kind, CharKind::kLetter);
  EXPECT_EQ(FoldOf(U'7').kind, CharKind::kDigit);
  EXPECT_EQ(FoldOf(U'-').kind, CharKind::kOther);
  EXPECT_EQ(FoldOf(0x0323).kind, CharKind::kMark);  // combining dot below (nặng)
  EXPECT_EQ(FoldOf(0x0323).folded, 0u);
  EXPECT_EQ(FoldChar(U'Ỹ'), U'y');
  EXPECT_EQ(StripMarks(U'ằ'), U'a');
  // Above the table the same rules apply: fullwidth capital A folds to fullwidth a.
  EXPECT_EQ(FoldChar(0xFF21), 0xFF41u);
  for (char32_t c = 0; c < kFoldTableSize; ++c) {
    ASSERT_EQ(FoldTable()[c].folded, FoldOf(c).folded) << static_cast<uint32_t>(c);
  }
}

// ---- folding for the rules: a map back to the original ----

TEST(FoldTest, FoldsVietnameseAndKeepsOffsets) {
  Folded f = Fold("Đảng ỦY – “Kỳ”…");
  EXPECT_EQ(f.text, "dang uy - \"ky\".");
  ASSERT_EQ(f.origin.size(), f.text.size() + 1);
  EXPECT_EQ(f.origin[1], 2u);  // "ả" starts after the two bytes of "Đ"
  EXPECT_EQ(FoldText("Tuyên Quang,ngày"), "tuyen quang,ngay");
}

TEST(FoldTest, DecomposedMarksFoldIntoTheLetterBefore) {
  const std::string nfd = "Ky\xcc\x80 ho\xcc\x9b\xcc\xa3p";  // "Kỳ họp" in NFD
  Folded f = Fold(nfd);
  EXPECT_EQ(f.text, "ky hop");
  // The folded "y" maps back to the original "y" and its mark; the space after it to the space.
  EXPECT_EQ(f.OriginBegin(1), 1u);
  EXPECT_EQ(f.OriginEnd(2), 4u);
  EXPECT_EQ(nfd.substr(f.OriginBegin(3), f.OriginEnd(6) - f.OriginBegin(3)), "ho\xcc\x9b\xcc\xa3p");
}

TEST(FoldTest, RulesSpellingOfSpacesAndOcrMarks) {
  EXPECT_EQ(FoldText("Điều\xc2\xa0" "5"), "dieu 5");  // NBSP
  EXPECT_EQ(FoldText("nga\xc2\xb4y"), "ngay");          // a spacing acute beside a letter
  EXPECT_EQ(FoldText("a^b `c"), "a^b `c");             // ASCII is only lower-cased
}

TEST(FoldTest, InvalidBytesAreKeptAndNothingGrows) {
  const std::string junk = "Đ\xff\xc3 \xe1\xbb x\xf0\x9f\x98\x80Ỹ";
  Folded f = Fold(junk);
  EXPECT_LE(f.text.size(), junk.size());
  EXPECT_EQ(f.origin.back(), junk.size());
  EXPECT_EQ(f.text.front(), 'd');
  EXPECT_EQ(f.text.back(), 'y');
  EXPECT_NE(f.text.find("\xf0\x9f\x98\x80"), std::string::npos);  // an emoji is copied
}

TEST(StripDiacriticsTest, RemovesMarksAndStrokeKeepsCase) {
  EXPECT_EQ(StripDiacritics("Đảng ủy"), "Dang uy");
  EXPECT_EQ(StripDiacritics("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            "CONG HOA XA HOI CHU NGHIA VIET NAM");
  EXPECT_EQ(StripDiacritics("người đứng đầu, số 12/2025/NĐ-CP"), "nguoi dung dau, so 12/2025/ND-CP");
  EXPECT_EQ(StripDiacritics("hoa\u0300 QÐ"), "hoa QD");  // NFD input; U+00D0 used for Đ
  EXPECT_EQ(StripDiacritics("plain ASCII\nline 2"), "plain ASCII\nline 2");
}

TEST(NfcTest, ComposesDecomposedVietnamese) {
  EXPECT_EQ(Nfc("nghe\xcc\xa3\xcc\x82"), "nghệ");
  EXPECT_EQ(Nfc("Nghị quyết"), "Nghị quyết");
}

// ---- search, rules and restorer agree on real letters ----

TEST(FoldTest, SearchRulesAndRestorerFoldRealLettersAlike) {
  const fs::path folder = TestData("extract/letters");
  int tokens = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string letter = ReadFile(entry.path());
    for (const FoldedToken& t : Folder().Tokenize(letter)) {
      const std::string original = letter.substr(t.begin, t.end - t.begin);
      // The rules' folding of the token's bytes is the search key of the token.
      ASSERT_EQ(FoldText(original), t.folded) << entry.path() << ": " << original;
      // The restorer's stripping, lower-cased, is the same word too.
      ASSERT_EQ(Folder().Key(StripDiacritics(original)), t.folded) << original;
      ++tokens;
    }
  }
  EXPECT_GT(tokens, 5000);
}

}  // namespace
}  // namespace congvan::text
