// Tests of what OCR and repair damage at both ends of a letter: the signature block (authority,
// title and name read through OCR errors), the Nơi nhận list (two items on one line, strokes
// of the stamp beside an item), the issuer line, the codes of cited symbols; and the task and
// deadline rules added with them. Every line here is a real line of a seed (after repair) or
// of a document of ../shared/corpus.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/extractor.h"
#include "extract/parts.h"
#include "extract/rules.h"
#include "extract/text.h"
#include "extract/test_letters.h"
#include "support/testing.h"

namespace congvan::extract {
namespace {

using test::Assignees;
using test::Opt;
using test::ReadText;
using test::Rules;
using test::Shared;

// --- signature block ---

TEST(SignatureTest, DamagedAuthorityAndTitleAreReadAsTheListedTitles) {
  // Seed 003 after repair: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" lost their capitals and "Đ".
  Letter l = ReadText("Số: 1347/SYT-VP\n\nNơi nhận: KT. GIẢM bóc\n- Như trên; PHÓ GIÁM POC\n\n"
                      "- Ban Giám đốc Sở;\n- Lưu: VT, VP (Nhằm).\n\nLê Quang Trung\n");
  ASSERT_TRUE(l.signer);
  EXPECT_EQ(Opt(l.signer->authority), "KT. Giám đốc");
  EXPECT_EQ(Opt(l.signer->title), "Phó Giám đốc");
  EXPECT_EQ(Opt(l.signer->name), "Lê Quang Trung");
  EXPECT_EQ(l.recipients, (std::vector<std::string>{"Như trên", "Ban Giám đốc Sở", "Lưu: VT, VP (Nhằm)"}));
}

TEST(SignatureTest, AnAuthorityInTheNoiNhanRowOfATableIsNoRecipient) {
  // A portal's table row (heldout/set8text, Yên Bái 25/2013/QĐ-UBND).
  const Letter l = ReadText(testing::ReadFile(
      testing::TestData("extract/heldout/set8text/letters/ubnd_yenbai_qd_25_2013.txt")));
  EXPECT_TRUE(l.recipients.empty()) << ::testing::PrintToString(l.recipients);
  ASSERT_TRUE(l.signer);
  EXPECT_EQ(Opt(l.signer->authority), "TM. Ủy ban nhân dân");
}

// Thông tư 84/2025/TT-NHNN (heldout/set40text): "Nơi nhận báo cáo" heads a column of a table in
// an article; the letter goes on, and its signer is the one after the last article.
TEST(SignatureTest, ANoiNhanColumnOfATableIsNoRecipientList) {
  const Letter l = ReadText(
      "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM\nSố: 84/2025/TT-NHNN\nHà Nội, ngày 31 tháng 12 năm 2025\nTHÔNG TƯ\n"
      "Quy định chế độ báo cáo tài chính\n\n"
      "Điều 10. Nơi nhận, hình thức và thời hạn gửi Báo cáo tài chính của NHNN\n"
      "1. Nơi nhận Báo cáo tài chính của NHNN:\nTT\nLoại báo cáo\nNơi nhận báo cáo\nTrong ngành\nNgoài ngành\n"
      "Bộ Tài chính\nKiểm toán Nhà nước\n"
      "Điều 21. Trách nhiệm thi hành\n"
      "Vụ Tài chính - Kế toán chịu trách nhiệm tổ chức thực hiện Thông tư này.\n"
      "KT. THỐNG ĐỐC\nPHÓ THỐNG ĐỐC\n(Đã ký)\nPhạm Tiến Dũng\n");
  EXPECT_TRUE(l.recipients.empty()) << ::testing::PrintToString(l.recipients);
  ASSERT_TRUE(l.signer);
  EXPECT_EQ(Opt(l.signer->name), "Phạm Tiến Dũng");
  EXPECT_EQ(Opt(l.signer->title), "Phó Thống đốc");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Vụ Tài chính - Kế toán"}));
}

// Thông tư 04/2026/TT-BCT and 36/2025/TT-BXD (heldout/set40text): a text layer that broke "Nơi
// nhận" after its first letter and left a bullet alone on its line; "KT.BỘ TRƯỞNG" without a
// space; "Hội đồng Dân tộc; các Ủy ban của Quốc hội", two recipients on one line.
TEST(SignatureTest, ABrokenNoiNhanAnAuthorityWithoutASpaceAndTwoRecipientsOnALine) {
  const Letter l = ReadText(
      "BỘ CÔNG THƯƠNG\nSố: 04/2026/TT-BCT\nHà Nội, ngày 26 tháng 01 năm 2026\nTHÔNG TƯ\nQuy định về hạn "
      "ngạch thuế quan\n\nĐiều 5. Hiệu lực thi hành\nThông tư này có hiệu lực thi hành kể từ ngày 15 tháng 3 "
      "năm 2026./.\n"
      "N ơi nhận:\n- Thủ tướng, các Phó Thủ tướng Chính phủ;\n- Hội đồng Dân tộc; các Ủy ban của Quốc hội;\n"
      "-\nCục KTVB&QLXLVPHC (Bộ Tư pháp);\n- Bộ Tư pháp: Bộ trưởng, các Thứ trưởng; các đơn vị thuộc Bộ;\n"
      "- Lưu: VT, XNK.\nKT.BỘ TRƯỞNG\nTHỨ TRƯỞNG\n(Đã ký)\nNguyễn Sinh Nhật Tân\n");
  EXPECT_EQ(l.recipients, (std::vector<std::string>{"Thủ tướng, các Phó Thủ tướng Chính phủ", "Hội đồng Dân tộc",
                                                    "các Ủy ban của Quốc hội", "Cục KTVB&QLXLVPHC (Bộ Tư pháp)",
                                                    "Bộ Tư pháp: Bộ trưởng, các Thứ trưởng; các đơn vị thuộc Bộ",
                                                    "Lưu: VT, XNK"}));
  ASSERT_TRUE(l.signer);
  EXPECT_EQ(Opt(l.signer->authority), "KT. Bộ trưởng");
  EXPECT_EQ(Opt(l.signer->name), "Nguyễn Sinh Nhật Tân");
}

TEST(SignatureTest, UnlistedWordsAfterTheAuthorityPrefixAreNoAuthority) {
  Letter l = ReadText("Số: 1/UBND\n\nNơi nhận: KT. tham khảo\n- Như trên;\n- Lưu: VT.\n");
  EXPECT_TRUE(!l.signer || !l.signer->authority) << Opt(l.signer->authority);
}

TEST(SignatureTest, TitleWithALowerCasedLetterBesideARecipient) {
  // Seed 000: "- Như trên, Bí THƯ" (the right column's "BÍ THƯ" merged into the list).
  Letter l = ReadText("Số 1307-CV/HU\n\nNơi nhận: T/M BAN THƯỜNG VỤ\n- Như trên, Bí THƯ\n- TT Huyện uy, /\n"
                      "- Lưu VP huyện(nga).\n");
  ASSERT_TRUE(l.signer);
  EXPECT_EQ(Opt(l.signer->title), "Bí thư");
  EXPECT_EQ(l.recipients, (std::vector<std::string>{"Như trên", "TT Huyện uy", "Lưu VP huyện(nga)"}));
}

TEST(SignatureTest, FamilyNameReadWithPForD) {
  // Seed 001: "Đào Văn Soái" came out of OCR as "Pao Van Soai".
  Letter l = ReadText("Số: 1532/UBND-VP\n\nNơi nhận: KT. CHỦ TỊCH\n- Như trên;\n- Lưu: VT.\n\nPao Văn Soài\n");
  ASSERT_TRUE(l.signer);
  EXPECT_EQ(Opt(l.signer->name), "Đào Văn Soài");
}

TEST(SignatureTest, FamilyNameWithMarksIsKeptAndOneWithoutGetsThem) {
  // vbpl #79: "Luồng Nhánh Vạ Ráy Ngoài" is written so; an OCR'd "Nguyen Van Son" lost its marks.
  Letter a = ReadText("Số: 1/UBND\n\nNơi nhận:\n- Lưu: VT.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nLuồng Nhánh Vạ Ráy Ngoài\n");
  ASSERT_TRUE(a.signer);
  EXPECT_EQ(Opt(a.signer->name), "Luồng Nhánh Vạ Ráy Ngoài");
  Letter b = ReadText("Số: 1/UBND\n\nNơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyen Van Son\n");
  ASSERT_TRUE(b.signer);
  EXPECT_EQ(Opt(b.signer->name), "Nguyễn Van Son");
}

TEST(SignatureTest, NameAfterTheSignatureScribbleOnARecipientLine) {
  // Seed 002: the name sits at the end of the last recipient line, after OCR'd pen strokes.
  Letter l = ReadText("Số: 1138/UBND-NC\n\nNơi nhận: KT. CHỦ TỊCH\n- Sở Nội vụ; W\n"
                      "- Thường trực Huyện tỷ; . /\n- TT HPND huyện; T '\n"
                      "- Bài Truyền thanh — Truyền hình huyện; RN\n"
                      "\" UBND các xã, thi trên; gỗ gỡ Phần Thi Kim Anh\n- Lưu: VT.\n");
  ASSERT_TRUE(l.signer);
  // "Phần" keeps its marks (a family name written with marks is kept); "Thi" becomes "Thị".
  EXPECT_EQ(Opt(l.signer->name), "Phần Thị Kim Anh");
  EXPECT_EQ(l.recipients, (std::vector<std::string>{"Sở Nội vụ", "Thường trực Huyện tỷ", "TT HPND huyện",
                                                    "Bài Truyền thanh — Truyền hình huyện",
                                                    "UBND các xã, thi trên", "Lưu: VT"}));
}

TEST(SignatureTest, TwoRecipientsOnOneLineButNotANoteAfterASemicolon) {
  // Bộ Y tế, Thông tư 45/2025/TT-BYT; seed 004 ("…; (theo dõi)").
  Letter l = ReadText("Số: 45/2025/TT-BYT\n\nNơi nhận:\n- Công báo; Cổng Thông tin điện tử Chính phủ;\n"
                      "- TP, CV Phòng THCBKS; (theo dõi)\n- Lưu: VT, KCB, PC.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n"
                      "Trần Văn Thuấn\n");
  EXPECT_EQ(l.recipients, (std::vector<std::string>{"Công báo", "Cổng Thông tin điện tử Chính phủ",
                                                    "TP, CV Phòng THCBKS; (theo dõi)", "Lưu: VT, KCB, PC"}));
  ASSERT_TRUE(l.signer);
  EXPECT_EQ(Opt(l.signer->authority), "KT. Bộ trưởng");
  EXPECT_EQ(Opt(l.signer->title), "Thứ trưởng");
}

TEST(SignatureTest, ATableRowReadOverSeveralLinesIsOneRow) {
  // OCR of a render of KH 389/TWĐTN-VP: the "| Nơi nhận … | TM. … |" row wraps over four lines.
  Letter l = ReadText(
      "Số: 389 KH/TWĐTNVP\n\nBan Bí thư đề nghị triển khai thực hiện.\n\n[|\n\n"
      "| Nơi nhận: Ban Dân vận, Ban Tuyên giáo TW; Văn phòng TW Đảng; VP Chính phủ, UB TW\n"
      "MTTQ VN; Ban Bí thư TW Đoàn; Các ban, đơn vị khối phong trào TW Đoàn; BTV các tỉnh,\n"
      "thành đoàn, đoàn trực thuộc; Lưu VP. |TM. BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN BÍ THƯ\n"
      "THƯỜNG TRỰC Đã ký Bùi Quang Huy |\n");
  EXPECT_EQ(l.recipients, (std::vector<std::string>{"Ban Dân vận, Ban Tuyên giáo TW", "Văn phòng TW Đảng",
                                                    "VP Chính phủ, UB TW MTTQ VN", "Ban Bí thư TW Đoàn",
                                                    "Các ban, đơn vị khối phong trào TW Đoàn",
                                                    "BTV các tỉnh, thành đoàn, đoàn trực thuộc", "Lưu VP"}));
}

TEST(SignatureTest, RecipientsWithoutBulletsOnAScan) {
  // OCR of a render of KH 552/TWĐTN-BTG: bullet glyphs and indents lost, paragraph breaks added.
  Letter l = ReadText(
      "Số: 552-KH/TWĐTN-BTG\n\nĐề nghị triển khai thực hiện.\n\nTM. BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN\nBÍ THƯ\n\n"
      "Nguyễn Minh Triết\n\nNơi nhận:\nĐ/c Nguyễn Trọng Nghĩa, BT TW Đảng,\n"
      "Trưởng Ban Tuyên giáo TW (để báo cáo);\nỦy ban Văn hoá, Giáo dục của Quốc hội;\n"
      "Bộ Văn hoá, Thể thao và Du lịch,\n\nBộ Thông tin và Truyền thông,\n\nBộ Giáo dục và Đào tạo;\n\n"
      "Các ban phong trào, VP TW Đoàn;\n");
  EXPECT_EQ(l.recipients,
            (std::vector<std::string>{"Đ/c Nguyễn Trọng Nghĩa, BT TW Đảng, Trưởng Ban Tuyên giáo TW (để báo cáo)",
                                      "Ủy ban Văn hoá, Giáo dục của Quốc hội",
                                      "Bộ Văn hoá, Thể thao và Du lịch, Bộ Thông tin và Truyền thông, Bộ Giáo dục và Đào tạo",
                                      "Các ban phong trào, VP TW Đoàn"}));
  ASSERT_TRUE(l.signer);
  EXPECT_EQ(Opt(l.signer->name), "Nguyễn Minh Triết");
}

TEST(SignatureTest, TheArchiveItemOrTheSignatureEndsARecipientListWithoutBullets) {
  // KH 72/TWĐTN-BTG read from a render, then a signature with its "(Đã ký)" line.
  Letter l = ReadText(
      "Số: 72-KH/TWĐTN-BTG\n\nĐề nghị triển khai thực hiện.\n\nNơi nhận:\nBan Bí thư TW Đoàn;\n"
      "Trung tâm Truyền thông TTN;\nLưu BTG, VP,\nĐã ký\nTM. BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN\nBÍ THƯ\n"
      "Đã ký\nNguyễn Minh Triết\n");
  EXPECT_EQ(l.recipients,
            (std::vector<std::string>{"Ban Bí thư TW Đoàn", "Trung tâm Truyền thông TTN", "Lưu BTG, VP"}));
  ASSERT_TRUE(l.signer);
  EXPECT_EQ(Opt(l.signer->name), "Nguyễn Minh Triết");
}

TEST(SignatureTest, AListReadInTwoPartsAroundTheNameGoesOnToItsArchiveItem) {
  // OCR of corpus/samples/13_chinhphu_ND-CP_scan_signature_noinhan.jpg: the left column's list
  // is cut by the signer's name; "~" is a dash as OCR read it.
  Letter l = ReadText(
      "Số: 1/2021/NĐ-CP\n\nBãi bỏ các quy định của Chính phủ./.\nNơi nhận:\n- Văn phòng Quốc hội;\n"
      "~ Tòa án nhân dân tối cao;\n- Văn phòng Chủ tịch nước;\n:\n- Ngân hàng Phát triển Việt Nam;\n-\n"
      "Nguyễn Xuân Phúc\n.\n- Cơ quan trung ương của các đoàn thể;\n- Lưu: VT, ĐMDN (2b).\n"
      "- Phụ lục: không là nơi nhận.\n");
  EXPECT_EQ(l.recipients, (std::vector<std::string>{"Văn phòng Quốc hội", "Tòa án nhân dân tối cao",
                                                    "Văn phòng Chủ tịch nước", "Ngân hàng Phát triển Việt Nam",
                                                    "Cơ quan trung ương của các đoàn thể", "Lưu: VT, ĐMDN (2b)"}));
  ASSERT_TRUE(l.signer);
  EXPECT_EQ(Opt(l.signer->name), "Nguyễn Xuân Phúc");
}

TEST(SignatureTest, ATitleAloneAboveTheNameEndsTheBody) {
  // Bộ Nông nghiệp và Môi trường, Thông tư 63/2025/TT-BNNMT: no authority line, no Nơi nhận.
  Letter l = ReadText(
      "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 63/2025/TT-BNNMT\nHà Nội, ngày 31 tháng 10 năm 2025\nTHÔNG TƯ\n"
      "Ban hành định mức\nĐiều 3.\nTổ chức thực hiện\n"
      "2. Cục Viễn thám quốc gia có trách nhiệm phổ biến, kiểm tra việc thực hiện Thông tư này.\n"
      "BỘ TRƯỞNG\n(Đã ký)\nTrần Đức Thắng\n");
  ASSERT_TRUE(l.signer);
  EXPECT_EQ(Opt(l.signer->title), "Bộ trưởng");
  EXPECT_EQ(Opt(l.signer->name), "Trần Đức Thắng");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Cục Viễn thám quốc gia"}));
}

TEST(SignatureTest, ANamePrintedInCapitalsUnderTheTitle) {
  // A high school's notice (THPT Nguyễn Trãi, 2016) and a provincial letter (UBND tỉnh Hậu Giang
  // 73/UBND-NC, 2018, whose family name "Lữ" must be known).
  Letter tb = ReadText("Số: 12/TB-NT\nNơi nhận:\n  • Như trên.\n  • Lưu VT.\nHIỆU TRƯỞNG\nTRẦN PHƯỚC ĐỨC\n");
  ASSERT_TRUE(tb.signer);
  EXPECT_EQ(Opt(tb.signer->title), "Hiệu trưởng");
  EXPECT_EQ(Opt(tb.signer->name), "Trần Phước Đức");
  Letter cv = ReadText("Số: 73/UBND-NC\nNơi nhận:\n- Như trên;\n- TT. UBND tỉnh;\n- Lưu: VT,TH. TT.\n"
                       "CHỦ TỊCH\nLữ Văn Hùng\n");
  ASSERT_TRUE(cv.signer);
  EXPECT_EQ(Opt(cv.signer->name), "Lữ Văn Hùng");
  // Two capital words that are no family name stay out ("BỘ TRƯỞNG" is a title).
  Letter none = ReadText("Số: 1/UBND\nNơi nhận:\n- Lưu VT.\nGIÁM ĐỐC\nSỞ Y TẾ\n");
  EXPECT_FALSE(none.signer && none.signer->name);
}

TEST(SignatureTest, RecipientsWhoseHeadingOcrLost) {
  // Quảng Ngãi 299/UBND-TTHC as `congvan ocr` reads it: "Nơi nhận:" came out as "Tấn".
  Letter l = ReadText(
      "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 299 /UBND-TTHC\nV/v công bố Danh mục TTHC\n"
      "Kính gửi:\n- Sở Giao thông vận tải;\n- Sở Nông nghiệp và Phát triển nông thôn.\n\n"
      "1. Giao Sở Giao thông vận tải chủ trì, hoàn thành trước ngày 20/01/2025.\n\n"
      "Tấn\n- ư trên;\n- PCT UBND tỉnh;\n- VPUB: CVP, PCVP;\n- Cổng TTĐT tỉnh;\n- Lưu: VT, TTHC(Tm).\n"
      "TL. CHỦ TỊCH\nTự vệ `\n");
  EXPECT_EQ(l.recipients, (std::vector<std::string>{"ư trên", "PCT UBND tỉnh", "VPUB: CVP, PCVP",
                                                     "Cổng TTĐT tỉnh", "Lưu: VT, TTHC(Tm)"}));
  ASSERT_TRUE(l.signer);
  EXPECT_EQ(Opt(l.signer->authority), "TL. Chủ tịch");
  // With no archive item there is no list to find: the bullets stay the body's.
  Letter none = ReadText("Số: 1/UBND\n1. Phòng Nội vụ báo cáo.\n- Phòng A;\n- Phòng B.\n");
  EXPECT_TRUE(none.recipients.empty());
}

TEST(SignatureTest, ACapitalTitleInTheBodyIsNoSignature) {
  // "CHỦ TỊCH" alone with no name or "đã ký" below is a heading, not the signature.
  Letter l = ReadText("Số: 1/UBND\n\nKính gửi: Phòng A.\n\n1. Phòng Nội vụ báo cáo.\nCHỦ TỊCH\n"
                      "2. Phòng Tư pháp kiểm tra việc thực hiện.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Phòng Nội vụ", "Phòng Tư pháp"}));
}

// --- header ---

TEST(HeaderRepairTest, DamagedDepartmentLineIsTheListedDepartment) {
  // Seed 003: "SỞ Y TẾ" OCR'd "SOY TE", then repaired to "SOY THE".
  Letter l = ReadText("UBND TỈNH ĐỒNG NAI CỘNG HÒA XÃ HQI CHỦ NGHĨA VIỆT NAM\n"
                      "SOY THE Độc lập - Tự do - Hạnh phúc\n\n"
                      "Số: 1347/SYT-VP Đồng Nai, ngày 22 tháng 3 năm 2023\nV/v triển khai Chỉ thị\n");
  EXPECT_EQ(Opt(l.issuer), "Sở Y tế");
  EXPECT_EQ(Opt(l.issuer_parent), "UBND tỉnh Đồng Nai");
}

TEST(HeaderRepairTest, AStandingCommitteeOnTwoLinesIsOneIssuer) {
  Letter l = ReadText("ỦY BAN THƯỜNG VỤ\nQUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                      "Độc lập - Tự do - Hạnh phúc\nNghị quyết số: 103/2025/UBTVQH15\n"
                      "Hà Nội, ngày 26 tháng 09 năm 2025\nNGHỊ QUYẾT\n");
  EXPECT_EQ(FoldText(Opt(l.issuer)), "uy ban thuong vu quoc hoi");
  EXPECT_FALSE(l.issuer_parent) << Opt(l.issuer_parent);
}

TEST(SymbolCodeTest, LostStrokeOfDIsRestoredOnlyWhereOneCodeFits) {
  const RuleSet& r = Rules();
  EXPECT_EQ(RepairSymbolCodes(r, "167/2017/ND-CP"), "167/2017/NĐ-CP");  // seed 002, repaired
  EXPECT_EQ(RepairSymbolCodes(r, "603/QP-UBND"), "603/QĐ-UBND");        // seed 004, OCR "P"
  EXPECT_EQ(RepairSymbolCodes(r, "2417/QD-UBND"), "2417/QĐ-UBND");
  EXPECT_EQ(RepairSymbolCodes(r, "37-HD/TWĐTN-BTC"), "37-HD/TWĐTN-BTC");  // Hướng dẫn, no Hợp đồng
  EXPECT_EQ(RepairSymbolCodes(r, "05/DA-UBND"), "05/DA-UBND");            // Dự án, no Đề án
  EXPECT_EQ(RepairSymbolCodes(r, "66/NQ-CP"), "66/NQ-CP");                // Chính phủ stays
  EXPECT_EQ(RepairSymbolCodes(r, "1532/UBND-VP"), "1532/UBND-VP");
}

TEST(SymbolCodeTest, CitedDecreesKeepTheirD) {
  Letter l = ReadText("Số: 1/UBND-NC\n\nKính gửi: Phòng A.\n\nThực hiện Nghị định số 167/2017/ND-CP ngày "
                      "31/12/2017 của Chính phủ và Quyết định số 603/QP-UBND ngày 04/6/2021.\n");
  std::vector<std::string> refs;
  for (const Reference& r : l.references) refs.push_back(r.ref);
  EXPECT_EQ(refs, (std::vector<std::string>{"167/2017/NĐ-CP", "603/QĐ-UBND"}));
}

// Bộ Tài chính, 91/2025/TT-BTC: the forms it issues are numbered like documents.
TEST(ReferenceTest, AFormsNumberIsNoReference) {
  Letter l = ReadText("Số: 91/2025/TT-BTC\n\nĐiều 5. Sử dụng mẫu biểu\n1. Báo cáo quyết toán vốn đầu tư công theo năm "
                      "ngân sách: Mẫu số 01/QTNĐ.\na) Biểu số 02/QTDA kèm theo Nghị định số 254/2025/NĐ-CP.\n");
  std::vector<std::string> refs;
  for (const Reference& r : l.references) refs.push_back(r.ref);
  EXPECT_EQ(refs, std::vector<std::string>{"254/2025/NĐ-CP"});
}

// Quảng Ngãi 87/QĐ-UBND as the OCR reads it: the number line's symbol with a letter doubled is
// the letter's own number, no reference.
TEST(ReferenceTest, TheOwnNumberWithALetterDoubledIsNoReference) {
  Letter l = ReadText("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 89 /QĐĐ-UBND\nQuảng Ngãi, ngày 05 tháng 02 năm 2025\n"
                      "QUYẾT ĐỊNH\nVề việc chuyển mục đích sử dụng đất\n\nCăn cứ Quyết định số 12/QĐ-UBND ngày "
                      "03/01/2025 của UBND tỉnh;\n");
  ASSERT_TRUE(l.doc_ref.has_value());
  std::vector<std::string> refs;
  for (const Reference& r : l.references) refs.push_back(r.ref);
  EXPECT_EQ(refs, std::vector<std::string>{"12/QĐ-UBND"}) << *l.doc_ref;
}

TEST(NearestListValueTest, OneOrTwoEditsByLengthAndNoTies) {
  const RuleSet& r = Rules();
  ASSERT_NE(NearestListValue(r, "signer_titles", "pho giam poc"), nullptr);
  EXPECT_EQ(*NearestListValue(r, "signer_titles", "pho giam poc"), "Phó Giám đốc");
  EXPECT_EQ(NearestListValue(r, "signer_titles", "thu"), nullptr);  // too short to guess
  EXPECT_EQ(NearestListValue(r, "signer_titles", "truong thon"), nullptr);
  ASSERT_NE(NearestListValue(r, "known_bodies", "soy the", true), nullptr);
  EXPECT_EQ(*NearestListValue(r, "known_bodies", "soy the", true), "Sở Y tế");
  EXPECT_EQ(EditDistance("giam boc", "giam doc"), 1u);
}

// --- tasks and deadlines ---

TEST(TaskListTest, OfficesInLowerCaseAfterACommaOrAndAreBodiesOfTheirOwn) {
  Letter l = ReadText(
      "ỦY BAN THƯỜNG VỤ\nQUỐC HỘI\nNghị quyết số: 103/2025/UBTVQH15\nHà Nội, ngày 26 tháng 09 năm 2025\n"
      "NGHỊ QUYẾT\nBan hành Quy chế làm việc mẫu\nĐiều 3.\n2. Hội đồng nhân dân, Thường trực Hội đồng nhân dân, Ban của "
      "Hội đồng nhân dân, Tổ đại biểu Hội đồng nhân dân, đại biểu Hội đồng nhân dân, các cơ quan, tổ "
      "chức, cá nhân có liên quan chịu trách nhiệm thi hành Nghị quyết này.\n"
      "Điều 4.\nBộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân cấp tỉnh và người "
      "đứng đầu các cơ quan, tổ chức liên quan chịu trách nhiệm thi hành Quyết định này.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{
                              "Hội đồng nhân dân", "Thường trực Hội đồng nhân dân", "Ban của Hội đồng nhân dân",
                              "Tổ đại biểu Hội đồng nhân dân", "Đại biểu Hội đồng nhân dân", "Bộ trưởng",
                              "Thủ trưởng cơ quan ngang bộ", "Chủ tịch Ủy ban nhân dân cấp tỉnh",
                              "Người đứng đầu các cơ quan, tổ chức liên quan"}));
}

TEST(TaskListTest, SectorsAndUnitsInLowerCaseStayOneBody) {
  Letter l = ReadText("Số: 1/UBND\n\nKính gửi: Các sở, ban, ngành.\n\n"
                      "1. Các sở, ban, ngành, đơn vị có trách nhiệm báo cáo kết quả.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Các sở, ban, ngành, đơn vị"}));
}

TEST(TaskListTest, AClauseAfterASemicolonWithItsOwnBodiesIsTheirTask) {
  // Government resolution 66.3/2025/NQ-CP, Điều 4 khoản 3.
  Letter l = ReadText(
      "Số: 66.3/2025/NQ-CP\n\nĐiều 4.\n3. Bộ Nông nghiệp và Môi trường, Bộ Tài chính trong phạm vi chức "
      "năng, nhiệm vụ của mình có trách nhiệm tham mưu Chính phủ rà soát; Bộ Quốc phòng, Bộ Công an có "
      "trách nhiệm thực hiện các nhiệm vụ quy định tại khoản 5 Điều 3 Nghị quyết này.\n");
  EXPECT_EQ(Assignees(l), (std::vector<std::string>{"Bộ Nông nghiệp và Môi trường", "Bộ Tài chính",
                                                    "Bộ Quốc phòng", "Bộ Công an"}));
}

TEST(TaskListTest, BaoGomIsNoNewspaper) {
  Letter l = ReadText("Số: 36/2025/QĐ-TTg\n\nĐiều 2.\n1. Bộ Tài chính có trách nhiệm hướng dẫn:\n"
                      "a) Bao gồm: Những hoạt động kinh tế được xác định trong ngành kinh tế;\n");
  for (const std::string& a : Assignees(l)) EXPECT_NE(a, "Bao gồm");
}

TEST(DeadlineRuleTest, DueThingThenLaNgay) {
  // Youth Union plan 377-KH/TWĐTNTNTH; the period "từ 10/5/2021 đến 27/6/2021" is no deadline.
  Letter l = ReadText("Số: 377-KH/TWĐTNTNTH\nHà Nội, ngày 20 tháng 4 năm 2021\n\nKính gửi: Các tỉnh đoàn.\n\n"
                      "1. Các tỉnh, thành Đoàn thành lập đội tuyển. Hạn chót gửi hồ sơ đăng ký đội tuyển là "
                      "ngày 30/5/2021.\n2. Tuần thi: từ 10/5/2021 đến 27/6/2021 (7 tuần).\n");
  std::vector<std::string> dates;
  for (const Deadline& d : l.deadlines) dates.push_back(Opt(d.date));
  EXPECT_EQ(dates, (std::vector<std::string>{"2021-05-30"}));
}

}  // namespace
}  // namespace congvan::extract
