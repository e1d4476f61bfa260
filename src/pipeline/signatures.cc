#include "pipeline/signatures.h"

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <optional>
#include <string>

#include "extract/fold.h"

namespace congvan::pipeline {
namespace {

// The visible stamp prints the time to the second, but signing software takes the time for the
// stamp and for the signature a few seconds apart (seen: 07:20:13 on the stamp, 07:20:16 in
// the signature).
constexpr long kStampTimeSlackSeconds = 120;

// Seconds since the epoch of "2025-02-07T17:12:11+07:00" (any offset), or nothing.
std::optional<long> EpochSeconds(const std::string& iso) {
  std::tm tm{};
  const char* end = strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (end == nullptr) return std::nullopt;
  long t = static_cast<long>(timegm(&tm));
  if ((end[0] == '+' || end[0] == '-') && std::isdigit(static_cast<unsigned char>(end[1]))) {
    const int hours = std::atoi(end + 1);
    const char* colon = std::strchr(end, ':');
    const int minutes = colon != nullptr ? std::atoi(colon + 1) : 0;
    const long offset = (hours * 60L + minutes) * 60L;
    t += end[0] == '+' ? -offset : offset;
  }
  return t;
}

// Whether the stamp's signer names one of the signatures' signers (case and marks aside: the
// stamp is OCR'd or typed, the certificate is not).
bool NamesASigner(const std::string& stamp_signer, const std::vector<PdfSignature>& signatures) {
  const std::string stamp = extract::FoldText(stamp_signer);
  if (stamp.empty()) return true;
  for (const PdfSignature& s : signatures) {
    for (const std::string* name : {&s.signer_name, &s.organization, &s.email}) {
      const std::string folded = extract::FoldText(*name);
      if (folded.empty()) continue;
      if (stamp.find(folded) != std::string::npos || folded.find(stamp) != std::string::npos) {
        return true;
      }
    }
  }
  return false;
}

bool MatchesASigningTime(const std::string& stamp_time,
                         const std::vector<PdfSignature>& signatures) {
  const std::optional<long> stamp = EpochSeconds(stamp_time);
  if (!stamp) return true;  // an unreadable stamp time says nothing either way
  for (const PdfSignature& s : signatures) {
    const std::optional<long> signed_at = EpochSeconds(s.signed_at);
    if (signed_at && std::labs(*signed_at - *stamp) <= kStampTimeSlackSeconds) return true;
  }
  return false;
}

// A remark the clerk must see: in the flags and among the reasons the letter needs review.
void AddReviewReason(std::string reason, extract::Letter& letter) {
  letter.review.needed = true;
  letter.review.reasons.push_back(reason);
  letter.flags.push_back(std::move(reason));
}

}  // namespace

void ApplySignatures(std::vector<PdfSignature> signatures, extract::Letter& letter) {
  letter.signatures = std::move(signatures);
  const std::vector<PdfSignature>& all = letter.signatures;
  if (all.empty()) return;
  const SignatureVerdict verdict = JudgeSignatures(all);
  if (verdict != SignatureVerdict::kValid) AddReviewReason(SignatureVerdictText(verdict), letter);
  if (letter.digital_signature) {
    const extract::DigitalSignature& stamp = *letter.digital_signature;
    if (!NamesASigner(stamp.signed_by, all) || !MatchesASigningTime(stamp.signed_at, all)) {
      AddReviewReason("Chữ ký hiển thị trên văn bản (" + stamp.signed_by + ", " +
                          stamp.signed_at + ") khác với chữ ký số trong tệp",
                      letter);
    }
  }
  const PdfSignature& issuer = all.front();
  if (!issuer.signer_name.empty()) {
    letter.digital_signature =
        extract::DigitalSignature{issuer.signer_name, issuer.signed_at, issuer.email};
  }
}

}  // namespace congvan::pipeline
