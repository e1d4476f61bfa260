#include <gtest/gtest.h>

#include <string>

#include "intake/document.h"

namespace congvan::intake {
namespace {

using namespace std::string_literals;

TEST(DetectType, RecognisesMagicBytes) {
  EXPECT_EQ(DetectType("%PDF-1.7\n%\xE2\xE3"), FileType::kPdf);
  EXPECT_EQ(DetectType("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"s), FileType::kPng);
  EXPECT_EQ(DetectType("\xFF\xD8\xFF\xE0\0\x10JFIF"s), FileType::kJpeg);
  EXPECT_EQ(DetectType("II*\0\x08\0\0\0"s), FileType::kTiff);
  EXPECT_EQ(DetectType("MM\0*\0\0\0\x08"s), FileType::kTiff);
  EXPECT_EQ(DetectType("P5\n2480 3508\n255\n"), FileType::kPnm);
  EXPECT_EQ(DetectType("P4 10 10\n"), FileType::kPnm);
  EXPECT_EQ(DetectType("RIFF\x10\0\0\0WEBPVP8 "s), FileType::kWebp);
}

TEST(DetectType, PdfHeaderMayFollowJunk) {
  EXPECT_EQ(DetectType("Content-Type: application/pdf\r\n\r\n%PDF-1.4\n"), FileType::kPdf);
}

TEST(DetectType, TextIsWhatHasNoNulBytes) {
  EXPECT_EQ(DetectType("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"), FileType::kText);
  EXPECT_EQ(DetectType("\xEF\xBB\xBFSố: 12/UBND\r\n"), FileType::kText);
  EXPECT_EQ(DetectType("Vi\xEA\xF2t Nam"), FileType::kText);  // windows-1258: decoded later
  EXPECT_EQ(DetectType("\xFF\xFES\0\xD1\x1E"s), FileType::kText);   // UTF-16LE with BOM
  EXPECT_EQ(DetectType("\xFE\xFF\0S\x1E\xD1"s), FileType::kText);   // UTF-16BE with BOM
}

TEST(DetectType, BinaryIsUnknown) {
  EXPECT_EQ(DetectType(""), FileType::kUnknown);
  EXPECT_EQ(DetectType("\x01\x02\0\x03garbage"s), FileType::kUnknown);
  EXPECT_EQ(DetectType("GIF89a\x01\0\x01\0"s), FileType::kUnknown);
  EXPECT_EQ(DetectType("PK\x03\x04\x14\0\x06\0"s), FileType::kUnknown);  // a .docx
}

TEST(DetectType, NamesAreStable) {
  EXPECT_STREQ(FileTypeName(FileType::kPdf), "pdf");
  EXPECT_STREQ(FileTypeName(FileType::kTiff), "tiff");
  EXPECT_STREQ(FileTypeName(FileType::kJpeg), "jpeg");
  EXPECT_STREQ(FileTypeName(FileType::kText), "text");
  EXPECT_STREQ(FileTypeName(FileType::kUnknown), "unknown");
  EXPECT_STREQ(PageOriginName(PageOrigin::kImage), "image");
  EXPECT_STREQ(PageOriginName(PageOrigin::kPdfRender), "pdf-render");
  EXPECT_STREQ(PageOriginName(PageOrigin::kPdfTextLayer), "text-layer");
  EXPECT_STREQ(PageOriginName(PageOrigin::kText), "text");
}

}  // namespace
}  // namespace congvan::intake
