// Tests of the tasks of paragraphs outside numbered items (body_paragraphs.cc): who a sentence
// asks, requests reported by news items and portals, sentences and paragraphs that only date the
// request before them, schedule lines, lead-ins inside a sentence; on real lines of the held-out
// letters named in each test.
#include "extract/body_paragraphs.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "extract/body.h"
#include "extract/extractor.h"
#include "extract/deadline.h"
#include "extract/rules.h"
#include "extract/test_letters.h"
#include "support/testing.h"

namespace congvan::extract {
namespace {

using test::Assignees;
using test::Opt;
using test::ReadText;
using test::Rules;

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

// Speakers of news items and portal summaries (tests/data/extract/heldout/set13text): the letter
// itself ("Văn bản yêu cầu …"), a person for the body ("ông … - Phó Chủ tịch … đề nghị"), and a
// chairman's "có ý kiến chỉ đạo:" after an opening ("Sau khi xem xét,").
TEST(ParagraphTaskTest, SpeakersOfNewsItems) {
  auto read = [](const std::string& name) {
    return ReadText(testing::ReadFile(testing::TestData("extract/heldout/set13text/letters/" + name)), name);
  };
  const std::vector<std::string> bgd = Assignees(read("bgddt_cv_thanhtra_hsgqg_2019.txt"));
  EXPECT_EQ(std::count(bgd.begin(), bgd.end(), "Giám đốc Đại học Quốc gia Hà Nội"), 1) << ::testing::PrintToString(bgd);
  EXPECT_EQ(std::count(bgd.begin(), bgd.end(), "Hiệu trưởng trường Đại học Vinh"), 1);
  EXPECT_EQ(Assignees(read("mttq_phuong_banthach_giaoban.txt")),
            std::vector<std::string>{"Ban Công tác Mặt trận Tổ dân phố"});
  const Letter laichau = read("ubnd_laichau_cv_cumcongnghiep_2018.txt");
  const std::vector<std::string> asked = Assignees(laichau);
  EXPECT_EQ(std::count(asked.begin(), asked.end(), "Sở Công Thương"), 1) << ::testing::PrintToString(asked);
  // "Tờ trình … đề nghị" still asks no one; a letter's kind must stand alone before the verb.
  EXPECT_TRUE(ReadText("Tờ trình số 12/TTr-UBND đề nghị Phòng Nội vụ thẩm định.\n").tasks.empty());
  EXPECT_TRUE(ReadText("Văn bản số 12 của Sở đã yêu cầu Phòng Nội vụ thẩm định.\n").tasks.empty());
}

// Names in news items (set13text): "Sở NN và PTNT" is one Sở (its initials are no place), a
// connective before the body ("Theo đó, các địa phương chấn chỉnh …"), "1/" items, "Tất cả các
// cơ quan, …", and a count "tính đến ngày …" is no deadline.
TEST(ParagraphTaskTest, NamesAndItemsOfNewsItems) {
  EXPECT_EQ(SplitBodies(Rules(), "Sở NN và PTNT"), std::vector<std::string>{"Sở NN và PTNT"});
  EXPECT_EQ(SplitBodies(Rules(), "Tỉnh đoàn Hà Giang, Sơn La và Nghệ An").size(), 3u);
  const Letter namdinh = ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set13text/letters/ubnd_namdinh_qd_2589_2017.txt")));
  EXPECT_EQ(Assignees(namdinh), std::vector<std::string>{"Sở NN và PTNT"});
  EXPECT_EQ(Assignees(ReadText("Theo đó, các địa phương chấn chỉnh kịp thời công tác tuyên truyền.\n")),
            std::vector<std::string>{"Các địa phương"});
  const Letter flags = ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set13text/letters/ubnd_xa_thieuvan_tb_treoco_2025.txt")));
  const std::vector<std::string> who = Assignees(flags);
  ASSERT_FALSE(who.empty());
  EXPECT_EQ(who.front(), "Tất cả các cơ quan");
  const Letter count = ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set11text/letters/mttq_hanoi_biendao_2019.txt")));
  EXPECT_TRUE(count.deadlines.empty());
}

// Letters of set14text (central and local bodies): the speaker's formula "có ý kiến như sau:"
// before the body that acts on the next line; a bullet under a lead-in that names its own body;
// asides in brackets inside the list of bodies asked; a lead-in naming one addressee; an item
// that opens with what the speaker agrees to; "sẽ" of a group and of a body named alone.
TEST(ParagraphTaskTest, FormulasBulletsAndAsidesOfRealLetters) {
  auto read = [](const std::string& name) {
    return ReadText(testing::ReadFile(testing::TestData("extract/heldout/set14text/letters/" + name)), name);
  };
  const Letter bg = read("ubnd_bacgiang_cv_722_2013.txt");
  ASSERT_EQ(Assignees(bg), std::vector<std::string>{"Sở Tài nguyên và Môi trường"});
  EXPECT_EQ(Opt(bg.tasks[0].deadline), "2013-04-15");
  // (The page runs words together, "cácquận", "Chỉ đạoquốc", which the repair of the CLI
  // mends; read here without it.)
  const std::vector<std::string> hcm = Assignees(read("ubnd_hcm_ct_10_1996.txt"));
  EXPECT_EQ(std::count(hcm.begin(), hcm.end(), "Các ngành"), 0) << ::testing::PrintToString(hcm);
  EXPECT_EQ(std::count_if(hcm.begin(), hcm.end(), [](const std::string& a) { return a.starts_with("Ủy ban nhân dân các"); }), 1);
  const std::vector<std::string> hanoi = Assignees(read("ubnd_hanoi_cv_1651_2010.txt"));
  ASSERT_EQ(hanoi.size(), 1u) << ::testing::PrintToString(hanoi);
  EXPECT_TRUE(hanoi[0].starts_with("Văn phòng Ban Chỉ")) << hanoi[0];
  EXPECT_EQ(Assignees(read("ubnd_haugiang_cv_25_2018.txt")),
            (std::vector<std::string>{"Giám đốc Sở Tài chính", "Giám đốc Sở Thông tin và Truyền thông"}));
  const std::vector<std::string> moet = Assignees(read("bgddt_cv_tentienganh_2014.txt"));
  EXPECT_EQ(std::count(moet.begin(), moet.end(), "Các viện nghiên cứu"), 1) << ::testing::PrintToString(moet);
  EXPECT_EQ(std::count(moet.begin(), moet.end(), "Các trường đại học, cao đẳng"), 1);
  const std::vector<std::string> union_asked = Assignees(read("congdoan_giaoduc_tphcm_quyengopvai_2015.txt"));
  EXPECT_EQ(std::count(union_asked.begin(), union_asked.end(), "Các CĐ cơ sở"), 1)
      << ::testing::PrintToString(union_asked);
  EXPECT_EQ(std::count(union_asked.begin(), union_asked.end(), "Các đơn vị"), 1);
  EXPECT_TRUE(ReadText("Theo đó, Công an tỉnh Đồng Tháp sẽ tạm ngừng cấp các loại giấy tờ.\n").tasks.empty());
}

// Duties local letters name with verbs of their own ("khảo sát", set12text), and a news item's
// report of what a body did on a day, which is none (set14text).
TEST(ParagraphTaskTest, LocalDutiesAndReportedEvents) {
  const Letter ward = ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set12text/letters/ubnd_phuong6_tanbinh_tb_2018.txt")));
  const std::vector<std::string> asked = Assignees(ward);
  EXPECT_EQ(std::count(asked.begin(), asked.end(), "Ban điều hành 75 Tổ dân phố"), 1) << ::testing::PrintToString(asked);
  EXPECT_TRUE(ReadText("Ngày 02/06/2024 UBND xã Tiền Phong tổ chức Hội nghị triển khai Kế hoạch.\n").tasks.empty());
  EXPECT_EQ(Assignees(ReadText("Tin tức\n\nNgày 02/06/2024 UBND xã đề nghị các thôn tổ chức Hội nghị triển khai Kế hoạch.\n")),
            std::vector<std::string>{"Các thôn"});
  EXPECT_EQ(SplitBodies(Rules(), "Hội đồng thẩm định dự án").size(), 1u);
  // "2. Thời gian hoàn thành và nộp biểu … trước ngày18/8/2016": the time of the request in an
  // item of its own dates the duty before it (set14text).
  const Letter mc = ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set14text/letters/pgddt_mocchau_cv_357_2016.txt")));
  ASSERT_EQ(mc.tasks.size(), 2u);
  EXPECT_EQ(Opt(mc.tasks[0].deadline), "2016-08-18");
  // "Trong đó, tập trung báo cáo …. Báo cáo gửi về Bộ … trước ngày 15/01/2020": the next
  // paragraph dates the request after a sentence that asks no one (set15text).
  const Letter env = ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set15text/letters/btnmt_cv_6137_2019_tin.txt")));
  ASSERT_EQ(Assignees(env), std::vector<std::string>{"UBND cấp tỉnh"});
  EXPECT_EQ(Opt(env.tasks[0].deadline), "2020-01-15");
  // A news item's headline ("UBND tỉnh: Tiếp tục cho học sinh, sinh viên nghỉ học …") sums up
  // the body and asks no one itself; "Từ ngày … đến hết ngày …," opens the sentence of the
  // bodies that act, and the chairman's "có ý kiến chỉ đạo:" is no task (set15text).
  const std::vector<std::string> schools = Assignees(ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set15text/letters/ubnd_laichau_cv_474_2020_tin.txt"))));
  EXPECT_EQ(std::count(schools.begin(), schools.end(), "UBND tỉnh"), 0) << ::testing::PrintToString(schools);
  EXPECT_EQ(std::count(schools.begin(), schools.end(), "Sở Giáo dục và Đào tạo"), 1);
  EXPECT_EQ(std::count_if(schools.begin(), schools.end(),
                          [](const std::string& a) { return a.starts_with("Các cơ sở giáo dục và đào tạo"); }),
            1);
  EXPECT_EQ(std::count_if(schools.begin(), schools.end(),
                          [](const std::string& a) { return a.starts_with("Chủ tịch"); }),
            0);
}

// News items of district bodies (set16text): the speaker after a purpose closed by ";", "Theo
// chỉ đạo của …," before the bodies that act, "Ngoài ra, Ủy ban nhân dân tỉnh yêu cầu …" ("nhân"
// of "nhân dân" is no "nhận"), names that hold a word folding like a verb ("Hạ tầng").
TEST(ParagraphTaskTest, SpeakersAndBodiesOfDistrictNewsItems) {
  auto read = [](const std::string& name) {
    return Assignees(ReadText(testing::ReadFile(testing::TestData("extract/heldout/set16text/letters/" + name))));
  };
  EXPECT_EQ(read("ubnd_huyen_cainuoc_atgt_2024.txt"),
            (std::vector<std::string>{"Cơ quan Thường trực Ban An toàn giao thông huyện", "Thủ trưởng các cơ quan, đơn vị",
                                      "UBND các xã, thị trấn", "Phòng Kinh tế và Hạ tầng"}));
  const std::vector<std::string> flood = read("ubnd_huyen_vuquang_sotan_2020.txt");
  EXPECT_EQ(std::count(flood.begin(), flood.end(), "UBND các xã, thị trấn"), 1) << ::testing::PrintToString(flood);
  const std::vector<std::string> drugs = read("ubnd_ninhthuan_kh_2057_2020_tin.txt");
  EXPECT_EQ(std::count(drugs.begin(), drugs.end(), "Ủy ban nhân dân các huyện, thành phố"), 1)
      << ::testing::PrintToString(drugs);
  EXPECT_EQ(read("hdnvqs_huyen_thuanbac_giaoquan_2017.txt"), std::vector<std::string>{"Các xã"});
  // "Vào các ngày thứ bảy và Chủ nhật: UBND các xã, thị trấn … vận động …".
  const std::vector<std::string> weekly = read("ubnd_huyen_phuloc_cv_3015_2018.txt");
  EXPECT_EQ(std::count(weekly.begin(), weekly.end(), "UBND các xã, thị trấn"), 1) << ::testing::PrintToString(weekly);
}

// "thanh tra" in lower case after a body is its verb (set17text, Bộ Giáo dục và Đào tạo
// 6468/BGDĐT-TTr); "Thanh tra tỉnh" opening a sentence is the inspectorate.
TEST(ParagraphTaskTest, InspectingIsAVerbAfterABody) {
  // The page's line as repair gives it (the page glues "yêu cầucác").
  const Letter ministry = ReadText(
      "V/v thanh tra tuyển sinh đầu cấp\n\nĐể tổng hợp công tác triển khai nhiệm vụ năm học 2010 - 2011 tại "
      "các địa phương, Bộ Giáo dục và Đào tạo yêu cầu các Sở Giáo dục và Đào tạo thanh tra, kiểm tra việc "
      "tuyển sinh đầu cấp và các khoản thu đầu năm học trong các nhà trường. Kết quả thanh tra, kiểm tra báo "
      "cáo về Bộ Giáo dục và Đào tạo bằng văn bản (qua Thanh tra) chậm nhất vào trước ngày 20/11/2010.\n");
  ASSERT_EQ(ministry.tasks.size(), 1u) << ::testing::PrintToString(Assignees(ministry));
  EXPECT_EQ(ministry.tasks[0].assignee, "Các Sở Giáo dục và Đào tạo");
  EXPECT_TRUE(ministry.tasks[0].summary.starts_with("Thanh tra, kiểm tra việc tuyển sinh")) << ministry.tasks[0].summary;
  const Letter inspectorate = ReadText("Tin\n\nThanh tra tỉnh chủ trì kiểm tra việc tuyển sinh đầu cấp.\n");
  EXPECT_EQ(Assignees(inspectorate), std::vector<std::string>{"Thanh tra tỉnh"});
}

// A news item names a place for its authorities and reports the request it publishes:
// "Huyện Thanh Hà đã yêu cầu các xã …" (set13text, huyện Thanh Hà); a petitioner's address
// before the petition ("… ở thôn Mai Khê, xã Trung Kiên: Đề nghị UBND tỉnh …", set6text) and a
// past assignment ("… các nhiệm vụ UBND tỉnh đã giao") are no speaker.
TEST(ParagraphTaskTest, APlaceSpeaksForItsAuthorities) {
  const Letter district = ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set13text/letters/huyen_thanhha_dondien_2015.txt")));
  bool dated = false;
  for (const Task& t : district.tasks) {
    dated = dated || (t.assignee == "Các xã" && t.deadline == std::optional<std::string>("2015-08-30"));
  }
  EXPECT_TRUE(dated) << ::testing::PrintToString(Assignees(district));
  const Letter petition = ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set6text/letters/ubnd_vinhphuc_tl_2014.txt")));
  for (const Task& t : petition.tasks) EXPECT_EQ(t.assignee.find("UBND tỉnh"), std::string::npos) << t.assignee;
  const Letter past = ReadText("Tin\n\nCác sở khẩn trương rà soát các nhiệm vụ UBND tỉnh đã giao Sở Y tế.\n");
  for (const Task& t : past.tasks) EXPECT_NE(t.assignee, "Sở Y tế");
}

// In a news item's report of a visit or a meeting the speaker is addressed as "đồng chí":
// "Sau khi kiểm tra thực tế, đồng chí Chủ tịch UBND huyện đề nghị các cơ quan chuyên môn …"
// (UBND huyện Đầm Hà), "…, đồng chí yêu cầu các cấp Hội Nông dân huyện An Lão …" (set21text: a
// paragraph of seven sentences the page indents, no lost bullet);
// "cần phải" opens the duty ("UBND 7 phường cần phải nỗ lực …", UBND thị xã Cửa Lò).
TEST(ParagraphTaskTest, ComradeSpeaksAndShouldOpensTheDuty) {
  auto read = [](const std::string& name) {
    return Assignees(ReadText(testing::ReadFile(testing::TestData("extract/heldout/set21text/letters/" + name))));
  };
  const std::vector<std::string> damha = read("ubnd_huyen_damha_kiemtra_xdcb_tin.txt");
  EXPECT_NE(std::find(damha.begin(), damha.end(), "Các cơ quan chuyên môn"), damha.end())
      << ::testing::PrintToString(damha);
  const std::vector<std::string> anlao = read("hnd_huyen_anlao_tongket_2019_tin.txt");
  EXPECT_NE(std::find(anlao.begin(), anlao.end(), "Các cấp Hội Nông dân huyện An Lão"), anlao.end())
      << ::testing::PrintToString(anlao);
  const std::vector<std::string> cualo = read("ubnd_tx_cualo_giaoban_thang12_2019_tin.txt");
  EXPECT_NE(std::find(cualo.begin(), cualo.end(), "UBND 7 phường"), cualo.end()) << ::testing::PrintToString(cualo);
  // A name cut at a verb of its own ("ban soạn thảo", Huyện ủy Đô Lương, set18text) is no body.
  for (const std::string& a : Assignees(ReadText("Tin\n\nĐối với báo cáo chính trị, đồng chí yêu cầu ban soạn thảo "
                                                 "tuân thủ hướng dẫn.\n"))) {
    EXPECT_NE(a, "Ban");
  }
  // A named comrade still speaks by name and title (Hội LHPN quận Sơn Trà, set20text).
  EXPECT_EQ(Assignees(ReadText("Tin\n\nKết luận Hội nghị, đồng chí Trần Thị Phương Mai-Chủ tịch Hội LHPN quận đề "
                               "nghị các cấp Hội tập trung triển khai các hoạt động.\n")),
            std::vector<std::string>{"Các cấp Hội"});
}

// A name that runs on into a verb of saying, wishing or visiting is who speaks: "Bộ GD&ĐT khẳng
// định: Đây là văn bản giả mạo." (set21text), "Lãnh đạo xã Đồng Tiến thăm đồng, chỉ đạo công tác
// thu hoạch lúa vụ mùa" (set19text); "Cục Viễn thám quốc gia" holds no "thăm" (Bộ Nông nghiệp
// và Môi trường, set2).
TEST(ParagraphTaskTest, WhoSpeaksOrVisitsIsNotAsked) {
  EXPECT_TRUE(ReadText("Tin\n\nBộ GD&ĐT khẳng định: Đây là văn bản giả mạo.\n").tasks.empty());
  EXPECT_TRUE(ReadText("Tin\n\nLãnh đạo xã Đồng Tiến thăm đồng, chỉ đạo công tác thu hoạch lúa vụ mùa.\n").tasks.empty());
  // Stress on what bodies must do asks them (Công an tỉnh Nghệ An, set21text).
  EXPECT_EQ(Assignees(ReadText("Tin\n\nTại buổi lễ, Giám đốc Công an tỉnh Nghệ An nhấn mạnh, Công an các đơn vị, địa "
                               "phương phải tập trung cao độ, thực hiện và tạo ra sự khác biệt.\n")),
            std::vector<std::string>{"Công an các đơn vị, địa phương"});
  const std::vector<std::string> remote = Assignees(
      ReadText(testing::ReadFile(testing::TestData("extract/heldout/set2/letters/bnnmt_tt_63_2025.txt"))));
  EXPECT_NE(std::find(remote.begin(), remote.end(), "Cục Viễn thám quốc gia"), remote.end())
      << ::testing::PrintToString(remote);
}

// Having a plan is a duty, and so is mobilising: "… vừa có công văn đề nghị sở y tế các tỉnh,
// thành phố, các bệnh viện, Tổng công ty Dược Việt Nam, các đơn vị cung ứng thuốc có kế hoạch dự
// trữ …" (Cục Quản lý Dược), "Ban Chỉ huy quân sự xã huy động, triển khai lực lượng …" (Ban Chỉ
// huy PCTT xã Hoài Đức, set22text).
TEST(ParagraphTaskTest, APlanAndMobilisingAreDuties) {
  const std::vector<std::string> drugs = Assignees(ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set22text/letters/cqld_cv_cungung_thuoc_tet_2016_tin.txt"))));
  EXPECT_EQ(drugs, (std::vector<std::string>{"Sở y tế các tỉnh, thành phố", "Các bệnh viện", "Tổng công ty Dược Việt Nam",
                                             "Các đơn vị cung ứng thuốc"}));
  const std::vector<std::string> storm = Assignees(ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set22text/letters/bchpctt_xa_hoaiduc_baoso3_2025_tin.txt"))));
  EXPECT_NE(std::find(storm.begin(), storm.end(), "Ban Chỉ huy quân sự xã"), storm.end()) << ::testing::PrintToString(storm);
}

// Manner words open the duty, not the name: "UBND thành phố Nha Trang tích cực rà soát …"
// (Tỉnh ủy Khánh Hòa, set19text), "… quyết tâm thực hiện …".
TEST(ParagraphTaskTest, MannerWordsOpenTheDuty) {
  EXPECT_EQ(Assignees(ReadText("Tin\n\nUBND thành phố Nha Trang tích cực rà soát, tập trung thực hiện chỉ đạo của "
                               "Thường trực Tỉnh ủy.\n")),
            std::vector<std::string>{"UBND thành phố Nha Trang"});
  EXPECT_EQ(Assignees(ReadText("Tin\n\nHội Nông dân các xã, thị trấn quyết tâm thực hiện tốt các nội dung thi đua.\n")),
            std::vector<std::string>{"Hội Nông dân các xã, thị trấn"});
  // Real lines of set19text (Tây Sơn, Cẩm Xuyên): "trực tiếp", "tùy vào" open the duty; "tiếp
  // công dân" is one.
  EXPECT_EQ(Assignees(ReadText("Tin\n\nChủ tịch UBND xã Tây Sơn trực tiếp tiếp công dân định kỳ vào thứ 5 hàng tuần "
                               "tại Phòng tiếp công dân của UBND xã.\n")),
            std::vector<std::string>{"Chủ tịch UBND xã Tây Sơn"});
  EXPECT_EQ(Assignees(ReadText("Tin\n\nCác trường tùy vào tình hình thực tế của địa phương để căn cứ cho các em nghỉ học.\n")),
            std::vector<std::string>{"Các trường"});
  const Letter duty = ReadText("Tin\n\nUBND xã phân công chuyên viên Văn phòng HĐND & UBND xã tiếp công dân thường xuyên "
                               "trong giờ hành chính.\n");
  ASSERT_EQ(duty.tasks.size(), 1u) << ::testing::PrintToString(Assignees(duty));
  EXPECT_TRUE(duty.tasks[0].summary.starts_with("Tiếp công dân")) << duty.tasks[0].summary;
  // "phát động" is a duty (Hội khuyến học Hà Nội, set20text).
  EXPECT_EQ(Assignees(ReadText("Tin\n\nBan thường vụ Hội khuyến học Hà Nội đề nghị Hội khuyến học các Quận, huyện, thị xã "
                               "phát động viết bài về chủ đề khuyến học.\n")),
            std::vector<std::string>{"Hội khuyến học các Quận, huyện, thị xã"});
  // A cooperative is a body (phường Việt Hòa).
  EXPECT_EQ(Assignees(ReadText("Tin\n\nUBND phường Việt Hòa giao các Hợp tác xã Dịch vụ nông nghiệp trên địa bàn phối "
                               "hợp với các doanh nghiệp thực hiện rà soát.\n")),
            std::vector<std::string>{"Các Hợp tác xã Dịch vụ nông nghiệp trên địa bàn"});
  // "thành phố này" speaks for the city the item spoke of (Cam Ranh).
  EXPECT_EQ(Assignees(ReadText("Tin\n\nTheo đó, thành phố này đề nghị Sở Du lịch phối hợp thông báo đến các cơ quan, "
                               "đơn vị liên quan.\n")),
            std::vector<std::string>{"Sở Du lịch"});
}

// Lead-ins as real letters write them: a request to direct others, longer than a line
// (Bộ Nông nghiệp và PTNT 456/BNN-CN, set18text), is a task of who is asked to direct; a weak
// verb earlier in the sentence yields to the request (UBND Hà Nội 1651, set14text); "xét đề nghị
// của …" is a petition, no lead-in (Quảng Ngãi Tờ trình 09/2025, set5scan).
TEST(ParagraphTaskTest, LeadInsAsRealLettersWriteThem) {
  auto read = [](const std::string& set, const std::string& name) {
    return ReadText(testing::ReadFile(testing::TestData("extract/heldout/" + set + "/letters/" + name)), name);
  };
  const std::vector<std::string> ministry = Assignees(read("set18text", "bnn_cv_456_2021.txt"));
  ASSERT_GE(ministry.size(), 4u);
  for (size_t k = 0; k < 4; ++k) {
    EXPECT_EQ(ministry[k], "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương") << k;
  }
  const Letter hanoi = ReadText(
      "Kính gửi: Văn phòng Ban Chỉ đạo quốc gia kỷ niệm 1000 năm Thăng Long.\n\nThực hiện ý kiến kết luận của đồng "
      "chí Phó Thủ tướng tại Hội nghị triển khai công tác năm 2010 (Thông báo số 53/TB-VPCP ngày 02/3/2010 của Văn "
      "phòng Chính phủ - xin gửi bản chụp kèm theo), Ủy ban nhân dân Thành phố Hà Nội giao Văn phòng Ban Chỉ đạo "
      "quốc gia kỷ niệm 1000 năm Thăng Long:\n\n- Chủ trì, phối hợp với các sở, ban, ngành triển khai thực hiện.\n");
  EXPECT_EQ(Assignees(hanoi), std::vector<std::string>{"Văn phòng Ban Chỉ đạo quốc gia kỷ niệm 1000 năm Thăng Long"});
  for (const Task& t : read("set5scan", "qn_ttr_09_2025.txt").tasks) {
    EXPECT_NE(t.assignee, "Hội đồng nhân dân tỉnh") << t.summary;
  }
}

// A news item names the bodies a new letter went to before a request that names no one (Tổng
// cục Đường bộ, set20text; Bộ Xây dựng, set18text); thanks ask no one (Tổng cục Thống kê).
TEST(ParagraphTaskTest, BodiesTheNewLetterWentTo) {
  const Letter roads = ReadText(
      "Tin\n\nGD&TĐ - Tổng cục Đường bộ Việt Nam vừa có văn bản gửi UBND Hà Nội, BCĐ phòng chống dịch Covid-19 "
      "Hà Nội, Cục CSGT (Bộ Công an) đề nghị xử lý ùn tắc, tạo thuận lợi cho phương tiện vận chuyển hàng hóa.\n");
  EXPECT_EQ(Assignees(roads), (std::vector<std::string>{"UBND Hà Nội", "BCĐ phòng chống dịch Covid-19 Hà Nội",
                                                         "Cục CSGT"}));
  // A letter sent earlier is history: its request is no task of the news.
  const Letter earlier = ReadText(
      "Tin\n\nNăm 2014, Bộ Văn hóa, Thể thao và Du lịch đã có công văn số 2877/BVHTTDL-VHCS gửi Sở Văn hóa, Thể "
      "thao và Du lịch các tỉnh yêu cầu xây dựng báo cáo.\n");
  EXPECT_TRUE(Assignees(earlier).empty()) << ::testing::PrintToString(Assignees(earlier));
  const Letter thanks = ReadText("Tin\n\nTổng cục Thống kê trân trọng cảm ơn sự phối hợp của Quý Cơ quan.\n");
  EXPECT_TRUE(thanks.tasks.empty()) << ::testing::PrintToString(Assignees(thanks));
}

// "Quý Cơ quan" stands for the addressees: each is asked (a general department's letter to the
// provinces' People's Committees and statistics offices); with no addressee it stays as written.
TEST(ParagraphTaskTest, CourtesyStandsForTheAddressees) {
  const Letter sent = ReadText(
      "Kính gửi:\n\n– Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương;\n\n– Cục Thống kê tỉnh, thành "
      "phố trực thuộc Trung ương.\n\nTheo quy định của Luật Ban hành văn bản quy phạm pháp luật, Tổng cục "
      "Thống kê đề nghị Quý Cơ quan cho ý kiến về dự thảo Thông tư nêu trên trước ngày 20/11/2022.\n");
  EXPECT_EQ(Assignees(sent), (std::vector<std::string>{"Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương",
                                                        "Cục Thống kê tỉnh, thành phố trực thuộc Trung ương"}));
  const Letter unnamed = ReadText(
      "Tin\n\nĐể bản Dự thảo Thuyết minh Đề án được hoàn thiện hơn trước khi báo cáo UBND tỉnh, Sở đề nghị Quý "
      "cơ quan nghiên cứu, tham gia góp ý bằng văn bản gửi Sở Nông nghiệp và PTNT trước ngày 19/7/2019.\n");
  EXPECT_EQ(Assignees(unnamed), (std::vector<std::string>{"Quý cơ quan"}));
}

// Phrases of more than three words in a list ("có văn bản hướng dẫn") end a name like short ones;
// "cần" before an action opens the duty (a provincial chairman's and a ministry's letters,
// heldout/set23text).
TEST(ParagraphTaskTest, LongActionPhrasesAndShouldEndTheName) {
  const Letter flags = ReadText(
      "Tin\n\nTheo đó, Chủ tịch UBND tỉnh giao Giám đốc Sở Văn hóa, Thể thao và Du lịch có văn bản hướng dẫn các "
      "cơ quan, đơn vị trên địa bàn tỉnh treo cờ Tổ quốc tại trụ sở các cơ quan, đơn vị.\n");
  EXPECT_EQ(Assignees(flags), (std::vector<std::string>{"Giám đốc Sở Văn hóa, Thể thao và Du lịch"}));
  const Letter schools = ReadText(
      "Tin\n\nCác Sở GDĐT cần chỉ đạo các trường THPT, phòng GDĐT tổ chức rút kinh nghiệm việc quán triệt các "
      "văn bản chỉ đạo.\n");
  EXPECT_EQ(Assignees(schools), (std::vector<std::string>{"Các Sở GDĐT"}));
  // "chỉ đạo" asks only when a body speaks through its letter.
  const Letter city = ReadText(
      "Tin\n\nUBND TP. Nha Trang vừa có văn bản chỉ đạo UBND các xã, phường tiếp tục tăng cường kiểm tra, xử lý "
      "nhằm lập lại trật tự an toàn giao thông.\n");
  EXPECT_EQ(Assignees(city), (std::vector<std::string>{"UBND các xã, phường"}));
}

// News items report directions given (set25text): a body that "cho biết, đã chỉ đạo" others, and
// one that "cũng đã giao" a duty; "nhiệm vụ UBND tỉnh đã giao" stays a past assignment.
TEST(ParagraphTaskTest, ReportedDirectionsAskTheBodiesNamed) {
  EXPECT_EQ(Assignees(ReadText("Tin\n\nNgày 18/1, Công an huyện Đầm Hà, tỉnh Quảng Ninh cho biết, đã chỉ đạo Công an "
                               "các xã, thị trấn tăng cường nắm tình hình, rà soát đối tượng.\n")),
            std::vector<std::string>{"Công an các xã, thị trấn"});
  EXPECT_EQ(Assignees(ReadText("Tin\n\nUBND huyện Hòa Vang cũng đã giao Chủ tịch UBND các xã tiếp tục phối hợp với các "
                               "đơn vị có liên quan chỉ đạo triển khai.\n")),
            std::vector<std::string>{"Chủ tịch UBND các xã"});
  EXPECT_TRUE(Assignees(ReadText("Tin\n\nCác sở thực hiện nhiệm vụ UBND tỉnh đã giao Sở Y tế chủ trì.\n")) !=
              std::vector<std::string>{"Sở Y tế"});
}

// Execution clauses and duties of central legal documents (vbpl Thông tư, Nghị định, Nghị quyết).
TEST(BodyNamesTest, TitledGroupKeepsTheOfficesOfAGenericTail) {
  // Bộ Giáo dục và Đào tạo, 02/2026/TT-BGDĐT: the tail after a comma goes on from the group.
  EXPECT_EQ(SplitBodies(Rules(), "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương; Giám đốc Sở "
                                 "Giáo dục và Đào tạo; Thủ trưởng các cơ quan, tổ chức và cá nhân có liên quan"),
            (std::vector<std::string>{"Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
                                      "Giám đốc Sở Giáo dục và Đào tạo",
                                      "Thủ trưởng các cơ quan, tổ chức có liên quan"}));
  // UBND Hà Tĩnh, 39/2017/QĐ-UBND: "và các tổ chức, cá nhân" are parties of their own.
  EXPECT_EQ(SplitBodies(Rules(), "Chủ tịch UBND các huyện, thành phố, thị xã, Thủ trưởng các cơ quan, đơn vị và các "
                                 "tổ chức, cá nhân có liên quan").back(),
            "Thủ trưởng các cơ quan, đơn vị");
  // After a named body the tail is still no office.
  EXPECT_EQ(SplitBodies(Rules(), "Chủ tịch Ủy ban nhân dân các cấp, tổ chức và cá nhân khác có liên quan"),
            (std::vector<std::string>{"Chủ tịch Ủy ban nhân dân các cấp"}));
}

TEST(BodyNamesTest, EitherOfTwoBodiesIsAskedAsWithAnd) {
  // Bộ Tài chính, 91/2025/TT-BTC.
  EXPECT_EQ(SplitBodies(Rules(), "Bộ, cơ quan trung ương hoặc Cơ quan cấp trên của chủ đầu tư"),
            (std::vector<std::string>{"Bộ, cơ quan trung ương", "Cơ quan cấp trên của chủ đầu tư"}));
}

TEST(ParagraphTaskTest, AgencyNamesThatHoldAVerbOrAnAdverb) {
  // Bộ Xây dựng 63/2025/TT-BXD, Bộ Nông nghiệp và Môi trường 78/2025/TT-BNNMT.
  EXPECT_EQ(Assignees(ReadText("Tin\n\nCục Giám định nhà nước về chất lượng công trình xây dựng hướng dẫn, kiểm tra "
                               "việc thực hiện.\n")),
            std::vector<std::string>{"Cục Giám định nhà nước về chất lượng công trình xây dựng"});
  EXPECT_EQ(Assignees(ReadText("Tin\n\nTrong thời hạn không quá 01 ngày làm việc, Cục Biến đổi khí hậu kiểm tra tính "
                               "đầy đủ và hợp lệ của hồ sơ.\n")),
            std::vector<std::string>{"Cục Biến đổi khí hậu"});
  // Ngân hàng Nhà nước 74/2025/TT-NHNN: considering and writing back are the duty.
  EXPECT_EQ(Assignees(ReadText("Tin\n\nNgân hàng Nhà nước xem xét, có văn bản (văn bản giấy hoặc văn bản điện tử) để "
                               "thông báo cho tổ chức tín dụng về mức tỷ lệ dự trữ bắt buộc.\n")),
            std::vector<std::string>{"Ngân hàng Nhà nước"});
}

// A Tờ trình and a Báo cáo assign no work (UBND Quảng Ngãi, 239/TTr-UBND: "Kính đề nghị Thường
// trực HĐND tỉnh xem xét, chấp thuận./."); a letter only titled so, without the code in its
// number, is read as any other.
TEST(ParagraphTaskTest, SubmissionsAndReportsAssignNoWork) {
  const std::string body =
      "V/v xin chủ trương xây dựng Nghị quyết\n\nKính đề nghị Thường trực HĐND tỉnh xem xét, chấp thuận./.\n";
  EXPECT_TRUE(ReadText("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 239/TTr-UBND\nTỜ TRÌNH\n" + body).tasks.empty());
  // A công văn asking a higher body only to consider and decide submits too (574/UBND-KTTH).
  EXPECT_TRUE(ReadText("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 574/UBND-KTTH\nV/v đăng ký bổ sung nội dung\n\n"
                       "Đề nghị Thường trực HĐND tỉnh xem xét, quyết định./.\n")
                  .tasks.empty());
  EXPECT_FALSE(ReadText("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 574/UBND-KTTH\nV/v kiểm tra\n\n"
                        "Đề nghị Sở Xây dựng xem xét, kiểm tra hiện trạng công trình./.\n")
                   .tasks.empty());
}

// Bộ Tư pháp, 18/2025/TT-BTP: an article on a unit's structure names bodies and asks nothing.
TEST(ParagraphTaskTest, AnItemThatAsksNothingIsNoTask) {
  const Letter l = ReadText(
      "BỘ TƯ PHÁP\nSố: 18/2025/TT-BTP\nTHÔNG TƯ\nHướng dẫn chức năng, nhiệm vụ\n\nĐiều 2. Vị trí, chức năng\n"
      "a) Trung tâm trợ giúp pháp lý nhà nước có chức năng cung cấp dịch vụ pháp lý miễn phí cho người được "
      "trợ giúp pháp lý.\nĐiều 5. Cơ cấu tổ chức\n"
      "1. Trung tâm trợ giúp pháp lý nhà nước\n"
      "a) Lãnh đạo: Trung tâm trợ giúp pháp lý nhà nước có Giám đốc, các Phó Giám đốc.\n"
      "b) Các tổ chức thuộc Trung tâm trợ giúp pháp lý: Chi nhánh (nếu có), các bộ phận chuyên môn thích hợp "
      "(nếu có).\n"
      "Điều 6. Trách nhiệm thi hành\n"
      "1. Ủy ban nhân dân các tỉnh, thành phố bảo đảm các điều kiện cần thiết để các đơn vị hoạt động.\n");
  EXPECT_EQ(Assignees(l), std::vector<std::string>{"Ủy ban nhân dân các tỉnh, thành phố"});
}

// Commas inside one name or one group, and places or kinds that each have their own office: who set a
// body up (04/2025/TT-BNV and 1/2026/TT-BNV, heldout/set28text and set29text), the two cities of
// Nghị định 326/2025/NĐ-CP (set29text), and one group of a province's lower levels (Quyết định
// 33/2009/QĐ-UBND of Tiền Giang, set12text).
TEST(BodyNamesTest, WhoSetABodyUpAndPlacesEachWithTheirOffice) {
  EXPECT_EQ(SplitBodies(Rules(), "Người đứng đầu tổ chức do Chính phủ, Thủ tướng Chính phủ thành lập mà không "
                                 "phải là đơn vị sự nghiệp công lập"),
            std::vector<std::string>{"Người đứng đầu tổ chức do Chính phủ, Thủ tướng Chính phủ thành lập mà không "
                                     "phải là đơn vị sự nghiệp công lập"});
  EXPECT_EQ(SplitBodies(Rules(), "Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh, thành phố Đà Nẵng"),
            (std::vector<std::string>{"Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh",
                                      "Chủ tịch Ủy ban nhân dân thành phố Đà Nẵng"}));
  EXPECT_EQ(SplitBodies(Rules(), "Chủ tịch Ủy ban nhân dân các huyện, thành phố Mỹ Tho, thị xã Gò Công"),
            std::vector<std::string>{"Chủ tịch Ủy ban nhân dân các huyện, thành phố Mỹ Tho, thị xã Gò Công"});
  // A second office-holder ends what the first title covers, and the province's enterprises are
  // bodies of their own (Chỉ thị 04/CT-UBND of Quảng Ngãi, 2024, heldout/realscan).
  EXPECT_EQ(SplitBodies(Rules(), "Thủ trưởng các sở, ban ngành tỉnh, Chủ tịch UBND cấp huyện, các đơn vị sự "
                                 "nghiệp, doanh nghiệp Nhà nước thuộc UBND tỉnh"),
            (std::vector<std::string>{"Thủ trưởng các sở, ban ngành tỉnh", "Chủ tịch UBND cấp huyện",
                                      "Các đơn vị sự nghiệp", "Doanh nghiệp Nhà nước thuộc UBND tỉnh"}));
  // A group the letter names as a kind of its own, in capitals, has no title (Thông báo
  // 565/TB-UBND of Quảng Ngãi, 2024, heldout/realscan).
  const std::vector<std::string> investors =
      SplitBodies(Rules(), "Thủ trưởng các cơ quan, đơn vị, địa phương, các Chủ đầu tư");
  ASSERT_EQ(investors.size(), 2u);
  EXPECT_EQ(investors[1], "Các Chủ đầu tư");
  // Two kinds of school (Quyết định 29/2025/QĐ-TTg, set26text).
  EXPECT_EQ(SplitBodies(Rules(), "Các cơ sở giáo dục đại học, cơ sở giáo dục nghề nghiệp"),
            (std::vector<std::string>{"Các cơ sở giáo dục đại học", "Cơ sở giáo dục nghề nghiệp"}));
}

// Bodies of central legal documents whose names hold a verb or that a lower-case kind follows.
TEST(BodyNamesTest, InspectoratesFeeCollectorsAndCreditInstitutions) {
  // Bộ Công an, 106/2025/TT-BCA.
  EXPECT_EQ(Assignees(ReadText("Tin\n\nThủ trưởng cơ quan thanh tra trong Công an nhân dân có trách nhiệm chỉ đạo "
                               "việc theo dõi, đôn đốc thực hiện kết luận thanh tra.\n")),
            std::vector<std::string>{"Thủ trưởng cơ quan thanh tra trong Công an nhân dân"});
  EXPECT_EQ(Assignees(ReadText("Tin\n\nĐối tượng thanh tra có trách nhiệm thực hiện nội dung của kết luận thanh tra "
                               "theo quy định tại khoản 1 Điều 54 Luật Thanh tra.\n")),
            std::vector<std::string>{"Đối tượng thanh tra"});
  // Bộ Tài chính, 90/2025/TT-BTC and 109/2025/TT-BTC.
  EXPECT_EQ(Assignees(ReadText("BỘ TÀI CHÍNH\nSố: 90/2025/TT-BTC\nTHÔNG TƯ\nQuy định mức thu phí\n\n"
                               "Điều 4. Kê khai, nộp phí\n"
                               "1. Tổ chức thu phí nộp 100% số tiền phí thu được vào ngân sách nhà nước.\n")),
            std::vector<std::string>{"Tổ chức thu phí"});
  // Ngân hàng Nhà nước, 67/2025/TT-NHNN.
  EXPECT_EQ(SplitBodies(Rules(), "Thủ trưởng các đơn vị thuộc Ngân hàng Nhà nước Việt Nam, tổ chức tín dụng, chi nhánh "
                                 "ngân hàng nước ngoài và các tổ chức, cá nhân khác có liên quan"),
            (std::vector<std::string>{"Thủ trưởng các đơn vị thuộc Ngân hàng Nhà nước Việt Nam",
                                      "Tổ chức tín dụng, chi nhánh ngân hàng nước ngoài"}));
  // Ngân hàng Nhà nước, 58/2025/TT-NHNN: after a group, the kinds go on.
  EXPECT_EQ(SplitBodies(Rules(), "Thủ trưởng các doanh nghiệp, tổ chức tín dụng có hoạt động kinh doanh vàng"),
            std::vector<std::string>{"Thủ trưởng các doanh nghiệp, tổ chức tín dụng có hoạt động kinh doanh vàng"});
}

// Duties inside a quoted amendment ("Sửa đổi khoản 5 Điều 3 như sau: “5. … 6. ….”") keep no
// closing quote in their summary.
TEST(ParagraphTaskTest, QuotedAmendmentsGiveTasksWithoutTheirQuotes) {
  const Letter l = ReadText(
      "BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 02/2026/TT-BGDĐT\nTHÔNG TƯ\nSửa đổi quy định\n\nĐiều 1. Sửa đổi, bổ sung\n"
      "1. Sửa đổi khoản 5 Điều 3 như sau:\n“5. Sở Giáo dục và Đào tạo tổ chức kiểm tra việc thực hiện.\n"
      "6. Ủy ban nhân dân cấp tỉnh bố trí kinh phí.”\n");
  ASSERT_EQ(l.tasks.size(), 2u);
  EXPECT_EQ(l.tasks[1].assignee, "Ủy ban nhân dân cấp tỉnh");
  EXPECT_EQ(l.tasks[1].summary, "Bố trí kinh phí.");
}

// Bộ Y tế 49/2025/TT-BYT, Bộ Nội vụ 01/2026/TT-BNV, Bộ Tư pháp 24/2025/TT-BTP, Chính phủ
// 279/2025/NĐ-CP: authorities named by their power, boards by their work, generic tails, and an
// apparatus that is no ministry.
TEST(BodyNamesTest, AuthoritiesBoardsAndTailsOfLegalTexts) {
  EXPECT_EQ(Assignees(ReadText("Tin\n\nCơ quan có thẩm quyền tuyển dụng xác định thời gian công tác có đóng bảo hiểm "
                               "xã hội bắt buộc.\n")),
            std::vector<std::string>{"Cơ quan có thẩm quyền tuyển dụng"});
  EXPECT_EQ(Assignees(ReadText("Tin\n\nTrong thời hạn 07 ngày làm việc, Tổ thư ký Hội đồng kiểm tra sát hạch phải "
                               "tiến hành rà soát hồ sơ.\n")),
            std::vector<std::string>{"Tổ thư ký Hội đồng kiểm tra sát hạch"});
  EXPECT_EQ(SplitBodies(Rules(), "Giám đốc Sở Tư pháp, người đứng đầu đơn vị sự nghiệp công lập và các cơ quan, tổ "
                                 "chức có liên quan"),
            (std::vector<std::string>{"Giám đốc Sở Tư pháp", "Người đứng đầu đơn vị sự nghiệp công lập"}));
  EXPECT_TRUE(Assignees(ReadText("Tin\n\nBộ máy giúp việc của Quỹ thực hiện nhiệm vụ do Giám đốc Quỹ giao.\n")).empty());
}

// Bộ Nội vụ, 01/2026/TT-BNV: a body named with a relative clause ("mà không phải là …") in an
// execution clause still has the duty, and so do the offices beside it.
TEST(BodyNamesTest, ARelativeClauseInsideANameStatesNoFact) {
  const Letter l = ReadText(
      "BỘ NỘI VỤ\nSố: 1/2026/TT-BNV\nTHÔNG TƯ\nHướng dẫn X\n\nĐiều 5. Trách nhiệm thi hành\n"
      "1. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Người đứng đầu tổ chức do Chính phủ, Thủ tướng Chính phủ thành "
      "lập mà không phải là đơn vị sự nghiệp công lập (trong trường hợp được giao thẩm quyền quản lý công chức), Chủ "
      "tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương và các cơ quan, tổ chức, cá nhân có liên quan "
      "chịu trách nhiệm thi hành Thông tư này.\n");
  const std::vector<std::string> got = Assignees(l);
  for (const char* office : {"Các Bộ trưởng", "Thủ trưởng cơ quan ngang bộ",
                             "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"}) {
    EXPECT_NE(std::find(got.begin(), got.end(), office), got.end()) << office;
  }
}

// Công văn 30/ĐT of a university's Youth Union (heldout/set34text): the request comes after
// grounds and aims that fill the sentence's opening; a difficulty the grounds name ("có hoàn
// cảnh đặc biệt khó khăn") is no condition. A lead-in after grounds is read as before: its
// items, not its speaker, get the work (heldout/set24text, 1000/GSQL).
TEST(ParagraphTaskTest, ARequestAfterLongGroundsIsFound) {
  const std::string head = "BCH TRƯỜNG ĐẠI HỌC LÂM NGHIỆP\nSố: 30 /ĐT\nV/v quyên góp tiền xây nhà tình nghĩa\n"
                           "Hà Nội, ngày 09 tháng 5 năm 2011\nKính gửi: Ban Chấp hành các chi đoàn.\n\n";
  const std::string request =
      "Ban Thường vụ Đoàn trường đề nghị Ban Chấp hành các chi đoàn tuyên truyền, vận động đoàn viên, học sinh, "
      "sinh viên tích cực hưởng ứng tham gia đóng góp đợt vận động bằng tiền mặt.\n";
  const Letter l = ReadText(
      head +
      "Căn cứ công văn số 12/CTNXP ngày 10/3/2011 của BCH Hội Cựu thanh niên xung phong huyện Chương Mỹ về việc tài "
      "trợ xây dựng nhà tình nghĩa cho cựu TNXP có hoàn cảnh đặc biệt khó khăn; thực hiện sự chỉ đạo của Đảng ủy, Ban "
      "Giám hiệu; nhằm phát huy tinh thần “Tương thân tương ái, lá lành đùm là rách”, để thể hiện tình cảm và trách "
      "nhiệm của tuổi trẻ Trường Đại học Lâm nghiệp, nhằm kịp thời giúp đỡ cựu TNXP có hoàn cảnh đặc biệt khó khăn, " +
      request);
  EXPECT_EQ(Assignees(l), std::vector<std::string>{"Ban Chấp hành các chi đoàn"});
  const Letter short_grounds = ReadText(
      head + "Căn cứ công văn số 12/CTNXP về việc giúp đỡ cựu TNXP có hoàn cảnh khó khăn, " + request);
  EXPECT_EQ(Assignees(short_grounds), std::vector<std::string>{"Ban Chấp hành các chi đoàn"});
  const Letter condition = ReadText(head + "Trong quá trình thực hiện, nếu có khó khăn, Ban Chấp hành các chi đoàn "
                                           "báo cáo về Văn phòng Đoàn trường.\n");
  EXPECT_TRUE(Assignees(condition).empty());

  const Letter lead_in = ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set24text/letters/tchq_cucgsql_cv_1000_2017.txt")));
  for (const std::string& a : Assignees(lead_in)) EXPECT_NE(a, "Cục Giám sát");
}

}  // namespace
}  // namespace congvan::extract
