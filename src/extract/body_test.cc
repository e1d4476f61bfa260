// Tests of the body: deadlines in every written form, body names, summaries, whole letters
// (the five restored seeds and the gold letters of tests/data/extract/gold), and adversarial
// input that must neither crash nor hang.
#include "extract/body.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "extract/deadline.h"
#include "extract/eval.h"
#include "extract/extractor.h"
#include "extract/parts.h"
#include "extract/rules.h"
#include "extract/test_letters.h"
#include "support/testing.h"
#include "text/dates.h"

namespace congvan::extract {
namespace {

using test::Assignees;
using test::Opt;
using test::ReadText;
using test::Rules;
using test::Shared;

namespace fs = std::filesystem;

// The one deadline of `text` in a letter dated `letter_date`.
FoundDeadline One(const std::string& text, const std::string& letter_date = "2023-06-08") {
  std::vector<FoundDeadline> all = FindDeadlines(Rules(), text, letter_date);
  EXPECT_EQ(all.size(), 1u) << text;
  return all.empty() ? FoundDeadline{} : all[0];
}

std::string DateOf(const FoundDeadline& d) { return d.date ? *d.date : "<null>"; }

// --- dates and deadlines: every form letters use ---

TEST(DeadlineTest, BeforeADate) {
  FoundDeadline d = One("báo cáo về UBND huyện (thông qua Phòng Nội vụ) trước ngày 20/6/2023.");
  EXPECT_EQ(DateOf(d), "2023-06-20");
  EXPECT_EQ(d.text, "trước ngày 20/6/2023");
  EXPECT_EQ(DateOf(One("chậm nhất ngày 15/7/2023 gửi về Sở")), "2023-07-15");
  EXPECT_EQ(DateOf(One("Hạn chót: 05/01/2024.")), "2024-01-05");
  EXPECT_EQ(DateOf(One("hoàn thành trước ngày 20 tháng 6 năm 2023")), "2023-06-20");
}

// Thông tư 76/2025/TT-BNNMT (heldout/set40text): the day that tells which landfills a
// transition lets go on is no deadline.
TEST(DeadlineTest, TheDayThatSaysWhatATransitionLetsGoOnIsNone) {
  const Letter l = ReadText(
      "Điều 5. Quy định chuyển tiếp\n1. Các bãi chôn lấp:\na) Bãi chôn lấp chất thải rắn đang xây dựng và hoàn "
      "thành nghiệm thu xây dựng trước ngày 31 tháng 12 năm 2028 được tiếp tục vận hành cho đến hết công suất đã "
      "được phê duyệt.\n");
  EXPECT_TRUE(l.deadlines.empty());
  const Letter due = ReadText("Sở Xây dựng hoàn thành nghiệm thu trước ngày 31 tháng 12 năm 2028.\n");
  ASSERT_EQ(due.deadlines.size(), 1u);
  EXPECT_EQ(due.deadlines[0].date, "2028-12-31");
}

TEST(DeadlineTest, AWindowForSendingEndsAtItsDeadlineAPeriodDoesNot) {
  // heldout/set8text, a ward Fatherland Front's notice.
  EXPECT_EQ(DateOf(One("Các đ/c tham gia góp ý gửi văn bản về cho BTT UBMT phường: Thời gian từ ngày "
                       "19/8/2015 đến 28/8/2015 để BTT UBMT phường xem xét chỉnh sửa.")),
            "2015-08-28");
  EXPECT_TRUE(FindDeadlines(Rules(), "Tuần thi: từ 10/5/2021 đến 27/6/2021.", "2021-04-01").empty());
}

// Thông tư 12/2025/TT-BTP and 45/2025/TT-BNNMT (heldout/set35text): how long old registers or
// standards may still be used is a transition, not a deadline; work to be done by then is one.
TEST(DeadlineTest, AnOldFormsLastDayIsNoDeadline) {
  EXPECT_TRUE(FindDeadlines(Rules(),
                            "Các mẫu sổ quốc tịch được ban hành kèm theo Thông tư số 02/2020/TT- BTP ngày 08/4/2020 "
                            "của Bộ trưởng Bộ Tư pháp được tiếp tục sử dụng đến hết ngày 31 tháng 12 năm 2025./.",
                            "2025-12-01")
                  .empty());
  EXPECT_TRUE(FindDeadlines(Rules(),
                            "1. Cơ sở đã đi vào vận hành có lò đốt chất thải y tế được tiếp tục áp dụng quy định kỹ "
                            "thuật, quy định về vận hành và giám sát quy định tại quy chuẩn kỹ thuật quốc gia tương "
                            "ứng: Quy chuẩn kỹ thuật quốc gia về lò đốt chất thải y tế (QCVN 02:2012/BTNMT), Quy chuẩn "
                            "kỹ thuật quốc gia về lò đốt chất thải công nghiệp (QCVN 30:2012/BTNMT) cho đến hết ngày 31 "
                            "tháng 12 năm 2031.",
                            "2025-12-01")
                  .empty());
  EXPECT_EQ(DateOf(One("Các đơn vị tiếp tục rà soát, hoàn thành đến hết ngày 31 tháng 12 năm 2025.", "2025-12-01")),
            "2025-12-31");
}

TEST(DeadlineTest, TimeOfDayIsKeptInTheText) {
  FoundDeadline d = One("gửi hồ sơ trước 14 giờ 00 ngày 29/7/2020 về Văn phòng");
  EXPECT_EQ(DateOf(d), "2020-07-29");
  EXPECT_EQ(d.text, "trước 14 giờ 00 ngày 29/7/2020");
  EXPECT_EQ(d.time.value_or("<none>"), "14:00");
}

// The time of day is read with the date, by the same rule, in the forms real letters write it.
TEST(DeadlineTest, TimeOfDayOfRealLetters) {
  // set5text/pgddt_tphue_tb_2018.txt
  FoundDeadline d = One("nộp báo cáo về Phòng GD&ĐT (văn thư) trước 9h00 ngày 23/4/2018 để Phòng "
                        "tổng hợp báo cáo UBND Thành phố.", "2018-04-20");
  EXPECT_EQ(DateOf(d), "2018-04-23");
  EXPECT_EQ(d.time.value_or("<none>"), "09:00");
  // set5text/ubnd_bentre_tb_2008.txt: no minutes, "-" between the parts of the date.
  d = One("thực hiện di dời xong trước 14 giờ ngày 17-11-2008", "2008-11-16");
  EXPECT_EQ(DateOf(d), "2008-11-17");
  EXPECT_EQ(d.time.value_or("<none>"), "14:00");
  // set7text/ubnd_laichau_cv_2221_2017.txt: a comma between the hour and the day.
  d = One("Báo cáo yêu cầu gửi về Văn phòng UBND tỉnh trước 14 giờ, ngày 05/12/2017", "2017-12-01");
  EXPECT_EQ(DateOf(d), "2017-12-05");
  EXPECT_EQ(d.time.value_or("<none>"), "14:00");
  // A date alone names no time; an hour that does not exist is not kept.
  EXPECT_FALSE(One("báo cáo trước ngày 20/6/2023").time);
  d = One("gửi trước 25 giờ 00 ngày 03/02/2022");
  EXPECT_EQ(DateOf(d), "2022-02-03");
  EXPECT_FALSE(d.time);
}

TEST(DeadlineTest, YearFromTheLetter) {
  EXPECT_EQ(DateOf(One("gửi về Sở trước ngày 20/6 để tổng hợp", "2023-06-08")), "2023-06-20");
  // No letter date: no year to give, so no date.
  EXPECT_FALSE(FindDeadlines(Rules(), "trước ngày 20/6", std::nullopt).empty() &&
               FindDeadlines(Rules(), "trước ngày 20/6", std::nullopt)[0].date);
}

// News items and page bodies carry no date of their own; their deadlines take the year the text
// speaks of (tests/data/extract/heldout/set13text, set12text).
TEST(DeadlineTest, YearOfATextWithoutADate) {
  EXPECT_EQ(YearSpokenOf("từ nay đến hết năm 2015 huyện chỉ tiến hành dồn điền … xong trước ngày 30-8"), "2015");
  EXPECT_EQ(YearSpokenOf("đại hội điểm nhiệm kỳ 2020-2025 … trước ngày 15/3"), "2020");
  EXPECT_EQ(YearSpokenOf("đầu năm học 2010- 2011"), "2010");
  EXPECT_EQ(YearSpokenOf("giai đoạn 2016-2020 … năm 2021 … ngày 5/3/2021"), "2021");
  EXPECT_EQ(YearSpokenOf("số 20256 và 12345 người"), std::nullopt);
  EXPECT_EQ(YearSpokenOf("Các cấp CĐ tổng hợp kết quả trước ngày 10-4."), std::nullopt);
  // A year alone gives the year of a day and month, and no start to count days from.
  EXPECT_EQ(DateOf(One("đề án cấp xã xong trước ngày 30-8, sau đó", "2015")), "2015-08-30");
  const std::vector<FoundDeadline> days = FindDeadlines(Rules(), "trong 15 ngày kể từ ngày ký", "2015");
  EXPECT_TRUE(days.empty() || !days[0].date);
  const Letter thanhha = ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set13text/letters/huyen_thanhha_dondien_2015.txt")));
  ASSERT_EQ(thanhha.deadlines.size(), 1u);
  EXPECT_EQ(thanhha.deadlines[0].date, "2015-08-30");
}

TEST(DeadlineTest, TwoDigitYears) { EXPECT_EQ(DateOf(One("trước ngày 20/6/23")), "2023-06-20"); }

TEST(DeadlineTest, ImpossibleDatesAreMarked) {
  FoundDeadline d = One("báo cáo trước ngày 31/6/2023");
  EXPECT_FALSE(d.date);
  EXPECT_TRUE(d.impossible);
  EXPECT_TRUE(One("trước ngày 29/02/2023").impossible);
  EXPECT_EQ(DateOf(One("trước ngày 29/02/2024")), "2024-02-29");
}

TEST(DeadlineTest, DateSplitOverLines) {
  // Item text is joined line by line before the search.
  EXPECT_EQ(DateOf(One("Thời gian hoàn thành trước ngày\n30/10/2023.")), "2023-10-30");
  EXPECT_EQ(DateOf(One("gửi báo cáo về UBND huyện trước\nngày 20/6/2023")), "2023-06-20");
}

TEST(DeadlineTest, MonthsAndQuarters) {
  FoundDeadline d = One("khắc phục ngay trong tháng 11, 12/2021.");
  EXPECT_EQ(DateOf(d), "2021-12-31");
  EXPECT_EQ(d.text, "trong tháng 11, 12/2021");
  EXPECT_EQ(DateOf(One("Trong kỳ báo cáo tháng 11/2021, các cơ quan")), "2021-11-30");
  EXPECT_EQ(DateOf(One("hoàn thành trong tháng 2/2024")), "2024-02-29");
  EXPECT_EQ(DateOf(One("hoàn thành trong quý III/2023")), "2023-09-30");
  EXPECT_EQ(DateOf(One("trong quý 4 năm 2024")), "2024-12-31");
}

TEST(DeadlineTest, DaysFromSigning) {
  EXPECT_EQ(DateOf(One("trong 15 ngày kể từ ngày ký", "2023-06-08")), "2023-06-23");
  // 2023-06-08 is a Thursday: 5 working days later is Thursday 15 June.
  EXPECT_EQ(DateOf(One("trong vòng 05 ngày làm việc kể từ ngày ký", "2023-06-08")), "2023-06-15");
  // From another event: the text is kept, the date is not known.
  FoundDeadline d = One("trong 10 ngày kể từ ngày nhận được hồ sơ hợp lệ");
  EXPECT_FALSE(d.date);
  // "sau khi" starts at the event, not at signing (Bộ Y tế, 52/2025/TT-BYT).
  EXPECT_FALSE(One("tiêm sớm cho trẻ sơ sinh ngay khi có thể trong vòng 28 ngày sau khi sinh.").date);
  EXPECT_FALSE(One("trong thời hạn 03 ngày làm việc kể từ ngày không còn khoản cho vay").date);
}

// A standing rule (a legal document numbered with its year) that sets "Trước ngày 30 tháng 01"
// sets it every year (Ngân hàng Nhà nước, 74/2025/TT-NHNN); a công văn sets it once.
TEST(DeadlineTest, DayWithoutYearInAStandingRuleIsYearly) {
  const std::vector<FoundDeadline> rule = FindDeadlines(Rules(), "a) Giai đoạn 1: Trước ngày 30 tháng 01;",
                                                        DeadlineBase("2025-12-31", true));
  ASSERT_EQ(rule.size(), 1u);
  EXPECT_FALSE(rule[0].date);
  EXPECT_EQ(rule[0].recurrence, "yearly:01-30");
  EXPECT_EQ(DateOf(One("a) Giai đoạn 1: Trước ngày 30 tháng 01;", "2025-12-31")), "2025-01-30");
  // A year written is kept.
  EXPECT_EQ(DateOf(FindDeadlines(Rules(), "hoàn thành trước ngày 30 tháng 6 năm 2026", DeadlineBase("2025-01-01", true))[0]),
            "2026-06-30");
}

TEST(DeadlineTest, RecurringDuties) {
  FoundDeadline w = One("(thời điểm báo cáo: Trước 9 giờ ngày thứ Hai hằng tuần).");
  EXPECT_EQ(w.recurrence, "weekly:MO 09:00");
  EXPECT_EQ(w.text, "Trước 9 giờ ngày thứ Hai hằng tuần");
  EXPECT_FALSE(w.date);
  EXPECT_EQ(One("gửi báo cáo vào thứ Sáu hàng tuần").recurrence, "weekly:FR");
  EXPECT_EQ(One("Sở Nội vụ hằng tháng có trách nhiệm tổng hợp, báo cáo").recurrence, "monthly");
  EXPECT_EQ(One("báo cáo trước ngày 20 hằng tháng").recurrence, "monthly:20");
  EXPECT_EQ(One("báo cáo kết quả định kỳ hằng quý").recurrence, "quarterly");
  EXPECT_EQ(One("định kỳ 6 tháng báo cáo kết quả").recurrence, "semiannual");
  // Monitoring is no report duty (seed 003, 004 2.3).
  EXPECT_TRUE(FindDeadlines(Rules(), "theo dõi kết quả thực hiện chỉ tiêu đã giao hằng tháng, hằng quý; triển khai",
                            std::nullopt).empty());
}

TEST(DeadlineTest, EventAndReferenceDatesAreNoDeadlines) {
  EXPECT_TRUE(FindDeadlines(Rules(), "Thực hiện Kế hoạch số 67-KH/HU ngày 10/01/2022 của Ban", std::nullopt).empty());
  EXPECT_TRUE(FindDeadlines(Rules(), "Ngày 09 tháng 11 năm 2023, Văn phòng UBND tỉnh ban hành", std::nullopt).empty());
  EXPECT_TRUE(FindDeadlines(Rules(), "xếp thứ 9/12 toàn tỉnh", std::nullopt).empty());
}

// Days that describe what a rule is about (Chính phủ 34/2026/NĐ-CP, Bộ Y tế 02/2026/TT-BYT).
TEST(DeadlineTest, DaysOfConditionsAndTransitionsAreNoDeadlines) {
  EXPECT_TRUE(FindDeadlines(Rules(), "đối với đô thị đã có quy hoạch chung được phê duyệt trước ngày 01 tháng 7 năm 2025.",
                            "2026-01-01")
                  .empty());
  EXPECT_TRUE(FindDeadlines(Rules(), "Hồ sơ quy hoạch chưa thực hiện việc gửi thẩm định theo quy định tại khoản này trước "
                                     "ngày 01 tháng 01 năm 2026 thì sau khi được phê duyệt, cơ quan tổ chức lập quy hoạch "
                                     "có trách nhiệm gửi hồ sơ",
                            "2026-01-01")
                  .empty());
  EXPECT_TRUE(FindDeadlines(Rules(), "b) Bệnh viện tư nhân trong giai đoạn chuyển tiếp đến trước ngày 01 tháng 01 năm 2027.",
                            "2026-01-01")
                  .empty());
  // A duty after a clause that says what is not yet done keeps its date (seed 004).
  EXPECT_EQ(DateOf(One("rà soát các tiêu chí chưa đạt điểm tối đa để có các giải pháp khắc phục ngay trong tháng 11, "
                       "12/2021.")),
            "2021-12-31");
}

TEST(DeadlineTest, DateHelpers) {
  EXPECT_EQ(AddDays("2023-12-25", 10, false), "2024-01-04");
  EXPECT_EQ(AddDays("2023-06-09", 1, true), "2023-06-12");  // Friday + 1 working day = Monday
  EXPECT_EQ(AddDays("2023-02-30", 1, false), std::nullopt);
  EXPECT_EQ(EndOfMonth(2023, 6), "2023-06-30");
  EXPECT_EQ(EndOfMonth(2023, 13), std::nullopt);
  EXPECT_EQ(EndOfQuarter(2023, 1), "2023-03-31");
}

TEST(DateTest, NumbersInsideDocumentNumbersAreNotYears) {
  // "80101911/26.06.2025": the date is 26/06/2025, "1911" is part of a number.
  EXPECT_EQ(text::ReadDate("Mã hồ sơ 80101911/26.06.2025"), "2025-06-26");
  EXPECT_EQ(text::ReadDate("số 80101911"), std::nullopt);
}

// --- body names and summaries ---

TEST(BodyTest, SplitsMultiBodyHeadings) {
  EXPECT_EQ(SplitBodies(Rules(), "Thủ trưởng các cơ quan chuyên môn thuộc huyện, các đơn vị sự nghiệp "
                                 "và Chủ tịch UBND các xã, thị trấn:"),
            (std::vector<std::string>{"Thủ trưởng các cơ quan chuyên môn thuộc huyện",
                                      "Thủ trưởng các đơn vị sự nghiệp", "Chủ tịch UBND các xã, thị trấn"}));
  EXPECT_EQ(SplitBodies(Rules(), "UBND huyện, Chủ tịch UBND huyện, Bí thư Đảng ủy các xã, thị trấn"),
            (std::vector<std::string>{"UBND huyện", "Chủ tịch UBND huyện", "Bí thư Đảng ủy các xã, thị trấn"}));
  EXPECT_EQ(SplitBodies(Rules(), "Các cơ quan, ban, ngành, UBND cấp xã"),
            (std::vector<std::string>{"Các cơ quan, ban, ngành", "UBND cấp xã"}));
  EXPECT_EQ(SplitBodies(Rules(), "Người đứng đầu các sở, ban, ngành thuộc tỉnh; Chủ tịch Ủy ban nhân dân huyện, thành phố"),
            (std::vector<std::string>{"Người đứng đầu các sở, ban, ngành thuộc tỉnh",
                                      "Chủ tịch Ủy ban nhân dân huyện, thành phố"}));
  // One body each, although they hold "và" or ",".
  EXPECT_EQ(SplitBodies(Rules(), "Văn phòng HĐND và UBND huyện").size(), 1u);
  EXPECT_EQ(SplitBodies(Rules(), "Phòng Lao động, Thương binh và Xã hội huyện").size(), 1u);
  EXPECT_EQ(SplitBodies(Rules(), "Phòng Tài nguyên và Môi trường").size(), 1u);
}

TEST(BodyTest, SummaryIsCutAtAWordBoundary) {
  EXPECT_EQ(Summarize("theo dõi kết quả."), "Theo dõi kết quả.");
  std::string long_text;
  for (int i = 0; i < 80; ++i) long_text += "cải cách ";
  const std::string s = Summarize(long_text);
  EXPECT_TRUE(s.ends_with(" ...")) << s;
  size_t cps = 0;
  for (unsigned char c : s) cps += (c & 0xC0) != 0x80;
  EXPECT_LE(cps, 204u);
}

// --- whole letters ---

TEST(BodyTest, HeadingsBulletsAndBodiesInOneLetter) {
  Letter l = ReadText(
      "UBND HUYỆN A\nSố: 12/UBND-VP\nV/v cải cách\n\nKính gửi:\n- Phòng Nội vụ;\n- Phòng Tư pháp.\n\n"
      "Chủ tịch UBND huyện yêu cầu:\n\n"
      "1. Phòng Nội vụ\n\n- Chủ trì, phối hợp với các phòng rà soát thủ tục.\n"
      "- Tổng hợp báo cáo trước ngày 20/6/2023.\n\n"
      "2. Giao Phòng Tư pháp thường xuyên theo dõi việc thực hiện.\n\n"
      "3. Triển khai nội dung sau trước ngày 30/6/2023.\n\n"
      "Yêu cầu các phòng nghiêm túc thực hiện./.\n\nNơi nhận: CHỦ TỊCH\n- Như trên;\n- Lưu: VT.\n\nNguyễn Văn An\n");
  ASSERT_EQ(l.tasks.size(), 4u);
  EXPECT_EQ(l.tasks[0].assignee, "Phòng Nội vụ");
  EXPECT_EQ(l.tasks[0].deadline, "2023-06-20");  // bullets of one body merged, with their deadline
  EXPECT_EQ(l.tasks[1].assignee, "Phòng Tư pháp");
  EXPECT_EQ(l.tasks[1].summary, "Thường xuyên theo dõi việc thực hiện.");
  // Item 3 names no body: the addressees the lead-in asks do it.
  EXPECT_EQ(l.tasks[2].assignee, "Phòng Nội vụ");
  EXPECT_EQ(l.tasks[3].assignee, "Phòng Tư pháp");
  EXPECT_EQ(l.tasks[3].deadline, "2023-06-30");
  ASSERT_EQ(l.deadlines.size(), 2u);
  ASSERT_TRUE(l.signer);
  EXPECT_EQ(l.signer->name, "Nguyễn Văn An");
  EXPECT_EQ(l.signer->title, "Chủ tịch");
  EXPECT_EQ(l.recipients, (std::vector<std::string>{"Như trên", "Lưu: VT"}));
}

TEST(BodyTest, QualityFlags) {
  ReadOptions options;
  options.today = "2023-06-25";
  Letter l = ReadText(
      "UBND HUYỆN A\nA, ngày 08 tháng 6 năm 2023\nSố: 12/UBND-VP\nV/v cải cách\n\nKính gửi: Phòng Nội vụ.\n\n"
      "Chủ tịch UBND huyện yêu cầu:\n\n1. Phòng Nội vụ báo cáo trước ngày 20/6/2022.\n\n"
      "2. Phòng Nội vụ rà soát trước ngày 31/6/2023.\n\n3. Phòng Nội vụ tổng hợp trước ngày 20/6/2023.\n",
      options);
  std::string all;
  for (const std::string& f : l.flags) all += f + "\n";
  EXPECT_NE(all.find("trước ngày ban hành"), std::string::npos) << all;
  EXPECT_NE(all.find("đã qua khi nhận văn bản"), std::string::npos) << all;
  EXPECT_NE(all.find("không phải ngày có thật"), std::string::npos) << all;
  Letter bare = ReadText("Một dòng chữ không có số hay ngày\n");
  std::string flags;
  for (const std::string& f : bare.flags) flags += f + "\n";
  EXPECT_NE(flags.find("Không tìm thấy số văn bản"), std::string::npos);
  EXPECT_NE(flags.find("Không tìm thấy ngày ban hành"), std::string::npos);
}

TEST(BodyTest, UrgencyAndSecrecyMarks) {
  Letter l = ReadText("UBND TỈNH A\nHỎA TỐC\nSố: 12/UBND-VP\nMẬT\nV/v việc gấp\n");
  EXPECT_EQ(l.urgency, "HỎA TỐC");
  EXPECT_EQ(l.secrecy, "MẬT");
}

TEST(BodyTest, DigitalSignature) {
  Letter l = ReadText("Số: 1/UBND\n\nNơi nhận: CHỦ TỊCH\n- Lưu: VT.\n\nKý bởi: Ủy ban nhân dân huyện Hớn Quản\n"
                      "Ngày ký: 08-06-2023 09:10:48 +07:00\n");
  ASSERT_TRUE(l.digital_signature);
  EXPECT_EQ(l.digital_signature->signed_by, "Ủy ban nhân dân huyện Hớn Quản");
  EXPECT_EQ(l.digital_signature->signed_at, "2023-06-08T09:10:48+07:00");
}

// Scores the extractor on one folder of letters against its gold folder.
EvalReport ScoreFolder(const fs::path& letters, const fs::path& gold) {
  Scorer scorer;
  for (const auto& e : fs::directory_iterator(gold)) {
    if (e.path().extension() != ".json") continue;
    const std::string stem = e.path().stem().string();
    const fs::path text = letters / (stem + ".txt");
    Letter l = Shared().Read({PageTextFromPlain(0, "text", testing::ReadFile(text))}, stem + ".txt");
    EXPECT_TRUE(scorer.Add(stem, testing::ReadFile(e.path()), ToJson(l)).ok());
  }
  return scorer.Report();
}

double F1(const EvalReport& r, const std::string& field) {
  for (const FieldScore& s : r.fields) {
    if (s.field == field) return s.f1;
  }
  return -1;
}

TEST(WholeLetterTest, RestoredSeedsMeetTheTargets) {
  EvalReport r = ScoreFolder(testing::TestData("devset/restored"), testing::TestData("devset/fields"));
  EXPECT_EQ(r.documents, 5);
  EXPECT_GE(r.macro_f1, 0.90) << r.Table();
  EXPECT_GE(F1(r, "tasks"), 0.85) << r.Table();
  EXPECT_GE(F1(r, "deadlines"), 0.95) << r.Table();
  EXPECT_GE(F1(r, "references"), 0.95) << r.Table();
}

TEST(WholeLetterTest, OwnGoldLetters) {
  const fs::path gold = testing::TestData("extract/gold");
  ASSERT_TRUE(fs::is_directory(gold));
  EvalReport r = ScoreFolder(testing::TestData("extract/letters"), gold);
  EXPECT_GE(r.documents, 5);
  std::printf("%s", r.Table().c_str());
  // Measured 0.89 / 0.99 on the 11 dev letters (5 Youth Union plans, Government, Prime
  // Minister, a ministry); the floor keeps them from sliding.
  EXPECT_GE(r.macro_f1, 0.87) << r.Table();
  EXPECT_GE(F1(r, "tasks"), 0.93) << r.Table();
}

TEST(WholeLetterTest, HeldOutLetters) {
  // Letters never used while the rules were written (tests/data/extract/heldout): the floor
  // sits below the figures measured once at the end (macro 0.81, tasks 0.78) so that a rule
  // change that loses breadth fails here.
  const fs::path gold = testing::TestData("extract/heldout/gold");
  ASSERT_TRUE(fs::is_directory(gold));
  EvalReport r = ScoreFolder(testing::TestData("extract/heldout/letters"), gold);
  EXPECT_GE(r.documents, 5);
  std::printf("%s", r.Table().c_str());
  EXPECT_GE(r.macro_f1, 0.78) << r.Table();
  EXPECT_GE(F1(r, "tasks"), 0.72) << r.Table();
}

TEST(WholeLetterTest, SecondHeldOutSet) {
  // Five more letters (tests/data/extract/heldout/set2: a ministry without Nơi nhận, the
  // National Assembly Standing Committee, the State Bank, the Ministry of Health, a Youth Union
  // guidance), annotated before the extractor was run on them. First seen: macro 0.875, tasks
  // 0.846; the rules written after that reached 1.00. The floor sits below the first figure.
  const fs::path gold = testing::TestData("extract/heldout/set2/gold");
  ASSERT_TRUE(fs::is_directory(gold));
  EvalReport r = ScoreFolder(testing::TestData("extract/heldout/set2/letters"), gold);
  EXPECT_EQ(r.documents, 5);
  std::printf("%s", r.Table().c_str());
  EXPECT_GE(r.macro_f1, 0.85) << r.Table();
  EXPECT_GE(F1(r, "tasks"), 0.80) << r.Table();
  EXPECT_GE(F1(r, "signer.name"), 0.85) << r.Table();
}

TEST(WholeLetterTest, ThirdHeldOutSet) {
  // Five more letters (tests/data/extract/heldout/set3: two Government resolutions, a Prime
  // Minister's decision with passive duties, a Youth Union decision and action programme),
  // annotated before the extractor was run on them. First seen: macro 0.959, tasks 0.758; the
  // rules written after that reached 0.988 / 0.911. The floor sits below the first figure.
  const fs::path gold = testing::TestData("extract/heldout/set3/gold");
  ASSERT_TRUE(fs::is_directory(gold));
  EvalReport r = ScoreFolder(testing::TestData("extract/heldout/set3/letters"), gold);
  EXPECT_EQ(r.documents, 5);
  std::printf("%s", r.Table().c_str());
  EXPECT_GE(r.macro_f1, 0.93) << r.Table();
  EXPECT_GE(F1(r, "tasks"), 0.85) << r.Table();
  EXPECT_GE(F1(r, "doc_ref"), 0.99) << r.Table();
}

// --- legal texts: articles, clauses and the execution clause ---

TEST(BodyTest, ArticlesOfADecisionGiveTheirClausesTasks) {
  Letter l = ReadText(
      "THỦ TƯỚNG CHÍNH PHỦ\nSố: 49/2025/QĐ-TTg\nHà Nội, ngày 22 tháng 12 năm 2025\nQUYẾT ĐỊNH\n"
      "Giải thể Quỹ Bảo hộ công dân\nCăn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\n"
      "Điều 1.\nGiải thể và chấm dứt hoạt động của Quỹ.\n"
      "Điều 2. Tổ chức thực hiện\n1. Bộ Ngoại giao:\na) Tiếp nhận các nhiệm vụ của Quỹ.\n"
      "b) Chủ trì, phối hợp với các Bộ, cơ quan liên quan về tổ chức tuyên truyền.\n"
      "2. Trên cơ sở đề xuất của Bộ Ngoại giao, Bộ Tài chính tổng hợp, trình cấp có thẩm quyền.\n"
      "Điều 3. Trách nhiệm thi hành\n1. Quyết định này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.\n"
      "2. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố, "
      "các tổ chức, và cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.\n"
      "KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nBùi Thanh Sơn\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Bộ Ngoại giao", "Bộ Ngoại giao", "Bộ Tài chính",
                                                     "Các Bộ trưởng", "Thủ trưởng cơ quan ngang bộ",
                                                     "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố"}));
  EXPECT_TRUE(l.deadlines.empty()) << "the day it takes effect is no deadline";
}

TEST(BodyTest, ATopicHeadingThenTheSentenceThatNamesTheBody) {
  Letter l = ReadText("Số: 1/UBND\n\nKính gửi: Phòng A.\n\n4. Chế độ thông tin, báo cáo\n"
                      "Các tỉnh, thành Đoàn và Đoàn trực thuộc thực hiện chế độ báo cáo.\n\nNơi nhận:\n- Lưu.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Các tỉnh, thành Đoàn và Đoàn trực thuộc"}));
}

TEST(BodyTest, BulletsThatNameTheirOwnBodyUnderAHeadingBody) {
  Letter l = ReadText(
      "Số: 1/UBND\n\nKính gửi: Phòng A.\n\n1. Trung ương Đoàn TNCS Hồ Chí Minh\n\n"
      " Các ban, đơn vị khối phong trào: Phối hợp với Ban Tuyên giáo đôn đốc.\n\n"
      "  Tỉnh đoàn Hà Giang, Sơn La và Nghệ An phối hợp với Ban Tuyên giáo tổ chức.\n\n"
      " Định kỳ tổ chức kiểm tra, giám sát.\n\nNơi nhận:\n- Lưu.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Các ban, đơn vị khối phong trào", "Tỉnh đoàn Hà Giang",
                                                     "Tỉnh đoàn Sơn La", "Tỉnh đoàn Nghệ An",
                                                     "Trung ương Đoàn TNCS Hồ Chí Minh"}));
}

TEST(BodyTest, ParagraphsUnderAHeadingAreItemsOnAScan) {
  // The OCR text of a render of KH 389/TWĐTN-VP: the bullet glyphs and indents are gone, only
  // the paragraph breaks remain; each paragraph that names its body is a task of its own.
  Letter l = ReadText(
      "Số: 1/UBND\n\nKính gửi: Phòng A.\n\nIV. TỔ CHỨC THỰC HIỆN\n1. Trung ương Đoàn TNCS Hồ Chí Minh\n\n"
      "Giao Văn phòng Trung ương Đoàn là đơn vị thường trực, tham mưu kế hoạch chung của Ban Bí\n"
      "thư Trung ương Đoàn chỉ đạo các tỉnh, thành đoàn, đoàn trực thuộc chuẩn bị.\n\n"
      "Giao Ban Thanh niên nông thôn: Phối hợp cùng Văn phòng Trung ương Đoàn tham mưu triển khai\n"
      "chương trình, lựa chọn địa điểm, giống cây trồng và phương án triển khai trồng cây.\n\n"
      "2. Các tỉnh, thành đoàn, đoàn trực thuộc\n\n"
      "Giao Tỉnh đoàn Quảng Nam chủ trì tổ chức Lễ tổng kết chương trình, tổ chức trồng rừng và\n"
      "chương trình tham quan trải nghiệm rừng đầu nguồn.\n\nNơi nhận:\n- Lưu.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Văn phòng Trung ương Đoàn", "Ban Thanh niên nông thôn",
                                                     "Tỉnh đoàn Quảng Nam"}));
}

TEST(BodyTest, BulletsUnderAParagraphItemThenTheNextParagraphItem) {
  // The OCR text of a render of the Youth Union's 2022 poverty-reduction plan: "+" bullets under
  // the first paragraph item, then more paragraph items of the same heading.
  Letter l = ReadText(
      "Số: 1/UBND\n\nKính gửi: Phòng A.\n\n1. Trung ương Đoàn TNCS Hồ Chí Minh\n\n"
      "Giao Ban Tuyên giáo Trung ương Đoàn là đơn vị thường trực chịu trách\n"
      "nhiệm phối hợp với các ban, đơn vị liên quan tham mưu Ban Bí thư Trung ương\n"
      "Đoàn thực hiện các nội dung:\n\n"
      "+ Chủ trì xây dựng Kế hoạch Đoàn TNCS Hồ Chí Minh tham gia triển khai\n"
      "Dự án truyền thông và giảm nghèo về thông tin trong năm 2022.\n\n"
      "Giao Văn phòng Trung ương Đoàn: Thẩm định dự toán kinh phí, hướng\n"
      "dẫn công tác thanh quyết toán triển khai dự án.\n\n"
      "Giao Báo Tiền phong và Báo Thanh niên: Chủ trì triển khai các nội dung\n"
      "tuyên truyền tại mục 1.2 của Kế hoạch.\n\nNơi nhận:\n- Lưu.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Ban Tuyên giáo Trung ương Đoàn", "Văn phòng Trung ương Đoàn",
                                                     "Báo Tiền phong", "Báo Thanh niên"}));
}

TEST(BodyTest, AHeadingWrappedOverAParagraphBreakStaysOneItem) {
  // Seed 001 read from a degraded render: the heading's second line came out as a paragraph of
  // bodies only; it names no action, so it is no item of its own.
  Letter l = ReadText(
      "Số: 1/UBND\n\nKính gửi: Phòng A.\n\n"
      "1. Thủ trưởng các cơ quan chuyên môn thuộc UBND huyện, Chủ tịch\n\nUBND các xã, thị trấn:\n\n"
      "- Tiếp tục thực hiện có hiệu quả việc đổi mới cơ chế một cửa, một cửa liên thông.\n\n"
      "Nơi nhận:\n- Lưu.\n");
  ASSERT_FALSE(l.tasks.empty());
  for (const Task& t : l.tasks) EXPECT_TRUE(t.summary.starts_with("Tiếp tục thực hiện")) << t.summary;
}

TEST(BodyTest, SubItemRestatingTheGroupKeepsTheItemsBodies) {
  Letter l = ReadText(
      "Số: 1/UBND\n\nKính gửi: Sở A.\n\n1. Người đứng đầu các sở, ban, ngành thuộc tỉnh có trách nhiệm:\n"
      "1.1. Các cơ quan, đơn vị gửi báo cáo về Sở Nội vụ trước ngày 25/11/2021.\n\nNơi nhận:\n- Lưu.\n");
  ASSERT_EQ(l.tasks.size(), 1u);
  EXPECT_EQ(l.tasks[0].assignee, "Người đứng đầu các sở, ban, ngành thuộc tỉnh");
  EXPECT_EQ(l.tasks[0].deadline, "2021-11-25");
}

TEST(BodyTest, CooperatingBodiesOfATask) {
  Letter l = ReadText(
      "Số: 1/UBND\n\nKính gửi: Sở A.\n\n1. Bộ Công Thương chủ trì, phối hợp với Bộ Nông nghiệp và Môi "
      "trường, Bộ Xây dựng trong việc bảo đảm cung ứng nhiên liệu.\n2. Bộ Tài chính đề xuất chính sách "
      "về thuế.\n\nNơi nhận:\n- Lưu.\n");
  ASSERT_EQ(l.tasks.size(), 2u);
  EXPECT_EQ(l.tasks[0].assignee, "Bộ Công Thương");
  EXPECT_EQ(l.tasks[0].cooperating, (std::vector<std::string>{"Bộ Nông nghiệp và Môi trường", "Bộ Xây dựng"}));
  EXPECT_TRUE(l.tasks[1].cooperating.empty());
}

TEST(BodyTest, IndentedRecipientLineGoesOnWithTheOneAbove) {
  // Youth Union PDFs: bullet glyph lost (one space), a wrapped recipient indented by two.
  Letter l = ReadText("Số: 1/UBND\n\nNơi nhận:\n Đ/c Bùi Thị Minh Hoài, Bí thư TW Đảng,\n"
                      "  Trưởng Ban Dân vận TW (để b/c);\n Ban Bí thư TW Đoàn;\n Lưu VP, CNĐT.\n");
  EXPECT_EQ(l.recipients, (std::vector<std::string>{"Đ/c Bùi Thị Minh Hoài, Bí thư TW Đảng, Trưởng Ban Dân vận TW (để b/c)",
                                                     "Ban Bí thư TW Đoàn", "Lưu VP, CNĐT"}));
}

// --- passive duties, scopes before a body, verbs before "; " (held-out set 3) ---

constexpr const char* kDecisionHead =
    "THỦ TƯỚNG CHÍNH PHỦ\nSố: 07/2026/QĐ-TTg\nHà Nội, ngày 27 tháng 01 năm 2026\nQUYẾT ĐỊNH\n"
    "VỀ VIỆC THÀNH LẬP, QUẢN LÝ VÀ SỬ DỤNG QUỸ PHÒNG, CHỐNG TỘI PHẠM\n";

TEST(BodyTest, PassiveDutyIsTheTaskOfTheBodyAfterDo) {
  // Real lines: Quyết định 07/2026/QĐ-TTg, Điều 3 (two sentences, two bodies), and 39/2025/QĐ-TTg.
  Letter l = ReadText(std::string(kDecisionHead) +
                      "Điều 3. Nguyên tắc thành lập, quản lý, điều hành, sử dụng Quỹ phòng chống tội phạm\n"
                      "2. Quỹ phòng, chống tội phạm trung ương do Bộ trưởng Bộ Công an quản lý, điều hành. Quỹ "
                      "phòng, chống tội phạm cấp tỉnh do Chủ tịch Ủy ban nhân dân cấp tỉnh quyết định thành lập, "
                      "quản lý, điều hành hoặc ủy quyền quản lý, điều hành.\n"
                      "3. Tủ sách pháp luật điện tử quốc gia do Bộ Tư pháp chủ trì xây dựng và quản lý thống nhất "
                      "trong phạm vi cả nước.\n"
                      "4. Việc tiếp tục duy trì, xây dựng, quản lý, khai thác Tủ sách pháp luật tại cơ quan, đơn vị "
                      "của lực lượng vũ trang nhân dân do Bộ trưởng Bộ Quốc phòng, Bộ trưởng Bộ Công an quyết định "
                      "và chịu trách nhiệm thực hiện theo quy định tại khoản 1 và khoản 2 Điều này.\n"
                      "KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nHồ Đức Phớc\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Bộ trưởng Bộ Công an", "Chủ tịch Ủy ban nhân dân cấp tỉnh",
                                                     "Bộ Tư pháp", "Bộ trưởng Bộ Quốc phòng", "Bộ trưởng Bộ Công an"}));
  ASSERT_EQ(l.tasks.size(), 5u);
  EXPECT_EQ(l.tasks[0].summary.rfind("Quản lý, điều hành", 0), 0u) << l.tasks[0].summary;
}

TEST(BodyTest, DescriptionsWithDoAreNoDuties) {
  // "do Bộ trưởng Bộ Y tế ban hành" names a text that exists (vbpl #137); "là hệ thống … do Bộ
  // Công Thương xây dựng" defines a term (#8); "… thực hiện theo định mức" is a rule (#388).
  Letter l = ReadText(std::string(kDecisionHead) +
                      "Điều 1. Bãi bỏ văn bản\n"
                      "1. Bãi bỏ toàn bộ 01 văn bản quy phạm pháp luật do Bộ trưởng Bộ Y tế ban hành.\n"
                      "2. Hệ thống truy xuất là hệ thống công nghệ thông tin do Bộ Công Thương xây dựng, quản lý "
                      "và vận hành, có chức năng thu thập, lưu trữ, xử lý.\n"
                      "3. Thông tư liên tịch do Bộ Tư pháp chủ trì xây dựng thực hiện theo định mức khoán chi.\n"
                      "KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nHồ Đức Phớc\n");
  EXPECT_TRUE(l.tasks.empty()) << ::testing::PrintToString(Assignees(l));
  // A body named by its own "do" clause is no passive duty: "Người đứng đầu doanh nghiệp nhà nước
  // do Bộ quản lý có trách nhiệm" (vbpl #346) is the task of that head, not of "Bộ".
  Letter head = ReadText(std::string(kDecisionHead) +
                         "Điều 9. Trách nhiệm\n4. Người đứng đầu doanh nghiệp nhà nước do Bộ quản lý có trách "
                         "nhiệm giải quyết khiếu nại.\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nHồ Đức Phớc\n");
  EXPECT_EQ(Assignees(head), std::vector<std::string>{"Người đứng đầu doanh nghiệp nhà nước do Bộ quản lý"});
}

TEST(BodyTest, ScopeBeforeTheBodyAndTheBodysOwnVerbBeforeASemicolon) {
  Letter l = ReadText(
      std::string(kDecisionHead) +
      "Điều 4. Trách nhiệm thi hành\n"
      // 07/2026/QĐ-TTg, Điều 3 khoản 6: a scope, then the body after its last comma.
      "1. Đối với các khoản tài trợ, viện trợ, ủng hộ, đóng góp tự nguyện Quỹ phòng, chống tội phạm trung "
      "ương do bên tài trợ cung cấp bằng hiện vật, Bộ Công an chịu trách nhiệm toàn diện trong việc quản lý, "
      "theo dõi, phân bổ.\n"
      // 66.15/2026/NQ-CP, Điều 4: the body's own verb before "; ", the duty after it.
      "2. Bộ Xây dựng tham mưu Chính phủ về việc báo cáo Ủy ban Thường vụ Quốc hội, Quốc hội tại phiên họp, "
      "kỳ họp gần nhất sau khi Nghị quyết được ban hành; trong phạm vi chức năng, nhiệm vụ của mình có trách "
      "nhiệm rà soát, đề xuất sửa đổi, bổ sung các nội dung có liên quan của Luật Nhà ở.\n"
      // 03/2026/TT-BCT (vbpl #55): a list with "; " and no verb before it stays one list.
      "3. Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân "
      "dân các tỉnh, thành phố; Thủ trưởng các cơ quan, đơn vị thuộc và trực thuộc Bộ Công Thương chịu "
      "trách nhiệm thi hành Thông tư này.\n"
      // 66.12/2026/NQ-CP and 07/2026/QĐ-TTg: "quy hoạch", "quy định" end a body name.
      "4. Ủy ban nhân dân cấp tỉnh quy hoạch, bố trí quỹ đất, kinh phí để xây dựng trụ sở làm việc.\n"
      "5. Bộ trưởng Bộ Công an quy định trình tự, thủ tục thực hiện nội dung chi của Quỹ.\n"
      "KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nHồ Đức Phớc\n");
  EXPECT_EQ(Assignees(l),
            (std::vector<std::string>{"Bộ Công an", "Bộ Xây dựng", "Bộ trưởng", "Thủ trưởng cơ quan ngang Bộ",
                                      "Thủ trưởng cơ quan thuộc Chính phủ",
                                      "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố",
                                      "Thủ trưởng các cơ quan, đơn vị thuộc và trực thuộc Bộ Công Thương",
                                      "Ủy ban nhân dân cấp tỉnh", "Bộ trưởng Bộ Công an"}));
}

TEST(BodyTest, ASecondSentenceWithItsOwnBodyIsItsTask) {
  // Youth Union programme CTr/TWĐTNVP 2023, item 1.3 (real lines as the corpus has them).
  Letter l = ReadText(
      "BAN CHẤP HÀNH TRUNG ƯƠNG\n\nSố:       CTr/TWĐTNVP\n\nĐOÀN TNCS HỒ CHÍ MINH\n\n"
      "Hà Nội, ngày      tháng 01 năm 2023\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nThực hiện Nghị quyết Đại hội\n\n"
      "II. TỔ CHỨC THỰC HIỆN\n1. Trung ương Đoàn TNCS Hồ Chí Minh\n"
      "1.3. Các ban, đơn vị Trung ương Đoàn: Triển khai thực hiện các nội dung\n"
      "theo chức năng, nhiệm vụ công tác. Văn phòng Trung ương Đoàn chủ trì tham\n"
      "mưu theo dõi việc thực hiện Chương trình hành động.\n\n"
      "TM. BAN CHẤP HÀNH TRUNG ƯƠNG ĐOÀN\nBÍ THƯ THỨ NHẤT\n\nBùi Quang Huy\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Các ban, đơn vị Trung ương Đoàn", "Văn phòng Trung ương Đoàn"}));
}

// The seed letter 002's last item and closing as its degraded scan reads (the OCR lost the blank
// line between them): the closing "Yêu cầu Thủ trưởng … thực hiện nghiêm túc …./." is no task.
TEST(BodyTest, AClosingJoinedToTheLastItemIsNoTask) {
  Letter l = ReadText(
      "UBND HUYỆN HỚN QUẢN\nSố: 564/UBND-NC\nV/v nâng cao chỉ số\n\n"
      "4. Giao Phòng Nội vụ thường xuyên theo dõi, kiểm tra, đôn đốc việc thực\n"
      "hiện nội dung Công văn này. Đồng thời, chủ trì phối hợp với Văn phòng HĐND\n"
      "và UBND huyện kiểm tra kết quả thực hiện và báo cáo kết quả về UBND huyện.\n"
      "Yêu cầu Thủ trưởng các cơ quan, đơn vị và UBND các xã, thị trấn thực\n"
      "hiện nghiêm túc chỉ đạo của Chủ tịch UBND huyện./.\n\n"
      "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Phòng Nội vụ"}));
}

// --- tasks in letters without numbered items, directive verbs and their frames ---

// A meeting's conclusions (11/TB-UBND of Quảng Ngãi, 2025): a company whose name lists its
// trades after commas, and a listed body whose own verb comes before "chủ trì".
TEST(BodyTest, CompanyNamesAndAListedBodysFirstVerb) {
  Letter l = ReadText(
      "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
      "Số: 11 /TB-UBND\nQuảng Ngãi, ngày 08 tháng 01 năm 2025\n\nTHÔNG BÁO\nKết luận của Phó Chủ tịch UBND tỉnh\n\n"
      "Phó Chủ tịch UBND tỉnh kết luận và chỉ đạo như sau:\n"
      "1. Công ty TNHH MTV Đầu tư, Xây dựng và Kinh doanh dịch vụ Quảng Ngãi tiếp thu các ý kiến tại cuộc "
      "họp, khẩn trương rà soát, báo cáo trước ngày 08/02/2025.\n"
      "2. Giao Sở Nội vụ tiếp thu các ý kiến tại cuộc họp, chủ trì, phối hợp với các Sở: Tài chính, Kế "
      "hoạch và Đầu tư tham mưu UBND tỉnh; hoàn thành trước ngày 20/02/2025.\n\nNơi nhận:\n- CT, PCT UBND tỉnh;\n");
  ASSERT_EQ(Assignees(l), (std::vector<std::string>{
                              "Công ty TNHH MTV Đầu tư, Xây dựng và Kinh doanh dịch vụ Quảng Ngãi", "Sở Nội vụ"}));
  EXPECT_TRUE(l.tasks[1].summary.starts_with("Tiếp thu các ý kiến tại cuộc họp")) << l.tasks[1].summary;
}

// A decision of 1999 (Cao Bằng, typewritten) with the district's submission attached after the
// signature: "Điều1:-", "Các ông: …" before the offices, and the attachment's own header, signer
// and requests left out.
TEST(BodyTest, OldDecisionWithAnAttachmentAfterItsSignature) {
  Letter l = ReadText(
      "UỶ BAN NHÂN DÂN\nTỈNH CAO BẰNG\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
      "Số: 157/ QĐ-NĐ-UB\nCao Bằng, ngày 22 tháng 2 năm 1999.\n\nQUYẾT ĐỊNH CỦA UỶ BAN NHÂN DÂN TỈNH\n"
      "Về việc : Giao quyền sử dụng đất ở dân cư\n\nQUYẾT ĐỊNH\n\n"
      "Điều1:- Nay phê duyệt, giao quyền sử dụng đất ở cho bà Nông Bích Sảng.\n"
      "Điều 2: Sở Xây dựng có trách nhiệm hướng dẫn quản lý nhà ở.\n"
      "Điều 3: Các ông: Chánh văn phòng UBND tỉnh, Chủ tịch UBND Thị xã, Giám đốc Sở Địa chính chịu trách "
      "nhiệm thi hành Quyết định này./.\n\nNơi nhận:\n- Như điều 3\n- Lưu VT-NĐ\nT/M UBND TỈNH\n"
      "K/T CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNgôn Nghiệp\n\n"
      "ỦY BAN NHÂN DÂN\nTHỊ XÃ CAO BẰNG\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
      "Số: 13 /UB/TP\nPHIẾU TRÌNH DUYỆT\nKính gửi: ỦY BAN NHÂN DÂN TỈNH CAO BẰNG\n"
      "Đề nghị Sở Tài chính thẩm định hồ sơ.\nNơi nhận:\n- Như trên;\nQ. CHỦ TỊCH\nBế Ngọc Huyền\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Sở Xây dựng", "Chánh văn phòng UBND tỉnh",
                                                    "Chủ tịch UBND Thị xã", "Giám đốc Sở Địa chính"}));
  ASSERT_TRUE(l.signer && l.signer->name);
  EXPECT_EQ(*l.signer->name, "Ngôn Nghiệp");
}

// "1- …" items of a provincial notice (ubnd_bentre_tb_2008), and a symbol at a line's start is
// no item ("04-NQ/TU ngày …" wrapped in a seed letter).
TEST(BodyTest, NumberAndDashItems) {
  Letter l = ReadText(
      "ỦY BAN NHÂN DÂN\nTỈNH BẾN TRE\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
      "Số: 12/TB-UBND\nBến Tre, ngày 16 tháng 11 năm 2008\n\nTHÔNG BÁO\nV/v phòng chống bão số 10\n\n"
      "Kính gửi: Các sở, ngành tỉnh\n\nUBND tỉnh chỉ đạo:\n1- Sở Giáo dục thông báo cho toàn bộ học sinh nghỉ học kể từ sáng ngày 17-11-2008;\n"
      "2- Các huyện tổ chức di dời dân đến nơi an toàn, xong trước 14 giờ ngày 17-11-2008.\n\n"
      "Nơi nhận:\n- Như trên;\n");
  ASSERT_EQ(Assignees(l), (std::vector<std::string>{"Sở Giáo dục", "Các huyện"}));
  EXPECT_EQ(Opt(l.tasks[1].deadline), "2008-11-17");
}

TEST(BodySplitTest, PlacesAfterOneBodyShareItsHead) {
  EXPECT_EQ(SplitBodies(Rules(), "Tỉnh đoàn Hà Giang, Sơn La và Nghệ An"),
            (std::vector<std::string>{"Tỉnh đoàn Hà Giang", "Tỉnh đoàn Sơn La", "Tỉnh đoàn Nghệ An"}));
  // A ministry's own name holds commas and "và": no place list.
  EXPECT_EQ(SplitBodies(Rules(), "Bộ Văn hóa, Thể thao và Du lịch"),
            (std::vector<std::string>{"Bộ Văn hóa, Thể thao và Du lịch"}));
}

// Bare groups after "các", one body per kind, as the held-out sets 17 and 18 read them (Sơn Tây,
// Tống Trân, Thuận Lợi): offices and sectors are one kind; people are no body; the words after
// the last group are every group's; a capitalised name after the last group is its own.
TEST(BodySplitTest, BareGroupsOneBodyPerKind) {
  EXPECT_EQ(SplitBodies(Rules(), "Các xã, phường, cơ quan, đơn vị"),
            (std::vector<std::string>{"Các xã, phường", "Các cơ quan, đơn vị"}));
  EXPECT_EQ(SplitBodies(Rules(), "Các cơ quan, đơn vị và thôn, xóm"),
            (std::vector<std::string>{"Các cơ quan, đơn vị", "Các thôn, xóm"}));
  EXPECT_EQ(SplitBodies(Rules(), "Các cơ quan, đơn vị, doanh nghiệp và hộ gia đình tại các khu vực bị ảnh hưởng"),
            (std::vector<std::string>{"Các cơ quan, đơn vị tại các khu vực bị ảnh hưởng",
                                      "Các doanh nghiệp tại các khu vực bị ảnh hưởng"}));
  EXPECT_EQ(SplitBodies(Rules(), "Các sở, ban, ngành, đơn vị"), (std::vector<std::string>{"Các sở, ban, ngành, đơn vị"}));
  EXPECT_EQ(SplitBodies(Rules(), "Các thôn, đơn vị Trường học"), (std::vector<std::string>{"Các thôn, đơn vị Trường học"}));
  // A bare head after "các …," is one more kind of the group (Thành ủy Đà Nẵng, set19text).
  const std::vector<std::string> party = SplitBodies(Rules(), "Ban Tuyên Giáo Thành ủy, các Quận ủy, Huyện ủy");
  EXPECT_EQ(party, (std::vector<std::string>{"Ban Tuyên Giáo Thành ủy", "Các Quận ủy, Huyện ủy"}));
  // "Trung tâm Kiểm soát bệnh tật, trung tâm y tế các huyện …" (Sở Y tế Hà Tĩnh): two bodies.
  EXPECT_EQ(SplitBodies(Rules(), "Trung tâm Kiểm soát bệnh tật, trung tâm y tế các huyện, thành phố, thị xã"),
            (std::vector<std::string>{"Trung tâm Kiểm soát bệnh tật", "Trung tâm y tế các huyện, thành phố, thị xã"}));
}

// Organs named without their level take the level the last body ends with (Đảng ủy xã Hương
// Vinh, set10text); a body with a name of its own does not.
TEST(BodySplitTest, OrgansWithoutTheirLevelShareTheLast) {
  EXPECT_EQ(SplitBodies(Rules(), "HĐND, UBND, Ủy ban Mặt trận Tổ quốc Việt Nam xã"),
            (std::vector<std::string>{"HĐND xã", "UBND xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã"}));
  EXPECT_EQ(SplitBodies(Rules(), "Ban Công an, Ban Chỉ huy quân sự xã"),
            (std::vector<std::string>{"Ban Công an xã", "Ban Chỉ huy quân sự xã"}));
  EXPECT_EQ(SplitBodies(Rules(), "Sở Y tế, UBND huyện"), (std::vector<std::string>{"Sở Y tế", "UBND huyện"}));
}

// A counted group is a body of its own ("Các cơ quan, đơn vị, 12 thôn", UBND xã Thủy Phù,
// set21text); a bare organ after a group of another kind takes the place of the body after it
// ("các cơ quan, ban, ngành huyện, Đảng ủy, UBND xã Bình Phú", UBND huyện Cai Lậy, set21text),
// while "các trường ĐH, CĐ" (Bộ GD&ĐT, set14text) stays one group.
TEST(BodySplitTest, CountedGroupsAndOrgansOfTheNamedPlace) {
  EXPECT_EQ(SplitBodies(Rules(), "Các cơ quan, đơn vị, 12 thôn"),
            (std::vector<std::string>{"Các cơ quan, đơn vị", "12 thôn"}));
  EXPECT_EQ(SplitBodies(Rules(), "Các cơ quan, ban, ngành huyện, Đảng ủy, UBND xã Bình Phú"),
            (std::vector<std::string>{"Các cơ quan, ban, ngành huyện", "Đảng ủy xã Bình Phú", "UBND xã Bình Phú"}));
  EXPECT_EQ(SplitBodies(Rules(), "Phòng Nội vụ, Đảng ủy, UBND xã Bình Phú"),
            (std::vector<std::string>{"Phòng Nội vụ", "Đảng ủy xã Bình Phú", "UBND xã Bình Phú"}));
  EXPECT_EQ(SplitBodies(Rules(), "Các trường ĐH, CĐ"), (std::vector<std::string>{"Các trường ĐH, CĐ"}));
}

// The political system of each level asked as one: "Các cấp ủy, chính quyền, Mặt trận và đoàn
// thể" (Ban Chỉ đạo PCLB Trung ương, set5text), "Cấp ủy, chính quyền, MTTQ và các tổ chức chính
// trị - xã hội" (UBND thành phố Thái Bình, set21text), "Các cấp ủy đảng, chính quyền, các ban,
// ngành, hội, đoàn thể" (Tỉnh ủy Bình Định, set19text).
TEST(BodySplitTest, TheSystemOfEachLevelIsOneBody) {
  for (const char* list : {"Các cấp ủy, chính quyền, Mặt trận và đoàn thể",
                           "Cấp ủy, chính quyền, MTTQ và các tổ chức chính trị - xã hội",
                           "Các cấp ủy đảng, chính quyền, các ban, ngành, hội, đoàn thể"}) {
    EXPECT_EQ(SplitBodies(Rules(), list), std::vector<std::string>{list});
  }
  EXPECT_EQ(SplitBodies(Rules(), "Cấp ủy chi bộ 10, Ban Tuyên giáo"),
            (std::vector<std::string>{"Cấp ủy chi bộ 10", "Ban Tuyên giáo"}));
}

// One head at several levels, and a title shared with the members of a body (real phrases of a
// joint resolution on elections and of the President's decision 758/2024).
TEST(BodySplitTest, LevelsAndMembersOfOneBody) {
  EXPECT_EQ(SplitBodies(Rules(), "Thường trực Hội đồng nhân dân cấp tỉnh, cấp xã"),
            (std::vector<std::string>{"Thường trực Hội đồng nhân dân cấp tỉnh",
                                      "Thường trực Hội đồng nhân dân cấp xã"}));
  EXPECT_EQ(SplitBodies(Rules(), "Chủ tịch và các thành viên Hội đồng tư vấn đặc xá"),
            (std::vector<std::string>{"Chủ tịch Hội đồng tư vấn đặc xá",
                                      "Các thành viên Hội đồng tư vấn đặc xá"}));
  // A level inside a name that lists none is kept: "Ủy ban nhân dân cấp tỉnh".
  EXPECT_EQ(SplitBodies(Rules(), "Ủy ban nhân dân cấp tỉnh"), (std::vector<std::string>{"Ủy ban nhân dân cấp tỉnh"}));
}

TEST(BodySplitTest, GenericPartiesAtTheEndAreDropped) {
  EXPECT_EQ(SplitBodies(Rules(), "Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ và cơ quan, tổ chức, đơn vị, "
                                  "cá nhân có liên quan"),
            (std::vector<std::string>{"Các Bộ trưởng", "Thủ trưởng cơ quan ngang bộ"}));
}

// Real phrases of a Phú Yên decision (tests/data/extract/heldout/set6text): "Sở, Ban, Ngành"
// capitalised is one group, and generic parties listed in another order are dropped.
TEST(BodySplitTest, CapitalisedGroupAndPartiesInAnyOrder) {
  EXPECT_EQ(SplitBodies(Rules(), "Chánh Văn phòng UBND tỉnh, Trưởng Ban Dân tộc, Thủ trưởng các Sở, Ban, "
                                  "Ngành tỉnh, UBND cấp huyện, UBND cấp xã và các cá nhân, đơn vị có liên quan"),
            (std::vector<std::string>{"Chánh Văn phòng UBND tỉnh", "Trưởng Ban Dân tộc",
                                      "Thủ trưởng các Sở, Ban, Ngành tỉnh", "UBND cấp huyện", "UBND cấp xã"}));
}

// Real execution clauses (tests/data/extract/heldout/nomvn): a bare title shares the next
// title's bodies, a bare organ the next organ's place, "và ông …" is an assignee of its own.
TEST(BodySplitTest, SharedTitleSharedPlaceAndANamedPerson) {
  EXPECT_EQ(SplitBodies(Rules(), "Chánh Văn phòng Ủy ban nhân dân Thành phố, Giám đốc, Thủ trưởng các Sở, ban, "
                                  "ngành Thành phố"),
            (std::vector<std::string>{"Chánh Văn phòng Ủy ban nhân dân Thành phố",
                                      "Giám đốc, Thủ trưởng các Sở, ban, ngành Thành phố"}));
  EXPECT_EQ(SplitBodies(Rules(), "Bộ trưởng Bộ Nội vụ, Hội đồng nhân dân, Ủy ban nhân dân thành phố Đà Nẵng và "
                                  "ông Nguyễn Mạnh Hùng"),
            (std::vector<std::string>{"Bộ trưởng Bộ Nội vụ", "Hội đồng nhân dân thành phố Đà Nẵng",
                                      "Ủy ban nhân dân thành phố Đà Nẵng", "Ông Nguyễn Mạnh Hùng"}));
}

// A steering committee's công điện (tests/data/extract/heldout/set5text): "Chỉ đạo" inside the
// committee's name is no lead-in verb; the bodies after its "yêu cầu" take the items.
TEST(BodyLeadInTest, DirectiveWordInsideANameIsNoLeadIn) {
  Letter l = ReadText(
      "Kính gửi: Ban Chỉ huy PCLB và TKCN các tỉnh.\n\n"
      "Để chủ động đối phó với bão, Ban Chỉ đạo Phòng chống lụt bão Trung ương - Ủy ban Quốc gia tìm kiếm cứu nạn "
      "yêu cầu Ban Chỉ huy PCLB & TKCN các tỉnh, thành phố:\n\n"
      "1. Thông báo cho chủ các phương tiện tàu, thuyền biết tin về bão;\n\n"
      "2. Theo dõi chặt chẽ diễn biến của bão.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Ban Chỉ huy PCLB & TKCN các tỉnh, thành phố",
                                                    "Ban Chỉ huy PCLB & TKCN các tỉnh, thành phố"}));
}

TEST(DeadlineTest, PeriodsAndPastFactsAreNoDeadlines) {
  EXPECT_TRUE(FindDeadlines(Rules(), "Nghị quyết này có hiệu lực thi hành kể từ ngày ban hành đến hết "
                                     "ngày 28 tháng 02 năm 2027.", std::string("2025-12-08")).empty());
  EXPECT_TRUE(FindDeadlines(Rules(), "Các xe ô tô đã được cấp trước ngày 01 tháng 01 năm 2022 được "
                                     "tiếp tục lưu hành.", std::string("2025-11-28")).empty());
  EXPECT_TRUE(FindDeadlines(Rules(), "Thời gian làm việc từ ngày 01 tháng 01 năm 2021 đến trước ngày 01 "
                                     "tháng 01 năm 2026 ở vùng khó khăn.", std::string("2025-12-29")).empty());
  // The same words in a duty are a deadline.
  EXPECT_EQ(DateOf(One("bảo đảm việc hợp nhất hoàn thành trước ngày 30 tháng 6 năm 2026.", "2025-10-27")),
            "2026-06-30");
  // How things stand on a day (Sở GD&ĐT TP Hồ Chí Minh, set21text; UBND xã Kỳ Lạc's storm
  // letter, set22text); a duty "đến ngày" keeps its date.
  EXPECT_TRUE(FindDeadlines(Rules(), "Tuy nhiên đến ngày 02/01/2019 vẫn còn nhiều đơn vị chưa nộp báo cáo về Sở.",
                            std::string("2019-01-03")).empty());
  EXPECT_TRUE(FindDeadlines(Rules(), "Đến 04 giờ ngày 19/7, vị trí tâm áp thấp nhiệt đới ở khoảng 19,2 độ Vĩ Bắc.",
                            std::string("2018-07-19")).empty());
  EXPECT_EQ(DateOf(One("Các đơn vị gửi báo cáo về Sở đến ngày 20/7, để tổng hợp.", "2018-07-01")), "2018-07-20");
}

// Periods that end a duty (heldout/set9text: a district's call for opinions, a ward's flags):
// their end is the deadline, unlike a contest's week.
TEST(DeadlineTest, APeriodOfOpinionsOrFlagsEndsAtItsDeadline) {
  EXPECT_EQ(DateOf(One("2. Thời gian lấy ý kiến: từ ngày 17/3/2025 đến ngày 05/4/2025.", "2025-03-14")),
            "2025-04-05");
  EXPECT_EQ(DateOf(One("đề nghị các tổ dân phố treo cờ Tổ quốc từ ngày 09/10/2023 đến hết ngày 11/10/2023.",
                       "2023-10-06")),
            "2023-10-11");
  EXPECT_TRUE(FindDeadlines(Rules(), "Tuần thi: từ 10/5/2021 đến 27/6/2021.", "2021-04-01").empty());
}

// A page that prints only the request and its bullets (heldout/set9text, a district Red Cross
// letter): the body starts at line 1, not at the closing "Đề nghị …" below; the bullets under
// the request are one duty of each body asked, with the deadline one of them gives.
TEST(BodyLeadInTest, BulletsUnderARequestWithoutHeaderAreOneDutyPerBody) {
  Letter l = ReadText(
      "Thường trực Hội Chữ thập đỏ Quận 4 đề nghị các cơ sở Hội trực thuộc, Chủ tịch Hội Chữ thập đỏ 41 trường "
      "học, Chủ tịch Hội Chữ thập đỏ 15 phường thực hiện như sau:\n"
      "- Tuyên truyền, vận động trong cán bộ, hội viên, tình nguyện viên, thanh thiếu niên chữ thập đỏ xem bộ "
      "phim “Biển đảo Việt Nam – Nguồn cội tự bao giờ”.\n"
      "- Triển khai thực hiện từ nay đến 20/05/2016. Ghi nhận số lượng đã xem và báo cáo nhanh gửi Quận hội "
      "(hạn chót gửi báo cáo là 15 giờ 00 ngày 20/5/2016, mỗi đơn vị tối thiểu 03 ý kiến).\n"
      "Đề nghị các cơ sở Hội trực thuộc, Chủ tịch Hội Chữ thập đỏ 41 trường học, Chủ tịch Hội Chữ thập đỏ 15 "
      "phường thực hiện đảm bảo các nội dung trên.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Các cơ sở Hội trực thuộc",
                                                    "Chủ tịch Hội Chữ thập đỏ 41 trường học",
                                                    "Chủ tịch Hội Chữ thập đỏ 15 phường"}));
  for (const Task& t : l.tasks) {
    EXPECT_EQ(Opt(t.deadline), "2016-05-20");
    EXPECT_TRUE(t.summary.starts_with("Tuyên truyền")) << t.summary;
  }
}

// Office-holders written in lower case after the directive verb (heldout/set9text: a
// university's notice, a Sở's letter a school reposts), a school that speaks of itself, and a
// continuing-education centre whose name holds an adverb.
TEST(BodyNamesTest, LowerCaseOfficeHoldersASchoolAndACentreName) {
  EXPECT_EQ(Assignees(ReadText("2. Giao cho trưởng các khoa đào tạo, Ban Giám hiệu Trường THPT Chuyên thông báo và "
                               "tổ chức cho học sinh, sinh viên nghỉ lễ.\n")),
            (std::vector<std::string>{"Trưởng các khoa đào tạo", "Ban Giám hiệu Trường THPT Chuyên"}));
  EXPECT_EQ(Assignees(ReadText("Sở Giáo dục và Đào tạo đề nghị thủ trưởng đơn vị thực hiện lập danh sách học "
                               "sinh ưu tú.\n")),
            (std::vector<std::string>{"Thủ trưởng đơn vị"}));
  EXPECT_EQ(Assignees(ReadText("1. Cán bộ, viên chức nghỉ Tết.\n\n"
                               "Nhà trường yêu cầu Thủ trưởng các đơn vị, các đoàn thể quần chúng trong trường "
                               "thông báo chủ trương này tới tận cán bộ, viên chức và nghiêm túc triển khai thực "
                               "hiện./.\n")),
            (std::vector<std::string>{"Thủ trưởng các đơn vị", "Các đoàn thể quần chúng trong trường"}));
  EXPECT_EQ(Assignees(ReadText("Phòng Đào tạo, Trung tâm Giáo dục thường xuyên, Phòng Thanh tra giáo dục phối hợp "
                               "với các khoa theo dõi việc thực hiện nền nếp dạy, học.\n")),
            (std::vector<std::string>{"Phòng Đào tạo", "Trung tâm Giáo dục thường xuyên",
                                      "Phòng Thanh tra giáo dục"}));
}

// A commune chairman's decision (heldout/set10text): a civil servant and a village board
// ("BĐH các thôn") carry it out; "Ban Tuyên giáo" holds no verb "giao".
TEST(BodyNamesTest, CommuneExecutionArticleAndTheWordGiaoInsideAName) {
  Letter l = ReadText(
      "QUYẾT ĐỊNH:\n\nĐiều 1. Công nhận 1255 hộ gia đình đạt danh hiệu Gia đình văn hóa năm 2020.\n\n"
      "Điều 3. Công chức Văn phòng thống kê UBND xã, BĐH các thôn chịu trách nhiệm thi hành quyết định này./.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Công chức Văn phòng thống kê UBND xã", "BĐH các thôn"}));
  Letter b = ReadText(
      "1. Trung ương Đoàn TNCS Hồ Chí Minh\n Tổ chức lễ phát động; xây dựng bộ nhận diện.\n\n"
      "Ban Tuyên giáo Trung ương Đoàn là đơn vị thường trực triển khai thực hiện Cuộc vận động.\n");
  for (const Task& t : b.tasks) EXPECT_NE(t.assignee, "Trung ương Đoàn");
}

TEST(DeadlineTest, ADayOfEveryYear) {
  std::vector<FoundDeadline> all =
      FindDeadlines(Rules(), "Xây dựng báo cáo riêng hằng năm, gửi về Trung ương Đoàn trước ngày 30/11.",
                    std::string("2023-04-12"));
  ASSERT_FALSE(all.empty());
  EXPECT_FALSE(all.back().date) << "no single date: it comes back every year";
  EXPECT_EQ(all.back().recurrence, "yearly:11-30");
  Letter l = ReadText("Số: 13-HD/TWĐTN\nHà Nội, ngày 12 tháng 4 năm 2023\n\nKính gửi: Tỉnh đoàn A.\n\n"
                      "1. Các tỉnh, thành Đoàn\nHàng năm, Ban Thường vụ Đoàn cấp tỉnh báo cáo về Trung ương "
                      "Đoàn trước ngày 31/01.\n\nNơi nhận:\n- Lưu.\n");
  EXPECT_TRUE(l.deadlines.empty());
  for (const std::string& flag : l.flags) EXPECT_EQ(flag.find("trước ngày ban hành"), std::string::npos) << flag;
}

// --- adversarial input ---

// Bounded results on hostile text; a hang meets the test's time-out (the time of such input is
// no test's business: `extract_bench` measures speed).
TEST(FuzzTest, HugeLinesDeepNestingAndManyItemsGiveBoundedResults) {
  std::string huge(2'000'000, 'a');
  ReadText(huge);
  std::string nested = "Kính gửi: Phòng A.\n\nChủ tịch yêu cầu:\n";
  std::string marker;
  for (int i = 1; i <= 200; ++i) {
    marker += (i == 1 ? "" : ".") + std::to_string(i % 9 + 1);
    nested += marker.substr(0, 11) + ". Phòng Nội vụ trước ngày 20/6/2023\n- Giao Sở A rà soát\n+ b\n";
  }
  ReadText(nested);
  std::string many = "Kính gửi: Phòng A.\n\nChủ tịch yêu cầu:\n";
  for (int i = 0; i < 100000; ++i) many += "- Phòng Nội vụ chủ trì trước ngày 20/6/2023\n";
  Letter l = ReadText(many);
  EXPECT_LE(l.tasks.size(), 100000u);
  // One item of 50,000 "; X có trách nhiệm" clauses, a Nơi nhận line of 50,000 items and a
  // capital line of 20,000 words (the near-match look-ups of titles and bodies).
  std::string clauses = "Kính gửi: Phòng A.\n\n1. Sở Nội vụ báo cáo";
  for (int i = 0; i < 50000; ++i) clauses += "; Sở Tư pháp có trách nhiệm kiểm tra";
  std::string recipients = "\nNơi nhận:\n- Như trên";
  for (int i = 0; i < 50000; ++i) recipients += "; Sở Y tế";
  std::string capitals = "\n";
  for (int i = 0; i < 20000; ++i) capitals += "PHÓ GIÁM ĐỐC ";
  Letter c = ReadText(clauses + recipients + capitals + "\nNguyễn Văn A\n");
  EXPECT_LE(c.tasks.size(), 20u) << "only the first clauses of an item are tried";
  std::string noise;
  for (int i = 0; i < 200000; ++i) noise.push_back(static_cast<char>((i * 7919) % 251 + 1));
  EXPECT_LE(ReadText(noise).tasks.size(), 1000u);
}

}  // namespace
}  // namespace congvan::extract

namespace congvan::extract {
namespace {

// Bộ Văn hóa, Thể thao và Du lịch, 26/2025/TT-BVHTTDL (heldout/set30text): an amendment quoted
// whole, its clauses "“5. Quyền và trách nhiệm của …" with lettered points under them, and an
// article on the cases a plan covers, quoted too ("“Điều 7. Các trường hợp lập quy hoạch …",
// Nghị định 34/2026/NĐ-CP, heldout/set27text), which names no body.
TEST(BodyTest, ClausesOfAQuotedAmendmentKeepTheirMarkers) {
  const Letter l = ReadText(
      "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH\nSố: 26/2025/TT-BVHTTDL\nTHÔNG TƯ\nSửa đổi Thông tư số 15/2023/TT-BVHTTDL\n\n"
      "Điều 4. Sửa đổi, bổ sung một số điểm, khoản của Điều 8\n"
      "2. Sửa đổi, bổ sung các khoản 5 và 6, bổ sung khoản 7:\n"
      "“5. Quyền và trách nhiệm của Tổ trưởng Tổ giúp việc Hội đồng\n"
      "a) Chủ trì cuộc họp của Tổ giúp việc Hội đồng rà soát Hồ sơ dự án sản xuất phim;\n"
      "b) Thực hiện các quyền, trách nhiệm của tổ viên Tổ giúp việc Hội đồng.\n"
      "7. Quyền và trách nhiệm của cơ quan thường trực của Hội đồng\n"
      "a) Tổ chức các cuộc họp của Hội đồng;\n"
      "b) Bảo đảm cơ sở vật chất cho hoạt động của Hội đồng.”.\n"
      "Điều 5. Sửa đổi Điều 7\n"
      "“Điều 7. Các trường hợp lập quy hoạch chung đô thị\n"
      "1. Thành phố; tỉnh dự kiến thành lập thành phố thuộc hệ thống đô thị.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Tổ trưởng Tổ giúp việc Hội đồng", "Tổ trưởng Tổ giúp việc Hội đồng",
                                                    "Cơ quan thường trực của Hội đồng",
                                                    "Cơ quan thường trực của Hội đồng"}));
}


// Real lines of heldout/set30text: the army's execution clause (04/2026/TT-BQP), a partner named
// before the strong verb (82/2025/TT-NHNN), the supervision clause of a National Assembly
// resolution with its scope between the bodies and the verb, and a duty joined by "và" to the
// responsibility that follows it (170/2024/QH15).
TEST(BodyTest, ExecutionSupervisionAndPartnersOfCentralTexts) {
  const Letter l = ReadText(
      "QUỐC HỘI\nNghị quyết số: 170/2024/QH15\nNGHỊ QUYẾT\nCơ chế, chính sách đặc thù\n\n"
      "Điều 8. Tổ chức thực hiện\n"
      "1. Tổng Tham mưu trưởng, Chủ nhiệm Tổng cục Chính trị, Thủ trưởng các cơ quan, đơn vị và cá nhân có "
      "liên quan chịu trách nhiệm thi hành Thông tư này.\n"
      "2. Thanh tra Ngân hàng Nhà nước phối hợp với Ngân hàng Nhà nước chi nhánh Khu vực có trách nhiệm thanh "
      "tra việc thực hiện các quy định của Thông tư này.\n"
      "3. Ủy ban nhân dân thành phố Đà Nẵng rà soát, hoàn thiện theo thẩm quyền các thủ tục về đất đai của dự "
      "án và chịu trách nhiệm toàn diện trước Quốc hội, Chính phủ về nội dung, kết quả rà soát.\n"
      "4. Quốc hội, Ủy ban Thường vụ Quốc hội, Hội đồng Dân tộc, các Ủy ban của Quốc hội, Mặt trận Tổ quốc "
      "Việt Nam, trong phạm vi nhiệm vụ, quyền hạn của mình, giám sát việc thực hiện Nghị quyết này.\n");
  EXPECT_EQ(Assignees(l),
            (std::vector<std::string>{"Tổng Tham mưu trưởng", "Chủ nhiệm Tổng cục Chính trị",
                                      "Thủ trưởng các cơ quan, đơn vị có liên quan", "Thanh tra Ngân hàng Nhà nước",
                                      "Ủy ban nhân dân thành phố Đà Nẵng", "Quốc hội", "Ủy ban Thường vụ Quốc hội",
                                      "Hội đồng Dân tộc", "Các Ủy ban của Quốc hội", "Mặt trận Tổ quốc Việt Nam"}));
}


// Bộ Y tế, 58/2025/TT-BYT (heldout/set30text): an article that hands the ministry's duties down to
// one of its bodies; each numbered duty below it is that body's task.
TEST(BodyTest, DutiesHandedDownByAnArticleAreTheBodysTasks) {
  const Letter l = ReadText(
      "BỘ Y TẾ\nSố: 58/2025/TT-BYT\nTHÔNG TƯ\nQuy định phân cấp\n\n"
      "Điều 2. Phân cấp thực hiện một số nhiệm vụ trong lĩnh vực phòng bệnh thuộc thẩm quyền của Bộ Y tế cho "
      "Cục Phòng bệnh\n"
      "1. Chủ trì, phối hợp với các cơ quan có liên quan trong việc cung cấp chính xác và khoa học các thông tin "
      "về HIV/AIDS.\n"
      "2. Báo cáo về tình hình thực hiện nhiệm vụ bảo vệ môi trường của Bộ Y tế đến Bộ Nông nghiệp và Môi "
      "trường.\n"
      "3. Tham gia ý kiến đối với công trình Quốc môn và Nhà kiểm soát liên hợp.\n"
      "Điều 4. Hiệu lực thi hành\n"
      "Thông tư này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Cục Phòng bệnh", "Cục Phòng bệnh", "Cục Phòng bệnh"}));
}


// Bộ Tài chính, 96/2025/TT-BTC (heldout/set30text): the text lost "Nơi nhận:", so the list of
// recipients ends the body where its first dash line is, known by the file copy ("- Lưu: …") at
// its end; a "- Lưu ý …" in a body is no file copy.
TEST(BodyTest, ARecipientListWithoutItsLabelEndsTheBody) {
  const std::vector<std::string_view> lines = {
      "Điều 3. Tổ chức thực hiện",
      "Thông tư này có hiệu lực thi hành kể từ ngày 15 tháng 11 năm 2025.",
      "- Văn phòng Quốc hội;",
      "- Cục Kiểm tra văn bản và Quản lý xử lý vi phạm hành chính, Bộ Tư pháp;",
      "- Công báo;",
      "- Lưu: VT, Cục DNNN (80b).",
      "KT. BỘ TRƯỞNG"};
  EXPECT_EQ(FindBody(Rules(), lines).end, 2u);
  const std::vector<std::string_view> note = {"Điều 3. Tổ chức thực hiện", "- Các đơn vị đăng ký tham gia;",
                                              "- Các chi đoàn gửi hồ sơ dự thi;", "- Các cơ sở đoàn phổ biến thể lệ;",
                                              "- Lưu ý thời hạn đăng ký tham gia: đến hết ngày 28/02/2018."};
  EXPECT_EQ(FindBody(Rules(), note).end, note.size());
  EXPECT_EQ(FindRecipientList(note, 0, note.size()), note.size());
}


// Bộ Văn hóa, Thể thao và Du lịch, 02/2026/TT-BVHTTDL (heldout/set30text): the bodies an article
// on whom the text applies to names are asked nothing; the execution article's are.
TEST(BodyTest, AnArticleOnWhomTheTextAppliesToHasNoTasks) {
  const Letter l = ReadText(
      "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH\nSố: 02/2026/TT-BVHTTDL\nTHÔNG TƯ\nQuy định định mức\n\n"
      "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng\n"
      "- Cơ quan, tổ chức, cá nhân sử dụng ngân sách nhà nước để cung cấp dịch vụ sự nghiệp công quy định "
      "tại khoản 1 Điều này;\n"
      "- Cơ quan, tổ chức, cá nhân có liên quan đến việc triển khai cung cấp dịch vụ sự nghiệp công.\n"
      "Điều 5. Trách nhiệm thi hành\n"
      "Chánh Văn phòng Bộ, Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Thông tư "
      "này.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Chánh Văn phòng Bộ", "Thủ trưởng các cơ quan, đơn vị có liên quan"}));
}


// Handing work over: the issuer's own "Bộ Quốc phòng giao Binh chủng Hóa học chủ trì …"
// (13/2026/TT-BQP, heldout/set29text) is the body's task; "Ủy ban nhân dân các tỉnh, thành phố
// giao cơ quan chuyên môn … thực hiện …" in a ministry's circular (63/2025/TT-BXD, set26text) is
// the provinces' task, to hand it on.
TEST(BodyTest, TheIssuerHandsWorkToItsBodyOthersHandItOn) {
  const Letter l = ReadText(
      "BỘ QUỐC PHÒNG\nSố: 13/2026/TT-BQP\nTHÔNG TƯ\nQuy định về hóa chất\n\n"
      "Điều 9. Trách nhiệm thi hành\n"
      "1. Căn cứ yêu cầu quản lý và thực tiễn triển khai, Bộ Quốc phòng giao Binh chủng Hóa học chủ trì, "
      "phối hợp với cơ quan quản lý nhà nước có liên quan tổ chức đánh giá mức độ phù hợp.\n"
      "2. Ủy ban nhân dân các tỉnh, thành phố giao cơ quan chuyên môn về xây dựng ở địa phương thực hiện cấp "
      "giấy phép lưu thông đối với vật liệu.\n"
      "3. Ban An toàn giao thông tỉnh có trách nhiệm phối hợp kiểm tra.\n");
  ASSERT_EQ(Assignees(l), (std::vector<std::string>{"Binh chủng Hóa học", "Ủy ban nhân dân các tỉnh, thành phố",
                                                    "Ban An toàn giao thông tỉnh"}));
  EXPECT_TRUE(l.tasks[1].summary.starts_with("Giao cơ quan chuyên môn về xây dựng")) << l.tasks[1].summary;
}


// Luật 140/2025/QH15 (heldout/set27text): a list of goods and services with the body that sets
// each price is a list of powers, no work asked.
TEST(BodyTest, WhoSetsAPriceIsNoTask) {
  const Letter l = ReadText(
      "QUỐC HỘI\nLuật số: 140/2025/QH15\nLUẬT\nSửa đổi Luật Giá\n\n"
      "3. Sửa đổi, bổ sung một số mục tại Phụ lục số 02 Danh mục hàng hóa, dịch vụ do Nhà nước định giá như sau:\n"
      "a) Dịch vụ kiểm định an toàn kỹ thuật các thiết bị, dụng cụ điện\n"
      "Bộ Công Thương định khung giá\n"
      "b) Dịch vụ vận chuyển hành khách hàng không nội địa thường lệ hạng phổ thông cơ bản\n"
      "Bộ Xây dựng định giá tối đa\n");
  EXPECT_TRUE(l.tasks.empty()) << ::testing::PrintToString(Assignees(l));
}


// Real lines of heldout/set31text: a department named "… và Bảo vệ thực vật" ("bảo" is no
// newspaper, 75/2025/TT-BNNMT) and "… và Kiểm lâm" (no verb "làm", 58/2025/TT-BNNMT); "được
// giao chủ trì" inside a name (148/2025/TT-BTC); "ra quyết định" ends a name (30/2025/TT-BTP).
TEST(BodyTest, NamesOfDepartmentsAndHeadsOfCentralCirculars) {
  const Letter l = ReadText(
      "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 75/2025/TT-BNNMT\nTHÔNG TƯ\nQuy định thử\n\n"
      "Điều 5. Tổ chức thực hiện\n"
      "1. Cục trưởng Cục Trồng trọt và Bảo vệ thực vật có trách nhiệm hướng dẫn thực hiện Thông tư này.\n"
      "2. Cục Lâm nghiệp và Kiểm lâm có trách nhiệm kiểm tra việc thực hiện.\n"
      "3. Người đứng đầu đơn vị được giao chủ trì xây dựng văn bản quy phạm pháp luật có trách nhiệm tổ chức "
      "thực hiện.\n"
      "4. Trong thời hạn 05 ngày làm việc, kể từ ngày nhận được văn bản đề nghị, Giám đốc Sở Tư pháp ra quyết "
      "định thu hồi Thẻ tư vấn viên pháp luật.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{
                              "Cục trưởng Cục Trồng trọt và Bảo vệ thực vật", "Cục Lâm nghiệp và Kiểm lâm",
                              "Người đứng đầu đơn vị được giao chủ trì xây dựng văn bản quy phạm pháp luật",
                              "Giám đốc Sở Tư pháp"}));
}

// News items of local bodies (heldout/set32text, set18text): a name that ran on into "phân
// công", a clause opened by a lower-case group after "; ", a letter's addressees cut at "; ".
TEST(BodyTest, ClausesOfAListOfRequestsInANewsItem) {
  const Letter krong_bong = ReadText(
      "Chủ tịch UBND huyện chỉ đạo bảo đảm an ninh dịp nghỉ lễ\n\n"
      "Chủ tịch UBND huyện giao các cơ quan, đơn vị trực thuộc UBND huyện; UBND các xã, thị trấn phân "
      "công lãnh đạo, nhân viên trực bảo đảm an ninh trật tự tại trụ sở cơ quan.\n");
  ASSERT_EQ(Assignees(krong_bong), (std::vector<std::string>{"Các cơ quan, đơn vị trực thuộc UBND huyện",
                                                             "UBND các xã, thị trấn"}));
  EXPECT_TRUE(krong_bong.tasks[1].summary.starts_with("Phân công lãnh đạo")) << krong_bong.tasks[1].summary;

  const Letter quang_binh = ReadText(
      "Quảng Bình: Lựa chọn những vấn đề trọng tâm để thảo luận, chất vấn\n\n"
      "Tại hội nghị, Thường trực HĐND tỉnh yêu cầu: UBND tỉnh rà soát, chuẩn bị kỹ các nội dung trình; "
      "các Tổ đại biểu lựa chọn những vấn đề trọng tâm để thảo luận, chất vấn; các Ban HĐND thẩm tra "
      "dự thảo nghị quyết chặt chẽ; Văn phòng Đoàn ĐBQH và HĐND tỉnh tham mưu, giúp Thường trực HĐND "
      "tỉnh đôn đốc thực hiện.\n");
  EXPECT_EQ(Assignees(quang_binh), (std::vector<std::string>{"UBND tỉnh", "Các Tổ đại biểu", "Các Ban HĐND",
                                                             "Văn phòng Đoàn ĐBQH và HĐND tỉnh"}));

  const Letter sent = ReadText(
      "Trước 25-8 các địa phương phải báo cáo về quản lý quy hoạch xây dựng\n\n"
      "Bộ Xây dựng vừa có văn bản gửi Sở Xây dựng các tỉnh và TP trực thuộc trung ương; các Sở Kiến trúc "
      "Quy hoạch Hà Nội và TPHCM yêu cầu báo cáo về tình hình thực hiện quản lý quy hoạch xây dựng.\n");
  EXPECT_EQ(Assignees(sent), (std::vector<std::string>{"Sở Xây dựng các tỉnh và TP trực thuộc trung ương",
                                                       "Các Sở Kiến trúc Quy hoạch Hà Nội và TPHCM"}));

  // A group after a colon opens its clause; "tại các Thôn, Tổ dân phố" says where it works.
  const Letter hai_phong = ReadText(
      "Các địa phương thực hiện nghiêm chế độ báo cáo hàng ngày\n\n"
      "Thực hiện nghiêm chế độ báo cáo hàng ngày về tình hình di biến động dân cư trên địa bàn theo "
      "phương thức: các Tổ kiểm soát dịch bệnh COVID-19 tại các Thôn, Tổ dân phố chốt số liệu vào 15h00 "
      "hàng ngày, báo cáo về UBND xã, phường, thị trấn trước 15h30 hàng ngày. UBND xã, phường, thị trấn "
      "tổng hợp, báo cáo UBND quận, huyện vào 16h00 hàng ngày.\n");
  EXPECT_EQ(Assignees(hai_phong),
            (std::vector<std::string>{"Các Tổ kiểm soát dịch bệnh COVID-19 tại các Thôn, Tổ dân phố",
                                      "UBND xã, phường, thị trấn"}));

  // A group named by its kind, a colon, its members; "Quân sự" beside "Công an" is an office.
  const Letter van_khanh = ReadText(
      "Thông báo: Treo Quốc kỳ và nghỉ tết Dương lịch năm 2026\n\n"
      "Các đơn vị: Công an, Quân sự, trạm Y tế phải đảm bảo nhân lực và phương tiện cần thiết để thực "
      "hiện tốt nhiệm vụ thường xuyên.\n");
  EXPECT_EQ(Assignees(van_khanh), (std::vector<std::string>{"Công an", "Quân sự", "Trạm Y tế"}));

  // The same in a numbered item, after a sentence that ends in an ellipsis.
  const Letter item = ReadText(
      "Thông báo: Treo Quốc kỳ và nghỉ tết Dương lịch năm 2026\n\n"
      "Ủy ban nhân dân xã Vân Khánh thông báo thời gian nghỉ tết như sau:\n\n"
      "2. Trong thời gian nghỉ tết Dương lịch, các Phòng ban chuyên môn bố trí trực và sắp xếp các bộ "
      "phận làm việc hợp lý, các nhiệm vụ cấp thiết khác,… Các đơn vị: Công an, Quân sự, trạm Y tế phải "
      "đảm bảo nhân lực và phương tiện cần thiết.\n");
  EXPECT_EQ(Assignees(item),
            (std::vector<std::string>{"Các Phòng ban chuyên môn", "Công an", "Quân sự", "Trạm Y tế"}));
}

// Provincial decisions of heldout/set33text: "Các ông (bà)" before the office-holders, and a
// comma printed without its space ("các huyện,thành phố").
TEST(BodyTest, OfficeHoldersOfAnOlderExecutionArticle) {
  const Letter l = ReadText(
      "ỦY BAN NHÂN DÂN\nTỈNH VĨNH LONG\nSố: 18/2009/QĐ-UBND\nVĩnh Long, ngày 10 tháng 8 năm 2009\n"
      "QUYẾT ĐỊNH\nVề việc đổi tên các Đài truyền thanh\n\n"
      "Điều 3. Các ông (bà) Chánh Văn phòng Uỷ ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Chủ tịch Uỷ ban "
      "nhân dân các huyện,thành phố chịu trách nhiệm thi hành Quyết định này./.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Chánh Văn phòng Uỷ ban nhân dân tỉnh", "Giám đốc Sở Nội vụ",
                                                    "Chủ tịch Uỷ ban nhân dân các huyện, thành phố"}));
}

// heldout/set32text, a district council's report: "Đoàn giám sát" is a name, "đã" a past act.
TEST(BodyTest, WhatASupervisionTeamDidIsNoDuty) {
  const Letter l = ReadText(
      "HĐND huyện giám sát việc giải quyết kiến nghị của cử tri\n\n"
      "Qua đó, Đoàn giám sát đã chỉ ra những tồn tại hạn chế, nguyên nhân. Đồng thời, đề nghị UBND huyện "
      "chỉ đạo các ngành chức năng tiếp tục rà soát đưa ra giải pháp khắc phục.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"UBND huyện"}));
}

// Thông tư 60/2025/TT-BNNMT (heldout/set31text): a unit's position, mandate and structure are
// what it is, not work assigned; the duty after them is.
TEST(BodyTest, AUnitsStandingMandateIsNoTask) {
  const Letter l = ReadText(
      "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 60/2025/TT-BNNMT\nHà Nội, ngày 1 tháng 12 năm 2025\nTHÔNG TƯ\n"
      "Hướng dẫn về khuyến nông\n\n"
      "Điều 2. Trung tâm Khuyến nông cấp tỉnh\n1. Vị trí, chức năng\n"
      "a) Trung tâm Khuyến nông cấp tỉnh là đơn vị sự nghiệp công lập trực thuộc Sở Nông nghiệp và Môi trường.\n"
      "2. Nhiệm vụ và quyền hạn\na) Đề xuất xây dựng văn bản quy phạm pháp luật về khuyến nông;\n"
      "b) Hướng dẫn, điều phối công tác khuyến nông xã.\n"
      "3. Cơ cấu tổ chức\nCơ cấu tổ chức của Trung tâm gồm có các phòng chuyên môn, nghiệp vụ.\n"
      "Điều 4. Tổ chức thực hiện\n1. Sở Nông nghiệp và Môi trường có trách nhiệm trình Ủy ban nhân dân cấp "
      "tỉnh quy định chức năng, nhiệm vụ của Trung tâm Khuyến nông cấp tỉnh.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Sở Nông nghiệp và Môi trường"}));
}

// Thông tư 124/2025/TT-BCA (heldout/set30text): "do Bộ trưởng … giao thực hiện" names who gave
// the work; the item's body does it.
TEST(BodyTest, WhoGaveTheWorkIsNotWhoDoesIt) {
  const Letter l = ReadText(
      "BỘ CÔNG AN\nSố: 124/2025/TT-BCA\nHà Nội, ngày 1 tháng 12 năm 2025\nTHÔNG TƯ\nQuy định về hội thảo\n\n"
      "Điều 5. Trách nhiệm của đơn vị\n1. Cục Khoa học có trách nhiệm:\na) Thẩm định hồ sơ;\n"
      "b) Xây dựng kế hoạch tổ chức hội thảo khoa học cấp bộ do Bộ trưởng Bộ Công an giao thực hiện;\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Cục Khoa học", "Cục Khoa học"}));
}

// Thông tư 03/2026/TT-BYT and 47/2025/TT-BYT (heldout/set35text): department heads' titles before
// "các Vụ, Cục thuộc Bộ Y tế" are one group of office-holders; printed bare one after another
// (Thông tư 02/2026/TT-BYT, heldout/set27text) each is one as printed.
TEST(BodyTest, DepartmentHeadsShareTheirGroup) {
  const Letter grouped = ReadText(
      "BỘ Y TẾ\nSố: 03/2026/TT-BYT\nHà Nội, ngày 1 tháng 1 năm 2026\nTHÔNG TƯ\nBãi bỏ một số văn bản\n\n"
      "Điều 3. Trách nhiệm thi hành\n2. Chánh Văn phòng Bộ, Vụ trưởng Vụ Pháp chế, Vụ trưởng, Cục trưởng các "
      "Vụ, Cục thuộc Bộ Y tế và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Thông "
      "tư này.\n");
  EXPECT_EQ(Assignees(grouped),
            (std::vector<std::string>{"Chánh Văn phòng Bộ", "Vụ trưởng Vụ Pháp chế",
                                      "Vụ trưởng, Cục trưởng các Vụ, Cục thuộc Bộ Y tế"}));
  const Letter bare = ReadText(
      "BỘ Y TẾ\nSố: 02/2026/TT-BYT\nHà Nội, ngày 1 tháng 1 năm 2026\nTHÔNG TƯ\nQuy định về khám bệnh\n\n"
      "Điều 4. Tổ chức thực hiện\nChánh Văn phòng Bộ; Vụ trưởng; Cục trưởng; Y tế Bộ, ngành; Giám đốc Sở Y "
      "tế các tỉnh, thành phố trực thuộc Trung ương và cơ quan, tổ chức, cá nhân có liên quan chịu trách "
      "nhiệm thực hiện Thông tư này.\n");
  EXPECT_EQ(Assignees(bare),
            (std::vector<std::string>{"Chánh Văn phòng Bộ", "Vụ trưởng", "Cục trưởng", "Y tế Bộ, ngành",
                                      "Giám đốc Sở Y tế các tỉnh, thành phố trực thuộc Trung ương"}));
}

// Nghị định 304/2025/NĐ-CP (heldout/set35text): an article on the rights and duties of credit
// institutions and debt-trading companies, named in lower case, gives each its numbered duties.
TEST(BodyTest, CreditInstitutionsNamedByAnArticleHeading) {
  const Letter l = ReadText(
      "CHÍNH PHỦ\nSố: 304/2025/NĐ-CP\nHà Nội, ngày 1 tháng 11 năm 2025\nNGHỊ ĐỊNH\nQuy định về thu giữ tài "
      "sản bảo đảm\n\n"
      "Điều 6. Quyền và trách nhiệm của tổ chức tín dụng, chi nhánh ngân hàng nước ngoài, tổ chức mua bán, "
      "xử lý nợ\n"
      "1. Cung cấp đầy đủ thông tin cho bên bảo đảm về quyền và trách nhiệm của bên bảo đảm.\n"
      "2. Trích khoản tiền cho bên bảo đảm theo quy định tại khoản 1 Điều 4 Nghị định này.\n"
      "Điều 7. Hiệu lực và trách nhiệm thi hành\n"
      "1. Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 12 năm 2025.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{
                              "Tổ chức tín dụng, chi nhánh ngân hàng nước ngoài", "Tổ chức mua bán, xử lý nợ",
                              "Tổ chức tín dụng, chi nhánh ngân hàng nước ngoài", "Tổ chức mua bán, xử lý nợ"}));
}

// Thông tư 12/2025/TT-BTP (heldout/set35text): forms and registers fold like boards and
// offices ("Bản" like "Ban", "sổ" like "Sở") but act in nothing; the authority does.
TEST(BodyTest, PapersAreNoBoards) {
  const Letter l = ReadText(
      "BỘ TƯ PHÁP\nSố: 12/2025/TT-BTP\nHà Nội, ngày 1 tháng 11 năm 2025\nTHÔNG TƯ\nBan hành sổ, mẫu giấy tờ\n\n"
      "Điều 6. Giá trị pháp lý của Bản điện tử giấy tờ quốc tịch\n"
      "1. Bản điện tử giấy tờ quốc tịch có giá trị pháp lý và sử dụng như giấy tờ quốc tịch bản giấy.\n"
      "2. Các sổ quốc tịch phải được lưu trữ vĩnh viễn, bảo quản theo quy định pháp luật về lưu trữ.\n"
      "3. Cơ quan có thẩm quyền thụ lý hồ sơ có trách nhiệm in và cung cấp cho người có yêu cầu.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Cơ quan có thẩm quyền thụ lý hồ sơ"}));
  // Công văn of the Ministry of Education (heldout/set14text): universities are bodies.
  const Letter schools = ReadText(
      "BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 1/BGDĐT-GDĐH\nHà Nội, ngày 1 tháng 3 năm 2014\nV/v tên tiếng Anh\n\n"
      "Các đại học, học viện báo cáo về Bộ trước ngày 15/3/2014.\n");
  EXPECT_FALSE(Assignees(schools).empty());
}

// Thông tư 18/2025/TT-BVHTTDL (heldout/set35text): departments of one kind listed before the
// provinces they are in share them, and the title the first gives; a kind in lower case after a
// named office (heldout/set18text, Sở Y tế Hà Tĩnh) takes the places alone.
TEST(BodyTest, DepartmentsListedBeforeTheirProvinces) {
  const Letter l = ReadText(
      "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH\nSố: 18/2025/TT-BVHTTDL\nHà Nội, ngày 11 tháng 12 năm 2025\nTHÔNG TƯ\n"
      "Bãi bỏ một số văn bản\n\n"
      "Điều 3. Trách nhiệm thi hành\n2. Thủ trưởng các cơ quan, đơn vị thuộc Bộ; Chủ tịch Ủy ban nhân dân các tỉnh, "
      "thành phố, Giám đốc Sở Văn hóa, Thể thao và Du lịch, Sở Văn hóa và Thể thao, Sở Du lịch các tỉnh, thành phố "
      "trực thuộc trung ương và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Thông tư "
      "này./.\n");
  EXPECT_EQ(Assignees(l),
            (std::vector<std::string>{
                "Thủ trưởng các cơ quan, đơn vị thuộc Bộ", "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố",
                "Giám đốc Sở Văn hóa, Thể thao và Du lịch các tỉnh, thành phố trực thuộc trung ương",
                "Giám đốc Sở Văn hóa và Thể thao các tỉnh, thành phố trực thuộc trung ương",
                "Giám đốc Sở Du lịch các tỉnh, thành phố trực thuộc trung ương"}));
  // Thông tư 24/2025/TT-BVHTTDL (heldout/set41text): the run sharing its places may stand before
  // the last office of the list.
  const Letter middle = ReadText(
      "Điều 15. Trách nhiệm thi hành\n1. Cục trưởng Cục Thông tin cơ sở và Thông tin đối ngoại; Giám đốc Sở Văn "
      "hóa, Thể thao và Du lịch, Sở Văn hóa và Thể thao các tỉnh, thành phố trực thuộc trung ương; Chủ tịch Ủy "
      "ban nhân dân cấp xã chịu trách nhiệm thi hành Thông tư này.\n");
  EXPECT_EQ(Assignees(middle),
            (std::vector<std::string>{"Cục trưởng Cục Thông tin cơ sở và Thông tin đối ngoại",
                                      "Giám đốc Sở Văn hóa, Thể thao và Du lịch các tỉnh, thành phố trực thuộc trung ương",
                                      "Giám đốc Sở Văn hóa và Thể thao các tỉnh, thành phố trực thuộc trung ương",
                                      "Chủ tịch Ủy ban nhân dân cấp xã"}));
  const Letter health = ReadText(
      "Sở Y tế Hà Tĩnh vừa có văn bản yêu cầu Trung tâm Kiểm soát bệnh tật, trung tâm y tế các huyện, thành "
      "phố, thị xã tăng cường giám sát, theo dõi chặt chẽ tình hình COVID-19.\n");
  EXPECT_EQ(Assignees(health), (std::vector<std::string>{"Trung tâm Kiểm soát bệnh tật",
                                                         "Trung tâm y tế các huyện, thành phố, thị xã"}));
}

// Nghị định 367/2025/NĐ-CP (heldout/set35text): the leaders of a centre "do Chủ tịch … quyết định
// bổ nhiệm" are who is appointed; who appoints them has the duty.
TEST(BodyTest, WhoAppointsHasTheDuty) {
  const Letter l = ReadText(
      "CHÍNH PHỦ\nSố: 367/2025/NĐ-CP\nHà Nội, ngày 31 tháng 12 năm 2025\nNGHỊ ĐỊNH\nSửa đổi Nghị định số "
      "118/2025/NĐ-CP\n\n"
      "Điều 1. Sửa đổi, bổ sung một số điều\n"
      "“a) Lãnh đạo Trung tâm Phục vụ hành chính công cấp tỉnh do Chủ tịch Ủy ban nhân dân cấp tỉnh quyết định "
      "bổ nhiệm, gồm 01 Giám đốc tương đương Phó Chánh Văn phòng Ủy ban nhân dân cấp tỉnh;\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Chủ tịch Ủy ban nhân dân cấp tỉnh"}));
}

// Thông tư 99/2025/TT-BNNMT (heldout/set35text): state groups and corporations in lower case
// beside the provinces and ministries are bodies of their own; "lâm nghiệp" is forestry, no
// verb "làm", so a past act after it ("đã thực hiện") asks nothing.
TEST(BodyTest, StateGroupsAndForestryCompanies) {
  const Letter l = ReadText(
      "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 99/2025/TT-BNNMT\nHà Nội, ngày 31 tháng 12 năm 2025\nTHÔNG TƯ\n"
      "Sửa đổi Thông tư số 02/2015/TT-BNNPTNT\n\n"
      "Điều 1. Sửa đổi, bổ sung một số điều\n"
      "“1. Ủy ban nhân dân cấp tỉnh, tập đoàn, tổng công ty, Bộ, ngành chủ quản căn cứ Đề án sắp xếp, đổi mới "
      "của công ty nông, lâm nghiệp trực thuộc, tổng hợp thành Phương án sắp xếp, đổi mới công ty nông, lâm "
      "nghiệp do địa phương, tập đoàn, tổng công ty, Bộ, ngành mình quản lý.”.\n"
      "Điều 2. Điều khoản chuyển tiếp\n"
      "3. Các Bộ, ngành chủ quản; Ủy ban nhân dân cấp tỉnh; tập đoàn, tổng công ty nông, lâm nghiệp đã thực "
      "hiện thẩm định Đề án trước thời điểm Thông tư này có hiệu lực thi hành.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Ủy ban nhân dân cấp tỉnh", "Tập đoàn, tổng công ty",
                                                    "Bộ, ngành chủ quản"}));
}

// Thông tư 99/2025/TT-BNNMT (heldout/set35text): a topic, a colon, then the bodies and their verb;
// a photo's caption, a body handing work on and a duty listing its parts are none (heldout
// set14text, set23text, set27text).
TEST(BodyTest, BodiesAfterATopic) {
  const Letter l = ReadText(
      "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 99/2025/TT-BNNMT\nHà Nội, ngày 31 tháng 12 năm 2025\nTHÔNG TƯ\n"
      "Sửa đổi Thông tư số 02/2015/TT-BNNPTNT\n\n"
      "Điều 1. Sửa đổi, bổ sung một số điều\n"
      "“e. Số lượng hồ sơ trình thẩm định: Bộ, ngành chủ quản; Uỷ ban nhân dân cấp tỉnh; tập đoàn, tổng công ty "
      "nông, lâm nghiệp gửi Hồ sơ trình thẩm định Phương án về Bộ Nông nghiệp và Môi trường bằng văn bản điện "
      "tử.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Bộ, ngành chủ quản", "Uỷ ban nhân dân cấp tỉnh",
                                                    "Tập đoàn, tổng công ty nông, lâm nghiệp"}));
  EXPECT_TRUE(Assignees(ReadText("Ảnh: Đoàn TN phôi shợp với bân ấp Tân Hợp thực hiện thu gom rác thải\n")).empty());
  const Letter listed = ReadText(
      "BỘ QUỐC PHÒNG\nSố: 09/2026/TT-BQP\nHà Nội, ngày 1 tháng 1 năm 2026\nTHÔNG TƯ\nQuy định về vật liệu nổ\n\n"
      "Điều 7. Trách nhiệm của Tổng Tham mưu trưởng\n“5. Chỉ đạo cơ quan chức năng thuộc quyền: Bộ Tham mưu "
      "cấp, cấp lại, cấp đổi, điều chỉnh, thu hồi giấy phép sử dụng vật liệu nổ công nghiệp; Cục Quản lý Công "
      "nghệ tổ chức huấn luyện.\n");
  EXPECT_EQ(Assignees(listed), (std::vector<std::string>{"Tổng Tham mưu trưởng"}));
}

// Thông tư 49/2025/TT-BXD (heldout/set36text): a port authority named in a port-waters circular
// is a body that manages and leads.
TEST(BodyTest, PortAuthorities) {
  const Letter l = ReadText(
      "BỘ XÂY DỰNG\nSố: 49/2025/TT-BXD\nHà Nội, ngày 1 tháng 12 năm 2025\nTHÔNG TƯ\nCông bố vùng nước cảng "
      "biển\n\n"
      "Điều 3. Khu vực quản lý của Cảng vụ Hàng hải Hải Phòng\n"
      "1. Cảng vụ Hàng hải Hải Phòng quản lý nhà nước chuyên ngành hàng hải tại cảng biển thuộc địa phận thành "
      "phố Hải Phòng và khu vực hàng hải quy định tại Điều 2 Thông tư này.\n"
      "3. Cảng vụ Hàng hải Hải Phòng chủ trì, phối hợp Cảng vụ Hàng hải Quảng Ninh xây dựng Quy chế phối hợp để "
      "thực hiện quy định tại khoản 2 Điều này.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Cảng vụ Hàng hải Hải Phòng", "Cảng vụ Hàng hải Hải Phòng"}));
}

// Thông tư 03/2026/TT-BXD (heldout/set36text): a database is no school or branch ("Cơ sở"): the
// sentence about it names no body, and the next one's body is read.
TEST(BodyTest, ADatabaseIsNoBody) {
  const std::vector<std::string> who = Assignees(ReadText(
      testing::ReadFile(testing::TestData("extract/heldout/set36text/letters/bxd_tt_03_2026.txt"))));
  EXPECT_NE(std::find(who.begin(), who.end(), "Các địa phương"), who.end());
  EXPECT_TRUE(std::none_of(who.begin(), who.end(), [](const std::string& a) { return a.starts_with("Cơ sở dữ liệu"); }));
}

// Nghị quyết 106/2025/UBTVQH15 (heldout/set36text): a resolution with no place-and-date line is
// dated by its adoption sentence.
TEST(BodyTest, AResolutionIsDatedByItsAdoption) {
  const Letter l = ReadText(testing::ReadFile(testing::TestData("extract/heldout/set36text/letters/ubtvqh_nq_106_2025.txt")));
  EXPECT_EQ(Opt(l.date), "2025-10-16");
  EXPECT_EQ(Opt(l.place), "<null>");
}

// Nghị quyết 88/2025/UBTVQH15 and Thông tư 11/2026/TT-BTC (heldout/set37text, set36text): what a
// body is ("là bộ máy giúp việc") asks nothing of it; "khai, nộp" is what a fee collector does.
TEST(BodyTest, WhatABodyIsAndAFeeCollectorsDeclaring) {
  const Letter office = ReadText(
      "ỦY BAN THƯỜNG VỤ QUỐC HỘI\nNghị quyết số: 88/2025/UBTVQH15\nHà Nội, ngày 10 tháng 7 năm 2025\nNGHỊ "
      "QUYẾT\nQuy định về bộ máy giúp việc của Hội đồng bầu cử quốc gia\n\n"
      "Điều 1. Vị trí, chức năng\n1. Văn phòng Hội đồng bầu cử quốc gia là bộ máy giúp việc của Hội đồng bầu "
      "cử quốc gia.\n");
  EXPECT_TRUE(Assignees(office).empty());
  const Letter fee = ReadText(
      "BỘ TÀI CHÍNH\nSố: 11/2026/TT-BTC\nHà Nội, ngày 1 tháng 2 năm 2026\nTHÔNG TƯ\nQuy định mức thu phí\n\n"
      "Điều 5. Quản lý phí\nb) Nguồn chi phí trang trải cho việc thu phí được ngân sách nhà nước bố trí trong "
      "dự toán của tổ chức thu phí. Tổ chức thu phí khai, nộp và quyết toán phí theo quy định của pháp luật về "
      "quản lý thuế.\n");
  EXPECT_EQ(Assignees(fee), (std::vector<std::string>{"Tổ chức thu phí"}));
}

// Thông tư 74/2025/TT-BNNMT (heldout/set39text): "Cơ quan quản lý nhà nước về thủy sản" is the
// managing agency named by an item's heading, whose points are its duties; "quản lý" is no verb
// of it.
TEST(BodyTest, TheManagingAgencyOfAnItemsHeading) {
  const Letter l = ReadText(
      "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 74/2025/TT-BNNMT\nHà Nội, ngày 1 tháng 12 năm 2025\nTHÔNG TƯ\nQuy "
      "định về cấp COA\n\n"
      "Điều 10. Trách nhiệm của cơ quan, tổ chức, cá nhân\n"
      "1. Trách nhiệm của Cơ quan quản lý nhà nước về thủy sản thuộc Bộ Nông nghiệp và Môi trường\n"
      "a) Tổ chức tập huấn, hướng dẫn các Cơ quan quản lý nhà nước về thủy sản cấp tỉnh thực hiện quy định của "
      "Thông tư này;\n"
      "2. Trách nhiệm của cơ quan quản lý nhà nước về thủy sản cấp tỉnh\n"
      "a) Tổ chức thực hiện cấp Giấy chứng nhận thủy sản, sản phẩm thủy sản đạt yêu cầu xuất khẩu vào Hoa Kỳ;\n");
  EXPECT_EQ(Assignees(l),
            (std::vector<std::string>{"Cơ quan quản lý nhà nước về thủy sản thuộc Bộ Nông nghiệp và Môi trường",
                                      "Cơ quan quản lý nhà nước về thủy sản cấp tỉnh"}));
}

// Nghị định 325/2025/NĐ-CP (heldout/set39text): "Điều 10. Bảo hiểm xã hội" is the insurance the
// article is about, not the agency; "Bảo hiểm xã hội tỉnh" is the agency.
TEST(BodyTest, TheInsuranceAnArticleIsAboutIsNoAgency) {
  const Letter topic = ReadText(
      "CHÍNH PHỦ\nSố: 325/2025/NĐ-CP\nHà Nội, ngày 1 tháng 12 năm 2025\nNGHỊ ĐỊNH\nQuy định về lao động tại "
      "Trung tâm tài chính quốc tế\n\n"
      "Điều 10. Bảo hiểm xã hội\n"
      "1. Việc tham gia và giải quyết các chế độ bảo hiểm xã hội đối với người lao động Việt Nam làm việc tại "
      "Trung tâm tài chính quốc tế được thực hiện theo quy định của pháp luật về bảo hiểm xã hội.\n");
  EXPECT_TRUE(Assignees(topic).empty());
  const Letter agency = ReadText("Bảo hiểm xã hội tỉnh có trách nhiệm hướng dẫn các đơn vị thực hiện.\n");
  EXPECT_EQ(Assignees(agency), (std::vector<std::string>{"Bảo hiểm xã hội tỉnh"}));
}

// Nghị định 17/2026/NĐ-CP (heldout/set40text): the sanctioning articles list what an office may
// do ("… có quyền: a) Phạt cảnh cáo; b) Phạt tiền …"), not work asked of it; the same office
// with "có trách nhiệm:" over its points has tasks.
TEST(BodyTest, AListOfPowersIsNoTask) {
  const Letter powers = ReadText(
      "CHÍNH PHỦ\nSố: 17/2026/NĐ-CP\nHà Nội, ngày 14 tháng 01 năm 2026\nNGHỊ ĐỊNH\nSửa đổi, bổ sung một số "
      "điều của Nghị định số 162/2018/NĐ-CP\n\n"
      "Điều 33. Thẩm quyền của Chủ tịch Ủy ban nhân dân\n"
      "1. Chủ tịch Ủy ban nhân dân cấp xã có quyền:\n"
      "a) Phạt cảnh cáo;\n"
      "b) Phạt tiền đến 50.000.000 đồng;\n"
      "c) Tước quyền sử dụng giấy phép có thời hạn hoặc đình chỉ hoạt động có thời hạn;\n"
      "2. Thanh tra viên Thanh tra Bộ Công an, Thanh tra Hàng không Việt Nam trong thời hạn thanh tra có "
      "quyền:\n"
      "a) Phạt cảnh cáo;\n"
      "b) Tịch thu tang vật, phương tiện vi phạm hành chính;\n");
  EXPECT_TRUE(Assignees(powers).empty());
  const Letter duties = ReadText(
      "Điều 5. Trách nhiệm thi hành\n"
      "1. Chủ tịch Ủy ban nhân dân cấp xã có trách nhiệm:\n"
      "a) Tổ chức lập biên bản vi phạm hành chính;\n"
      "b) Báo cáo Ủy ban nhân dân cấp tỉnh kết quả xử phạt.\n");
  EXPECT_EQ(Assignees(duties), (std::vector<std::string>{"Chủ tịch Ủy ban nhân dân cấp xã",
                                                         "Chủ tịch Ủy ban nhân dân cấp xã"}));
}

// Thông tư 35/2025/TT-BNNMT, 33/2025/TT-BTNMT and 41/2025/TT-BXD (heldout/set40text): a map
// ("Bản đồ địa chất tỷ lệ 1:500.000") is no board, a legal basis ("Cơ sở pháp lý lập đề án") no
// facility, an original ("Bản chính hoặc biểu mẫu điện tử Đơn …") no board.
TEST(BodyTest, MapsAndTheBasisOfAReportAreNoBodies) {
  const Letter map = ReadText(
      "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 35/2025/TT-BNNMT\nHà Nội, ngày 1 tháng 7 năm 2025\nTHÔNG TƯ\nQuy "
      "định về lập bản đồ địa chất\n\n"
      "Điều 4. Bản đồ địa chất tỷ lệ 1:500.000\n"
      "1. Tổng hợp, phân tích và xử lý tài liệu về địa chất, khoáng sản đến tỷ lệ 1/500.000.\n"
      "2. Điều tra bổ sung thông tin địa chất, khoáng sản; liên kết, khoanh nối các phân vị địa chất.\n"
      "Điều 10. Nội dung của báo cáo\n"
      "1. Báo cáo kết quả điều tra cơ bản địa chất bao gồm các nội dung chính sau đây:\n"
      "a) Cơ sở pháp lý lập báo cáo;\n"
      "b) Cơ sở, độ tin cậy của tài liệu thu thập, xử lý, tổng hợp để lập báo cáo;\n"
      "Điều 6. Hồ sơ đề nghị cấp Giấy phép vận tải biển nội địa\n"
      "1. Bản chính hoặc biểu mẫu điện tử Đơn đề nghị theo Mẫu số 01 của Phụ lục.\n");
  EXPECT_TRUE(Assignees(map).empty());
  const Letter board = ReadText("Ban Chính sách, Chiến lược Trung ương chủ trì tổng hợp ý kiến.\n");
  EXPECT_EQ(Assignees(board), (std::vector<std::string>{"Ban Chính sách, Chiến lược Trung ương"}));
}

// Thông tư 41/2025/TT-BXD and 84/2025/TT-NHNN (heldout/set40text): an article "Thẩm quyền …"
// says who grants what, no work asked (the annotation brief from set 39 on); "Cơ sở và nguyên
// tắc chung" over the rules of a report names a basis, no facility.
TEST(BodyTest, AnArticleOfCompetenceAndTheBasisOfAReportGiveNoTask) {
  const Letter l = ReadText(
      "BỘ XÂY DỰNG\nSố: 41/2025/TT-BXD\nHà Nội, ngày 1 tháng 12 năm 2025\nTHÔNG TƯ\nQuy định về cấp Giấy "
      "phép vận tải biển nội địa\n\n"
      "Điều 4. Thẩm quyền cấp Giấy phép vận tải biển nội địa\n"
      "1. Bộ trưởng Bộ Xây dựng cấp Giấy phép vận tải biển nội địa cho tàu biển nước ngoài trong các trường "
      "hợp sau:\n"
      "a) Vận chuyển hàng hóa siêu trường, siêu trọng;\n"
      "2. Giám đốc Cảng vụ hàng hải khu vực cấp Giấy phép vận tải biển nội địa cho tàu biển nước ngoài vận "
      "chuyển hành khách.\n"
      "Điều 5. Cơ sở và nguyên tắc chung\n"
      "1. Báo cáo tài chính được lập trên cơ sở số liệu các tài khoản trong Báo cáo tình hình tài chính.\n"
      "Điều 15. Tổ chức thực hiện\n"
      "Cục Hàng hải và Đường thủy Việt Nam có trách nhiệm tổ chức thực hiện Thông tư này.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Cục Hàng hải và Đường thủy Việt Nam"}));
}

// Thông tư 79/2025/TT-BNNMT (heldout/set39text): a step of a procedure, after the case it covers
// ("Trường hợp hồ sơ …,"), is the task of the body named after the comma; the bodies a case names
// before "về việc" ("… ý kiến thống nhất của Bộ Quốc phòng, Bộ Công an, Bộ Xây dựng về việc giao
// …") are none.
TEST(BodyTest, AStepAfterItsCaseAndTheBodiesTheCaseNames) {
  const Letter l = ReadText(
      "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 79/2025/TT-BNNMT\nHà Nội, ngày 1 tháng 12 năm 2025\nTHÔNG TƯ\nQuy "
      "định về giao khảo sát\n\n"
      "Điều 4. Trình tự thực hiện\n"
      "4. Thẩm định, giải quyết hồ sơ:\n"
      "b) Trường hợp hồ sơ không đáp ứng điều kiện để được giao thực hiện khảo sát dự án điện gió ngoài "
      "khơi, Cục Biển và Hải đảo Việt Nam trả lại hồ sơ cho Bộ phận Một cửa kèm theo thông báo bằng văn "
      "bản.\n"
      "c) Trường hợp chưa có ý kiến thống nhất của Bộ Quốc phòng, Bộ Công an, Bộ Xây dựng về việc giao thực "
      "hiện khảo sát dự án điện gió ngoài khơi cho doanh nghiệp 100% vốn Nhà nước.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Cục Biển và Hải đảo Việt Nam"}));
}

// Thông tư 27/2025/TT-BNV, 24/2025/TT-BVHTTDL and 64/2025/TT-NHNN (heldout/set41text): "Bản
// thống kê …", "Bản tin …" are papers ("Ban" folds alike, the marks say otherwise); "các cơ quan
// quy định tại khoản 3 Điều này" are the bodies a clause names, no verb "quy định"; "có văn bản
// chấp thuận" is a step a body takes.
TEST(BodyTest, PapersTheBodiesAClauseNamesAndAnApproval) {
  const Letter l = ReadText(
      "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM\nSố: 64/2025/TT-NHNN\nHà Nội, ngày 1 tháng 12 năm 2025\nTHÔNG TƯ\nSửa "
      "đổi Thông tư\n\n"
      "Điều 1. Sửa đổi\n"
      "1. Hồ sơ gồm:\n"
      "a) Bản thống kê danh mục tài liệu trong hồ sơ địa giới đơn vị hành chính;\n"
      "b) Bản tin thông thường: địa phương phát, đăng tải theo lịch cố định;\n"
      "2. Trong thời hạn 06 ngày kể từ ngày nhận được văn bản của Ngân hàng Nhà nước, các cơ quan quy định "
      "tại khoản 3 Điều này có ý kiến tham gia bằng văn bản.\n"
      "3. Trong thời hạn 35 ngày kể từ ngày xác nhận đủ hồ sơ hợp lệ, Ngân hàng Nhà nước có văn bản chấp "
      "thuận đề nghị thành lập chi nhánh.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Các cơ quan quy định tại khoản 3 Điều này",
                                                    "Ngân hàng Nhà nước"}));
}

}  // namespace
}  // namespace congvan::extract
