#include "base/pdf_signature.h"

namespace congvan {

const char* SignatureTrustName(SignatureTrust trust) {
  switch (trust) {
    case SignatureTrust::kTrusted: return "tin-cay";
    case SignatureTrust::kIssuerUnknown: return "chua-ro-nguon";
    case SignatureTrust::kUntrusted: return "khong-tin-cay";
  }
  return "chua-ro-nguon";
}

SignatureVerdict JudgeSignatures(const std::vector<PdfSignature>& signatures) {
  if (signatures.empty()) return SignatureVerdict::kNone;
  for (const PdfSignature& s : signatures) {
    if (!s.valid) {
      // A signature whose CMS could not even be parsed says nothing about the content.
      return s.hash_algorithm.empty() ? SignatureVerdict::kUnreadable : SignatureVerdict::kAltered;
    }
  }
  // Earlier signatures never cover the whole file when a later one was added (the gazette
  // centre countersigns after the issuing body): only the last one must reach the end.
  return signatures.back().covers_whole_file ? SignatureVerdict::kValid
                                             : SignatureVerdict::kAppended;
}

const char* SignatureVerdictName(SignatureVerdict verdict) {
  switch (verdict) {
    case SignatureVerdict::kNone: return "khong-co";
    case SignatureVerdict::kValid: return "hop-le";
    case SignatureVerdict::kAppended: return "them-sau-ky";
    case SignatureVerdict::kAltered: return "bi-thay-doi";
    case SignatureVerdict::kUnreadable: return "loi";
  }
  return "loi";
}

const char* SignatureVerdictText(SignatureVerdict verdict) {
  switch (verdict) {
    case SignatureVerdict::kNone: return "Không có chữ ký số";
    case SignatureVerdict::kValid: return "Chữ ký số hợp lệ";
    case SignatureVerdict::kAppended: return "Chữ ký số hợp lệ, nhưng tệp có nội dung thêm sau khi ký";
    case SignatureVerdict::kAltered: return "Văn bản đã bị thay đổi sau khi ký";
    case SignatureVerdict::kUnreadable: return "Không đọc được chữ ký số";
  }
  return "Không đọc được chữ ký số";
}

}  // namespace congvan
