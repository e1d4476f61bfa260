#include "ocr/digit_reader.h"

#include <leptonica/allheaders.h>
#include <gtest/gtest.h>

#include <string>

#include "base/pix.h"
#include "support/testing.h"

namespace congvan::ocr {
namespace {

// Crops of the header blanks of real signed scans of the Quảng Ngãi People's Committee
// (../shared/realscans/quangngai, rendered at 300 dpi), each the box the OCR reads for one
// blank: the number after "Số:" or the day after "ngày", written by pen.
struct Crop {
  const char* file;
  int line_height;  // the printed label's height there, as Tesseract boxed it
  int max_digits;
  const char* digits;
};

PixPtr Load(const std::string& name) {
  const std::string path = std::string(CONGVAN_SOURCE_DIR) + "/tests/data/ocr/handwriting/" + name;
  return AdoptPix(pixRead(path.c_str()));
}

PenReading Read(const Pix* pix, int line_height, int max_digits) {
  Result<DigitModel> model = BuiltInDigitModel();
  EXPECT_TRUE(model.ok());
  if (!model.ok()) return {};
  const Box all{0, 0, pixGetWidth(const_cast<Pix*>(pix)), pixGetHeight(const_cast<Pix*>(pix))};
  return ReadPenDigits(pix, all, line_height, max_digits, *model);
}

class PenDigits : public ::testing::TestWithParam<Crop> {};

TEST_P(PenDigits, AreRead) {
  const Crop& c = GetParam();
  PixPtr pix = Load(c.file);
  ASSERT_NE(pix, nullptr) << c.file;
  const PenReading r = Read(pix.get(), c.line_height, c.max_digits);
  EXPECT_EQ(r.digits, c.digits) << c.file << " confidence " << r.confidence;
}

INSTANTIATE_TEST_SUITE_P(
    RealBlanks, PenDigits,
    ::testing::Values(CROPS_PLACEHOLDER));

TEST(PenDigits, ABlankWithoutInkReadsNothing) {
  PixPtr pix = Load("blank_paper.png");
  ASSERT_NE(pix, nullptr);
  const PenReading r = Read(pix.get(), 45, 4);
  EXPECT_EQ(r.digits, "");
}

TEST(PenDigits, PrintAloneIsNoPenWriting) {
  // A printed "/QĐ-UBND" and no pen: the strokes are print, none a digit the pen wrote.
  PixPtr pix = Load("print_only.png");
  ASSERT_NE(pix, nullptr);
  const PenReading r = Read(pix.get(), 45, 4);
  EXPECT_LT(r.confidence, 0.9f) << r.digits;
}

TEST(DigitModel, TheBuiltInModelLoadsAndRejectsDamage) {
  Result<DigitModel> model = BuiltInDigitModel();
  ASSERT_TRUE(model.ok());
  std::string bytes = model->Serialize();
  EXPECT_TRUE(DigitModel::FromBytes(bytes).ok());
  EXPECT_FALSE(DigitModel::FromBytes(bytes.substr(0, bytes.size() - 1)).ok());
  EXPECT_FALSE(DigitModel::FromBytes("CVDIGIT1").ok());
}

}  // namespace
}  // namespace congvan::ocr
