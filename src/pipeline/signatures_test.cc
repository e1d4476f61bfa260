// Digital signatures through the pipeline and the registry: a signed PDF's verdict is stored,
// shown in the fields, searchable with ky-so:, and a bad signature never stops registration.
#include "pipeline/signatures.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "extract/confidence.h"
#include "pipeline/pipeline.h"
#include "registry/search.h"
#include "signature/test_signing.h"
#include "support/testing.h"

namespace congvan::pipeline {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// A blank one-page PDF (its OCR finds nothing, quickly): the signature is what is tested.
constexpr char kBlankPdf[] =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    "trailer<</Root 1 0 R>>\n%%EOF\n";

PdfSignature Valid(const std::string& signer, const std::string& at) {
  PdfSignature s;
  s.signer_name = signer;
  s.signed_at = at;
  s.hash_algorithm = "SHA256";
  s.valid = true;
  s.covers_whole_file = true;
  return s;
}

// A letter dated as read from its page (tests of the signatures themselves give one dated the
// day it was signed, so that no remark about the date is made).
extract::Letter DatedLetter(const std::string& iso) {
  extract::Letter letter;
  letter.date = iso;
  letter.confidence["date"] = 0.95;
  return letter;
}

TEST(ApplySignatures, TheIssuersSignatureFillsDigitalSignature) {
  extract::Letter letter = DatedLetter("2025-02-07");
  ApplySignatures({Valid("Ủy ban nhân dân tỉnh Quảng Ngãi", "2025-02-07T17:12:11+07:00"),
                   Valid("TRUNG TÂM CÔNG BÁO VÀ TIN HỌC", "2025-02-10T07:20:13+07:00")},
                  letter);
  ASSERT_TRUE(letter.digital_signature);
  EXPECT_EQ(letter.digital_signature->signed_by, "Ủy ban nhân dân tỉnh Quảng Ngãi");
  EXPECT_EQ(letter.digital_signature->signed_at, "2025-02-07T17:12:11+07:00");
  EXPECT_EQ(letter.signatures.size(), 2u);
  EXPECT_TRUE(letter.flags.empty());
  const std::string json = extract::ToJson(letter);
  EXPECT_NE(json.find("\"signatures\""), std::string::npos);
  EXPECT_NE(json.find("\"covers_whole_file\": true"), std::string::npos);
}

TEST(ApplySignatures, AStampThatAgreesWithTheSignatureRaisesNoFlag) {
  extract::Letter letter = DatedLetter("2025-02-07");
  // The stamp as OCR reads it: marks lost, seconds apart from the signature.
  letter.digital_signature =
      extract::DigitalSignature{"Uy ban nhan dan tinh Quang Ngai", "2025-02-07T17:12:09+07:00", ""};
  ApplySignatures({Valid("Ủy ban nhân dân tỉnh Quảng Ngãi", "2025-02-07T17:12:11+07:00")}, letter);
  EXPECT_TRUE(letter.flags.empty());
}

TEST(ApplySignatures, AStampThatNamesAnotherSignerOrTimeIsFlagged) {
  extract::Letter other_signer = DatedLetter("2025-02-07");
  other_signer.digital_signature =
      extract::DigitalSignature{"Sở Tài chính tỉnh Quảng Ngãi", "2025-02-07T17:12:11+07:00", ""};
  ApplySignatures({Valid("Ủy ban nhân dân tỉnh Quảng Ngãi", "2025-02-07T17:12:11+07:00")},
                  other_signer);
  ASSERT_EQ(other_signer.flags.size(), 1u);
  EXPECT_NE(other_signer.flags[0].find("khác với chữ ký số"), std::string::npos);

  extract::Letter other_time = DatedLetter("2025-02-07");
  other_time.digital_signature =
      extract::DigitalSignature{"Ủy ban nhân dân tỉnh Quảng Ngãi", "2025-03-07T17:12:11+07:00", ""};
  ApplySignatures({Valid("Ủy ban nhân dân tỉnh Quảng Ngãi", "2025-02-07T17:12:11+07:00")},
                  other_time);
  EXPECT_EQ(other_time.flags.size(), 1u);
}

TEST(ApplySignatures, AnAlteredFileIsFlaggedInVietnamese) {
  extract::Letter letter = DatedLetter("2025-02-07");
  PdfSignature broken = Valid("Ủy ban nhân dân tỉnh Quảng Ngãi", "2025-02-07T17:12:11+07:00");
  broken.valid = false;
  ApplySignatures({broken}, letter);
  ASSERT_EQ(letter.flags.size(), 1u);
  EXPECT_EQ(letter.flags[0], "Văn bản đã bị thay đổi sau khi ký");
}

// The letter's date against the day of its first signature, as on the signed scans of Quảng
// Ngãi (dated up to four days before signing; a pen's day misread as "04" for 15).
TEST(ApplySignatures, ADateAFewDaysBeforeSigningIsTrusted) {
  extract::Letter letter = DatedLetter("2025-01-17");
  ApplySignatures({Valid("Ủy ban nhân dân tỉnh Quảng Ngãi", "2025-01-21T09:08:01+07:00")}, letter);
  EXPECT_TRUE(letter.flags.empty());
  EXPECT_DOUBLE_EQ(letter.confidence["date"], 0.95);
}

TEST(ApplySignatures, ADateWeeksBeforeSigningIsAMisreadDay) {
  extract::Letter letter = DatedLetter("2024-03-04");
  ApplySignatures({Valid("Ủy ban nhân dân tỉnh Quảng Ngãi", "2024-03-18T08:41:42+07:00")}, letter);
  ASSERT_EQ(letter.flags.size(), 1u);
  EXPECT_EQ(letter.flags[0], "Ngày ban hành 04/03/2024 sớm hơn ngày ký số 18/03/2024 14 ngày");
  EXPECT_TRUE(extract::IsDoubtful(letter.confidence["date"]));
  EXPECT_TRUE(letter.review.needed);
}

// Quảng Ngãi 53/TB-UBND: the pen's "07" read as "09", two days after the People's Committee
// signed it; the signing day is the nearest day it can bear.
TEST(ApplySignatures, ADateAfterSigningGivesWayToTheSigningDay) {
  extract::Letter letter = DatedLetter("2025-02-09");
  ApplySignatures({Valid("Ủy ban nhân dân tỉnh Quảng Ngãi", "2025-02-07T17:12:11+07:00")}, letter);
  EXPECT_EQ(letter.date, std::optional<std::string>("2025-02-07"));
  ASSERT_EQ(letter.flags.size(), 1u);
  EXPECT_EQ(letter.flags[0],
            "Ngày ban hành đọc được 09/02/2025 sau ngày ký số 07/02/2025; tạm lấy ngày ký số, cần "
            "kiểm tra lại");
  EXPECT_TRUE(extract::IsDoubtful(letter.confidence["date"]));
  EXPECT_TRUE(letter.review.needed);
}

// A day the pen digit readers disagreed on is a guess (Quảng Ngãi 16/CT-UBND: "27" guessed
// "25", signed on the 27th): believed on the signing day or the day before, the signing day
// stands in for it further back; a date read with some certainty is left as it was read.
TEST(ApplySignatures, AGuessedDayTwoDaysBeforeSigningGivesWayToTheSigningDay) {
  extract::Letter letter = DatedLetter("2021-12-25");
  letter.confidence["date"] = 0.19;
  ApplySignatures({Valid("Ủy ban nhân dân tỉnh Quảng Ngãi", "2021-12-27T10:22:11+07:00")}, letter);
  EXPECT_EQ(letter.date, std::optional<std::string>("2021-12-27"));
  ASSERT_EQ(letter.flags.size(), 1u);
  EXPECT_EQ(letter.flags[0],
            "Ngày ban hành đọc chưa chắc 25/12/2021, xa ngày ký số 27/12/2021; tạm lấy ngày ký "
            "số, cần kiểm tra lại");
  EXPECT_TRUE(letter.review.needed);

  extract::Letter day_before = DatedLetter("2025-01-16");
  day_before.confidence["date"] = 0.19;
  ApplySignatures({Valid("Ủy ban nhân dân tỉnh Quảng Ngãi", "2025-01-17T13:33:13+07:00")}, day_before);
  EXPECT_EQ(day_before.date, std::optional<std::string>("2025-01-16"));

  extract::Letter read = DatedLetter("2021-12-25");
  read.confidence["date"] = 0.32;  // a day the pen reader was sure of
  ApplySignatures({Valid("Ủy ban nhân dân tỉnh Quảng Ngãi", "2021-12-27T10:22:11+07:00")}, read);
  EXPECT_EQ(read.date, std::optional<std::string>("2021-12-25"));
}

// A day written by hand that the scan does not let read (Quảng Ngãi 299/UBND-TTHC: "ngày   tháng
// 01 năm 2025", signed 15/01/2025 17:10): the signing day stands in, doubtful, with the reason.
TEST(ApplySignatures, AnUnreadDateTakesTheSigningDayForReview) {
  extract::Letter letter;
  ApplySignatures({Valid("Ủy ban nhân dân tỉnh Quảng Ngãi", "2025-01-15T10:10:17+00:00")}, letter);
  EXPECT_EQ(letter.date, std::optional<std::string>("2025-01-15"));
  EXPECT_TRUE(extract::IsDoubtful(letter.confidence["date"]));
  ASSERT_EQ(letter.flags.size(), 1u);
  EXPECT_EQ(letter.flags[0], "Ngày ban hành không đọc được; tạm lấy ngày ký số 15/01/2025, cần kiểm tra lại");
  EXPECT_TRUE(letter.review.needed);
  // Without a signing time nothing is made up.
  extract::Letter unsigned_letter;
  ApplySignatures({}, unsigned_letter);
  EXPECT_FALSE(unsigned_letter.date);
}

TEST(ApplySignatures, TheSigningDayIsVietnamsDay) {
  // 23:30 UTC on the 16th is 06:30 on the 17th in Viet Nam: a letter of the 17th is not late.
  extract::Letter letter = DatedLetter("2025-01-17");
  ApplySignatures({Valid("Ủy ban nhân dân tỉnh Quảng Ngãi", "2025-01-16T23:30:00+00:00")}, letter);
  EXPECT_TRUE(letter.flags.empty());
}

TEST(ApplySignatures, AnOldLetterSignedYearsLaterIsNoMisreading) {
  extract::Letter letter = DatedLetter("1999-02-22");
  ApplySignatures({Valid("Ủy ban nhân dân tỉnh Cao Bằng", "2021-06-01T10:00:00+07:00")}, letter);
  EXPECT_TRUE(letter.flags.empty());
}

class SignedPdfTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Options options;
    options.workers = 1;
    auto made = Pipeline::Create(options);
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    pipeline_ = std::move(made).value().release();
  }
  static void TearDownTestSuite() { delete pipeline_; }
  static Pipeline* pipeline_;
};
Pipeline* SignedPdfTest::pipeline_ = nullptr;

TEST_F(SignedPdfTest, VerdictIsStoredAndSearchable) {
  TempDir dir;
  signature::test::MakeCertificates(dir.path(), "root");
  signature::test::MakeSigner(dir.path(), "root");
  const std::string pdf = signature::test::SignPdf(kBlankPdf, dir.path(), "D:20261206093000+07'00'");
  signature::test::WriteFile(dir / "signed.pdf", pdf);
  std::string altered = pdf;
  altered.replace(altered.find("595"), 3, "596");  // inside the signed range
  signature::test::WriteFile(dir / "altered.pdf", altered);
  std::string malformed = pdf;
  malformed.replace(malformed.find("/Contents <") + 11, 2, "zz");
  signature::test::WriteFile(dir / "malformed.pdf", malformed);

  Result<std::unique_ptr<registry::Registry>> reg =
      registry::Registry::Open((dir / "registry.db").string());
  ASSERT_TRUE(reg.ok()) << reg.status().ToString();
  for (const char* name : {"signed.pdf", "altered.pdf", "malformed.pdf"}) {
    Result<Processed> processed = pipeline_->Process((dir / name).string());
    ASSERT_TRUE(processed.ok()) << name << ": " << processed.status().ToString();
    ASSERT_EQ(processed->letter.signatures.size(), 1u) << name;
    Result<registry::AddOutcome> added = Register(**reg, *processed);
    ASSERT_TRUE(added.ok()) << name << ": " << added.status().ToString();  // still registered
  }
  auto found = [&](const std::string& query) {
    Result<registry::SearchResults> r =
        registry::Search(**reg, query, std::chrono::system_clock::now(), {});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<std::string> paths;
    if (r.ok()) {
      for (const registry::DocumentHit& h : r->documents) {
        paths.push_back(fs::path(h.path).filename().string());
      }
    }
    return paths;
  };
  EXPECT_EQ(found("ky-so:hop-le"), std::vector<std::string>{"signed.pdf"});
  EXPECT_EQ(found("ky-so:bi-thay-doi"), std::vector<std::string>{"altered.pdf"});
  EXPECT_EQ(found("ky-so:\"hợp lệ\""), std::vector<std::string>{"signed.pdf"});
  EXPECT_EQ(found("ky-so:loi"), std::vector<std::string>{"malformed.pdf"});
  EXPECT_TRUE(found("ky-so:khong-co").empty());
  Result<registry::SearchResults> bad =
      registry::Search(**reg, "ky-so:maybe", std::chrono::system_clock::now(), {});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("hop-le"), std::string::npos);
}

}  // namespace
}  // namespace congvan::pipeline
