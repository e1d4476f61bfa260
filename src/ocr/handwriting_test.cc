#include "ocr/handwriting.h"

#include <leptonica/allheaders.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/pix.h"

namespace congvan::ocr {
namespace {

Word W(const std::string& text, int x, int w, float confidence = 95.0f) {
  return Word{text, Box{x, 500, w, 50}, confidence};
}

Line L(std::vector<Word> words) {
  Line line;
  line.box = Box{words.front().box.x, 500, 1000, 50};
  for (const Word& w : words) line.text += (line.text.empty() ? "" : " ") + w.text;
  line.words = std::move(words);
  return line;
}

// Boxes as Tesseract gives them on a 300 dpi letter: about 22 px a letter.
TEST(FindHeaderBlanks, ABlankBetweenTheLabelsIsFound) {
  const std::vector<Line> lines = {
      L({W("Số:", 300, 66), W("/TTr-UBND", 520, 200)}),
      L({W("Quảng", 1300, 110), W("Ngãi,", 1420, 100), W("ngày", 1530, 88), W("tháng", 1700, 110),
         W("01", 1820, 40), W("năm", 1870, 80), W("2025", 1960, 90)})};
  const std::vector<HeaderBlank> blanks = FindHeaderBlanks(lines, 3500);
  ASSERT_EQ(blanks.size(), 2u);
  EXPECT_FALSE(blanks[0].is_day);
  EXPECT_GT(blanks[0].box.x, 366);
  EXPECT_LT(blanks[0].box.x + blanks[0].box.w, 520);
  EXPECT_TRUE(blanks[1].is_day);
  EXPECT_GT(blanks[1].box.x, 1618);
  EXPECT_LT(blanks[1].box.x + blanks[1].box.w, 1700);
}

TEST(FindHeaderBlanks, PenDigitsReadAsLettersGluedToTheNumberLabel) {
  // Quảng Ngãi 11/CT-UBND: "Số:11" read "SôztT", one word; the blank is its tail. A word that
  // merely begins so ("Sống", "Sổ") is no label.
  const std::vector<Line> lines = {L({W("SôztT", 300, 130), W("/CT-UBND", 520, 200)}),
                                   L({W("Sống", 300, 100), W("/CT-UBND", 520, 200)}),
                                   L({W("Sổ", 300, 50), W("tay", 360, 60), W("/CT-UBND", 520, 200)})};
  const std::vector<HeaderBlank> blanks = FindHeaderBlanks(lines, 3500);
  ASSERT_EQ(blanks.size(), 1u);
  EXPECT_EQ(blanks[0].line, 0u);
  EXPECT_FALSE(blanks[0].is_day);
  EXPECT_LT(blanks[0].box.x, 300 + 130);
}

TEST(FindHeaderBlanks, APartyLettersPrintedNumberIsNoBlank) {
  // "Số 1307-CV/HU": the number printed before the first part of the symbol, read sure.
  const std::vector<Line> lines = {L({W("Số", 300, 44), W("1307-CV/HU", 360, 230)})};
  EXPECT_TRUE(FindHeaderBlanks(lines, 3500).empty());
  // Read unsure, it may be the pen's: looked at again.
  const std::vector<Line> unsure = {L({W("Số", 300, 44), W("1307-CV/HU", 380, 230, 40.0f)})};
  EXPECT_EQ(FindHeaderBlanks(unsure, 3500).size(), 1u);
}

TEST(FindHeaderBlanks, PenDigitsInsideTheLabelsBoxAreItsTail) {
  // "ngày06tháng": the pen's digits touch "ngày", whose box reaches to "tháng".
  const std::vector<Line> lines = {
      L({W("ngày", 1530, 168), W("tháng", 1700, 110), W("01", 1820, 40)})};
  const std::vector<HeaderBlank> blanks = FindHeaderBlanks(lines, 3500);
  ASSERT_EQ(blanks.size(), 1u);
  EXPECT_GE(blanks[0].box.x, 1530 + 4 * 22);
}

TEST(FindHeaderBlanks, StrokesReadAsLettersOfTheLabelAreInTheBlank) {
  // Quảng Ngãi 86/QĐ-UBND: "ngày16" read "ngày-{ệ", a gap after it as wide as a letter.
  const std::vector<Line> lines = {
      L({W("ngày-{ệ", 1530, 168), W("tháng", 1726, 110), W("01", 1850, 40)})};
  const std::vector<HeaderBlank> blanks = FindHeaderBlanks(lines, 3500);
  ASSERT_EQ(blanks.size(), 1u);
  EXPECT_LE(blanks[0].box.x, 1530 + 5 * 22);
  EXPECT_GE(blanks[0].box.x + blanks[0].box.w, 1720);
}

TEST(FindHeaderBlanks, DigitsInsideTheBoxOfTheMonthsLabelAreInTheBlank) {
  // Quảng Ngãi 04/CT-UBND: the pen's "5" of "15" boxed with "tháng" (Tesseract's boxes).
  const std::vector<Line> lines = {
      L({W("ngày", 1447, 113), W("4ð", 1585, 44, 61.0f), W("tháng", 1608, 177), W("3", 1800, 25)})};
  const std::vector<HeaderBlank> blanks = FindHeaderBlanks(lines, 3500);
  ASSERT_EQ(blanks.size(), 1u);
  EXPECT_GE(blanks[0].box.x + blanks[0].box.w, 1635);
  EXPECT_LT(blanks[0].box.x + blanks[0].box.w, 1700);
}

TEST(FindHeaderBlanks, PrintedOrSureDigitsAreNoBlank) {
  const std::vector<Line> lines = {
      L({W("Số:", 300, 66), W("1532", 380, 90), W("/UBND-VP", 480, 180)}),
      L({W("ngày", 1530, 88), W("14", 1630, 40), W("tháng", 1680, 110)}),
      // Far down the page: a cited letter's number in the body, not the header.
      L({W("Số:", 300, 66), W("/TTr-UBND", 520, 200)})};
  std::vector<Line> body = lines;
  body[2].box.y = 3000;
  for (Word& w : body[2].words) w.box.y = 3000;
  EXPECT_TRUE(FindHeaderBlanks(body, 3500).empty());
}

TEST(FindHeaderBlanks, UnsureDigitsOfThePenAreReadAgain) {
  // The Vietnamese model's "04" for a pen's "01", at low confidence, and its "4T" for a "17".
  const std::vector<Line> lines = {
      L({W("Số:", 300, 66), W("04", 380, 50, 61.0f), W("/TTr-UBND", 520, 200)}),
      L({W("ngày", 1530, 88), W("4T", 1630, 40), W("tháng", 1680, 110)})};
  EXPECT_EQ(FindHeaderBlanks(lines, 3500).size(), 2u);
}


TEST(FindHeaderBlanks, BlanksReadIntoOneWordWithTheirLabels) {
  // As Tesseract read three real headers: "Số:⁄{6 /CT-UBND" (the pen's strokes glued to the
  // label), "Số: @39_/TTr-UBND" (glued to the symbol) and "ngày‡tháng" (label, strokes and
  // month one word).
  const std::vector<Line> lines = {
      L({W("Số:⁄{6", 560, 140, 40.0f), W("/CT-UBND", 720, 200)}),
      L({W("Số:", 300, 66), W("@39_/TTr-UBND", 400, 300, 50.0f)}),
      L({W("Quảng", 1300, 110), W("Ngãi,", 1420, 100), W("ngày‡tháng", 1530, 220),
         W("01", 1770, 40)})};
  const std::vector<HeaderBlank> blanks = FindHeaderBlanks(lines, 3500);
  ASSERT_EQ(blanks.size(), 3u);
  EXPECT_FALSE(blanks[0].is_day);
  EXPECT_GE(blanks[0].box.x, 560 + 3 * 20);  // after the label's three letters
  EXPECT_FALSE(blanks[1].is_day);
  EXPECT_GT(blanks[1].box.x + blanks[1].box.w, 400);  // into the symbol's box, before its "/"
  EXPECT_LT(blanks[1].box.x + blanks[1].box.w, 400 + 5 * 24);
  EXPECT_TRUE(blanks[2].is_day);
  EXPECT_GT(blanks[2].box.x, 1530 + 3 * 22);
  EXPECT_LT(blanks[2].box.x + blanks[2].box.w, 1530 + 220 - 4 * 22);
}

TEST(FindHeaderBlanks, ASureNumberBeforeTheSymbolIsNoBlank) {
  const std::vector<Line> lines = {L({W("Số:", 300, 66), W("239/TTr-UBND", 400, 280, 92.0f)})};
  EXPECT_TRUE(FindHeaderBlanks(lines, 3500).empty());
}

// A white 300 dpi page with the real blank "Số: 15 /" of Quảng Ngãi 15/QĐ-XPHC (the number
// written by pen; tests/data/ocr/handwriting/) pasted at (500, 455): the label's colon lands
// near x 510, the pen's "15" at 535-595, the symbol's "/" near 645, on a line at y 500-550.
PixPtr PageWithPenNumber() {
  const std::string path =
      std::string(CONGVAN_SOURCE_DIR) + "/tests/data/ocr/handwriting/qn_qd_15_2025_number.png";
  PixPtr crop = AdoptPix(pixRead(path.c_str()));
  if (crop == nullptr) return nullptr;
  PixPtr page = AdoptPix(pixCreate(2480, 3508, 32));
  pixSetAll(page.get());
  pixRasterop(page.get(), 500, 455, pixGetWidth(crop.get()), pixGetHeight(crop.get()), PIX_SRC,
              crop.get(), 0, 0);
  pixSetResolution(page.get(), 300, 300);
  return page;
}

std::string FilledNumber(const Pix* page, const std::string& read_there, float confidence) {
  std::vector<Line> lines = {
      L({W("Số:", 440, 72), W(read_there, 530, 70, confidence), W("/QĐ-XPHC", 640, 200)})};
  FillHandwrittenNumbers(page, 300, lines, [] { return nullptr; });
  return lines[0].words.size() > 1 ? lines[0].words[1].text : "";
}

// nomvn real_tt_21_bct_fuel: a pen's "21" read as a sure "2" and a sign; the two are one number,
// half read, and the blank is read again. A sure number alone stands.
TEST(FindHeaderBlanks, ADigitBesideSignsItCouldNotReadIsReadAgain) {
  const std::vector<Line> half_read = {
      L({W("Số:", 300, 66), W("2", 400, 24, 93.0f), W("‡", 440, 16, 31.0f), W("/2026/TT-BCT", 520, 260)})};
  EXPECT_EQ(FindHeaderBlanks(half_read, 3500).size(), 1u);
  const std::vector<Line> sure = {
      L({W("Số:", 300, 66), W("21", 400, 48, 93.0f), W("/2026/TT-BCT", 520, 260)})};
  EXPECT_TRUE(FindHeaderBlanks(sure, 3500).empty());
}

TEST(FillHandwrittenNumbers, ThePensDigitsReplaceWhatTesseractMadeOfThem) {
  PixPtr page = PageWithPenNumber();
  ASSERT_NE(page, nullptr);
  EXPECT_EQ(FilledNumber(page.get(), "l5", 40.0f), "15");
}

// A typewritten "157" Tesseract read unsure (uneven ink) is not cut to the digits the pen reader
// finds: fewer digits than Tesseract read means strokes lost, not a pen found.
TEST(FillHandwrittenNumbers, FewerPenDigitsThanTesseractReadLeaveItsDigits) {
  PixPtr page = PageWithPenNumber();
  ASSERT_NE(page, nullptr);
  EXPECT_EQ(FilledNumber(page.get(), "157", 60.0f), "157");
}

}  // namespace
}  // namespace congvan::ocr
