// Stamps: the received stamp and the urgency stamp of a real signed scan (Công văn 3722/VPCP-CN,
// received by the Government portal on 28/4/2026, stamped "HỎA TỐC"), read through the real OCR,
// and the reading rules on lines OCR gave for such stamps.
#include "extract/stamp.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <nlohmann/json.hpp>

#include "extract/test_letters.h"
#include "ocr/engine.h"
#include "support/testing.h"

namespace congvan::extract {
namespace {

using test::Rules;

Line StampLine(const std::string& text, int block) {
  Line line;
  line.text = text;
  line.block = block;
  return line;
}

// A first page whose header was read as `lines`, with `stamps` read region by region.
PageText Page(std::vector<std::string> lines, std::vector<Line> stamps) {
  PageText page;
  page.source = "ocr";
  for (std::string& t : lines) page.lines.push_back(StampLine(t, 0));
  page.stamps = std::move(stamps);
  return page;
}

TEST(StampTest, ReceivedStampFromItsRegionWithTheLettersDateAsFloor) {
  Letter letter;
  letter.date = "2026-04-28";
  // As read: the Vietnamese model's "25" and the re-read of the handwritten numbers, first.
  PageText page = Page({"Số: 3722/VPCP-CN Hà Nội, ngày 28 tháng 4 năm 2026"},
                       {StampLine("GổNG THÔNGTIN ĐIỆN TỬ CHÍNH PHÙ", 0),
                        StampLine("ớay Giờ:....ẾG............... sec", 0),
                        StampLine("Nody. 28.14 12026...", 0),
                        StampLine("ĐỀN Ngày:.25..|..!2Q26....", 0), StampLine("H ATÔỐC", 1)});
  ReadStamps(Rules(), {page}, letter);
  ASSERT_TRUE(letter.received.has_value());
  EXPECT_EQ(letter.received->date, "2026-04-28");
  EXPECT_EQ(letter.received->office, "Cổng Thông tin điện tử Chính phủ");
  EXPECT_FALSE(letter.received->number.has_value());
  EXPECT_EQ(letter.urgency, "HỎA TỐC");
}

TEST(StampTest, ADateBeforeTheLettersOwnIsAMisreading) {
  Letter letter;
  letter.date = "2026-04-28";
  PageText page = Page({"ĐỀN Ngày:.25.|4..L2O26...."}, {});
  ReadStamps(Rules(), {page}, letter);
  EXPECT_FALSE(letter.received.has_value());  // nothing else legible: no field at all
  letter.date = "2026-04-20";  // the same reading is a plausible day for an older letter
  ReadStamps(Rules(), {page}, letter);
  ASSERT_TRUE(letter.received.has_value());
  EXPECT_EQ(letter.received->date, "2026-04-25");
}

TEST(StampTest, NumberOnTheStampAndNoStampAtAll) {
  Letter letter;
  ReadStamps(Rules(), {Page({"VĂN PHÒNG UBND TỈNH", "ĐẾN Số:...1532....", "Ngày: 05/11/2025"}, {})},
             letter);
  ASSERT_TRUE(letter.received.has_value());
  EXPECT_EQ(letter.received->number, "1532");
  EXPECT_EQ(letter.received->date, "2025-11-05");
  EXPECT_EQ(letter.received->office, "Văn phòng UBND tỉnh");

  Letter plain;
  ReadStamps(Rules(), {Page({"Hà Nội, ngày 28 tháng 4 năm 2026", "Kính gửi: Bộ Tài chính"}, {})},
             plain);
  EXPECT_FALSE(plain.received.has_value());
  EXPECT_FALSE(plain.urgency.has_value());
}

TEST(StampTest, UrgencyFromTextIsKeptAndStampWordsAloneCount) {
  Letter letter;
  letter.urgency = "KHẨN";  // printed in the header, read from the text
  ReadStamps(Rules(), {Page({}, {StampLine("HỎA TỐC", 0)})}, letter);
  EXPECT_EQ(letter.urgency, "KHẨN");
  Letter other;
  ReadStamps(Rules(), {Page({}, {StampLine("Tốc độ thi công", 0)})}, other);
  EXPECT_FALSE(other.urgency.has_value());
}

// The whole path on the real page: OCR (with the stamp regions read on their own), then
// extraction. Whole-page OCR takes about ten seconds.
TEST(StampTest, RealScanReadsReceivedDateAndHoaToc) {
  PixPtr scan = AdoptPix(pixRead(testing::TestData("realscans/real_cv_3722_metro_p1.png").c_str()));
  ASSERT_NE(scan, nullptr);
  auto engine = ocr::Engine::Create(ocr::Options{});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  auto page = (*engine)->Read(scan.get(), 200, 0);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  const Letter letter = test::Shared().Read({*page}, "real_cv_3722_metro_p1.png");
  std::string stamps;
  for (const Line& l : page->stamps) stamps += l.text + "\n";
  EXPECT_EQ(letter.doc_ref, "3722/VPCP-CN");
  EXPECT_EQ(letter.date, "2026-04-28");
  ASSERT_TRUE(letter.received.has_value()) << stamps;
  EXPECT_EQ(letter.received->date, "2026-04-28") << stamps;
  EXPECT_EQ(letter.urgency, "HỎA TỐC") << stamps;
  const auto json = nlohmann::json::parse(ToJson(letter, -1, /*with_flags=*/true));
  EXPECT_EQ(json["received"]["date"], "2026-04-28");
  EXPECT_EQ(json["urgency"], "HỎA TỐC");
}

}  // namespace
}  // namespace congvan::extract
