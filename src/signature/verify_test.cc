#include "signature/verify.h"

#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <string>

#include "signature/test_signing.h"

namespace congvan::signature {
namespace {

namespace fs = std::filesystem;

using congvan::testing::TempDir;
using congvan::testing::ReadFile;
using congvan::testing::WriteFile;
using test::MakeCertificates;
using test::MakeSigner;
using test::SignPdf;

std::string Signed(const char* name) {
  return ReadFile(fs::path(CONGVAN_SOURCE_DIR) / "tests/data/signatures" / name);
}

// A one-page PDF with no signature.
constexpr char kUnsignedPdf[] =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    "trailer<</Root 1 0 R>>\n%%EOF\n";

TEST(VerifyPdfSignatures, RealLetterWithTwoSignaturesAsPdfsigReportsThem) {
  const std::vector<PdfSignature> sigs = VerifyPdfSignatures(Signed("53_TB.pdf"), TrustRoots());
  ASSERT_EQ(sigs.size(), 2u);
  // pdfsig: "Ủy ban nhân dân tỉnh Quảng Ngãi", ETSI.CAdES.detached, SHA1, "Not total document
  // signed", "Signature is Valid", "Certificate issuer is unknown"; the stamp on the page says
  // "Thời gian ký: 07/02/2025 17:12:11".
  EXPECT_EQ(sigs[0].signer_name, "Ủy ban nhân dân tỉnh Quảng Ngãi");
  EXPECT_EQ(sigs[0].signer_dn, "CN=Ủy ban nhân dân tỉnh Quảng Ngãi,L=Quảng Ngãi,O=Tỉnh Quảng Ngãi,C=VN");
  EXPECT_EQ(sigs[0].organization, "Tỉnh Quảng Ngãi");
  EXPECT_EQ(sigs[0].signed_at, "2025-02-07T17:12:11+07:00");
  EXPECT_EQ(sigs[0].hash_algorithm, "SHA1");
  EXPECT_EQ(sigs[0].sub_filter, "ETSI.CAdES.detached");
  EXPECT_FALSE(sigs[0].covers_whole_file);
  EXPECT_TRUE(sigs[0].valid) << sigs[0].problem;
  EXPECT_EQ(sigs[0].trust, SignatureTrust::kIssuerUnknown);
  // The gazette centre's countersignature covers the whole file.
  EXPECT_EQ(sigs[1].signer_name, "TRUNG TÂM CÔNG BÁO VÀ TIN HỌC");
  EXPECT_EQ(sigs[1].email, "ttcbth@quangngai.gov.vn");
  EXPECT_EQ(sigs[1].organization, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI");
  EXPECT_EQ(sigs[1].signed_at, "2025-02-10T07:20:13+07:00");
  EXPECT_EQ(sigs[1].hash_algorithm, "SHA256");
  EXPECT_EQ(sigs[1].sub_filter, "adbe.pkcs7.detached");
  EXPECT_TRUE(sigs[1].covers_whole_file);
  EXPECT_TRUE(sigs[1].valid) << sigs[1].problem;
  EXPECT_EQ(JudgeSignatures(sigs), SignatureVerdict::kValid);
}

TEST(VerifyPdfSignatures, OneChangedByteInsideASignedRangeIsCaught) {
  std::string pdf = Signed("2770_08-CT-UBND.pdf");
  ASSERT_TRUE(JudgeSignatures(VerifyPdfSignatures(pdf, TrustRoots())) == SignatureVerdict::kValid);
  pdf[1000] = static_cast<char>(pdf[1000] ^ 0x01);
  const std::vector<PdfSignature> sigs = VerifyPdfSignatures(pdf, TrustRoots());
  ASSERT_EQ(sigs.size(), 1u);
  EXPECT_FALSE(sigs[0].valid);
  EXPECT_FALSE(sigs[0].problem.empty());
  EXPECT_EQ(sigs[0].signer_name, "Trung tâm Công báo và Tin học");  // still says who signed
  EXPECT_EQ(JudgeSignatures(sigs), SignatureVerdict::kAltered);
  EXPECT_STREQ(SignatureVerdictText(JudgeSignatures(sigs)), "Văn bản đã bị thay đổi sau khi ký");
}

TEST(VerifyPdfSignatures, AnUpdateAppendedAfterSigningKeepsTheSignatureValid) {
  const std::string pdf = Signed("2770_08-CT-UBND.pdf") +
                          "\n9999 0 obj\n<</Annot (added later)>>\nendobj\n%%EOF\n";
  const std::vector<PdfSignature> sigs = VerifyPdfSignatures(pdf, TrustRoots());
  ASSERT_EQ(sigs.size(), 1u);
  EXPECT_TRUE(sigs[0].valid) << sigs[0].problem;
  EXPECT_FALSE(sigs[0].covers_whole_file);
  EXPECT_EQ(JudgeSignatures(sigs), SignatureVerdict::kAppended);
}

TEST(VerifyPdfSignatures, AnUnsignedPdfHasNone) {
  EXPECT_TRUE(VerifyPdfSignatures(kUnsignedPdf, TrustRoots()).empty());
  EXPECT_EQ(JudgeSignatures({}), SignatureVerdict::kNone);
}

TEST(VerifyPdfSignatures, AMalformedSignatureIsReportedNotFatal) {
  std::string pdf = Signed("2770_08-CT-UBND.pdf");
  const std::size_t hole = pdf.find("/Contents <");
  ASSERT_NE(hole, std::string::npos);
  pdf.replace(hole + 11, 4, "zz00");  // no longer hex
  std::vector<PdfSignature> sigs = VerifyPdfSignatures(pdf, TrustRoots());
  ASSERT_EQ(sigs.size(), 1u);
  EXPECT_FALSE(sigs[0].valid);
  EXPECT_NE(sigs[0].problem.find("không đọc được"), std::string::npos) << sigs[0].problem;
  EXPECT_EQ(JudgeSignatures(sigs), SignatureVerdict::kUnreadable);

  // Hex that is no CMS structure.
  pdf = Signed("2770_08-CT-UBND.pdf");
  pdf.replace(hole + 11, 8, "00112233");
  sigs = VerifyPdfSignatures(pdf, TrustRoots());
  ASSERT_EQ(sigs.size(), 1u);
  EXPECT_FALSE(sigs[0].valid);
  EXPECT_EQ(JudgeSignatures(sigs), SignatureVerdict::kUnreadable);
}

TEST(VerifyPdfSignatures, ARangeThatIsNoHexHoleIsNoSignature) {
  const std::string pdf = std::string(kUnsignedPdf) + "/ByteRange [0 10 20 5]\n";
  EXPECT_TRUE(VerifyPdfSignatures(pdf, TrustRoots()).empty());
}

TEST(TrustRoots, ASignerIssuedByAConfiguredRootIsTrusted) {
  TempDir dir;
  MakeCertificates(dir.path(), "root");
  MakeSigner(dir.path(), "root");
  // Signed a minute from now in Vietnam's time: inside the fresh certificate's validity.
  const std::time_t later = std::time(nullptr) + 60 + 7 * 3600;
  std::tm tm{};
  gmtime_r(&later, &tm);
  char when[40], iso[40];
  std::strftime(when, sizeof when, "D:%Y%m%d%H%M%S+07'00'", &tm);
  std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
  const std::string pdf = SignPdf(kUnsignedPdf, dir.path(), when);

  // No roots configured: valid, issuer unknown — never "invalid".
  std::vector<PdfSignature> sigs = VerifyPdfSignatures(pdf, TrustRoots());
  ASSERT_EQ(sigs.size(), 1u);
  EXPECT_TRUE(sigs[0].valid) << sigs[0].problem;
  EXPECT_TRUE(sigs[0].covers_whole_file);
  EXPECT_EQ(sigs[0].signer_name, "Ủy ban nhân dân tỉnh Thử");
  EXPECT_EQ(sigs[0].hash_algorithm, "SHA256");
  EXPECT_EQ(sigs[0].signed_at, iso);
  EXPECT_EQ(sigs[0].trust, SignatureTrust::kIssuerUnknown);

  // The root in the trust folder.
  const fs::path trust = dir.path() / "trust";
  fs::create_directory(trust);
  fs::copy_file(dir.path() / "root.pem", trust / "root.pem");
  Result<TrustRoots> roots = TrustRoots::Load(trust.string());
  ASSERT_TRUE(roots.ok()) << roots.status().message();
  EXPECT_EQ(roots->count(), 1);
  sigs = VerifyPdfSignatures(pdf, *roots);
  ASSERT_EQ(sigs.size(), 1u);
  EXPECT_EQ(sigs[0].trust, SignatureTrust::kTrusted) << sigs[0].problem;

  // Another root only: still unknown, and the real letters' issuer too.
  const fs::path other = dir.path() / "other";
  fs::create_directory(other);
  MakeCertificates(other, "other");
  fs::remove(other / "other.key");
  Result<TrustRoots> other_roots = TrustRoots::Load(other.string());
  ASSERT_TRUE(other_roots.ok()) << other_roots.status().message();
  EXPECT_EQ(VerifyPdfSignatures(pdf, *other_roots)[0].trust, SignatureTrust::kIssuerUnknown);
  EXPECT_EQ(VerifyPdfSignatures(Signed("53_TB.pdf"), *other_roots)[0].trust,
            SignatureTrust::kIssuerUnknown);

  // A signing time before the certificate was issued breaks the chain: not trusted.
  const std::string backdated = SignPdf(kUnsignedPdf, dir.path(), "D:20200105093000+07'00'");
  sigs = VerifyPdfSignatures(backdated, *roots);
  ASSERT_EQ(sigs.size(), 1u);
  EXPECT_TRUE(sigs[0].valid);
  EXPECT_EQ(sigs[0].trust, SignatureTrust::kUntrusted);
  EXPECT_EQ(sigs[0].problem, "certificate is not yet valid");
}

TEST(TrustRoots, AFolderThatCannotBeUsedIsAClearError) {
  EXPECT_FALSE(TrustRoots::Load("/nonexistent/trust").ok());
  TempDir dir;
  WriteFile(dir.path() / "notes.txt", "not a certificate");
  Result<TrustRoots> roots = TrustRoots::Load(dir.path().string());
  ASSERT_FALSE(roots.ok());
  EXPECT_NE(roots.status().message().find("notes.txt"), std::string::npos);
}

}  // namespace
}  // namespace congvan::signature
