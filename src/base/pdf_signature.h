// PdfSignature (base/ because intake finds it, extraction writes it out and the registry stores
// it): what the verification of one digital signature of a PDF found.
#ifndef CONGVAN_BASE_PDF_SIGNATURE_H_
#define CONGVAN_BASE_PDF_SIGNATURE_H_

#include <string>
#include <vector>

namespace congvan {

// Whether the signer's certificate chains to a root the office trusts.
enum class SignatureTrust {
  kTrusted,        // chains to a certificate of the configured trust folder
  kIssuerUnknown,  // no configured root issued it (no trust folder, or not in it): not "invalid"
  kUntrusted,      // the chain is broken: a certificate expired at signing time, revoked, bad
};

// "tin-cay", "chua-ro-nguon", "khong-tin-cay".
const char* SignatureTrustName(SignatureTrust trust);

struct PdfSignature {
  std::string signer_name;          // the certificate's common name (CN)
  std::string signer_dn;            // full distinguished name, RFC 2253 order ("CN=…,O=…,C=VN")
  std::string organization;         // O= of the certificate, "" when absent
  std::string email;                // E= of the certificate, "" when absent
  std::string signed_at;            // ISO 8601 in Asia/Ho_Chi_Minh ("2025-02-07T10:12:11+07:00")
  std::string hash_algorithm;       // "SHA1", "SHA256", ...
  std::string sub_filter;           // "adbe.pkcs7.detached", "ETSI.CAdES.detached", ...
  bool covers_whole_file = false;   // the signed byte ranges reach the end of the file
  bool valid = false;               // the CMS signature verifies over the signed byte ranges
  SignatureTrust trust = SignatureTrust::kIssuerUnknown;
  std::string problem;              // why `valid` is false or trust failed, one line; "" if none
};

// What a clerk is told about a letter's signatures as a whole.
enum class SignatureVerdict {
  kNone,         // the file carries no signature
  kValid,        // every signature verifies and the last one covers the whole file
  kAppended,     // every signature verifies, but bytes were added after the last one
  kAltered,      // a signature does not verify: the signed content was changed
  kUnreadable,   // a signature dictionary could not be read
};

// The verdict over all of a file's signatures (in file order).
SignatureVerdict JudgeSignatures(const std::vector<PdfSignature>& signatures);

// Stable names used in the registry and in search (`ky-so:hop-le`): "khong-co", "hop-le",
// "them-sau-ky", "bi-thay-doi", "loi".
const char* SignatureVerdictName(SignatureVerdict verdict);

// The verdict for a clerk, in Vietnamese ("Chữ ký số hợp lệ", "Văn bản đã bị thay đổi sau khi
// ký", ...).
const char* SignatureVerdictText(SignatureVerdict verdict);

}  // namespace congvan

#endif  // CONGVAN_BASE_PDF_SIGNATURE_H_
