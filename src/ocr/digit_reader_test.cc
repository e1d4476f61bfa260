#include "ocr/digit_reader.h"

#include <leptonica/allheaders.h>
#include <gtest/gtest.h>

#include <string>

#include "base/pix.h"
#include "support/testing.h"

namespace congvan::ocr {
namespace {

// Crops of the header blanks of real signed scans of the Quảng Ngãi People's Committee
// (../shared/realscans/quangngai, page 1 rendered at 300 dpi): the box the OCR found for one
// blank (the number after "Số:" or the day after "ngày", written by pen), taken with the
// reach the reader looks beyond its ends (0.6 line heights each side).
struct Crop {
  const char* file;
  int reach;        // pixels of the crop left of the blank
  int blank_width;  // the blank's width as the OCR guessed it from the label's letters
  int line_height;  // the printed label's height there, as Tesseract boxed it
  int max_digits;
  const char* digits;  // what the reader reads
  bool sure;           // whether it is sure enough to be written in (kSurePen in handwriting.cc)
};

constexpr float kSure = 0.7f;

PixPtr Load(const std::string& name) {
  const std::string path = std::string(CONGVAN_SOURCE_DIR) + "/tests/data/ocr/handwriting/" + name;
  return AdoptPix(pixRead(path.c_str()));
}

PenReading Read(const Pix* pix, const Box& blank, int line_height, int max_digits) {
  const PenField field = max_digits == 2 ? PenField::kDayOfMonth : PenField::kNumber;
  Result<DigitModels> models = BuiltInDigitModels();
  EXPECT_TRUE(models.ok());
  if (!models.ok()) return {};
  return ReadPenDigits(pix, blank, line_height, field, *models);
}

Box Whole(const Pix* pix) {
  return Box{0, 0, pixGetWidth(const_cast<Pix*>(pix)), pixGetHeight(const_cast<Pix*>(pix))};
}

class PenDigits : public ::testing::TestWithParam<Crop> {};

TEST_P(PenDigits, AreRead) {
  const Crop& c = GetParam();
  PixPtr pix = Load(c.file);
  ASSERT_NE(pix, nullptr) << c.file;
  const Box blank{c.reach, 0, c.blank_width, pixGetHeight(pix.get())};
  const PenReading r = Read(pix.get(), blank, c.line_height, c.max_digits);
  EXPECT_EQ(r.digits, c.digits) << c.file << " confidence " << r.confidence;
  if (c.sure) {
    EXPECT_GE(r.confidence, kSure) << c.file;
  } else {
    EXPECT_LT(r.confidence, kSure) << c.file;
  }
}

// What the reader makes of the set's blanks, right or not: a wrong reading must be unsure.
INSTANTIATE_TEST_SUITE_P(
    RealBlanks, PenDigits,
    ::testing::Values(
        // Numbers.
        Crop{"qn_qd_15_2025_number.png", 35, 90, 59, 4, "15", true},
        Crop{"qn_qd_88_2025_number.png", 30, 146, 50, 4, "88", true},
        Crop{"qn_ttr_09_2025_number.png", 30, 149, 51, 4, "09", true},
        Crop{"qn_ttr_239_2024_number.png", 32, 146, 54, 4, "239", true},
        Crop{"qn_qd_84_2025_number.png", 29, 109, 49, 4, "84", true},
        Crop{"qn_qd_90_2025_number.png", 30, 147, 51, 4, "90", false},
        // A "1" written with a long lead-in from low on the left: the models take it for a "4",
        // but it has no bar across it (cropped by hand from the 300 dpi page: the blank is
        // where the pen wrote, the label about 50 pixels high).
        Crop{"qn_ct_11_2021_number.png", 15, 85, 50, 4, "11", false},
        Crop{"qn_ct_16_2021_number_300dpi.png", 10, 115, 50, 4, "16", false},
        // Days. The blank of "ngày‡tháng" (one word to Tesseract) is 30 pixels wide: the "0"
        // beside it is the same pen's.
        Crop{"qn_ttr_09_2025_day.png", 33, 30, 56, 2, "20", true},
        Crop{"qn_ct_16_2021_day.png", 30, 47, 50, 2, "27", false},
        Crop{"qn_qd_88_2025_day.png", 31, 114, 53, 2, "05", true},
        // Unsure: a "1" with a long lead-in, slanted, looks like a "4" as written and the upright
        // view disagrees; a day's first digit is 0 to 3, and of those the "1" is likeliest. A
        // "2" with a loop is an "8" as written: kept to 0 to 3 it is read "1", wrong, and unsure.
        // A "3" with a flat top reads as a "9".
        Crop{"qn_qd_90_2025_day.png", 30, 93, 51, 2, "16", false},
        Crop{"qn_ttr_239_2024_day.png", 32, 92, 54, 2, "10", false},
        Crop{"qn_qd_84_2025_day.png", 34, 78, 57, 2, "09", false}));

TEST(PenDigits, ABlankWithoutInkReadsNothing) {
  // The paper of the same header, between the number and the national motto.
  PixPtr pix = Load("qn_qd_88_2025_blank_paper.png");
  ASSERT_NE(pix, nullptr);
  const PenReading r = Read(pix.get(), Whole(pix.get()), 50, 4);
  EXPECT_EQ(r.digits, "");
  EXPECT_EQ(r.confidence, 0.0f);
}

TEST(PenDigits, PrintAloneIsNoPenWriting) {
  // The printed "/QĐ-UBND" after the number, and no pen.
  PixPtr pix = Load("qn_qd_88_2025_print_only.png");
  ASSERT_NE(pix, nullptr);
  const PenReading r = Read(pix.get(), Whole(pix.get()), 50, 4);
  EXPECT_LT(r.confidence, kSure) << r.digits;
}

// A day's first place holds 0 to 3: the likeliest of those, its probability among them.
TEST(DigitModels, TheLikeliestAllowedDigitIsTaken) {
  std::array<float, kDigitClasses> p{};
  p[4] = 0.6f;
  p[1] = 0.3f;
  p[7] = 0.1f;
  EXPECT_EQ(MostProbable(p).digit, 4);
  DigitSet first_of_day;
  for (int d = 0; d <= 3; ++d) first_of_day.set(d);
  const DigitGuess g = MostProbableOf(p, first_of_day);
  EXPECT_EQ(g.digit, 1);
  EXPECT_FLOAT_EQ(g.probability, 1.0f);
  EXPECT_FLOAT_EQ(MostProbableOf(p, kAnyDigit).probability, 0.6f);
  EXPECT_EQ(MostProbableOf(p, DigitSet()).digit, -1);
}

TEST(DigitModels, TheBuiltInModelsLoadAndDamageIsRefused) {
  Result<DigitModels> models = BuiltInDigitModels();
  ASSERT_TRUE(models.ok());
  const std::string bytes = models->Serialize();
  EXPECT_TRUE(DigitModels::FromBytes(bytes).ok());
  EXPECT_FALSE(DigitModels::FromBytes(bytes.substr(0, bytes.size() - 1)).ok());
  EXPECT_FALSE(DigitModels::FromBytes("").ok());
  EXPECT_FALSE(DigitModel::FromBytes("CVDIGIT1").ok());
}

// Each view averages three networks trained on separate draws; a model whose views name no
// network, or more than a build would ever train, is refused rather than read.
TEST(DigitModels, EachViewAveragesItsNetworks) {
  Result<DigitModels> models = BuiltInDigitModels();
  ASSERT_TRUE(models.ok());
  EXPECT_EQ(models->as_written.size(), 3u);
  EXPECT_EQ(models->upright.size(), 3u);
  GlyphFeatures bar{};
  for (int y = 2; y < 18; ++y) bar[y * kGlyphSide + 10] = 1.0f;  // a "1" as a bare stroke
  const auto mean = MeanProbabilities(models->as_written, bar);
  for (int k = 0; k < kDigitClasses; ++k) {
    float sum = 0;
    for (const DigitModel& n : models->as_written) sum += n.Probabilities(bar)[k];
    EXPECT_NEAR(mean[k], sum / 3, 1e-6) << k;
  }
  const std::string none(sizeof(std::uint32_t), '\0');
  EXPECT_FALSE(DigitModels::FromBytes(none).ok());
  std::string too_many = models->Serialize();
  too_many[0] = static_cast<char>(65);
  EXPECT_FALSE(DigitModels::FromBytes(too_many).ok());
}

}  // namespace
}  // namespace congvan::ocr
