// Raster inputs: every format Leptonica writes, detected by content, plus the real scans.
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "intake/document.h"
#include "intake/test_util.h"
#include "support/testing.h"

namespace congvan::intake {
namespace {

namespace fs = std::filesystem;

class ImageDocumentTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { page_ = test::SmallPage().release(); }
  static void TearDownTestSuite() { PixPtr owned(page_); page_ = nullptr; }
  static Pix* page_;
};
Pix* ImageDocumentTest::page_ = nullptr;

// Writes `page_` in `format` under a misleading name and checks it opens as `type`.
void ExpectRoundTrip(Pix* pix, int format, const std::string& name, FileType type, int dpi) {
  SCOPED_TRACE(name);
  const std::string bytes = test::Encode(pix, format);
  ASSERT_FALSE(bytes.empty());
  auto doc = test::MustOpen(test::Fixture(name, bytes));
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(doc->source().type, type);
  EXPECT_EQ(doc->page_count(), 1);
  Result<Page> page = doc->LoadPage(0);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->origin, PageOrigin::kImage);
  ASSERT_TRUE(page->needs_ocr());
  EXPECT_EQ(pixGetWidth(page->image.get()), pixGetWidth(pix));
  EXPECT_EQ(pixGetHeight(page->image.get()), pixGetHeight(pix));
  EXPECT_EQ(page->dpi, dpi);
  EXPECT_TRUE(page->text.empty());
}

TEST_F(ImageDocumentTest, EveryFormatIsDetectedByContent) {
  ASSERT_NE(page_, nullptr);
  ExpectRoundTrip(page_, IFF_PNG, "page-png.jpg", FileType::kPng, 150);
  ExpectRoundTrip(page_, IFF_JFIF_JPEG, "page-jpeg.png", FileType::kJpeg, 150);
  ExpectRoundTrip(page_, IFF_PNM, "page-pnm.tif", FileType::kPnm, 0);  // PNM has no resolution
  ExpectRoundTrip(page_, IFF_WEBP, "page-webp.pdf", FileType::kWebp, 0);  // nor does WebP here
  ExpectRoundTrip(page_, IFF_TIFF_LZW, "page-tiff.png", FileType::kTiff, 150);
}

TEST_F(ImageDocumentTest, MultiPageTiffReadsPagesOnDemand) {
  ASSERT_NE(page_, nullptr);
  const fs::path path = test::SuiteDir() / "three.tif";
  for (int i = 0; i < 3; ++i) {
    // Each page a different width, so we can tell which page came back.
    PixPtr page = AdoptPix(pixScale(page_, 1.0f - 0.1f * i, 1.0f));
    pixSetResolution(page.get(), 150, 150);
    ASSERT_EQ(pixWriteTiff(path.c_str(), page.get(), IFF_TIFF_LZW, i == 0 ? "w" : "a"), 0);
  }
  auto doc = test::MustOpen(path.string());
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(doc->source().type, FileType::kTiff);
  ASSERT_EQ(doc->page_count(), 3);
  for (int i = 2; i >= 0; --i) {
    Result<Page> page = doc->LoadPage(i);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    EXPECT_EQ(page->index, i);
    EXPECT_NEAR(pixGetWidth(page->image.get()), pixGetWidth(page_) * (1.0 - 0.1 * i), 2);
    EXPECT_EQ(page->dpi, 150);
  }
  EXPECT_FALSE(doc->LoadPage(3).ok());

  Limits limits;
  limits.max_pages = 2;
  Result<std::unique_ptr<Document>> limited = Document::Open(path.string(), limits);
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.status().code(), Code::kTooLarge);
  EXPECT_CONTAINS(limited.status().message(), "max_pages");
  EXPECT_CONTAINS(limited.status().message(), "3 pages");
}

TEST_F(ImageDocumentTest, LoadPageIsThreadSafe) {
  ASSERT_NE(page_, nullptr);
  const fs::path path = test::SuiteDir() / "threads.tif";
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(pixWriteTiff(path.c_str(), page_, IFF_TIFF_LZW, i == 0 ? "w" : "a"), 0);
  }
  auto doc = test::MustOpen(path.string());
  ASSERT_NE(doc, nullptr);
  std::vector<int> ok(8, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] { ok[t] = doc->LoadPage(t % 4).ok(); });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 8; ++t) EXPECT_TRUE(ok[t]) << "thread " << t;
}

TEST_F(ImageDocumentTest, TruncatedImagesAreRefused) {
  ASSERT_NE(page_, nullptr);
  const struct { int format; const char* name; } cases[] = {
      {IFF_PNG, "cut.png"}, {IFF_JFIF_JPEG, "cut.jpg"}, {IFF_TIFF_LZW, "cut.tif"},
      {IFF_PNM, "cut.pnm"}, {IFF_WEBP, "cut.webp"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string bytes = test::Encode(page_, c.format);
    ASSERT_GT(bytes.size(), 1000u);
    Result<std::unique_ptr<Document>> doc =
        Document::Open(test::Fixture(c.name, bytes.substr(0, bytes.size() / 2)), {});
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.status().code(), Code::kInvalidInput);
    EXPECT_CONTAINS(doc.status().message(), "corrupt or truncated");
    EXPECT_CONTAINS(doc.status().message(), c.name);
  }
}

TEST_F(ImageDocumentTest, CompleteJpegWithMinorDamageIsReadWithWarning) {
  ASSERT_NE(page_, nullptr);
  std::string bytes = test::Encode(page_, IFF_JFIF_JPEG);
  ASSERT_GT(bytes.size(), 2u);
  // A stray marker in the middle of the scan data (a bit flip in transit): libjpeg warns and
  // resynchronises, and the file still ends with its EOI marker, so it was not cut short.
  bytes.replace(bytes.size() * 2 / 3, 2, "\xFF\xD3");
  auto doc = test::MustOpen(test::Fixture("stray.jpg", bytes));
  ASSERT_NE(doc, nullptr);
  ASSERT_EQ(doc->warnings().size(), 1u);
  EXPECT_CONTAINS(doc->warnings()[0], "damaged");
  Result<Page> page = doc->LoadPage(0);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(pixGetWidth(page->image.get()), pixGetWidth(page_));
}

TEST_F(ImageDocumentTest, HugeDeclaredSizeIsRefusedBeforeDecoding) {
  PixPtr tiny = AdoptPix(pixCreate(4, 4, 8));
  std::string png = test::Encode(tiny.get(), IFF_PNG);
  ASSERT_GT(png.size(), 24u);
  // IHDR width and height (big-endian, bytes 16..23) rewritten to 60000 x 60000.
  const char dims[8] = {0, 0, '\xEA', '\x60', 0, 0, '\xEA', '\x60'};
  png.replace(16, 8, dims, 8);
  Result<std::unique_ptr<Document>> doc = Document::Open(test::Fixture("bomb.png", png), {});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Code::kTooLarge);
  EXPECT_CONTAINS(doc.status().message(), "60000 x 60000");
  EXPECT_CONTAINS(doc.status().message(), "megapixels");
}

TEST_F(ImageDocumentTest, HeaderOnlyImageIsRefused) {
  Result<std::unique_ptr<Document>> doc =
      Document::Open(test::Fixture("header.png", "\x89PNG\r\n\x1a\n"), {});
  ASSERT_FALSE(doc.ok());
  EXPECT_CONTAINS(doc.status().message(), "png");
}

TEST(RealScans, LoadWithSaneSize) {
  const fs::path scans = congvan::testing::TestData("scans");
  int seen = 0;
  for (const auto& entry : fs::directory_iterator(scans)) {
    if (entry.path().extension() != ".jpg") continue;
    SCOPED_TRACE(entry.path().filename().string());
    // Named .png like the ones that arrive in practice; the content says JPEG.
    const fs::path renamed = test::SuiteDir() / (entry.path().stem().string() + ".png");
    fs::copy_file(entry.path(), renamed, fs::copy_options::overwrite_existing);
    auto doc = test::MustOpen(renamed.string());
    ASSERT_NE(doc, nullptr);
    EXPECT_EQ(doc->source().type, FileType::kJpeg);
    Result<Page> page = doc->LoadPage(0);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    const int w = pixGetWidth(page->image.get()), h = pixGetHeight(page->image.get());
    EXPECT_GE(w, 600);  // the smallest, a web rendering, is 600 x 461
    EXPECT_GE(h, 450);
    EXPECT_LT(w, 10000);
    EXPECT_LT(h, 10000);
    // Only the web rendering states a resolution; the scans' JFIF density is an aspect ratio.
    const bool has_dpi = entry.path().filename().string().starts_with("11_");
    EXPECT_EQ(page->dpi, has_dpi ? 120 : 0);
    ++seen;
  }
  EXPECT_GE(seen, 1);
}

}  // namespace
}  // namespace congvan::intake
