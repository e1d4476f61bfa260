// Text inputs: UTF-8 with its variants, legacy encodings converted with a warning, junk refused.
#include <gtest/gtest.h>
#include <iconv.h>

#include <string>

#include "intake/document.h"
#include "intake/internal.h"
#include "intake/test_util.h"
#include "support/testing.h"

namespace congvan::intake {
namespace {

using congvan::testing::TempDir;
using congvan::testing::WriteFile;
using namespace std::string_literals;

// `utf8` re-encoded into `encoding` with glibc's iconv, which (unlike ICU) writes windows-1258
// the way Windows does: precomposed tones split into base letter + combining tone mark.
std::string EncodeAs(const std::string& utf8, const char* encoding) {
  iconv_t cd = iconv_open(encoding, "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string in = utf8, out(utf8.size() * 4 + 16, '\0');
  char* src = in.data();
  char* dst = out.data();
  size_t src_left = in.size(), dst_left = out.size();
  EXPECT_NE(iconv(cd, &src, &src_left, &dst, &dst_left), static_cast<size_t>(-1)) << encoding;
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

std::unique_ptr<Document> OpenBytes(const std::string& bytes, const Limits& limits = {}) {
  return test::MustOpen(test::Fixture("text-" + std::to_string(std::hash<std::string>{}(bytes)),
                                      bytes),
                        limits);
}

std::string PageText(const Document& doc, int index) {
  Result<Page> page = doc.LoadPage(index);
  EXPECT_TRUE(page.ok()) << page.status().ToString();
  if (!page.ok()) return {};
  EXPECT_EQ(page->origin, PageOrigin::kText);
  EXPECT_FALSE(page->needs_ocr());
  EXPECT_EQ(page->index, index);
  return page->text;
}

TEST(TextDocument, ReadsUtf8AsIs) {
  const std::string letter = test::LetterText(20);
  auto doc = OpenBytes(letter);
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(doc->source().type, FileType::kText);
  EXPECT_EQ(doc->page_count(), 1);
  EXPECT_TRUE(doc->warnings().empty());
  EXPECT_EQ(PageText(*doc, 0), letter);
}

TEST(TextDocument, StripsBomAndCrlf) {
  auto doc = OpenBytes("\xEF\xBB\xBFSố: 1307-CV/HU\r\nKính gửi: UBND huyện\r\n");
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(PageText(*doc, 0), "Số: 1307-CV/HU\nKính gửi: UBND huyện\n");
  EXPECT_TRUE(doc->warnings().empty());
}

TEST(TextDocument, FormFeedSplitsPages) {
  auto doc = OpenBytes("trang một\n\ftrang hai\n\f\ftrang bốn\n\f\n");
  ASSERT_NE(doc, nullptr);
  ASSERT_EQ(doc->page_count(), 4);  // the empty third page is kept, the trailing one dropped
  EXPECT_EQ(PageText(*doc, 0), "trang một\n");
  EXPECT_EQ(PageText(*doc, 1), "trang hai\n");
  EXPECT_EQ(PageText(*doc, 2), "");
  EXPECT_EQ(PageText(*doc, 3), "trang bốn\n");
}

TEST(TextDocument, PageLimit) {
  Limits limits;
  limits.max_pages = 1;
  Result<std::unique_ptr<Document>> doc =
      Document::Open(test::Fixture("two-pages.txt", "một\fhai"), limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Code::kTooLarge);
  EXPECT_CONTAINS(doc.status().message(), "2 pages");
  EXPECT_CONTAINS(doc.status().message(), "max_pages");
}

TEST(TextDocument, ConvertsWindows1258WithWarning) {
  const std::string letter = test::LetterText(20);
  const std::string cp1258 = EncodeAs(letter, "windows-1258");
  ASSERT_NE(cp1258, letter);
  auto doc = OpenBytes(cp1258);
  ASSERT_NE(doc, nullptr);
  ASSERT_EQ(doc->warnings().size(), 1u);
  EXPECT_CONTAINS(doc->warnings()[0], "windows-1258");
  EXPECT_EQ(PageText(*doc, 0), letter);  // the devset text is NFC, as is the conversion
}

TEST(TextDocument, ConvertsLongWindows1258Text) {
  // Over the 64 KiB sample the encoding is chosen on; the whole file must still convert.
  std::string letter;
  while (letter.size() < 100 * 1024) letter += test::LetterText(40);
  auto doc = OpenBytes(EncodeAs(letter, "WINDOWS-1258"));
  ASSERT_NE(doc, nullptr);
  ASSERT_EQ(doc->warnings().size(), 1u);
  EXPECT_CONTAINS(doc->warnings()[0], "windows-1258");
  EXPECT_EQ(PageText(*doc, 0), letter);
}

TEST(TextDocument, ConvertsUtf16WithWarning) {
  const std::string letter = test::LetterText(8);
  for (const char* enc : {"UTF-16LE", "UTF-16BE"}) {
    const std::string bom = std::string(enc) == "UTF-16LE" ? "\xFF\xFE" : "\xFE\xFF";
    auto doc = OpenBytes(bom + EncodeAs(letter, enc));
    ASSERT_NE(doc, nullptr) << enc;
    EXPECT_EQ(doc->source().type, FileType::kText);
    ASSERT_EQ(doc->warnings().size(), 1u);
    EXPECT_CONTAINS(doc->warnings()[0], enc);
    EXPECT_EQ(PageText(*doc, 0), letter);
  }
}

// UTF-16 saved without a byte order mark (some Windows tools do) is recognised by where its zero
// bytes fall; binary data with zeros on both sides is still refused.
TEST(TextDocument, ConvertsUtf16WithoutBom) {
  const std::string letter = test::LetterText(8);
  for (const char* enc : {"UTF-16LE", "UTF-16BE"}) {
    auto doc = OpenBytes(EncodeAs(letter, enc));
    ASSERT_NE(doc, nullptr) << enc;
    EXPECT_EQ(doc->source().type, FileType::kText);
    ASSERT_EQ(doc->warnings().size(), 1u);
    EXPECT_CONTAINS(doc->warnings()[0], enc);
    EXPECT_CONTAINS(doc->warnings()[0], "byte order mark");
    EXPECT_EQ(PageText(*doc, 0), letter);
  }
  std::string binary;
  for (int i = 0; i < 400; ++i) binary += std::string("\0\x01\x02\0", 4);
  EXPECT_EQ(internal::Utf16WithoutBom(binary), nullptr);
  EXPECT_EQ(DetectType(binary), FileType::kUnknown);
}

// A text letter over the text limit is refused at once, with the sizes; under it, read.
TEST(TextDocument, TextOverTheLimitIsRefused) {
  std::string big;
  while (big.size() < 6u * 1024 * 1024) big += test::LetterText(20) + "\n";
  Result<std::unique_ptr<Document>> doc = Document::Open(test::Fixture("big.txt", big), {});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Code::kTooLarge);
  EXPECT_CONTAINS(doc.status().message(), "quá giới hạn 5 MB");
  Limits roomy;
  roomy.max_text_bytes = 8u * 1024 * 1024;
  EXPECT_TRUE(Document::Open(test::Fixture("big.txt", big), roomy).ok());
}

TEST(TextDocument, RepairsAFewBadBytesInUtf8) {
  std::string letter = test::LetterText(20);
  letter.insert(40, "\xC3");  // a lone lead byte
  auto doc = OpenBytes(letter);
  ASSERT_NE(doc, nullptr);
  ASSERT_EQ(doc->warnings().size(), 1u);
  EXPECT_CONTAINS(doc->warnings()[0], "invalid UTF-8");
  EXPECT_CONTAINS(PageText(*doc, 0), "\xEF\xBF\xBD");
}

TEST(TextDocument, RefusesNulBytes) {
  // Past the first 8 KiB, where DetectType no longer looks, so the text decoder must catch it.
  std::string bytes;
  while (bytes.size() < 10000) bytes += test::LetterText(20);
  bytes += std::string(1, '\0') + "tail";
  Result<std::unique_ptr<Document>> doc = Document::Open(test::Fixture("nul.txt", bytes), {});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Code::kInvalidInput);
  EXPECT_CONTAINS(doc.status().message(), "NUL");
}

TEST(TextDocument, RefusesControlCharacterJunk) {
  Result<internal::DecodedText> text = internal::DecodeText("ab\x01\x02\x03\x04\x05\x06\x07 cd");
  ASSERT_FALSE(text.ok());
  EXPECT_CONTAINS(text.status().message(), "control characters");
}

TEST(TextDocument, SplitPagesKeepsAtLeastOnePage) {
  EXPECT_EQ(internal::SplitPages("").size(), 1u);
  EXPECT_EQ(internal::SplitPages("\f").size(), 1u);
  EXPECT_EQ(internal::SplitPages("a\fb").size(), 2u);
}

}  // namespace
}  // namespace congvan::intake
