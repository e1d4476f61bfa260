// Tests of the body: deadlines in every written form, body names, summaries, whole letters
// (the five restored seeds and the gold letters of tests/data/extract/gold), and adversarial
// input that must neither crash nor hang.
#include "extract/body.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>

#include "extract/deadline.h"
#include "extract/eval.h"
#include "extract/extractor.h"
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

TEST(DeadlineTest, AWindowForSendingEndsAtItsDeadlineAPeriodDoesNot) {
  // heldout/set8text, a ward Fatherland Front's notice.
  EXPECT_EQ(DateOf(One("Các đ/c tham gia góp ý gửi văn bản về cho BTT UBMT phường: Thời gian từ ngày "
                       "19/8/2015 đến 28/8/2015 để BTT UBMT phường xem xét chỉnh sửa.")),
            "2015-08-28");
  EXPECT_TRUE(FindDeadlines(Rules(), "Tuần thi: từ 10/5/2021 đến 27/6/2021.", "2021-04-01").empty());
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

// A Youth Union letter of paragraphs only (corpus twdoan, the closing of the contest plan of
// 2019 as a letter's whole body): the request is a task of the bodies asked, not of the speaker.
// Execution articles as legal portals print them (tests/data/extract/heldout/set8text): the
// name "Lao động - Thương binh và Xã hội" wrapped at its dash, so that the next line starts
// "- "; and the article's number lost, its text right under "QUYẾT ĐỊNH:".
TEST(ParagraphTaskTest, ExecutionClausesAsPortalsPrintThem) {
  auto read = [](const std::string& name) {
    return ReadText(testing::ReadFile(testing::TestData("extract/heldout/set8text/letters/" + name)), name);
  };
  const std::vector<std::string> binhdinh = Assignees(read("ubnd_binhdinh_qd_1528_2021.txt"));
  EXPECT_EQ(std::count(binhdinh.begin(), binhdinh.end(), "Giám đốc Sở Lao động - Thương binh và Xã hội"), 1)
      << ::testing::PrintToString(binhdinh);
  EXPECT_EQ(std::count(binhdinh.begin(), binhdinh.end(), "Giám đốc Sở Nội vụ"), 1);
  EXPECT_EQ(std::count(binhdinh.begin(), binhdinh.end(), "Chánh Văn phòng UBND tỉnh"), 1);
  EXPECT_EQ(binhdinh.size(), 12u) << ::testing::PrintToString(binhdinh);
  EXPECT_EQ(Assignees(read("ubnd_hatinh_qd_39_2017.txt")),
            (std::vector<std::string>{"Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Công an tỉnh",
                                      "Giám đốc các sở", "Thủ trưởng các ban, ngành cấp tỉnh",
                                      "Chủ tịch UBND các huyện, thành phố, thị xã", "Thủ trưởng các cơ quan, đơn vị"}));
  // A real bullet list after a line without a full stop stays a list.
  const Letter list = ReadText(
      "Kính gửi: Các phòng.\n\nGiám đốc Sở yêu cầu các phòng thực hiện các nội dung sau\n"
      "- Phòng Kế hoạch tổng hợp số liệu;\n- Phòng Tài chính bố trí kinh phí.\n");
  const std::vector<std::string> listed = Assignees(list);
  EXPECT_EQ(std::count(listed.begin(), listed.end(), "Phòng Kế hoạch"), 1) << ::testing::PrintToString(listed);
  EXPECT_EQ(std::count(listed.begin(), listed.end(), "Phòng Tài chính"), 1) << ::testing::PrintToString(listed);
}

// set8text: "Uỷ ban nhân dân thành phố và các huyện" is one council over two levels; a guidance
// ("Phòng … hướng dẫn thực hiện nhiệm vụ giáo dục … như sau:") asks no one, and the "giáo" of
// "giáo dục" is not the verb "giao".
TEST(ParagraphTaskTest, CouncilsOverTwoLevelsAndGuidanceThatAsksNoOne) {
  auto read = [](const std::string& name) {
    return ReadText(testing::ReadFile(testing::TestData("extract/heldout/set8text/letters/" + name)), name);
  };
  const std::vector<std::string> laichau = Assignees(read("ubnd_laichau_cv_703_2015.txt"));
  EXPECT_EQ(std::count(laichau.begin(), laichau.end(), "Uỷ ban nhân dân thành phố và các huyện"), 2)
      << ::testing::PrintToString(laichau);
  EXPECT_EQ(std::count(laichau.begin(), laichau.end(), "Các huyện"), 0);
  EXPECT_TRUE(read("pgddt_thanhchuong_cv_278_2014.txt").tasks.empty());
  const Letter asked = ReadText(
      "Kính gửi: Hiệu trưởng các trường THCS\n\nPhòng Giáo dục và Đào tạo yêu cầu:\n\n"
      "1. Rà soát kế hoạch giáo dục, báo cáo trước ngày 20/9/2014.\n");
  EXPECT_EQ(Assignees(asked), std::vector<std::string>{"Hiệu trưởng các trường THCS"});
}

// News items and notices that carry a letter's requests (set8text): "Công văn nêu rõ, X …", a
// body that asks through its letter ("Ban Thường vụ Thành ủy có Công văn số … yêu cầu"), the
// polite "kính mong", and nouns made of verbs ("tổ chức Đảng", "đồng chí lãnh đạo").
TEST(ParagraphTaskTest, RequestsReportedByNewsItemsAndNotices) {
  auto read = [](const std::string& name) {
    return ReadText(testing::ReadFile(testing::TestData("extract/heldout/set8text/letters/" + name)), name);
  };
  EXPECT_EQ(Assignees(read("congan_dongthap_cv_2020.txt")),
            (std::vector<std::string>{"Các phòng nghiệp vụ trực thuộc Công an Tỉnh",
                                      "Công an các huyện, thị xã, thành phố"}));
  const std::vector<std::string> danang = Assignees(read("thanhuy_danang_cv_4182_2020.txt"));
  ASSERT_FALSE(danang.empty());
  EXPECT_EQ(danang.front(), "Các cấp ủy, tổ chức Đảng");
  const std::vector<std::string> mttq = Assignees(read("mttq_huongxuan_tb_2015.txt"));
  ASSERT_FALSE(mttq.empty());
  EXPECT_EQ(mttq.front().rfind("Các đồng chí lãnh đạo cơ quan", 0), 0u) << mttq.front();
  // "Đồng thời cũng yêu cầu X, Y quan tâm chỉ đạo …": a further request of the same speaker.
  const std::vector<std::string> canglong = Assignees(read("huyenuy_canglong_cv_1127_2022.txt"));
  ASSERT_FALSE(canglong.empty());
  EXPECT_EQ(canglong.front(), "Các Đảng bộ trực thuộc Huyện ủy");  // "đề nghị … khi thực hiện …"
  EXPECT_EQ(std::count(canglong.begin(), canglong.end(), "Các đồng chí Ủy viên Ban Chấp hành Đảng bộ huyện"), 1)
      << ::testing::PrintToString(canglong);
  // A letter that asks nothing: a document that proposes is no speaker.
  EXPECT_TRUE(ReadText("Tờ trình số 12/TTr-UBND của UBND xã có đề nghị Phòng Nội vụ thẩm định.\n").tasks.empty());
}

// Names and their duty (set8text): councils of two levels of place are two bodies, a role after
// a dash starts the duty, "phụ trách quản lý" is a duty.
TEST(ParagraphTaskTest, PlaceLevelsRolesAndChargeOf) {
  const Letter yb = ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set8text/letters/ubnd_yenbai_qd_25_2013.txt")));
  const std::vector<std::string> levels = Assignees(yb);
  EXPECT_EQ(std::count(levels.begin(), levels.end(), "Chủ tịch UBND các huyện, thị xã, thành phố"), 1)
      << ::testing::PrintToString(levels);
  EXPECT_EQ(std::count(levels.begin(), levels.end(), "Chủ tịch UBND các xã, phường, thị trấn"), 1);
  const Letter roles = ReadText(
      "QUYẾT ĐỊNH:\n\nĐiều 2. Các cơ quan sau đây chịu trách nhiệm tổ chức thực hiện:\n\n"
      "1. Sở Tài chính - cơ quan thường trực Ban giúp Ban bố trí kinh phí.\n\n"
      "2. Bệnh viện Ung bướu trực thuộc Sở Y tế phụ trách quản lý, lưu trữ hồ sơ.\n");
  ASSERT_EQ(roles.tasks.size(), 2u) << ::testing::PrintToString(Assignees(roles));
  EXPECT_EQ(roles.tasks[0].assignee, "Sở Tài chính");
  EXPECT_EQ(roles.tasks[0].summary.rfind("Cơ quan thường trực Ban giúp Ban", 0), 0u) << roles.tasks[0].summary;
  EXPECT_EQ(roles.tasks[1].assignee, "Bệnh viện Ung bướu trực thuộc Sở Y tế");
  // "Sở Lao động - Thương binh và Xã hội" keeps its dash.
  const Letter dash = ReadText("Giao Sở Lao động - Thương binh và Xã hội chủ trì tổng hợp.\n");
  EXPECT_EQ(Assignees(dash), std::vector<std::string>{"Sở Lao động - Thương binh và Xã hội"});
}

// set9text: the bodies a request names, in the forms of societies, provinces and news items —
// "các cơ sở Hội trực thuộc", "lãnh đạo các sở, ban, ngành" (a title in lower case), a speaker who
// "đã ký văn bản hỏa tốc", a long list of long names; and a case ("Đối với các cơ sở giáo dục
// công lập:") is no actor.
TEST(ParagraphTaskTest, BodiesOfRequestsInSocietiesProvincesAndNews) {
  auto read = [](const std::string& name) {
    return ReadText(testing::ReadFile(testing::TestData("extract/heldout/set9text/letters/" + name)), name);
  };
  EXPECT_EQ(Assignees(read("hctd_quan4_cv_16_2016.txt")),
            (std::vector<std::string>{"Các cơ sở Hội trực thuộc", "Chủ tịch Hội Chữ thập đỏ 41 trường học",
                                      "Chủ tịch Hội Chữ thập đỏ 15 phường"}));
  const std::vector<std::string> caobang = Assignees(read("ubnd_caobang_cv_1536_2017.txt"));
  ASSERT_FALSE(caobang.empty());
  EXPECT_EQ(caobang.front(), "Lãnh đạo các sở, ban, ngành thuộc tỉnh");
  EXPECT_EQ(caobang.size(), 3u) << ::testing::PrintToString(caobang);
  EXPECT_EQ(Assignees(read("sgddt_quangtri_2020.txt")),
            (std::vector<std::string>{"Các phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố",
                                      "Các đơn vị trực thuộc sở", "Trung tâm GDNN- GDTX các huyện, thị xã, thành phố"}));
  const Letter scope = ReadText(
      "Kính gửi: Các cơ sở giáo dục trực thuộc Sở.\n\nSở Giáo dục và Đào tạo đề nghị các cơ sở giáo dục "
      "trực thuộc Sở thực hiện như sau:\n\n1. Thu học phí\n\nĐối với các cơ sở giáo dục công lập: Thực "
      "hiện theo Nghị quyết số 17/2022/NQ-HĐND.\n");
  for (const Task& t : scope.tasks) EXPECT_NE(t.assignee, "Các cơ sở giáo dục công lập");
  // After the items and the closing, a request of named bodies for something of their own.
  const std::vector<std::string> duchop = Assignees(read("ubnd_xa_duchop_tb_2021.txt"));
  EXPECT_EQ(std::count(duchop.begin(), duchop.end(), "Đài truyền thanh xã"), 1) << ::testing::PrintToString(duchop);
  EXPECT_EQ(std::count(duchop.begin(), duchop.end(), "Các đồng chí Trưởng thôn"), 1);
  // The closing formula alone asks nothing.
  const Letter closing = ReadText(
      "Kính gửi: Các phòng.\n\nChủ tịch UBND huyện yêu cầu:\n\n1. Phòng Nội vụ rà soát thủ tục.\n\n"
      "Đề nghị các phòng nghiêm túc triển khai thực hiện để đạt kết quả cao./.\n");
  EXPECT_EQ(Assignees(closing), std::vector<std::string>{"Phòng Nội vụ"});
  // Seed 002 closes with "Yêu cầu Thủ trưởng các cơ quan, đơn vị; UBND các xã, thị trấn thực hiện
  // nghiêm túc chỉ đạo của Chủ tịch UBND huyện./.": the formula, no task.
  const Letter seed = ReadText(testing::ReadFile(testing::TestData("devset/restored/002_aaae76cc2c3d2f2a.txt")));
  for (const Task& t : seed.tasks) EXPECT_EQ(t.summary.find("chỉ đạo của Chủ tịch UBND huyện./."), std::string::npos) << t.assignee;
}

TEST(ParagraphTaskTest, ARequestInALetterWithoutItemsIsATask) {
  Letter l = ReadText(
      "BAN CHẤP HÀNH TRUNG ƯƠNG\nĐOÀN TNCS HỒ CHÍ MINH\nSố: 245-CV/TWĐTN\n"
      "Hà Nội, ngày 08 tháng 11 năm 2019\n\nKính gửi: Các tỉnh, thành đoàn\n\n"
      "Cuộc thi trực tuyến tìm hiểu về Đảng Cộng sản Việt Nam là hoạt động quan trọng, có ý nghĩa "
      "thiết thực của Đoàn TNCS Hồ Chí Minh. Ban Bí thư Trung ương Đoàn đề nghị Ban Thường vụ các "
      "tỉnh, thành đoàn, đoàn trực thuộc thực hiện nghiêm túc, hiệu quả.\n\n"
      "Nơi nhận:\n- Như trên;\n- Lưu VP.\n");
  ASSERT_EQ(Assignees(l), (std::vector<std::string>{"Ban Thường vụ các tỉnh, thành đoàn, đoàn trực thuộc"}));
  EXPECT_EQ(l.tasks[0].summary, "Thực hiện nghiêm túc, hiệu quả.");
}

// A district's education office (pgddt_binhchanh_cv_2016 of the fifth held-out set): the date
// comes in a sentence of its own after the request; a department asks "Quý cơ quan".
TEST(ParagraphTaskTest, ASentenceThatOnlyDatesTheRequestGivesItsDeadline) {
  Letter l = ReadText(
      "UBND HUYỆN BÌNH CHÁNH\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nSố: 210/GDĐT\n"
      "Bình Chánh, ngày 18 tháng 3 năm 2016\n\nKính gửi:\n- Hiệu trưởng các trường Tiểu học,\n"
      "- Thủ trưởng các đơn vị trực thuộc.\n"
      "Đề nghị Hiệu trưởng các trường, Thủ trưởng các đơn vị trực thuộc rà soát lại đơn vị mình đã thu "
      "quỹ phòng, chống thiên tai chưa.\nCác đơn vị thực hiện trước ngày 24/3/2016.\n\nNơi nhận:\n- Như trên;\n");
  ASSERT_EQ(Assignees(l), (std::vector<std::string>{"Hiệu trưởng các trường", "Thủ trưởng các đơn vị trực thuộc"}));
  for (const Task& t : l.tasks) EXPECT_EQ(Opt(t.deadline), "2016-03-24") << t.assignee;

  Letter sở = ReadText(
      "SỞ NÔNG NGHIỆP VÀ PTNT\nSố: 552/SNN-TT\nHưng Yên, ngày 10 tháng 7 năm 2019\n\n"
      "Để bản Dự thảo được hoàn thiện hơn, Sở đề nghị Quý cơ quan nghiên cứu, tham gia góp ý bằng văn "
      "bản gửi Sở Nông nghiệp và PTNT trước ngày 19/7/2019.\n\nNơi nhận:\n- Như trên;\n");
  ASSERT_EQ(Assignees(sở), (std::vector<std::string>{"Quý cơ quan"}));
  EXPECT_EQ(Opt(sở.tasks[0].deadline), "2019-07-19");
}

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

// The same request after numbered items closes them: no task (NOTES.md).
TEST(ParagraphTaskTest, TheSameRequestAfterNumberedItemsIsNoTask) {
  Letter l = ReadText(
      "BAN CHẤP HÀNH TRUNG ƯƠNG\nĐOÀN TNCS HỒ CHÍ MINH\nSố: 245-KH/TWĐTN\n"
      "Hà Nội, ngày 08 tháng 11 năm 2019\n\nKẾ HOẠCH\n\nIII. TỔ CHỨC THỰC HIỆN\n"
      "1. Ban Tuyên giáo Trung ương Đoàn tham mưu xây dựng kế hoạch, thể lệ Cuộc thi.\n\n"
      "Ban Bí thư Trung ương Đoàn đề nghị Ban Thường vụ các tỉnh, thành đoàn, đoàn trực thuộc thực "
      "hiện nghiêm túc, hiệu quả./.\n\nNơi nhận:\n- Như trên;\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Ban Tuyên giáo Trung ương Đoàn"}));
}

// Directive verbs inside a paragraph, after who speaks: a National Assembly law (corpus vbpl,
// "Thường trực Hội đồng nhân dân cấp xã yêu cầu …"), a scope before the speaker ("Thực hiện …,
// UBND tỉnh yêu cầu …") with a deadline, "Giao … chủ trì, phối hợp …" and a courtesy request
// to a ministry (Youth Union, corpus twdoan).
TEST(ParagraphTaskTest, DirectiveVerbsNameTheBodiesAfterThem) {
  Letter l = ReadText(
      "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 1532/UBND-VX\nQuảng Ngãi, ngày 14 tháng 11 năm 2023\n"
      "V/v giám sát\n\nKính gửi: Các sở, ban, ngành\n\n"
      "Thường trực Hội đồng nhân dân cấp xã yêu cầu Ban của Hội đồng nhân dân, Tổ đại biểu Hội đồng "
      "nhân dân cấp xã điều chỉnh chương trình, kế hoạch, phối hợp thực hiện hoạt động giám sát để "
      "tránh trùng lặp, bảo đảm hiệu quả giám sát.\n\n"
      "Thực hiện Công văn số 123/BYT-KHTC của Bộ Y tế, UBND tỉnh yêu cầu Giám đốc Sở Y tế báo cáo "
      "kết quả về UBND tỉnh trước ngày 20/12/2023.\n\n"
      "Giao Sở Tài chính chủ trì, phối hợp với Sở Y tế bố trí kinh phí thực hiện.\n\n"
      "Trân trọng đề nghị Bộ Tài nguyên và Môi trường chỉ đạo Cục Đo đạc, Bản đồ và Thông tin Địa lý "
      "Việt Nam phối hợp triển khai.\n\n"
      "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Ban của Hội đồng nhân dân",
                                                    "Tổ đại biểu Hội đồng nhân dân cấp xã",
                                                    "Giám đốc Sở Y tế", "Sở Tài chính",
                                                    "Bộ Tài nguyên và Môi trường"}));
  EXPECT_EQ(Opt(l.tasks[2].deadline), "2023-12-20");
  EXPECT_EQ(l.tasks[3].summary, "Chủ trì, phối hợp với Sở Y tế bố trí kinh phí thực hiện.");
}

// What is no request: "theo đề nghị của …" (a noun), "đã giao …" (a past act), a document that
// asks ("Tờ trình … đề nghị …"), the enacting formula ("Chính phủ ban hành Nghị định …", corpus
// vbpl), a passive ("Các tổ chức dịch vụ năng lượng được hưởng …", corpus vbpl).
TEST(ParagraphTaskTest, NounsPastActsFormulasAndPassivesAreNoTasks) {
  Letter l = ReadText(
      "CHÍNH PHỦ\nSố: 12/2025/NĐ-CP\nHà Nội, ngày 10 tháng 5 năm 2025\n\nNGHỊ ĐỊNH\n\n"
      "Theo đề nghị của Bộ trưởng Bộ Tài chính;\n\n"
      "Năm 2024, Ủy ban nhân dân tỉnh đã giao Sở Y tế chủ trì thực hiện đề án.\n\n"
      "Tờ trình số 24/TTr-UBND của Ủy ban nhân dân xã đề nghị Ủy ban nhân dân huyện xem xét.\n\n"
      "Chính phủ ban hành Nghị định quy định cơ chế, chính sách thu hút chuyên gia khoa học, công "
      "nghệ, đổi mới sáng tạo và chuyển đổi số.\n\n"
      "Các tổ chức dịch vụ năng lượng được hưởng các ưu đãi, hỗ trợ của Nhà nước.\n\n"
      "Nơi nhận:\n- Như trên;\n");
  EXPECT_TRUE(l.tasks.empty()) << ::testing::PrintToString(Assignees(l));
}

// The assignee stops at its verb ("lập", "tiến hành", "thông tin"), and a passive in an item
// gives no task.
TEST(ParagraphTaskTest, TheAssigneeStopsAtItsVerb) {
  Letter l = ReadText(
      "CHÍNH PHỦ\nSố: 12/2025/NĐ-CP\nHà Nội, ngày 10 tháng 5 năm 2025\n\nNGHỊ ĐỊNH\n\n"
      "Điều 4. Trách nhiệm\n"
      "1. Ủy ban nhân dân cấp xã lập hồ sơ đề nghị công nhận xã đảo.\n"
      "2. Ủy ban nhân dân cấp xã, Chủ tịch Ủy ban nhân dân cấp xã lập hồ sơ, công việc trình Ủy ban "
      "nhân dân cấp tỉnh.\n"
      "3. Các đơn vị hành chính cấp xã được hưởng cơ chế, chính sách đặc thù.\n\n"
      "Nơi nhận:\n- Như trên;\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Ủy ban nhân dân cấp xã", "Ủy ban nhân dân cấp xã",
                                                    "Chủ tịch Ủy ban nhân dân cấp xã"}));
  EXPECT_EQ(l.tasks[0].summary, "Lập hồ sơ đề nghị công nhận xã đảo.");
}

// Decisions and resolutions: an article alone on its line with its title on the next ("Điều 5."
// / "Đặc xá trong trường hợp đặc biệt", a decision of the President), "Điều 2" with no stop (a
// National Assembly Standing Committee resolution), and the execution clause of a Prime
// Minister's decision (corpus vbpl) one task per office; a time before the body ("Hằng năm,
// Tòa án nhân dân tối cao có trách nhiệm …", corpus vbpl).
TEST(ParagraphTaskTest, ArticlesOfDecisionsAndResolutions) {
  Letter l = ReadText(
      "CHỦ TỊCH NƯỚC\nSố: 758/2024/QĐ-CTN\nHà Nội, ngày 30 tháng 7 năm 2024\nQUYẾT ĐỊNH\n"
      "VỀ ĐẶC XÁ NĂM 2024\nQUYẾT ĐỊNH:\nĐiều 5.\nĐặc xá trong trường hợp đặc biệt\n"
      "Chính phủ chủ trì, phối hợp với Tòa án nhân dân tối cao, Viện kiểm sát nhân dân tối cao lập hồ sơ "
      "của người được đề nghị đặc xá trong trường hợp đặc biệt.\n"
      "Điều 6\nHội đồng Dân tộc, các Ủy ban của Quốc hội, căn cứ vào Quy chế làm việc mẫu, ban hành "
      "Quy chế làm việc phù hợp với nhiệm vụ, quyền hạn của cơ quan mình.\n"
      "Điều 7. Trách nhiệm\nHằng năm, Tòa án nhân dân tối cao có trách nhiệm tổng hợp dự toán kinh phí "
      "hỗ trợ hoạt động của các Đoàn Hội thẩm nhân dân.\n"
      "Điều 8. Trách nhiệm thi hành\n"
      "Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban "
      "nhân dân các tỉnh, thành phố trực thuộc trung ương và Thủ trưởng các cơ quan, đơn vị sử dụng vốn "
      "ngân sách trung ương (bao gồm vốn đầu tư phát triển và vốn sự nghiệp) thuộc Chương trình mục tiêu "
      "quốc gia phòng, chống ma túy đến năm 2030 chịu trách nhiệm thi hành Quyết định này.\n"
      "CHỦ TỊCH\n(đã ký)\nTô Lâm\n");
  const std::vector<std::string> a = Assignees(l);
  ASSERT_EQ(a.size(), 9u) << ::testing::PrintToString(a);
  EXPECT_EQ(a[0], "Chính phủ");
  EXPECT_EQ(a[1], "Hội đồng Dân tộc");
  EXPECT_EQ(a[2], "Các Ủy ban của Quốc hội");
  EXPECT_EQ(a[3], "Tòa án nhân dân tối cao");
  EXPECT_EQ(a[4], "Các Bộ trưởng");
  EXPECT_EQ(a[7], "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương");
  EXPECT_TRUE(a[8].starts_with("Thủ trưởng các cơ quan, đơn vị sử dụng vốn ngân sách trung ương")) << a[8];
}

// Several bodies in one item, each its own task with its own deadline: a decree on tax debts
// (corpus vbpl, "Chủ tịch Ủy ban nhân dân cấp tỉnh báo cáo …. Bộ Tài chính báo cáo …") and a
// resolution on elections ("chậm nhất là ngày 15 tháng 12 năm 2025", after the grounds). Under a
// group that holds them ("Các đơn vị báo chí … đăng tải …. Báo Tiền Phong, Báo Thanh Niên công bố
// …", a Youth Union plan) the named members are the group's one task.
TEST(ParagraphTaskTest, EachBodyOfAnItemGetsItsOwnTaskAndDeadline) {
  Letter l = ReadText(
      "CHÍNH PHỦ\nSố: 12/2025/NĐ-CP\nHà Nội, ngày 10 tháng 10 năm 2025\n\nNGHỊ ĐỊNH\n\n"
      "Điều 5. Tổ chức thực hiện\n"
      "1. Chủ tịch Ủy ban nhân dân cấp tỉnh báo cáo Hội đồng nhân dân cùng cấp kết quả xóa tiền thuế "
      "nợ trên địa bàn. Bộ Tài chính báo cáo Chính phủ kết quả xóa tiền thuế nợ để báo cáo Quốc hội "
      "khi quyết toán ngân sách nhà nước.\n"
      "2. Căn cứ vào kết quả hiệp thương lần thứ nhất, chậm nhất là ngày 15 tháng 12 năm 2025, Thường "
      "trực Hội đồng nhân dân cấp tỉnh tiến hành điều chỉnh cơ cấu, thành phần.\n"
      "3. Các đơn vị báo chí thuộc Trung ương Đoàn đăng tải thể lệ cuộc thi, đặt ebanner trên báo điện "
      "tử. Báo Tiền Phong, Báo Thanh Niên, Cổng Thông tin điện tử Trung ương Đoàn công bố kết quả hàng "
      "tuần của cuộc thi.\n\n"
      "Nơi nhận:\n- Như trên;\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Chủ tịch Ủy ban nhân dân cấp tỉnh", "Bộ Tài chính",
                                                    "Thường trực Hội đồng nhân dân cấp tỉnh",
                                                    "Các đơn vị báo chí thuộc Trung ương Đoàn"}));
  ASSERT_EQ(l.tasks.size(), 4u);
  EXPECT_EQ(l.tasks[1].summary, "Báo cáo Chính phủ kết quả xóa tiền thuế nợ để báo cáo Quốc hội khi quyết "
                                "toán ngân sách nhà nước.");
  EXPECT_EQ(Opt(l.tasks[0].deadline), "<null>");
  EXPECT_EQ(Opt(l.tasks[2].deadline), "2025-12-15");
}

// One body, several dated duties in one item (a Youth Union scoring guide, corpus twdoan): each
// duty is a task with its own deadline.
TEST(ParagraphTaskTest, OneBodySeveralDatedDutiesAreSeveralTasks) {
  Letter l = ReadText(
      "BAN CHẤP HÀNH TRUNG ƯƠNG\nĐOÀN TNCS HỒ CHÍ MINH\nSố: 45-HD/TWĐTN-BTC\n"
      "Hà Nội, ngày 10 tháng 01 năm 2022\n\nHƯỚNG DẪN\n\nIII. TỔ CHỨC THỰC HIỆN\n"
      "9. Đoàn cấp tỉnh chỉ đạo tổ chức Đại hội điểm cấp cơ sở, cấp huyện theo đúng tiến độ: Cấp cơ sở: "
      "hoàn thành trước ngày 15/02/2022. Cấp huyện: hoàn thành trước ngày 15/4/2022.\n\n"
      "Nơi nhận:\n- Như trên;\n");
  ASSERT_EQ(Assignees(l), (std::vector<std::string>{"Đoàn cấp tỉnh", "Đoàn cấp tỉnh"}));
  EXPECT_EQ(Opt(l.tasks[0].deadline), "2022-02-15");
  EXPECT_EQ(Opt(l.tasks[1].deadline), "2022-04-15");
  EXPECT_EQ(l.tasks[1].summary, "Cấp huyện: hoàn thành trước ngày 15/4/2022.");
}

// A lead-in, then paragraphs without numbers that open with a verb (the lines of the UBND Tứ Kỳ
// letter of the seeds, their numbering left out): each paragraph is a duty of the bodies asked.
TEST(ParagraphTaskTest, ParagraphsAfterALeadInAreDutiesOfTheBodiesAsked) {
  Letter l = ReadText(
      "UBND HUYỆN TỨ KỲ\nSố: 1532/UBND-VP\nTứ Kỳ, ngày 14 tháng 11 năm 2023\nV/v cải cách hành chính\n\n"
      "Kính gửi: Thủ trưởng các cơ quan chuyên môn thuộc UBND huyện\n\n"
      "Chủ tịch UBND huyện yêu cầu Thủ trưởng các cơ quan chuyên môn thuộc UBND huyện:\n\n"
      "Tiếp tục thực hiện có hiệu quả việc đổi mới cơ chế một cửa, một cửa liên thông.\n\n"
      "Nơi nhận:\n- Như trên;\n");
  ASSERT_EQ(Assignees(l), (std::vector<std::string>{"Thủ trưởng các cơ quan chuyên môn thuộc UBND huyện"}));
  EXPECT_EQ(l.tasks[0].summary, "Tiếp tục thực hiện có hiệu quả việc đổi mới cơ chế một cửa, một cửa liên thông.");
}

// Letters of provincial People's Committees written as paragraphs (real lines of UBND tỉnh Hậu
// Giang 2011 and 2018 and UBND tỉnh An Giang 2006): a title shared by the bodies after its colon,
// a lead-in then a paragraph that names its bodies, the closing "… khẩn trương tổ chức thực hiện"
// after it (no task), and a delegation of powers that only says who answers to whom (no task).
TEST(ParagraphTaskTest, LettersOfProvincialCommitteesWrittenAsParagraphs) {
  Letter shared = ReadText(
      "ỦY BAN NHÂN DÂN\nTỈNH HẬU GIANG\nSố: 454/UBND-VX\nVị Thanh, ngày 30 tháng 3 năm 2011\n"
      "V/v tuyên truyền\n\nKính gửi:\n- Giám đốc Sở Văn hóa, Thể thao và Du lịch;\n\n"
      "Chủ tịch UBND tỉnh có ý kiến như sau:\n\n"
      "Giao Giám đốc: Sở Văn hóa, Thể thao và Du lịch, Sở Thông tin và Truyền thông, Đài Phát thanh - "
      "Truyền hình Hậu Giang phối hợp với các sở, ban, ngành, đoàn thể tỉnh và UBND huyện, thị xã, "
      "thành phố tiếp tục tuyên truyền.\n\nNơi nhận:\n- Như trên;\n");
  EXPECT_EQ(Assignees(shared), (std::vector<std::string>{"Giám đốc Sở Văn hóa, Thể thao và Du lịch",
                                                         "Giám đốc Sở Thông tin và Truyền thông",
                                                         "Giám đốc Đài Phát thanh - Truyền hình Hậu Giang"}));
  Letter closing = ReadText(
      "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 554/UBND-KT\nLong Xuyên, ngày 20 tháng 02 năm 2006\n"
      "V/v treo cờ\n\nKính gửi: UBND huyện, thị, thành phố.\n\n"
      "Nhân dịp Lễ hội \"Mekong Festival 2006\" diễn ra tại An Giang từ ngày 23 đến ngày 26 tháng 02 năm "
      "2006, Ủy ban nhân dân tỉnh An Giang yêu cầu:\n\n"
      "Ủy ban nhân dân các huyện, thị, thành phố vận động nhân dân treo cờ tổ quốc trong suốt những ngày "
      "diễn ra Lễ hội Liên hoan Du lịch ĐBSCL, bắt đầu từ ngày 22/02/2006.\n\n"
      "Ủy ban nhân dân tỉnh An Giang yêu cầu UBND huyện, thị, thành phố khẩn trương tổ chức thực hiện.\n\n"
      "Nơi nhận:\n- Như trên;\n");
  EXPECT_EQ(Assignees(closing), (std::vector<std::string>{"Ủy ban nhân dân các huyện, thị, thành phố"}));
  Letter delegation = ReadText(
      "ỦY BAN NHÂN DÂN\nTỈNH HẬU GIANG\nSố: 73/TB-UBND\nVị Thanh, ngày 10 tháng 5 năm 2018\n\n"
      "THÔNG BÁO\n\nCăn cứ Quy chế làm việc của UBND tỉnh, Chủ tịch UBND tỉnh ủy quyền đồng chí Đồng Văn "
      "Thanh, Phó Chủ tịch Thường trực UBND tỉnh thực hiện nhiệm vụ, quyền hạn của Chủ tịch UBND tỉnh và "
      "chịu trách nhiệm trước pháp luật, Tỉnh ủy, HĐND, UBND tỉnh về nhiệm vụ được ủy quyền.\n\n"
      "Nơi nhận:\n- Như trên;\n");
  EXPECT_TRUE(delegation.tasks.empty()) << ::testing::PrintToString(Assignees(delegation));
}

TEST(BodySplitTest, PlacesAfterOneBodyShareItsHead) {
  EXPECT_EQ(SplitBodies(Rules(), "Tỉnh đoàn Hà Giang, Sơn La và Nghệ An"),
            (std::vector<std::string>{"Tỉnh đoàn Hà Giang", "Tỉnh đoàn Sơn La", "Tỉnh đoàn Nghệ An"}));
  // A ministry's own name holds commas and "và": no place list.
  EXPECT_EQ(SplitBodies(Rules(), "Bộ Văn hóa, Thể thao và Du lịch"),
            (std::vector<std::string>{"Bộ Văn hóa, Thể thao và Du lịch"}));
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

// A letter of paragraphs (a department's letter of 2007 and a province's answer to a
// petition, tests/data/extract/heldout/set6text): the department that asks is no assignee; a
// second sentence of the same bodies is the same task and brings its deadline; the citizen
// who petitioned is no assignee.
TEST(BodyParagraphTest, SpeakerSameBodiesFollowUpAndPetitioner) {
  Letter l = ReadText(
      "Kính gửi: Hiệu trưởng trường Trung học phổ thông.\n\n"
      "Sở Giáo dục và Đào tạo đề nghị các đơn vị tham gia ý kiến về dự thảo Quy chế thi tốt nghiệp THPT.\n\n"
      "Các đơn vị gửi ý kiến về Phòng Khảo thí (Phòng C2) trước ngày 13.12.2007.\n");
  ASSERT_EQ(l.tasks.size(), 1u);
  EXPECT_EQ(l.tasks[0].assignee, "Các đơn vị");
  EXPECT_EQ(Opt(l.tasks[0].deadline), "2007-12-13");
  EXPECT_NE(l.tasks[0].summary.find("Phòng C2"), std::string::npos);
  Letter p = ReadText(
      "Bà Nguyễn Thị Thảo ở thôn Giữa, xã Quất Lưu: Đề nghị tổ chức thực hiện đầu tư xây dựng hạ tầng.\n\n"
      "Trả lời:\n\nUBND tỉnh giao Chủ tịch UBND huyện Bình Xuyên chỉ đạo UBND xã Quất Lưu thực hiện đầu tư.\n");
  EXPECT_EQ(Assignees(p), (std::vector<std::string>{"Chủ tịch UBND huyện Bình Xuyên"}));
}

// A provincial Party committee's letter as its portal gave it (tests/data/extract/heldout/
// set5text/letters/tinhuy_tthue_cv_2020.txt): "tạm dừng" and "giúp" are duties, "X và các Y"
// two bodies; a body that only informs ("Bệnh viện Mắt trân trọng thông báo …") is none.
TEST(BodyParagraphTest, PartyLetterDutiesAndAnInformingBody) {
  Letter l = ReadText(
      "Ban Thường vụ Tỉnh ủy yêu cầu Ban Thường vụ các huyện ủy, thị ủy, các đảng ủy trực thuộc Tỉnh ủy "
      "tạm dừng tổ chức đại hội đảng các cấp từ 0 giờ ngày 28/3/2020.\n\n"
      "Văn phòng Tỉnh ủy và các ban của Tỉnh ủy giúp Ban Thường vụ Tỉnh ủy đôn đốc, kiểm tra việc thực hiện.\n\n"
      "Bệnh viện Mắt trân trọng thông báo đến quý Cơ quan được biết.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Ban Thường vụ các huyện ủy, thị ủy",
                                                    "Các đảng ủy trực thuộc Tỉnh ủy", "Văn phòng Tỉnh ủy",
                                                    "Các ban của Tỉnh ủy"}));
  EXPECT_EQ(SplitBodies(Rules(), "Chủ tịch UBND các xã và các đơn vị liên quan"),
            (std::vector<std::string>{"Chủ tịch UBND các xã"}));
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

// A paragraph that only dates what the paragraph before it asked (heldout/set9text, a
// provincial People's Committee's letter as its portal summed it up).
TEST(BodyParagraphTest, ADeadlineParagraphDatesTheRequestBeforeIt) {
  Letter l = ReadText(
      "Chủ tịch UBND tỉnh yêu cầu lãnh đạo các sở, ban, ngành thuộc tỉnh, Chủ tịch UBND các huyện, thành phố "
      "khẩn trương đôn đốc các bộ phận chuyên môn tổng hợp báo cáo kết quả thực hiện gửi UBND tỉnh.\n\n"
      "Báo cáo hoàn thành của các cơ quan, đơn vị gửi bằng văn bản và file điện tử về Ủy ban nhân dân tỉnh Cao "
      "Bằng trước ngày 05/6/2017.\n");
  ASSERT_EQ(l.tasks.size(), 2u);
  for (const Task& t : l.tasks) EXPECT_EQ(Opt(t.deadline), "2017-06-05");
}

// A district chairman's Tết letter as its portal printed it (heldout/set10text): an indented
// preamble that ends in "… yêu cầu:" is no lost bullet; the bodies before "và đề nghị" are asked
// with those after it; a ministry-level body's report date comes after an aside.
TEST(BodyParagraphTest, InlineLeadInBodiesJoinedByVaAndADatingParagraphAfterAnAside) {
  Letter l = ReadText(
      " Thực hiện Chỉ thị số 02/CT-UBND ngày 12/01/2015 của Chủ tịch UBND huyện về việc tổ chức đón Tết, để đảm "
      "bảo tài sản của cơ quan, đơn vị, Chủ tịch UBND huyện yêu cầu:\n"
      "Thủ trưởng các cơ quan, đơn vị thuộc UBND huyện, Chủ tịch UBND các xã, thị trấn và đề nghị các cơ quan, đơn "
      "vị của tỉnh, TW đóng trên địa bàn huyện thực hiện tốt một số nhiệm vụ sau: Tổ chức tổng vệ sinh, trang trí "
      "trực quan tại trụ sở làm việc các cơ quan, đơn vị.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Thủ trưởng các cơ quan, đơn vị thuộc UBND huyện",
                                                    "Chủ tịch UBND các xã, thị trấn",
                                                    "Các cơ quan, đơn vị của tỉnh, TW đóng trên địa bàn huyện"}));
  Letter u = ReadText(
      "Kính gửi: ……………\n\n"
      "Ủy ban Dân tộc đề nghị các bộ, ngành Trung ương và UBND các tỉnh/thành phố trực thuộc Trung ương xây dựng "
      "báo cáo sơ kết về tình hình, kết quả tổ chức, triển khai thực hiện Đề án giai đoạn 2018-2021.\n\n"
      "(Có đề cương chi tiết gửi kèm)\n\n"
      "Báo cáo sơ kết đánh giá tình hình, kết quả tổ chức triển khai thực hiện Đề án gửi về Ủy ban Dân tộc trước "
      "ngày 15 tháng 5 năm 2021 để tổng hợp báo cáo Thủ tướng Chính phủ theo quy định.\n");
  ASSERT_EQ(u.tasks.size(), 2u);
  for (const Task& t : u.tasks) EXPECT_EQ(Opt(t.deadline), "2021-05-15");
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

// An exam schedule as a news item gave it (heldout/set10text, a Sở's guidance): each dated line
// that names bodies is their duty by the end of its dates, even when the bodies are the same as
// the line before; a line that names none ("Công bố kết quả …") is no task.
TEST(BodyParagraphTest, DatedScheduleLinesAreDutiesByTheirDates) {
  Letter l = ReadText(
      "Ngày 7/6/2017: Hạn cuối các trường THPT, các trung tâm in và phát Giấy báo dự thi cho từng học sinh.\n\n"
      "Ngày 8/7-17/7/2017: Các trường THPT, các trung tâm nhận đơn phúc khảo bài thi; xem xét, phân loại và tổng "
      "hợp số liệu.\n\n"
      "Ngày 30/7/2017: Báo cáo kết quả tốt nghiệp THPT chính thức với Bộ GD&ĐT.\n");
  ASSERT_EQ(l.tasks.size(), 4u);
  EXPECT_EQ(l.tasks[0].assignee, "Các trường THPT");
  EXPECT_EQ(Opt(l.tasks[0].deadline), "2017-06-07");
  EXPECT_EQ(l.tasks[3].assignee, "Các trung tâm");
  EXPECT_EQ(Opt(l.tasks[3].deadline), "2017-07-17");
}

// A Party committee's request as its portal reported it (heldout/set10text): a list of bodies
// cut by "; " is one sentence; "cần tích cực" opens the duty, not the name.
TEST(BodyParagraphTest, ABodyListCutBySemicolonsAndShouldBeforeTheDuty) {
  Letter l = ReadText(
      "Theo đó, Ban Tuyên giáo Tỉnh ủy đề nghị Ban Tuyên giáo các huyện, thị, thành phố; Tuyên huấn các Đảng ủy "
      "trực thuộc Tỉnh ủy chỉ đạo tổ chức các hoạt động tuyên truyền rộng rãi trong cán bộ, đảng viên và Nhân "
      "dân.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Ban Tuyên giáo các huyện, thị, thành phố",
                                                    "Tuyên huấn các Đảng ủy trực thuộc Tỉnh ủy"}));
  EXPECT_EQ(Assignees(ReadText("Sở GD&ĐT yêu cầu Thủ trưởng các trường học có liên quan cần tích cực chuẩn bị, "
                               "triển khai, phổ biến rộng rãi các vấn đề.\n")),
            (std::vector<std::string>{"Thủ trưởng các trường học có liên quan"}));
}

// News items of a city's and a customs office's letters (heldout/set11text): a byline before the
// speaker, a directive that asks bodies written in lower case or by their initials, and named
// places after "các huyện", each one body.
TEST(BodyParagraphTest, NewsItemBylineLowerCaseAndInitialsAndNamedPlaces) {
  EXPECT_EQ(Assignees(ReadText("(HNM) - UBND TP vừa ban hành công văn số 9992/UBND-NN yêu cầu Sở NN&PTNT, các "
                               "huyện Chương Mỹ, Đan Phượng và Thanh Trì khẩn trương thực hiện các dự án.\n")),
            (std::vector<std::string>{"Sở NN&PTNT", "Huyện Chương Mỹ", "Huyện Đan Phượng", "Huyện Thanh Trì"}));
  EXPECT_EQ(Assignees(ReadText("Tổng cục Hải quan yêu cầu cục hải quan các tỉnh, thành phố kiểm tra, rà soát và "
                               "báo cáo chi tiết nội dung vụ việc.\n")),
            (std::vector<std::string>{"Cục hải quan các tỉnh, thành phố"}));
  EXPECT_EQ(Assignees(ReadText("Theo đó, LĐLĐ quận đề nghị CĐ cơ sở trực thuộc tăng cường tuyên truyền đại hội "
                               "CĐ các cấp.\n")),
            (std::vector<std::string>{"CĐ cơ sở trực thuộc"}));
  EXPECT_EQ(Assignees(ReadText("Uỷ ban MTTQ Việt Nam xã phân công Ban công tác Mặt trận thôn thực hiện việc lấy "
                               "ý kiến trực tiếp tại các hộ gia đình.\n")),
            (std::vector<std::string>{"Ban công tác Mặt trận thôn"}));
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
