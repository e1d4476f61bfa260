// PDF inputs: text-layer vs render decision, rendering, limits and the ways a PDF can be bad.
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "intake/document.h"
#include "intake/internal.h"
#include "intake/test_util.h"
#include "support/hostile_pdf.h"
#include "support/testing.h"
#include "text/fold.h"
#include "text/syllable.h"

namespace congvan::intake {
namespace {

using congvan::testing::RunCommand;

std::string ImagePdf(int pages) {
  PixPtr page = test::SmallPage();
  if (page == nullptr) return {};
  Pixa* pixa = pixaCreate(pages);
  for (int i = 0; i < pages; ++i) pixaAddPix(pixa, page.get(), L_COPY);
  l_uint8* data = nullptr;
  size_t size = 0;
  const l_ok rc = pixaConvertToPdfData(pixa, 150, 1.0f, L_FLATE_ENCODE, 0, "scan", &data, &size);
  pixaDestroy(&pixa);
  if (rc != 0 || data == nullptr) return {};
  std::string bytes(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return bytes;
}

Status OpenError(const std::string& name, const std::string& bytes, const Limits& limits = {}) {
  Result<std::unique_ptr<Document>> doc = Document::Open(test::Fixture(name, bytes), limits);
  EXPECT_FALSE(doc.ok()) << name << " opened";
  return doc.status();
}

TEST(PdfDocument, ImageOnlyPdfIsRendered) {
  const std::string bytes = ImagePdf(2);
  ASSERT_FALSE(bytes.empty());
  auto doc = test::MustOpen(test::Fixture("image-only.png", bytes));  // misleading name
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(doc->source().type, FileType::kPdf);
  ASSERT_EQ(doc->page_count(), 2);
  Result<Page> page = doc->LoadPage(1);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->index, 1);
  EXPECT_EQ(page->origin, PageOrigin::kPdfRender);
  EXPECT_EQ(page->dpi, 300);
  ASSERT_TRUE(page->needs_ocr());
  EXPECT_EQ(pixGetDepth(page->image.get()), 8);
  // A 150 dpi A4 image placed at 150 dpi is an A4 page: 2480 x 3508 pixels at 300 dpi.
  EXPECT_NEAR(pixGetWidth(page->image.get()), 2480, 4);
  EXPECT_NEAR(pixGetHeight(page->image.get()), 3508, 4);
  // The rendering is the page, not a blank: there is ink on it.
  l_float32 mean = 255;
  pixGetAverageMasked(page->image.get(), nullptr, 0, 0, 1, L_MEAN_ABSVAL, &mean);
  EXPECT_LT(mean, 254.5f);
  EXPECT_GT(mean, 200.0f);
}

// Resident memory of this process, in MB.
double RssMb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

TEST(PdfDocument, PagesAreDecodedOnDemandNotKept) {
  const int kPages = 10;
  auto doc = test::MustOpen(test::Fixture("ten.pdf", ImagePdf(kPages)));
  ASSERT_NE(doc, nullptr);
  ASSERT_EQ(doc->page_count(), kPages);
  ASSERT_TRUE(doc->LoadPage(0).ok());
  const double before = RssMb();
  for (int i = 1; i < kPages; ++i) ASSERT_TRUE(doc->LoadPage(i).ok());
  // Each rendered page is 8.7 MB of grey pixels; keeping them would add ~80 MB.
  EXPECT_LT(RssMb() - before, 40.0);
}

TEST(PdfDocument, PageLimit) {
  Limits limits;
  limits.max_pages = 1;
  const Status s = OpenError("two.pdf", ImagePdf(2), limits);
  EXPECT_EQ(s.code(), Code::kTooLarge);
  EXPECT_CONTAINS(s.message(), "max_pages");
}

TEST(PdfDocument, ConcurrentLoadPage) {
  auto doc = test::MustOpen(test::Fixture("threads.pdf", ImagePdf(2)));
  ASSERT_NE(doc, nullptr);
  std::vector<int> ok(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Result<Page> page = doc->LoadPage(t % 2);
      ok[t] = page.ok() && page->image != nullptr;
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_TRUE(ok[t]) << "thread " << t;
}

TEST(PdfDocument, RandomBytesAfterHeaderAreCorrupt) {
  std::string bytes = "%PDF-1.4\n";
  for (int i = 0; i < 2000; ++i) bytes += static_cast<char>((i * 7919) % 251 + 1);
  const Status s = OpenError("junk.pdf", bytes);
  EXPECT_EQ(s.code(), Code::kInvalidInput);
  EXPECT_CONTAINS(s.message(), "PDF");
}

TEST(PdfDocument, TruncatedPdfIsRefusedOrRendersItsPages) {
  // Poppler rebuilds a damaged xref when it can; either way nothing may crash.
  const std::string bytes = ImagePdf(1);
  Result<std::unique_ptr<Document>> doc =
      Document::Open(test::Fixture("cut.pdf", bytes.substr(0, bytes.size() / 2)), {});
  if (doc.ok()) {
    for (int i = 0; i < (*doc)->page_count(); ++i) (void)(*doc)->LoadPage(i);
  } else {
    EXPECT_CONTAINS(doc.status().message(), "PDF");
  }
}

TEST(PdfDocument, NoPages) {
  const std::string pdf = test::BuildPdf(
      {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"},
      "/Root 1 0 R");
  const Status s = OpenError("empty.pdf", pdf);
  EXPECT_EQ(s.code(), Code::kInvalidInput);
  EXPECT_CONTAINS(s.message(), "no pages");
}

// A page that declares a 1,000,000 x 1,000,000 pixel image is refused before poppler sees it,
// with the sizes in the reason.
TEST(PdfDocument, ImageDeclaringATrillionPixelsIsRefusedAtOpen) {
  const Status s = OpenError("bomb.pdf", congvan::testing::ImageBombPdf());
  EXPECT_EQ(s.code(), Code::kTooLarge) << s.ToString();
  EXPECT_NE(s.message().find("1000000 x 1000000"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("megapixel"), std::string::npos) << s.message();
}

// The same image with its size in another object is not seen by the scan: the page's child
// process is killed at the deadline and the page fails with the reason.
TEST(PdfDocument, PageOverItsDeadlineFailsWithTheReason) {
  Limits limits;
  limits.page_seconds = 1;
  Result<std::unique_ptr<Document>> doc =
      Document::Open(test::Fixture("hidden.pdf", congvan::testing::HiddenImageBombPdf()), limits);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  Result<Page> page = (*doc)->LoadPage(0);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), Code::kTooLarge) << page.status().ToString();
  EXPECT_NE(page.status().message().find("1 giây"), std::string::npos) << page.status().message();
  // The document is still usable: the next read of the page fails the same way.
  EXPECT_EQ((*doc)->LoadPage(0).status().code(), Code::kTooLarge);
}

// A stop asked for ends a page at once, whatever its deadline, and says it was a stop.
TEST(PdfDocument, StopEndsAPageInProgress) {
  std::atomic<bool> stop{false};
  Limits limits;
  limits.page_seconds = 0;  // no deadline: only the stop can end it
  limits.stop = &stop;
  Result<std::unique_ptr<Document>> doc =
      Document::Open(test::Fixture("hidden.pdf", congvan::testing::HiddenImageBombPdf()), limits);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
  });
  Result<Page> page = (*doc)->LoadPage(0);
  stopper.join();
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), Code::kCancelled) << page.status().ToString();
}

// A MediaBox of 10^9 points: the page fails with its size, instead of poppler failing to
// allocate and the page coming back blank (an empty letter).
TEST(PdfDocument, PageTooLargeToRenderFails) {
  auto doc = test::MustOpen(test::Fixture("huge.pdf", congvan::testing::HugeMediaBoxPdf()));
  ASSERT_NE(doc, nullptr);
  Result<Page> page = doc->LoadPage(0);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), Code::kTooLarge) << page.status().ToString();
  EXPECT_NE(page.status().message().find("quá lớn"), std::string::npos) << page.status().message();
}

// The scan reads sizes written as numbers in image dictionaries and inline images, and lets
// an ordinary page through.
TEST(PdfScan, ReadsDeclaredImageSizes) {
  using internal::CheckPdfImageSizes;
  EXPECT_TRUE(CheckPdfImageSizes(congvan::testing::PdfWithImage("/Width 2480 /Height 3508")).ok());
  EXPECT_EQ(CheckPdfImageSizes(congvan::testing::PdfWithImage("/Height 40000 /Width 40000")).code(),
            Code::kTooLarge);
  EXPECT_TRUE(CheckPdfImageSizes(congvan::testing::HiddenImageBombPdf()).ok());
  EXPECT_EQ(CheckPdfImageSizes("q BI /W 100000 /H 100000 /BPC 8 /CS /G ID \x01 EI Q").code(),
            Code::kTooLarge);
  EXPECT_TRUE(CheckPdfImageSizes("q BI /W 100 /H 100 /BPC 8 /CS /G ID \x01 EI Q").ok());
  EXPECT_TRUE(CheckPdfImageSizes(ImagePdf(1)).ok());
}

TEST(PdfDocument, PasswordProtectedIsRefused) {
  // A standard security handler whose /U does not match the empty password: poppler opens the
  // file but reports it locked.
  const std::string hex32(64, 'A');
  const std::string pdf = test::BuildPdf(
      {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
       "<< /Filter /Standard /V 1 /R 2 /O <" + hex32 + "> /U <" + hex32 + "> /P -4 >>"},
      "/Root 1 0 R /Encrypt 4 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> "
      "<0123456789ABCDEF0123456789ABCDEF>]");
  const Status s = OpenError("locked.pdf", pdf);
  EXPECT_EQ(s.code(), Code::kUnsupported);
  EXPECT_CONTAINS(s.message(), "password");
}

TEST(TextLayer, Decision) {
  EXPECT_TRUE(internal::IsGoodTextLayer(test::LetterText(20)));
  EXPECT_FALSE(internal::IsGoodTextLayer(""));
  EXPECT_FALSE(internal::IsGoodTextLayer("Trang 2"));  // too little to judge
  EXPECT_FALSE(internal::IsGoodTextLayer(
      "CONG Hcok xA HQI CHiJ NGHiA VIVT NAM\nDoc lap - Tu do - Hanh phuc\n"
      "S6: 1307-CV/HU Binh Son, ngay 13 thang 10 nam 2022\n"));
  // The letter with its diacritics stripped, as an English-model OCR reads it.
  EXPECT_FALSE(internal::IsGoodTextLayer(text::StripDiacritics(test::LetterText(20))));
}

// PDFs made by Tesseract's PDF renderer from a rendered letter: with the Vietnamese model the
// invisible text layer is good; with the English model it is diacritic-less garbage.
class OcrPdfTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::filesystem::path tif = test::RenderedTiff();
    if (tif.empty()) return;
    const std::string dir = test::SuiteDir().path().string();
    // Both run at once, one thread each: the machine has two cores.
    const std::string cmd = "cd '" + dir + "' && export OMP_THREAD_LIMIT=1 && "
                            "(tesseract '" + tif.string() + "' good -l vie pdf & "
                            "tesseract '" + tif.string() + "' bad -l eng pdf & wait)";
    const congvan::testing::CommandResult r = RunCommand(cmd);
    good_ = dir + "/good.pdf";
    bad_ = dir + "/bad.pdf";
    if (r.exit_code != 0) std::fprintf(stderr, "tesseract: %s\n", r.err.c_str());
  }
  static std::string good_, bad_;
};
std::string OcrPdfTest::good_, OcrPdfTest::bad_;

TEST_F(OcrPdfTest, GoodVietnameseLayerIsRead) {
  auto doc = test::MustOpen(good_);
  ASSERT_NE(doc, nullptr);
  ASSERT_EQ(doc->page_count(), 1);
  Result<Page> page = doc->LoadPage(0);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->origin, PageOrigin::kPdfTextLayer);
  EXPECT_FALSE(page->needs_ocr());
  EXPECT_CONTAINS(page->text, "ĐẢNG");
  EXPECT_CONTAINS(page->text, "Bình Sơn");
}

TEST_F(OcrPdfTest, GarbageLayerIsRenderedInstead) {
  auto doc = test::MustOpen(bad_);
  ASSERT_NE(doc, nullptr);
  Result<Page> page = doc->LoadPage(0);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->origin, PageOrigin::kPdfRender);
  EXPECT_TRUE(page->needs_ocr());
  EXPECT_TRUE(page->text.empty());
  EXPECT_EQ(page->dpi, 300);
}

// --- Signed letters: the text layer is read or set aside by where its words lie ---

std::string Signed(const std::string& name) {
  return congvan::testing::TestData("signed/" + name).string();
}

// Mean grey value of `pix` (any depth) inside the rectangle, 0 black .. 255 white.
float MeanGreyIn(Pix* pix, int x, int y, int w, int h) {
  BOX* box = boxCreate(x, y, w, h);
  PixPtr part = AdoptPix(pixClipRectangle(pix, box, nullptr));
  boxDestroy(&box);
  PixPtr grey = AdoptPix(pixConvertTo8(part.get(), 0));
  l_float32 mean = 0;
  pixGetAverageMasked(grey.get(), nullptr, 0, 0, 1, L_MEAN_ABSVAL, &mean);
  return mean;
}

// A colour scan whose only text is two signature boxes: the page is rendered for OCR in colour,
// the boxes are kept as its overlay and blanked out of the image.
TEST(SignedPdf, SignatureOnlyLayerIsAnOverlayAndThePageIsRendered) {
  auto doc = test::MustOpen(Signed("01_TTr.pdf"));
  ASSERT_NE(doc, nullptr);
  Result<Page> page = doc->LoadPage(0);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->origin, PageOrigin::kPdfRender);
  ASSERT_TRUE(page->needs_ocr());
  EXPECT_TRUE(page->text.empty());
  EXPECT_EQ(page->dpi, 300);
  EXPECT_EQ(pixGetDepth(page->image.get()), 32);  // red emblems and seal: colour is kept
  ASSERT_EQ(page->overlays.size(), 2u);
  std::string all = page->overlays[0] + "\n" + page->overlays[1];
  EXPECT_CONTAINS(all, "Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi");
  EXPECT_CONTAINS(all, "Thời gian ký: 07/01/2025 10:09:57");
  EXPECT_CONTAINS(all, "ttcbth@quangngai.gov.vn");
  EXPECT_CONTAINS(all, "07.01.2025 10:44:25");
  // The Committee's box lies at x 481-584 pt, y 5-22 pt: blank in the image given to OCR,
  // while the letter's header below it has ink.
  EXPECT_GT(MeanGreyIn(page->image.get(), 2010, 25, 410, 60), 254.5f);
  EXPECT_LT(MeanGreyIn(page->image.get(), 1350, 240, 900, 100), 250.0f);
}

// A black-and-white scan: page 1 has the gazette centre's box, page 2 no text layer at all and
// no colour, so it stays grey.
TEST(SignedPdf, GreyScanPagesStayGrey) {
  auto doc = test::MustOpen(Signed("2770_08-CT-UBND.pdf"));
  ASSERT_NE(doc, nullptr);
  ASSERT_EQ(doc->page_count(), 3);
  Result<Page> first = doc->LoadPage(0);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->origin, PageOrigin::kPdfRender);
  ASSERT_EQ(first->overlays.size(), 1u);
  EXPECT_CONTAINS(first->overlays[0], "ttcbth@quangngai.gov.vn");
  EXPECT_CONTAINS(first->overlays[0], "04.04.2018 14:21:14 +07:00");
  Result<Page> second = doc->LoadPage(1);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->origin, PageOrigin::kPdfRender);
  EXPECT_TRUE(second->overlays.empty());
  EXPECT_EQ(pixGetDepth(second->image.get()), 8);
}

// A born-digital letter with the gazette centre's box above its header: the layer is the
// letter's text, read as it is, without the box, which is kept as the overlay.
TEST(SignedPdf, BornDigitalLetterIsReadFromItsLayerWithoutTheSignatureBox) {
  auto doc = test::MustOpen(Signed("05.pdf"));
  ASSERT_NE(doc, nullptr);
  Result<Page> page = doc->LoadPage(0);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->origin, PageOrigin::kPdfTextLayer);
  EXPECT_FALSE(page->needs_ocr());
  EXPECT_CONTAINS(page->text, "11 /TB-UBND");
  EXPECT_CONTAINS(page->text, "Quảng Ngãi, ngày 08 tháng 01 năm 2025");
  EXPECT_EQ(page->text.find("ttcbth"), std::string::npos) << page->text;
  EXPECT_EQ(page->text.find("TRUNG TÂM CÔNG"), std::string::npos) << page->text;
  EXPECT_TRUE(page->text.starts_with("ỦY BAN NHÂN DÂN")) << page->text;
  ASSERT_EQ(page->overlays.size(), 1u);
  EXPECT_CONTAINS(page->overlays[0], "ttcbth@quangngai.gov.vn");
  Result<Page> second = doc->LoadPage(1);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->origin, PageOrigin::kPdfTextLayer);
  EXPECT_TRUE(second->overlays.empty());
}

TEST(PageLayer, WordsGroupIntoBlocksAndSignatureBlocksAreSmallAndMarked) {
  const internal::PtRect page{0, 0, 595, 842};
  // Two lines of a signature box, and a header line far to the left.
  const std::vector<internal::LayerWord> words = {
      {"Ký", {480, 10, 490, 16}},      {"bởi:", {491, 10, 505, 16}},
      {"UBND", {506, 10, 530, 16}},    {"Thời", {480, 17, 492, 23}},
      {"gian", {493, 17, 505, 23}},    {"ký:", {506, 17, 515, 23}},
      {"ỦY", {100, 70, 120, 84}},      {"BAN", {123, 70, 150, 84}},
  };
  const std::vector<internal::LayerBlock> blocks = internal::GroupWords(words);
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(internal::BlockText(words, blocks[0]), "Ký bởi: UBND\nThời gian ký:");
  EXPECT_EQ(internal::BlockText(words, blocks[1]), "ỦY BAN");
  EXPECT_TRUE(internal::IsSignatureBlock("Ký bởi: UBND\nThời gian ký:", blocks[0].box, page));
  EXPECT_FALSE(internal::IsSignatureBlock("ỦY BAN", blocks[1].box, page));
  EXPECT_TRUE(internal::IsSignatureBlock("TRUNG TÂM\n07.01.2025 10:44:25", blocks[0].box, page));
  // A large block is the letter even when it quotes a signing time.
  EXPECT_FALSE(internal::IsSignatureBlock("Ký bởi: UBND", internal::PtRect{50, 100, 550, 800}, page));
}

TEST(PageLayer, WithoutLinesRemovesEachOverlayLineOnce) {
  EXPECT_EQ(internal::WithoutLines("TRUNG TÂM\n09.01.2025 +07:00\n\nỦY BAN\nTRUNG TÂM",
                                   {"TRUNG  TÂM\n09.01.2025 +07:00"}),
            "ỦY BAN\nTRUNG TÂM");
  EXPECT_EQ(internal::WithoutLines("a\nb", {}), "a\nb");
}

}  // namespace
}  // namespace congvan::intake
