// Digital signatures read from the boxes a PDF shows over its pages. The overlay texts are those
// of real signed letters of the Quảng Ngãi People's Committee, as intake hands them over.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/test_letters.h"

namespace congvan::extract {
namespace {

// A letter whose page 1 carries `overlays`, its body a plain header.
Letter ReadWithOverlays(std::vector<std::string> overlays) {
  PageText page = PageTextFromPlain(0, "ocr",
                                    "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 11/CT-UBND\n"
                                    "Quảng Ngãi, ngày 11 tháng 5 năm 2021\nCHỈ THỊ\n");
  page.overlays = std::move(overlays);
  return test::Shared().Read({page}, "signed.pdf");
}

TEST(OverlaySignatureTest, CommitteeBoxWithoutOffsetIsVietnamTime) {
  const Letter l = ReadWithOverlays(
      {"Ký bởi: Ủy ban nhân\ndân tỉnh Quảng Ngãi\nThời gian ký:\n11/05/2021 11:26:39"});
  ASSERT_TRUE(l.digital_signature.has_value());
  EXPECT_EQ(l.digital_signature->signed_by, "Ủy ban nhân dân tỉnh Quảng Ngãi");
  EXPECT_EQ(l.digital_signature->signed_at, "2021-05-11T11:26:39+07:00");
  EXPECT_EQ(l.digital_signature->email, "");
  EXPECT_TRUE(l.countersignatures.empty());
  // The overlay is not the letter: the header still comes from the page's text.
  EXPECT_EQ(test::Opt(l.doc_ref), "11/CT-UBND");
}

TEST(OverlaySignatureTest, LabelsWrappedOverManyLines) {
  const Letter l = ReadWithOverlays({"Người ký: Ủy ban\nnhân dân tỉnh Quảng\nNgãi\n"
                                     "Cơ quan: Tỉnh Quảng\nNgãi\nThời gian ký:\n"
                                     "16.04.2020 07:37:07\n+07:00"});
  ASSERT_TRUE(l.digital_signature.has_value());
  EXPECT_EQ(l.digital_signature->signed_by, "Ủy ban nhân dân tỉnh Quảng Ngãi");
  EXPECT_EQ(l.digital_signature->signed_at, "2020-04-16T07:37:07+07:00");
}

// The gazette centre signs again when it publishes: the Committee's signature, made first, is
// the letter's; the centre's, with its e-mail broken over two lines, comes after.
TEST(OverlaySignatureTest, IssuerFirstThenGazetteCentreWithItsEmail) {
  const Letter l = ReadWithOverlays(
      {"TRUNG TÂM CÔNG\nBÁO VÀ TIN HỌC\nttcbth@quangngai.gov.v\nn\n21.01.2025 09:27:35\n+07:00",
       "Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi\nCơ quan: Tỉnh Quảng Ngãi\n"
       "Thời gian ký: 21/01/2025 08:54:03"});
  ASSERT_TRUE(l.digital_signature.has_value());
  EXPECT_EQ(l.digital_signature->signed_by, "Ủy ban nhân dân tỉnh Quảng Ngãi");
  EXPECT_EQ(l.digital_signature->signed_at, "2025-01-21T08:54:03+07:00");
  ASSERT_EQ(l.countersignatures.size(), 1u);
  EXPECT_EQ(l.countersignatures[0].signed_by, "TRUNG TÂM CÔNG BÁO VÀ TIN HỌC");
  EXPECT_EQ(l.countersignatures[0].signed_at, "2025-01-21T09:27:35+07:00");
  EXPECT_EQ(l.countersignatures[0].email, "ttcbth@quangngai.gov.vn");
  const std::string json = ToJson(l, -1, /*with_flags=*/true);
  EXPECT_NE(json.find("\"email\":\"ttcbth@quangngai.gov.vn\""), std::string::npos) << json;
}

TEST(OverlaySignatureTest, LabelledEmailAndOneLineStamp) {
  const Letter l = ReadWithOverlays({"Người ký: Trung tâm\nCông báo và Tin học\nEmail:\n"
                                     "ttcbth@quangngai.gov.vn\nCơ quan: Văn phòng Ủy\n"
                                     "ban Nhân dân, Tỉnh\nQuảng Ngãi"});
  ASSERT_TRUE(l.digital_signature.has_value());
  EXPECT_EQ(l.digital_signature->signed_by, "Trung tâm Công báo và Tin học");
  EXPECT_EQ(l.digital_signature->signed_at, "");
  EXPECT_EQ(l.digital_signature->email, "ttcbth@quangngai.gov.vn");

  const Letter stamp = ReadWithOverlays(
      {"Trung tâm Công báo và Tin học\nttcbth@quangngai.gov.vn\n04.04.2018 14:21:14 +07:00"});
  ASSERT_TRUE(stamp.digital_signature.has_value());
  EXPECT_EQ(stamp.digital_signature->signed_by, "Trung tâm Công báo và Tin học");
  EXPECT_EQ(stamp.digital_signature->signed_at, "2018-04-04T14:21:14+07:00");
}

TEST(OverlaySignatureTest, NoOverlayLeavesTheTextsSignature) {
  const Letter l = ReadWithOverlays({});
  EXPECT_FALSE(l.digital_signature.has_value());
  EXPECT_TRUE(l.countersignatures.empty());
}

}  // namespace
}  // namespace congvan::extract
