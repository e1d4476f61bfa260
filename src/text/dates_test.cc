#include "text/dates.h"

#include <gtest/gtest.h>

namespace congvan::text {
namespace {

TEST(DatesTest, IsoDateChecksTheCalendar) {
  EXPECT_EQ(IsoDate(2023, 11, 14), "2023-11-14");
  EXPECT_EQ(IsoDate(2024, 2, 29), "2024-02-29");  // leap year
  EXPECT_EQ(IsoDate(2023, 2, 29), std::nullopt);
  EXPECT_EQ(IsoDate(1900, 2, 29), std::nullopt);  // century, not leap
  EXPECT_EQ(IsoDate(2000, 2, 29), "2000-02-29");
  EXPECT_EQ(IsoDate(2023, 6, 31), std::nullopt);  // 31/6 is no date
  EXPECT_EQ(IsoDate(2023, 13, 1), std::nullopt);
  EXPECT_EQ(IsoDate(2023, 1, 0), std::nullopt);
  EXPECT_EQ(IsoDate(2024, 12, 32), std::nullopt);
  // A letter's year outside 1900–2199 is a misreading.
  EXPECT_EQ(IsoDate(1899, 12, 31), std::nullopt);
  EXPECT_EQ(IsoDate(2200, 1, 1), std::nullopt);
}

TEST(DatesTest, TwoDigitYears) {
  EXPECT_EQ(IsoDate(23, 6, 8), "2023-06-08");
  EXPECT_EQ(IsoDate(99, 1, 2), "1999-01-02");
  EXPECT_EQ(IsoDate("21", "11", "16"), "2021-11-16");
  EXPECT_EQ(IsoDate("2021", "11", "16"), "2021-11-16");
  EXPECT_EQ(IsoDate("221", "11", "16"), std::nullopt);  // three digits: not a year
}

TEST(DatesTest, BlankPartsAreNoDate) {
  EXPECT_EQ(IsoDate("2023", "11", ""), std::nullopt);
  EXPECT_EQ(IsoDate("2023", "", "14"), std::nullopt);
  EXPECT_EQ(IsoDate("", "11", "14"), std::nullopt);
  EXPECT_EQ(IsoDate("2023", "1a", "14"), std::nullopt);
}

TEST(DatesTest, ReadsNgayThangNamInWordsWithDigits) {
  EXPECT_EQ(ReadDate("Tứ Kỳ, ngày 14 tháng 11 năm 2023"), "2023-11-14");
  EXPECT_EQ(ReadDate("Binh Son, ngay 13 thang 10 ndm 2022"), "2022-10-13");
  EXPECT_EQ(ReadDate("Tuyén Quang,ngdy 16 thang11ndm 2021"), "2021-11-16");
  EXPECT_EQ(ReadDate("Hớn Quản, ngày (08 tháng 06 năm 2023"), "2023-06-08");
  EXPECT_EQ(ReadDate("NGÀY 5 THÁNG 1 NĂM 24"), "2024-01-05");
  EXPECT_EQ(ReadDate("ngày 31 tháng 6 năm 2023"), std::nullopt);
  EXPECT_EQ(ReadDate("Hà Nội, ngày   tháng 10 năm 2022"), std::nullopt);
}

// Lines of the letters in tests/data/extract/heldout/set6text/letters/.
TEST(DatesTest, ReadsTheDatesOfRealLetters) {
  // byt_qd_808_1961.txt: the header line of a 1961 decision.
  EXPECT_EQ(ReadDate("Số: 808-BYT/QĐ | Hà Nội, ngày 18 tháng 09 năm 1961"), "1961-09-18");
  // sgddt_hcm_cv_2865_2007.txt: dots between the parts, a cited letter and a deadline.
  EXPECT_EQ(ReadDate("Theo văn bản số 906/KT- KĐ ngày 03.12.2007 của Bộ Giáodục và Đào tạo"),
            "2007-12-03");
  EXPECT_EQ(ReadDate("Phòng Khảo thí và Kiểm địnhchất lượng giáo dục (Phòng C2) trước ngày "
                     "13.12.2007."),
            "2007-12-13");
}

TEST(DatesTest, ReadsNumericDates) {
  EXPECT_EQ(ReadDate("trước ngày 20/6/2023"), "2023-06-20");
  EXPECT_EQ(ReadDate("Ngày ký: 08-06-2023 09:10:48"), "2023-06-08");
  EXPECT_EQ(ReadDate("hạn 01.02.24"), "2024-02-01");
  EXPECT_EQ(ReadDate("31/6/2023"), std::nullopt);
  EXPECT_EQ(ReadDate("20/6-2023"), std::nullopt);  // mixed separators
  EXPECT_EQ(ReadDate("tháng 11/2021"), std::nullopt);  // a month, not a day
  EXPECT_EQ(ReadDate(""), std::nullopt);
}

TEST(DatesTest, StoredDatesAreRealDays) {
  EXPECT_TRUE(IsIsoDate("2023-06-20"));
  EXPECT_TRUE(IsIsoDate("2024-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-6-20"));
  EXPECT_FALSE(IsIsoDate("20/06/2023"));
  EXPECT_FALSE(IsIsoDate("1899-12-31"));
  EXPECT_TRUE(IsIsoDate("2999-12-31"));  // a clerk may plan further ahead than letters date
  EXPECT_FALSE(IsIsoDate(""));
}

TEST(DatesTest, ReadsDatesAsClerksTypeThem) {
  EXPECT_EQ(ReadTypedDate("2023-06-20"), "2023-06-20");
  EXPECT_EQ(ReadTypedDate("20/6/2023"), "2023-06-20");
  EXPECT_EQ(ReadTypedDate("05-03-2024"), "2024-03-05");
  EXPECT_EQ(ReadTypedDate("29/2/2023"), std::nullopt);
  EXPECT_EQ(ReadTypedDate("20/6/23"), std::nullopt);  // a clerk types the whole year
  EXPECT_EQ(ReadTypedDate("20.6.2023"), std::nullopt);
  EXPECT_EQ(ReadTypedDate("ngày 20/6/2023"), std::nullopt);  // the whole text is the date
  EXPECT_EQ(ReadTypedDate("123/6/2023"), std::nullopt);
}

// The hour and minute digits the deadline rules capture from real letters: "trước 9h00 ngày
// 23/4/2018" (set5text/pgddt_tphue_tb_2018.txt), "trước 14 giờ ngày 17-11-2008"
// (set5text/ubnd_bentre_tb_2008.txt), "trước 10 giờ 00 ngày 03/02/2022"
// (set5scan/qn_ct_16_2021.txt).
TEST(DatesTest, TimeOfDayFromTheDigitsRead) {
  EXPECT_EQ(TimeOfDay("9", "00"), "09:00");
  EXPECT_EQ(TimeOfDay("14", ""), "14:00");  // no minute written: the full hour
  EXPECT_EQ(TimeOfDay("10", "00"), "10:00");
  EXPECT_EQ(TimeOfDay("16", "30"), "16:30");
  EXPECT_EQ(TimeOfDay("0", "5"), "00:05");
  EXPECT_EQ(TimeOfDay("25", "00"), std::nullopt);  // "25 giờ" is no time of day
  EXPECT_EQ(TimeOfDay("9", "60"), std::nullopt);
  EXPECT_EQ(TimeOfDay("", "30"), std::nullopt);
  EXPECT_EQ(TimeOfDay("1a", ""), std::nullopt);
  EXPECT_EQ(TimeOfDay("123", ""), std::nullopt);
}

TEST(DatesTest, StoredTimesOfDay) {
  EXPECT_TRUE(IsTimeOfDay("09:00"));
  EXPECT_TRUE(IsTimeOfDay("23:59"));
  EXPECT_FALSE(IsTimeOfDay("24:00"));
  EXPECT_FALSE(IsTimeOfDay("9:00"));
  EXPECT_FALSE(IsTimeOfDay("9h"));
  EXPECT_FALSE(IsTimeOfDay("09:60"));
  EXPECT_FALSE(IsTimeOfDay(""));
}

}  // namespace
}  // namespace congvan::text
