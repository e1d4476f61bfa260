#include "extract/confidence.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>

#include "extract/test_letters.h"
#include "support/testing.h"

namespace congvan::extract {
namespace {

using test::ReadText;
using test::Rules;

namespace fs = std::filesystem;

// The restored text of seed 001 (UBND huyện Tứ Kỳ, 1532/UBND-VP, 14/11/2023).
std::string TuKy() { return testing::ReadFile(testing::TestData("devset/restored/001_b8c21598dec75cc1.txt")); }

// `text` with its first `from` replaced by `to` (the test fails when `from` is not there).
std::string Damage(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string Reasons(const Letter& l) {
  std::string all;
  for (const std::string& r : l.review.reasons) all += r + "\n";
  return all;
}

bool HasReason(const Letter& l, const std::string& part) {
  return Reasons(l).find(part) != std::string::npos;
}

double Conf(const Letter& l, const std::string& field) {
  auto it = l.confidence.find(field);
  return it == l.confidence.end() ? -1.0 : it->second;
}

// --- clean letters ---

TEST(ConfidenceTest, CleanLettersAreNotFlagged) {
  for (const char* set : {"extract/letters", "devset/restored"}) {
    for (const auto& e : fs::directory_iterator(testing::TestData(set))) {
      if (e.path().extension() != ".txt") continue;
      const Letter l = ReadText(testing::ReadFile(e.path()), e.path().filename().string());
      SCOPED_TRACE(e.path().filename().string());
      if (!l.doc_ref || !l.date || !l.issuer) continue;  // a letter printed without them
      EXPECT_FALSE(IsDoubtful(Conf(l, "doc_ref")));
      EXPECT_FALSE(IsDoubtful(Conf(l, "date")));
      EXPECT_FALSE(IsDoubtful(Conf(l, "issuer")));
    }
  }
  const Letter l = ReadText(TuKy(), "001.txt");
  EXPECT_FALSE(l.review.needed) << Reasons(l);
  EXPECT_TRUE(l.review.reasons.empty());
  EXPECT_GE(Conf(l, "doc_ref"), 0.9);
  EXPECT_GE(Conf(l, "date"), 0.9);
  EXPECT_GE(Conf(l, "issuer"), 0.9);
  for (const Task& t : l.tasks) EXPECT_FALSE(IsDoubtful(t.confidence)) << t.assignee;
}

// --- fields damaged on purpose ---

TEST(ConfidenceTest, NumberLineDestroyedIsNoNumber) {
  const Letter l = ReadText(Damage(TuKy(), "Số: 1532 /UBND-VP", "$~: !#3% *@;;-:"));
  EXPECT_FALSE(l.doc_ref);
  EXPECT_TRUE(l.review.needed);
  EXPECT_TRUE(HasReason(l, review_reason::NoNumber())) << Reasons(l);
}

TEST(ConfidenceTest, NumberLineGarbledIsDoubtful) {
  // The "Số" label survives, the number and symbol do not read as a number and a symbol.
  const Letter l = ReadText(Damage(TuKy(), "Số: 1532 /UBND-VP", "Số: 1532 /Uß%D-vp,"));
  ASSERT_TRUE(l.doc_ref);
  EXPECT_TRUE(IsDoubtful(Conf(l, "doc_ref"))) << Conf(l, "doc_ref") << " " << *l.doc_ref;
  EXPECT_TRUE(HasReason(l, review_reason::NumberUnsure())) << Reasons(l);
  EXPECT_TRUE(l.review.needed);
}

TEST(ConfidenceTest, DateLineWithoutYearIsIncomplete) {
  const Letter l = ReadText(Damage(TuKy(), "ngày 14 tháng 11 năm 2023", "ngày 14 tháng 11 năm"));
  EXPECT_FALSE(l.date);
  EXPECT_TRUE(HasReason(l, review_reason::DateIncomplete())) << Reasons(l);
  EXPECT_TRUE(l.review.needed);
}

// "ngày Ø3 tháng 4 năm 2018" (Quảng Ngãi 08/CT-UBND as OCR reads it): the "0" read as a
// letter still gives the day, but the date is doubtful.
TEST(ConfidenceTest, ADayWithItsZeroMisreadIsDoubtful) {
  const Letter l = ReadText("UBND TỈNH QUẢNG NGÃI\nSố: 08/CT-UBND\nQuảng Ngãi, ngày Ø3 tháng 4 năm 2018\n\n"
                            "CHỈ THỊ\nVề tăng cường công tác phòng cháy\n");
  EXPECT_EQ(l.date, std::optional<std::string>("2018-04-03"));
  EXPECT_TRUE(IsDoubtful(l.confidence.at("date")));
  EXPECT_TRUE(HasReason(l, "không đọc được chắc chắn")) << Reasons(l);
}

TEST(ConfidenceTest, DateLineMissingIsNoDate) {
  const Letter l = ReadText(Damage(TuKy(), "Tứ Kỳ, ngày 14 tháng 11 năm 2023", ""));
  EXPECT_FALSE(l.date);
  EXPECT_TRUE(HasReason(l, review_reason::NoDate())) << Reasons(l);
}

TEST(ConfidenceTest, IssuerLinesDestroyedAreDoubtful) {
  std::string text = Damage(TuKy(), "ỦY BAN NHÂN DÂN", "ÙY B4N NH#N D~N");
  text = Damage(text, "HUYỆN TỨ KỲ", "HU¥ỆN T*' K%");
  const Letter l = ReadText(text);
  EXPECT_TRUE(l.review.needed);
  if (l.issuer) {
    EXPECT_TRUE(IsDoubtful(Conf(l, "issuer"))) << *l.issuer << " " << Conf(l, "issuer");
    EXPECT_TRUE(HasReason(l, review_reason::IssuerUnsure())) << Reasons(l);
  } else {
    EXPECT_TRUE(HasReason(l, review_reason::NoIssuer())) << Reasons(l);
  }
}

TEST(ConfidenceTest, DeadlineBeforeTheLettersDate) {
  // Seed 004 (Tuyên Quang, 16/11/2021) with its date misread a year late: its deadlines of
  // November and December 2021 fall before it.
  const std::string text = testing::ReadFile(testing::TestData("devset/restored/004_7112368be621d645.txt"));
  const Letter clean = ReadText(text);
  ASSERT_EQ(clean.date, "2021-11-16");
  EXPECT_FALSE(HasReason(clean, "trước ngày ban hành")) << Reasons(clean);
  const Letter l = ReadText(Damage(text, "ngày 16 tháng 11 năm 2021", "ngày 16 tháng 11 năm 2022"));
  ASSERT_EQ(l.date, "2022-11-16");
  ASSERT_FALSE(l.deadlines.empty());
  EXPECT_TRUE(l.review.needed);
  EXPECT_TRUE(HasReason(l, "trước ngày ban hành 16/11/2022")) << Reasons(l);
  for (const Task& t : l.tasks) {
    if (t.deadline) {
      EXPECT_TRUE(IsDoubtful(t.confidence)) << t.assignee << " " << *t.deadline;
    }
  }
}

// An assignee read past its body into the verb ("… thông tin") or cut to a bare
// word is doubtful; the same letter's well-cut assignees are not.
TEST(ConfidenceTest, AssigneesCutInTheWrongPlaceAreDoubtful) {
  const Letter l = ReadText(
      "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
      "Số: 08/CT-UBND\nQuảng Ngãi, ngày 03 tháng 4 năm 2018\n\nCHỈ THỊ\nVề tăng cường công tác phòng cháy\n\n"
      "1. Sở Công Thương chủ trì kiểm tra các cơ sở sản xuất.\n"
      "2. UBND các huyện, thành phố thông tin, tuyên truyền, vận động nhân dân.\n\nNơi nhận:\n- Như trên;\n");
  ASSERT_EQ(l.tasks.size(), 2u);
  EXPECT_EQ(l.tasks[0].assignee, "Sở Công Thương");
  EXPECT_FALSE(IsDoubtful(l.tasks[0].confidence)) << l.tasks[0].confidence;
  EXPECT_TRUE(IsDoubtful(l.tasks[1].confidence)) << l.tasks[1].assignee << " " << l.tasks[1].confidence;
}

// A capitalised office inside a name is no swallowed verb: "Chánh Thanh tra tỉnh" of a real
// Quảng Ngãi decision (tests/data/extract/heldout/realscan) is as sure as the offices beside it.
TEST(ConfidenceTest, AnOfficeNamedLikeAVerbIsNoSwallowedVerb) {
  const Letter decision = ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/realscan/letters/qn_qd_89_2025.txt")));
  bool seen = false;
  for (const Task& t : decision.tasks) {
    if (t.assignee != "Chánh Thanh tra tỉnh") continue;
    seen = true;
    EXPECT_FALSE(IsDoubtful(t.confidence)) << t.confidence;
  }
  EXPECT_TRUE(seen) << ::testing::PrintToString(test::Assignees(decision));
}

// A news item reports a letter's requests in prose, with neither number nor date of its own
// (set13text): its tasks are doubtful, with the reason said; a letter's own tasks are not.
TEST(ConfidenceTest, TasksOfATextWithoutNumberOrDateAreDoubtful) {
  const Letter news = ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set13text/letters/bgddt_cv_thanhtra_hsgqg_2019.txt")));
  ASSERT_FALSE(news.tasks.empty());
  for (const Task& t : news.tasks) EXPECT_TRUE(IsDoubtful(t.confidence)) << t.assignee << " " << t.confidence;
  EXPECT_TRUE(HasReason(news, "không có số và ngày ban hành")) << Reasons(news);
  const Letter letter = ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set14text/letters/ubnd_bacgiang_cv_722_2013.txt")));
  ASSERT_EQ(letter.tasks.size(), 1u);
  EXPECT_FALSE(IsDoubtful(letter.tasks[0].confidence)) << letter.tasks[0].confidence;
  EXPECT_FALSE(HasReason(letter, "không có số và ngày ban hành")) << Reasons(letter);
}

// Its deadlines, type and subject come from prose too (a news item of a province's flag notice,
// set24text, whose "14/10" is the congress's day): doubtful like its tasks.
TEST(ConfidenceTest, DeadlinesTypeAndSubjectOfATextWithoutNumberOrDateAreDoubtful) {
  const Letter news = ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set24text/letters/ubnd_khanhhoa_treoco_daihoi_2020_tin.txt")));
  ASSERT_FALSE(news.deadlines.empty());
  ASSERT_TRUE(news.confidence.count("deadlines"));
  EXPECT_TRUE(IsDoubtful(news.confidence.at("deadlines"))) << news.confidence.at("deadlines");
  for (const char* field : {"doc_type", "subject"}) {
    if (news.confidence.count(field)) EXPECT_TRUE(IsDoubtful(news.confidence.at(field))) << field;
  }
  const Letter letter = ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set24text/letters/vpcp_cv_8725_2023.txt")));
  ASSERT_FALSE(letter.deadlines.empty());
  EXPECT_FALSE(IsDoubtful(letter.confidence.at("deadlines"))) << letter.confidence.at("deadlines");
}

// A provincial chỉ thị whose page dropped the header's second line (set21text): the issuer is
// only the kind of body, however well the symbol's "UBND" agrees.
TEST(ConfidenceTest, AnIssuerThatNamesOnlyTheKindOfBodyIsDoubtful) {
  const Letter l = ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set21text/letters/ubnd_thanhhoa_ct_06_2019.txt")));
  ASSERT_EQ(test::Opt(l.issuer), "Ủy ban nhân dân");
  EXPECT_TRUE(IsDoubtful(l.confidence.at("issuer"))) << l.confidence.at("issuer");
}

TEST(ConfidenceTest, DateAfterArrivalIsDoubtful) {
  ReadOptions options;
  options.today = "2023-11-01";  // the letter is dated 14/11/2023
  const Letter l = ReadText(TuKy(), options);
  EXPECT_TRUE(IsDoubtful(Conf(l, "date")));
  EXPECT_TRUE(HasReason(l, "sau ngày nhận văn bản 01/11/2023")) << Reasons(l);
}

TEST(ConfidenceTest, SymbolYearDisagreeingWithTheDate) {
  const std::string text =
      "CHÍNH PHỦ\nSố: 249/2025/NĐ-CP\nHà Nội, ngày 15 tháng 9 năm 2024\n\nNGHỊ ĐỊNH\nQuy định chi tiết\n";
  const Letter l = ReadText(text);
  ASSERT_EQ(l.date, "2024-09-15");
  EXPECT_TRUE(IsDoubtful(Conf(l, "date")));
  EXPECT_TRUE(HasReason(l, "khác năm trong số ký hiệu (2025)")) << Reasons(l);
}

// --- evidence from the OCR ---

// `text` as an OCR page with one word per token, each at the confidence `confidence_of` gives
// it (the token and the line it is on).
PageText WithWordConfidences(
    const std::string& text,
    const std::function<float(const std::string& word, const Line& line)>& confidence_of) {
  PageText page = PageTextFromPlain(0, "ocr", text);
  for (Line& line : page.lines) {
    size_t i = 0;
    while (i < line.text.size()) {
      size_t j = line.text.find(' ', i);
      if (j == std::string::npos) j = line.text.size();
      if (j > i) {
        const std::string word = line.text.substr(i, j - i);
        line.words.push_back({word, {}, confidence_of(word, line)});
      }
      i = j + 1;
    }
  }
  return page;
}

TEST(ConfidenceTest, LowWordConfidencesOnTheNumberLineMakeItDoubtful) {
  auto with_words = [&](float confidence) {
    // All words at the given confidence on the "Số" line, 96 elsewhere.
    const PageText p = WithWordConfidences(TuKy(), [&](const std::string&, const Line& line) {
      return line.text.starts_with("Số:") ? confidence : 96.0f;
    });
    return test::Shared().Read({p}, "scan.tif");
  };
  const Letter sure = with_words(96.0f);
  const Letter unsure = with_words(35.0f);
  ASSERT_EQ(sure.doc_ref, "1532/UBND-VP");
  ASSERT_EQ(unsure.doc_ref, "1532/UBND-VP");
  EXPECT_FALSE(IsDoubtful(Conf(sure, "doc_ref")));
  EXPECT_TRUE(IsDoubtful(Conf(unsure, "doc_ref"))) << Conf(unsure, "doc_ref");
  EXPECT_TRUE(HasReason(unsure, review_reason::NumberUnsure())) << Reasons(unsure);
  EXPECT_FALSE(IsDoubtful(Conf(unsure, "date")));  // the date line was read cleanly
}

// Quảng Ngãi 16/CT-UBND: the pen reader wrote "6" for the "16" (at a pen word's 55); a number of
// one digit is as unsure as its one word, not as sure as the printed symbol beside it.
TEST(ConfidenceTest, AOneDigitNumberReadUnsureIsDoubtful) {
  const std::string text = Damage(TuKy(), "Số: 1532 /UBND-VP", "Số: 6 /UBND-VP");
  const PageText page = WithWordConfidences(
      text, [](const std::string& word, const Line&) { return word == "6" ? 55.0f : 96.0f; });
  const Letter scan = test::Shared().Read({page}, "scan.tif");
  ASSERT_EQ(scan.doc_ref, "6/UBND-VP");
  EXPECT_TRUE(IsDoubtful(Conf(scan, "doc_ref"))) << Conf(scan, "doc_ref");
}

TEST(ConfidenceTest, ANumberLeftBlankIsDoubtfulOnAScanOnly) {
  // A scanned letter was issued, so its number was written in by pen; a web copy of a draft
  // may print the blank as it stands.
  const std::string blank = Damage(TuKy(), "Số: 1532 /UBND-VP", "Số:      /UBND-VP");
  const Letter scan = test::Shared().Read({PageTextFromPlain(0, "ocr", blank)}, "scan.tif");
  ASSERT_EQ(scan.doc_ref, "/UBND-VP");
  EXPECT_TRUE(IsDoubtful(Conf(scan, "doc_ref"))) << Conf(scan, "doc_ref");
  EXPECT_TRUE(HasReason(scan, review_reason::NumberBlank())) << Reasons(scan);
  const Letter copy = ReadText(blank);
  ASSERT_EQ(copy.doc_ref, "/UBND-VP");
  EXPECT_FALSE(IsDoubtful(Conf(copy, "doc_ref"))) << Conf(copy, "doc_ref");
  EXPECT_FALSE(HasReason(copy, review_reason::NumberBlank())) << Reasons(copy);
}

// --- the pieces ---

TEST(ConfidenceTest, VietnameseShare) {
  EXPECT_DOUBLE_EQ(VietnameseShare(Rules(), "Ủy ban nhân dân huyện Tứ Kỳ"), 1.0);
  EXPECT_DOUBLE_EQ(VietnameseShare(Rules(), "Số: 1532/UBND-VP ngày 20/6/2023"), 1.0);
  EXPECT_DOUBLE_EQ(VietnameseShare(Rules(), ""), 1.0);
  EXPECT_LT(VietnameseShare(Rules(), "Kinh gtri: Pang uy cdc xd thang11ndm"), 0.7);
}

TEST(ConfidenceTest, SymbolFitsIssuer) {
  EXPECT_EQ(SymbolFitsIssuer(Rules(), "UBND-VP", "Ủy ban nhân dân huyện Tứ Kỳ", ""), true);
  EXPECT_EQ(SymbolFitsIssuer(Rules(), "SYT-VP", "Sở Y tế", "UBND tỉnh Đồng Nai"), true);
  EXPECT_EQ(SymbolFitsIssuer(Rules(), "CV/HU", "Huyện ủy Bình Sơn", "Đảng bộ tỉnh Quảng Ngãi"), true);
  EXPECT_EQ(SymbolFitsIssuer(Rules(), "UBND-NC", "Ủy ban nhân dân tỉnh Tuyên Quang", ""), true);
  EXPECT_EQ(SymbolFitsIssuer(Rules(), "2025/QĐ-TTg", "Thủ tướng Chính phủ", ""), true);
  EXPECT_EQ(SymbolFitsIssuer(Rules(), "KH/TWĐTNBTG", "Ban Chấp hành Trung ương", "Đoàn TNCS Hồ Chí Minh"), true);
  EXPECT_EQ(SymbolFitsIssuer(Rules(), "SYT-VP", "Ủy ban nhân dân huyện Tứ Kỳ", ""), false);
  EXPECT_EQ(SymbolFitsIssuer(Rules(), "2025/QĐ-TTg", "Bộ Nội vụ", ""), false);
}

TEST(ConfidenceTest, ReasonsAreVietnameseWithDatesAsAClerkWritesThem) {
  EXPECT_EQ(review_reason::DeadlineBeforeDate("2022-06-20", "trước ngày 20/6/2022", "2023-06-08"),
            "Hạn xử lý 20/06/2022 (\"trước ngày 20/6/2022\") trước ngày ban hành 08/06/2023");
  EXPECT_EQ(review_reason::IssuerUnsure(), "Cơ quan ban hành có thể sai");
  EXPECT_EQ(review_reason::DateUnsure(), "Ngày ban hành không đọc được chắc chắn");
}

}  // namespace
}  // namespace congvan::extract
