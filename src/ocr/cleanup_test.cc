// CleanUp and the column split, on images and lines made in the test.
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include "ocr/engine.h"
#include "ocr/internal.h"

namespace congvan::ocr {
namespace {

TEST(CleanUpTest, ReturnsGreyCopyOfAnyDepth) {
  PixPtr colour = AdoptPix(pixCreate(1240, 1754, 32));
  pixSetAllArbitrary(colour.get(), 0xf0e0d000);  // yellowish paper
  auto clean = CleanUp(colour.get(), 150);
  ASSERT_TRUE(clean.ok()) << clean.status().ToString();
  EXPECT_EQ(pixGetDepth(clean->get()), 8);
  EXPECT_EQ(pixGetColormap(clean->get()), nullptr);
  EXPECT_NE(clean->get(), colour.get());
  EXPECT_EQ(pixGetDepth(colour.get()), 32);  // input untouched

  PixPtr binary = AdoptPix(pixCreate(2480, 3508, 1));
  clean = CleanUp(binary.get(), 300);
  ASSERT_TRUE(clean.ok());
  EXPECT_EQ(pixGetDepth(clean->get()), 8);
  EXPECT_EQ(pixGetXRes(clean->get()), 300);
}

TEST(CleanUpTest, SmallPhotoIsUpscaledToAbout300Dpi) {
  PixPtr photo = AdoptPix(pixCreate(770, 991, 8));
  auto clean = CleanUp(photo.get(), 0);  // 770 px across A4 is ~93 dpi
  ASSERT_TRUE(clean.ok());
  EXPECT_GT(pixGetWidth(clean->get()), 2000);
  EXPECT_NEAR(pixGetXRes(clean->get()), 300, 10);
}

TEST(CleanUpTest, NullImageIsInvalidInput) {
  auto clean = CleanUp(nullptr, 300);
  ASSERT_FALSE(clean.ok());
  EXPECT_EQ(clean.status().code(), Code::kInvalidInput);
}

TEST(CleanUpTest, ImplausibleResolutionIsGuessedFromA4Width) {
  EXPECT_EQ(internal::EffectiveDpi(300, 2480), 300);
  EXPECT_EQ(internal::EffectiveDpi(0, 2480), 300);
  EXPECT_EQ(internal::EffectiveDpi(72, 2480), 300);  // JPEG default, not the page's
  EXPECT_EQ(internal::EffectiveDpi(1, 1670), 202);
  EXPECT_EQ(internal::EffectiveDpi(200, 1654), 200);
}

Word MakeWord(const std::string& text, int x, int y, int w) { return Word{text, Box{x, y, w, 50}, 90}; }

Line MakeLine(std::vector<Word> words, int block) {
  Line line;
  line.block = block;
  for (const Word& w : words) {
    line.text += (line.text.empty() ? "" : " ") + w.text;
    line.box = line.box.empty() ? w.box
                                : Box{line.box.x, line.box.y, w.box.x + w.box.w - line.box.x, 50};
  }
  line.words = std::move(words);
  return line;
}

TEST(SplitColumnsTest, HeaderColumnsBecomeTwoBlocksBodyStaysOne) {
  std::vector<Line> lines = {
      MakeLine({MakeWord("CHÍNH", 300, 100, 200), MakeWord("PHỦ", 520, 100, 120),
                MakeWord("CỘNG", 1200, 100, 200), MakeWord("HÒA", 1420, 100, 150)}, 0),
      MakeLine({MakeWord("Số:", 300, 170, 80), MakeWord("30/2020/NĐ-CP", 400, 170, 350),
                MakeWord("Hà", 1300, 170, 80), MakeWord("Nội", 1400, 170, 100)}, 0),
      MakeLine({MakeWord("Độc", 1250, 240, 100), MakeWord("lập", 1370, 240, 100)}, 0),
      MakeLine({MakeWord("Căn", 300, 400, 100), MakeWord("cứ", 420, 400, 60),
                MakeWord("Luật", 500, 400, 100), MakeWord("Tổ", 1700, 400, 60)}, 1),
  };
  lines[3].words[3].box.x = 620;  // body words are close together
  const std::vector<Line> out = internal::SplitColumns(lines, 2480);
  ASSERT_EQ(out.size(), 6u);
  EXPECT_EQ(out[0].text, "CHÍNH PHỦ");
  EXPECT_EQ(out[1].text, "Số: 30/2020/NĐ-CP");
  EXPECT_EQ(out[2].text, "CỘNG HÒA");
  EXPECT_EQ(out[3].text, "Hà Nội");
  EXPECT_EQ(out[4].text, "Độc lập");
  EXPECT_EQ(out[0].block, 0);
  EXPECT_EQ(out[1].block, 0);
  EXPECT_EQ(out[2].block, 1);
  EXPECT_EQ(out[4].block, 1);
  EXPECT_EQ(out[5].block, 2);
  EXPECT_EQ(out[5].words.size(), 4u);
  EXPECT_EQ(out[0].box.x + out[0].box.w, 640);
}

}  // namespace
}  // namespace congvan::ocr
