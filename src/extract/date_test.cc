#include "extract/date.h"

#include <gtest/gtest.h>

namespace congvan::extract {
namespace {

TEST(DateTest, IsoDateChecksTheCalendar) {
  EXPECT_EQ(IsoDate(2023, 11, 14), "2023-11-14");
  EXPECT_EQ(IsoDate(2024, 2, 29), "2024-02-29");  // leap year
  EXPECT_EQ(IsoDate(2023, 2, 29), std::nullopt);
  EXPECT_EQ(IsoDate(1900, 2, 29), std::nullopt);  // century, not leap
  EXPECT_EQ(IsoDate(2000, 2, 29), "2000-02-29");
  EXPECT_EQ(IsoDate(2023, 6, 31), std::nullopt);  // 31/6 is no date
  EXPECT_EQ(IsoDate(2023, 13, 1), std::nullopt);
  EXPECT_EQ(IsoDate(2023, 1, 0), std::nullopt);
  EXPECT_EQ(IsoDate(2024, 12, 32), std::nullopt);
}

TEST(DateTest, TwoDigitYears) {
  EXPECT_EQ(IsoDate(23, 6, 8), "2023-06-08");
  EXPECT_EQ(IsoDate(99, 1, 2), "1999-01-02");
  EXPECT_EQ(IsoDate("21", "11", "16"), "2021-11-16");
  EXPECT_EQ(IsoDate("2021", "11", "16"), "2021-11-16");
  EXPECT_EQ(IsoDate("221", "11", "16"), std::nullopt);  // three digits: not a year
}

TEST(DateTest, BlankPartsAreNoDate) {
  EXPECT_EQ(IsoDate("2023", "11", ""), std::nullopt);
  EXPECT_EQ(IsoDate("2023", "", "14"), std::nullopt);
  EXPECT_EQ(IsoDate("", "11", "14"), std::nullopt);
  EXPECT_EQ(IsoDate("2023", "1a", "14"), std::nullopt);
}

TEST(DateTest, ParsesNgayThangNamInWordsWithDigits) {
  EXPECT_EQ(ParseDate("Tứ Kỳ, ngày 14 tháng 11 năm 2023"), "2023-11-14");
  EXPECT_EQ(ParseDate("Binh Son, ngay 13 thang 10 ndm 2022"), "2022-10-13");
  EXPECT_EQ(ParseDate("Tuyén Quang,ngdy 16 thang11ndm 2021"), "2021-11-16");
  EXPECT_EQ(ParseDate("Hớn Quản, ngày (08 tháng 06 năm 2023"), "2023-06-08");
  EXPECT_EQ(ParseDate("NGÀY 5 THÁNG 1 NĂM 24"), "2024-01-05");
  EXPECT_EQ(ParseDate("ngày 31 tháng 6 năm 2023"), std::nullopt);
  EXPECT_EQ(ParseDate("Hà Nội, ngày   tháng 10 năm 2022"), std::nullopt);
}

TEST(DateTest, ParsesNumericDates) {
  EXPECT_EQ(ParseDate("trước ngày 20/6/2023"), "2023-06-20");
  EXPECT_EQ(ParseDate("Ngày ký: 08-06-2023 09:10:48"), "2023-06-08");
  EXPECT_EQ(ParseDate("hạn 01.02.24"), "2024-02-01");
  EXPECT_EQ(ParseDate("31/6/2023"), std::nullopt);
  EXPECT_EQ(ParseDate("20/6-2023"), std::nullopt);  // mixed separators
  EXPECT_EQ(ParseDate("tháng 11/2021"), std::nullopt);  // a month, not a day
  EXPECT_EQ(ParseDate(""), std::nullopt);
}

}  // namespace
}  // namespace congvan::extract
