// OCR on pages rendered at test time from real letter text (tests/data/devset/restored), and on a
// real scan. Thresholds are set so that a broken clean-up step (no deskew, no orientation
// correction, no block split) fails them.
#include "ocr/engine.h"
#include "ocr/stamps.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <stdlib.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "ocr/internal.h"
#include "support/testing.h"
#include "text/fold.h"
#include "text/syllable.h"

namespace congvan::ocr {
namespace {

using congvan::testing::RenderOptions;
using congvan::testing::RenderPage;
using congvan::testing::SyllableAccuracy;
using congvan::testing::TempDir;
using congvan::testing::TestData;

constexpr char kLetter[] = "devset/restored/000_a6046faea36eee60.txt";

// Lines [first, first + count) of a devset letter, blank lines dropped.
std::string LetterLines(const std::string& name, int first, int count) {
  std::istringstream in(congvan::testing::ReadFile(TestData(name)));
  std::string line, out;
  int n = 0, kept = 0;
  while (std::getline(in, line) && kept < count) {
    if (line.empty() || n++ < first) continue;
    out += line + "\n";
    ++kept;
  }
  return out;
}

PixPtr ReadImage(const std::string& path) { return AdoptPix(pixRead(path.c_str())); }

std::unique_ptr<Engine> MakeEngine() {
  DisableOpenMpThreads();
  auto engine = Engine::Create(Options{});
  EXPECT_TRUE(engine.ok()) << engine.status().ToString();
  return engine.ok() ? std::move(*engine) : nullptr;
}

// Reads the real scan `name` (under tests/data) as a first page, at the resolution it states
// (`dpi` 0) or at `dpi`; what was done goes to `stats`.
Result<PageText> ReadScan(const std::string& name, ReadStats* stats, int dpi = 0) {
  PixPtr page = ReadImage(TestData(name).string());
  if (page == nullptr) return Status::NotFound("no test scan " + name);
  auto engine = MakeEngine();
  if (engine == nullptr) return Status::Internal("no engine");
  return engine->Read(page.get(), dpi, 0, stats);
}

// Renders `text`, reads it back and returns what was read.
PageText RenderAndRead(const std::string& text, const RenderOptions& render) {
  TempDir dir;
  const auto tif = RenderPage(text, dir / "page", render);
  PixPtr page = ReadImage(tif.string());
  EXPECT_NE(page, nullptr);
  if (page == nullptr) return {};
  auto engine = MakeEngine();
  if (engine == nullptr) return {};
  auto read = engine->Read(page.get(), render.dpi, 0);
  EXPECT_TRUE(read.ok()) << read.status().ToString();
  return read.ok() ? std::move(*read) : PageText{};
}

int CountContaining(const PageText& page, const std::string& needle) {
  return static_cast<int>(std::count_if(page.lines.begin(), page.lines.end(), [&](const Line& l) {
    return l.text.find(needle) != std::string::npos;
  }));
}

TEST(EngineTest, CleanPageOfRealLetter) {
  const std::string gold = LetterLines(kLetter, 0, 25);
  const PageText page = RenderAndRead(gold, RenderOptions{});
  EXPECT_GE(SyllableAccuracy(gold, page.Text()), 0.97) << page.Text();
  EXPECT_EQ(page.source, "ocr");
  EXPECT_EQ(page.width, 2480);
  EXPECT_EQ(page.height, 3508);
  ASSERT_GE(page.lines.size(), 20u);
  for (const Line& line : page.lines) {
    if (line.text.empty()) {  // a paragraph end (MarkParagraphEnds): nothing else
      EXPECT_TRUE(line.box.empty());
      EXPECT_TRUE(line.words.empty());
      continue;
    }
    EXPECT_NE(line.text.back(), '\n');
    EXPECT_FALSE(line.box.empty());
    EXPECT_GE(line.box.x, 0);
    EXPECT_LE(line.box.x + line.box.w, page.width);
    EXPECT_LE(line.box.y + line.box.h, page.height);
    EXPECT_GT(line.confidence, 50.0f);
    EXPECT_LE(line.confidence, 100.0f);
    ASSERT_FALSE(line.words.empty());
    for (const Word& w : line.words) EXPECT_NE(line.text.find(w.text), std::string::npos);
  }
  // Reading order: lines of one block go down the page.
  for (size_t i = 1; i < page.lines.size(); ++i) {
    if (page.lines[i].text.empty() || page.lines[i - 1].text.empty()) continue;
    if (page.lines[i].block == page.lines[i - 1].block) {
      EXPECT_GT(page.lines[i].box.y, page.lines[i - 1].box.y);
    }
  }
  EXPECT_GT(page.MeanConfidence(), 80.0f);
}

TEST(EngineTest, DegradedPage) {
  const std::string gold = LetterLines("devset/restored/003_b639d55b78feda7a.txt", 0, 25);
  RenderOptions render;
  render.degrade = true;
  const PageText page = RenderAndRead(gold, render);
  EXPECT_GE(SyllableAccuracy(gold, page.Text()), 0.95) << page.Text();
}

// A degraded page turned by 3°: no paragraph may go missing.
TEST(EngineTest, PageRotatedThreeDegreesKeepsEveryParagraph) {
  const std::string gold = LetterLines(kLetter, 10, 25);
  RenderOptions render;
  render.degrade = true;
  render.rotate_degrees = -3;
  const PageText page = RenderAndRead(gold, render);
  EXPECT_GE(SyllableAccuracy(gold, page.Text()), 0.95) << page.Text();
  EXPECT_GE(page.lines.size(), 23u);
}

TEST(EngineTest, UpsideDownPageIsTurned) {
  const std::string gold = LetterLines("devset/restored/001_b8c21598dec75cc1.txt", 0, 25);
  RenderOptions render;
  render.rotate_degrees = 180;
  const PageText page = RenderAndRead(gold, render);
  EXPECT_GE(SyllableAccuracy(gold, page.Text()), 0.95) << page.Text();
}

// Copies the top `h` rows of `from` (cropped at x0) onto `to` at (x, y).
void Paste(Pix* to, int x, int y, Pix* from, int x0, int w, int h) {
  pixRasterop(to, x, y, w, h, PIX_SRC, from, x0, 0);
}

// A letter header is two columns side by side: the issuer on the left, the national motto and
// the place and date on the right. They must come back as different blocks, not interleaved.
TEST(EngineTest, TwoColumnHeaderComesBackAsTwoBlocks) {
  TempDir dir;
  const std::string left = "ĐẢNG BỘ TỈNH QUẢNG NGÃI\nHUYỆN ỦY BÌNH SƠN\n*\nSố 1307-CV/HU\n";
  const std::string right = "ĐẢNG CỘNG SẢN VIỆT NAM\n\nBình Sơn, ngày 13 tháng 10 năm 2022\n";
  const std::string body = LetterLines(kLetter, 10, 8);
  PixPtr l = ReadImage(RenderPage(left, dir / "left").string());
  PixPtr r = ReadImage(RenderPage(right, dir / "right").string());
  PixPtr b = ReadImage(RenderPage(body, dir / "body").string());
  ASSERT_TRUE(l && r && b);
  PixPtr page = AdoptPix(pixCreate(2480, 3508, 1));  // 1 bpp, all white
  Paste(page.get(), 0, 0, l.get(), 0, 1200, 500);
  Paste(page.get(), 1330, 0, r.get(), 150, 1100, 500);
  Paste(page.get(), 0, 650, b.get(), 0, 2480, 900);
  pixSetResolution(page.get(), 300, 300);

  auto engine = MakeEngine();
  ASSERT_NE(engine, nullptr);
  auto read = engine->Read(page.get(), 300, 0);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  const std::string text = read->Text();
  auto block_of = [&](const std::string& needle) {
    for (const Line& line : read->lines) {
      if (line.text.find(needle) != std::string::npos) return line.block;
    }
    ADD_FAILURE() << "no line with '" << needle << "' in:\n" << text;
    return -1;
  };
  EXPECT_NE(block_of("QUẢNG NGÃI"), block_of("CỘNG SẢN"));
  EXPECT_NE(block_of("1307"), block_of("tháng 10"));
  EXPECT_EQ(block_of("QUẢNG NGÃI"), block_of("BÌNH SƠN"));
  // Not interleaved: no line carries words of both columns.
  EXPECT_EQ(CountContaining(*read, "NGÃI ĐẢNG"), 0) << text;
  for (const Line& line : read->lines) {
    const bool has_left = line.text.find("NGÃI") != std::string::npos;
    EXPECT_FALSE(has_left && line.text.find("CỘNG") != std::string::npos) << line.text;
  }
  // Read row by row, as a letter's header is: the issuer's two lines and the motto, then the
  // date (a line above the number here) and the number.
  const std::string rows = "ĐẢNG BỘ TỈNH QUẢNG NGÃI\nHUYỆN ỦY BÌNH SƠN\nĐẢNG CỘNG SẢN VIỆT NAM\n"
                           "Bình Sơn, ngày 13 tháng 10 năm 2022\nSố 1307-CV/HU\n";
  EXPECT_GE(SyllableAccuracy(rows + body, text), 0.95) << text;
}

TEST(EngineTest, BlankPageHasNoLines) {
  PixPtr page = AdoptPix(pixCreate(2480, 3508, 8));
  pixSetAllArbitrary(page.get(), 255);
  auto engine = MakeEngine();
  ASSERT_NE(engine, nullptr);
  auto read = engine->Read(page.get(), 300, 3);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_TRUE(read->lines.empty()) << read->Text();
  EXPECT_EQ(read->index, 3);
  EXPECT_EQ(read->source, "ocr");
}

// A real phone photo of Nghị định 30/2020/NĐ-CP (770x991 pixels, resolution unknown).
TEST(EngineTest, RealPhotoOfDecree) {
  PixPtr page = ReadImage(TestData("scans/10_chinhphu_30-2020-ND-CP_photo_p1.jpg").string());
  ASSERT_NE(page, nullptr);
  auto engine = MakeEngine();
  ASSERT_NE(engine, nullptr);
  auto read = engine->Read(page.get(), 0, 0);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  const std::string text = read->Text();
  EXPECT_NE(text.find("CHÍNH PHỦ"), std::string::npos) << text;
  EXPECT_NE(text.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos) << text;
  EXPECT_NE(text.find("Độc lập - Tự do - Hạnh phúc"), std::string::npos) << text;
  EXPECT_NE(text.find("30/2020/NĐ-CP"), std::string::npos) << text;
  EXPECT_NE(text.find("Căn cứ Luật Tổ chức Chính phủ"), std::string::npos) << text;
  EXPECT_GE(read->lines.size(), 15u);
  EXPECT_GT(read->MeanConfidence(), 70.0f);
  // The issuer (left column) and the national motto (right column) are different blocks.
  int issuer = -1, motto = -1;
  for (const Line& line : read->lines) {
    if (line.text == "CHÍNH PHỦ") issuer = line.block;
    if (line.text.rfind("CỘNG HÒA", 0) == 0) motto = line.block;
  }
  EXPECT_GE(issuer, 0) << text;
  EXPECT_GE(motto, 0) << text;
  EXPECT_NE(issuer, motto);
}

// A real grey scan with a received-stamp pasted over the header.
TEST(EngineTest, RealScanWithStamp) {
  PixPtr page = ReadImage(TestData("scans/12_chinhphu_28-2021-ND-CP_scan_p1.jpg").string());
  ASSERT_NE(page, nullptr);
  auto engine = MakeEngine();
  ASSERT_NE(engine, nullptr);
  auto read = engine->Read(page.get(), 0, 0);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  const std::string text = read->Text();
  EXPECT_NE(text.find("28/2021/NĐ-CP"), std::string::npos) << text;
  EXPECT_NE(text.find("Hà Nội, ngày 26 tháng 3 năm 2021"), std::string::npos) << text;
  EXPECT_NE(text.find("Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015"),
            std::string::npos) << text;
  EXPECT_NE(text.find("Theo đề nghị của Bộ trưởng Bộ Tài chính"), std::string::npos) << text;
}

// A provincial letter's signature block under its red seal, from a signed scan rendered in
// colour at 300 dpi: the seal's ring and emblem cross the signer's title, and plain Tesseract
// reads the title as seal debris and the name as "rần Hoàng Tuân". With the red ink taken out
// the title and the name are read (the name's tone marks are the model's: "Trân Hoàng Tuần",
// which no language model can put right in a proper name).
TEST(EngineTest, RedSealOverSignerIsTakenOutAndTheNameRead) {
  PixPtr page = ReadImage(TestData("scans/quangngai_04CT_p4_seal_over_signer.png").string());
  ASSERT_NE(page, nullptr);
  ASSERT_EQ(pixGetDepth(page.get()), 32);
  auto engine = MakeEngine();
  ASSERT_NE(engine, nullptr);
  ReadStats stats;
  auto read = engine->Read(page.get(), 300, 0, &stats);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  const std::string text = read->Text();
  EXPECT_TRUE(stats.colour_ink_removed);
  EXPECT_NE(text.find("KT. CHỦ TỊCH"), std::string::npos) << text;
  EXPECT_NE(text.find("PHÓ CHỦ TỊCH"), std::string::npos) << text;
  EXPECT_NE(text::StripDiacritics(text).find("Tran Hoang Tuan"), std::string::npos) << text;
}

// The colour drop-out keeps black print and whitens red and blue ink.
TEST(EngineTest, ColourDropOutKeepsBlackPrint) {
  PixPtr page = AdoptPix(pixCreate(30, 10, 32));
  ASSERT_NE(page, nullptr);
  pixSetAllArbitrary(page.get(), 0xf0f0f000);  // paper
  auto paint = [&](int x, int r, int g, int b) {
    l_uint32 pixel = 0;
    composeRGBPixel(r, g, b, &pixel);
    for (int y = 0; y < 10; ++y) pixSetPixel(page.get(), x, y, pixel);
  };
  paint(5, 20, 20, 25);     // black print
  paint(10, 210, 40, 50);   // red seal
  paint(15, 40, 60, 170);   // blue ballpoint
  paint(20, 60, 25, 25);    // black print seen through red ink
  double share = 0;
  PixPtr grey = internal::GreyWithoutColourInk(page.get(), &share);
  ASSERT_NE(grey, nullptr);
  auto level = [&](int x) {
    l_uint32 v = 0;
    pixGetPixel(grey.get(), x, 5, &v);
    return static_cast<int>(v);
  };
  EXPECT_LT(level(5), 40);
  EXPECT_EQ(level(10), 255);
  EXPECT_EQ(level(15), 255);
  EXPECT_LT(level(20), 80);
  EXPECT_NEAR(share, 20.0 / 300.0, 1e-9);
}

// A clean page is read once: no line is hard enough for a second opinion.
TEST(EngineTest, CleanPageTakesTheCheapPath) {
  TempDir dir;
  RenderOptions render;
  const auto tif = RenderPage(LetterLines(kLetter, 0, 20), dir / "page", render);
  PixPtr page = ReadImage(tif.string());
  ASSERT_NE(page, nullptr);
  auto engine = MakeEngine();
  ASSERT_NE(engine, nullptr);
  ReadStats stats;
  auto read = engine->Read(page.get(), render.dpi, 0, &stats);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_GE(stats.lines, 15);
  EXPECT_EQ(stats.hard_lines, 0) << read->Text();
  EXPECT_EQ(stats.second_readings_kept, 0);
  EXPECT_EQ(stats.unread_regions, 0);
  EXPECT_EQ(stats.stamp_frames, 0);
  EXPECT_FALSE(stats.background_normalized);
  EXPECT_FALSE(stats.colour_ink_removed);
}

// A real grey scan whose header holds handwriting and a received stamp beside the subject: its
// hard lines get a second reading, and only they; the letter's own lines are still read.
TEST(EngineTest, HardRegionsOfARealScanGetASecondOpinion) {
  ReadStats stats;
  auto read = ReadScan("scans/14_chinhphu_155-2020-ND-CP_scan_p1.jpg", &stats);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_GT(stats.hard_lines, 0);
  EXPECT_LT(stats.hard_lines * 2, stats.lines);  // only the hard part of the page
  EXPECT_NE(read->Text().find("thi hành một số điều của Luật Chứng khoán"),
            std::string::npos) << read->Text();
}

// A received stamp's frame is taken out of the page before it is read, its writing with it
// (below); the stamp is read on its own all the same.
TEST(EngineTest, AReceivedStampBesideTheHeaderIsReadOnItsOwn) {
  ReadStats stats;
  auto read = ReadScan("scans/12_chinhphu_28-2021-ND-CP_scan_p1.jpg", &stats);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(stats.stamp_frames, 1);
  EXPECT_EQ(read->Text().find("CÔNG THÔNG TIN"), std::string::npos) << read->Text();
  std::string stamp;
  for (const Line& line : read->stamps) stamp += line.text + "\n";
  EXPECT_NE(stamp.find("CÔNG THÔNG TIN"), std::string::npos) << stamp;
  EXPECT_NE(read->Text().find("dự án đầu tư theo phương thức đối tác công tư"), std::string::npos)
      << read->Text();
}

// A real copier scan with a "CV ĐẾN" received stamp stamped across the left margin: its top rule
// runs along the bottom of the subject's second line, its box reaches into the body's first
// lines. The frame is taken out before the page is read: the subject's line is read whole and
// the stamp's writing joins no line of the letter; the stamp is still read on its own.
TEST(EngineTest, AReceivedStampsFrameIsTakenOutOfThePage) {
  ReadStats stats;
  auto read = ReadScan("scans/quangngai_08CT_p1_received_stamp.png", &stats, 300);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(stats.stamp_frames, 1);
  const std::string text = read->Text();
  // The subject's second line, whole: before, "thực hiện dự" under the rule was lost.
  const auto second = std::find_if(read->lines.begin(), read->lines.end(), [](const Line& line) {
    return line.text.find("vốn ngoài ngân sách nhà nước tại tỉnh Quảng Ngãi") != std::string::npos;
  });
  ASSERT_NE(second, read->lines.end()) << text;
  EXPECT_TRUE(second->text.starts_with("thực hiện")) << second->text;
  EXPECT_EQ(text.find("TIN HỌC"), std::string::npos) << text;
  EXPECT_EQ(text.find("Chuyển"), std::string::npos) << text;
  EXPECT_NE(text.find("các cấp, các ngành đã có nhiều cố gắng trong lãnh đạo"), std::string::npos) << text;
  std::string stamp;
  for (const Line& line : read->stamps) stamp += line.text + "\n";
  EXPECT_NE(stamp.find("TIN HỌC"), std::string::npos) << stamp;
}

// The frame finder on real pages: the received stamp's box is one frame; a red seal's ring and
// the rules under a header's lines are none.
TEST(StampFrames, AreFoundByTheirRules) {
  PixPtr stamped = ReadImage(TestData("scans/quangngai_08CT_p1_received_stamp.png").string());
  ASSERT_NE(stamped, nullptr);
  PixPtr grey = AdoptPix(pixConvertTo8(stamped.get(), 0));
  pixSetResolution(grey.get(), 300, 300);
  std::vector<Box> frames;
  PixPtr cleared = WithoutStampFrames(grey.get(), FindStampFrames(grey.get()), &frames);
  ASSERT_NE(cleared, nullptr);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_LT(frames[0].x, 30);
  EXPECT_NEAR(frames[0].y, 615, 30);
  EXPECT_NEAR(frames[0].x + frames[0].w, 655, 30);
  EXPECT_NEAR(frames[0].y + frames[0].h, 880, 30);
  // The stamp's own line goes; of a body line that runs on past the stamp, the words inside it go.
  std::vector<Line> lines(2);
  lines[0].words = {Word{"TRUNG", Box{10, 640, 200, 30}}, Word{"TÂM", Box{220, 640, 100, 30}}};
  lines[0].text = "TRUNG TÂM";
  lines[1].words = {Word{"2770", Box{300, 700, 80, 40}}, Word{"Thời", Box{620, 700, 90, 40}},
                    Word{"gian", Box{720, 700, 90, 40}}, Word{"qua,", Box{820, 700, 90, 40}}};
  lines[1].text = "2770 Thời gian qua,";
  DropStampWriting(lines, frames);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].text, "Thời gian qua,");  // "Thời" sticks out past the rule: kept
  EXPECT_EQ(lines[0].box.x, 620);

  PixPtr seal = ReadImage(TestData("scans/quangngai_04CT_p4_seal_over_signer.png").string());
  ASSERT_NE(seal, nullptr);
  PixPtr seal_grey = AdoptPix(pixConvertTo8(seal.get(), 0));
  pixSetResolution(seal_grey.get(), 300, 300);
  EXPECT_EQ(WithoutStampFrames(seal_grey.get(), FindStampFrames(seal_grey.get()), &frames), nullptr);
  EXPECT_TRUE(frames.empty());
}

TEST(Debris, TheNumbersLineIsNever) {
  Line seal;
  seal.text = "ÁN ”\\ :ở =";
  seal.confidence = 40;
  EXPECT_TRUE(internal::IsDebris(seal));
  Line number;  // Quảng Ngãi 11/CT-UBND: "Số:11", pen digits, read as letters, unsure
  number.text = "SôztT /CT-UBND";
  number.confidence = 51.6f;
  EXPECT_FALSE(internal::IsDebris(number));
  number.text = "SôztT /ct-ubnd";
  EXPECT_TRUE(internal::IsDebris(number));
}

// nomvn real_hanoi_tb_453_flag: the issuer's line in capitals, two of its words read with no
// confidence, is words all the same; a seal's ring read as capitals that are no words is debris.
TEST(Debris, AHeaderLineInCapitalsIsNever) {
  Line issuer;
  issuer.text = "ỦY BAN NHÂN DÂN";
  issuer.confidence = 45;
  EXPECT_FALSE(internal::IsDebris(issuer));
  Line ring;
  ring.text = "ƯNG NHĐ ÂNT";
  ring.confidence = 30;
  EXPECT_TRUE(internal::IsDebris(ring));
}

TEST(EngineTest, MissingLanguageIsAClearError) {
  Options options;
  options.language = "xyz";
  options.tessdata_dir = "/usr/share/tesseract-ocr/5/tessdata";
  auto engine = Engine::Create(options);
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.status().code(), Code::kNotFound);
  EXPECT_NE(engine.status().message().find("'xyz'"), std::string::npos)
      << engine.status().message();
  EXPECT_NE(engine.status().message().find("/usr/share/tesseract-ocr/5/tessdata"),
            std::string::npos);

  options.language = "vie+xyz";
  engine = Engine::Create(options);
  ASSERT_FALSE(engine.ok());
  EXPECT_NE(engine.status().message().find("'xyz'"), std::string::npos);
}

TEST(EngineTest, MissingTessdataFolderIsAClearError) {
  Options options;
  options.tessdata_dir = "/nonexistent/tessdata";
  auto engine = Engine::Create(options);
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.status().code(), Code::kNotFound);
  EXPECT_NE(engine.status().message().find("/nonexistent/tessdata"), std::string::npos);
}

TEST(EngineTest, NullImageIsInvalidInput) {
  auto engine = MakeEngine();
  ASSERT_NE(engine, nullptr);
  auto read = engine->Read(nullptr, 300, 0);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), Code::kInvalidInput);
}

TEST(EngineTest, DisableOpenMpThreadsKeepsTheUsersSetting) {
  const char* before = getenv("OMP_THREAD_LIMIT");
  const std::string saved = before != nullptr ? before : "";
  setenv("OMP_THREAD_LIMIT", "2", 1);
  DisableOpenMpThreads();
  EXPECT_STREQ(getenv("OMP_THREAD_LIMIT"), "2");
  unsetenv("OMP_THREAD_LIMIT");
  DisableOpenMpThreads();
  EXPECT_STREQ(getenv("OMP_THREAD_LIMIT"), "1");
  if (!saved.empty()) setenv("OMP_THREAD_LIMIT", saved.c_str(), 1);
}

}  // namespace
}  // namespace congvan::ocr
