#include "pipeline/signatures.h"

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <algorithm>
#include <optional>
#include <string>

#include "extract/confidence.h"
#include "text/fold.h"

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

// Whether the stamp's signer names this signature's signer (case and marks aside: the stamp is
// OCR'd or typed, the certificate is not).
bool NamesSigner(const std::string& stamp_signer, const PdfSignature& s) {
  const std::string stamp = text::FoldText(stamp_signer);
  if (stamp.empty()) return false;
  for (const std::string* name : {&s.signer_name, &s.organization, &s.email}) {
    const std::string folded = text::FoldText(*name);
    if (folded.empty()) continue;
    if (stamp.find(folded) != std::string::npos || folded.find(stamp) != std::string::npos) {
      return true;
    }
  }
  return false;
}

// Whether the stamp's time is this signature's (an unreadable stamp time does not disagree).
bool SameTime(const std::string& stamp_time, const PdfSignature& s) {
  const std::optional<long> stamp = EpochSeconds(stamp_time);
  if (!stamp) return true;
  const std::optional<long> signed_at = EpochSeconds(s.signed_at);
  return signed_at && std::labs(*signed_at - *stamp) <= kStampTimeSlackSeconds;
}

// The verified signature the visible stamp stands for, or null.
const PdfSignature* StampedSignature(const extract::DigitalSignature& stamp,
                                     const std::vector<PdfSignature>& signatures) {
  for (const PdfSignature& s : signatures) {
    if (NamesSigner(stamp.signed_by, s) && SameTime(stamp.signed_at, s)) return &s;
  }
  return nullptr;
}

// Viet Nam keeps one offset all year; a letter's day is the day there.
constexpr long kVietnamOffsetSeconds = 7 * 3600;

// A letter is signed digitally when it is issued, on its date or a few days after (up to four
// days on the signed scans we hold). A date further back, but within about a month, is most
// likely a misread day (the month and year are printed, the day is often written by pen); a gap
// of months or years is an older letter scanned and signed later, not a misreading.
constexpr int kMostDaysBeforeSigning = 10;
constexpr int kMisreadDayReach = 45;
// A guessed date (a day written by pen that the digit readers disagree on) is believed only when
// it is the signing day or the day before, as 17 of the 24 signed scans we hold are; further
// back, the signing day is the likelier day.
constexpr int kMostDaysBeforeSigningWhenGuessed = 1;

std::optional<std::chrono::sys_days> IsoDay(const std::string& iso) {
  std::tm tm{};
  if (strptime(iso.c_str(), "%Y-%m-%d", &tm) == nullptr) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{tm.tm_year + 1900},
                                        std::chrono::month(tm.tm_mon + 1),
                                        std::chrono::day(tm.tm_mday)};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

std::string IsoText(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd{day};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return out;
}

// The day in Viet Nam of the earliest signature, or nothing when no signature gives a time.
std::optional<std::chrono::sys_days> SigningDay(const std::vector<PdfSignature>& signatures) {
  std::optional<long> earliest;
  for (const PdfSignature& s : signatures) {
    const std::optional<long> t = EpochSeconds(s.signed_at);
    if (t && (!earliest || *t < *earliest)) earliest = t;
  }
  if (!earliest) return std::nullopt;
  return std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds{std::chrono::seconds{*earliest + kVietnamOffsetSeconds}});
}

// A remark the clerk must see: in the flags and among the reasons the letter needs review.
void AddReviewReason(std::string reason, extract::Letter& letter) {
  letter.review.needed = true;
  letter.review.reasons.push_back(reason);
  letter.flags.push_back(std::move(reason));
}

// The letter's date read against the day it was signed: a date after it, or some days before
// it, is doubtful; a date after it gives way to the signing day. A date the scan does not let
// read (a day written by hand) is at most the signing day, and on the signed scans we have seen
// mostly that day or the one before: it is taken as the date, doubtful, with the reason said, so
// that the letter is dated and checked.
void CheckDateAgainstSigning(extract::Letter& letter) {
  const std::optional<std::chrono::sys_days> signed_on = SigningDay(letter.signatures);
  if (!letter.date) {
    if (!signed_on) return;
    letter.date = IsoText(*signed_on);
    letter.confidence["date"] = extract::kDoubtfulBelow / 2;
    AddReviewReason(extract::review_reason::DateFromSigning(*letter.date), letter);
    return;
  }
  const std::optional<std::chrono::sys_days> date = IsoDay(*letter.date);
  if (!date || !signed_on) return;
  const int days_before = static_cast<int>((*signed_on - *date).count());
  std::string reason;
  if (days_before < 0) {
    // Issued after it was signed cannot be: the date was misread (a pen's "7" read as "9"), and
    // the signing day is the nearest day the letter can bear.
    reason = extract::review_reason::DateAfterSigning(*letter.date, IsoText(*signed_on));
    letter.date = IsoText(*signed_on);
  } else if (days_before > kMostDaysBeforeSigningWhenGuessed && days_before <= kMisreadDayReach &&
             letter.confidence["date"] < extract::kGuessedBelow) {
    reason = extract::review_reason::DateUnsureBeforeSigning(*letter.date, IsoText(*signed_on));
    letter.date = IsoText(*signed_on);
  } else if (days_before > kMostDaysBeforeSigning && days_before <= kMisreadDayReach) {
    reason = extract::review_reason::DateLongBeforeSigning(*letter.date, IsoText(*signed_on),
                                                           days_before);
  } else {
    return;
  }
  double& confidence = letter.confidence["date"];
  confidence = std::min(confidence, extract::kDoubtfulBelow / 2);
  AddReviewReason(std::move(reason), letter);
}

}  // namespace

void ApplySignatures(std::vector<PdfSignature> signatures, extract::Letter& letter) {
  letter.signatures = std::move(signatures);
  const std::vector<PdfSignature>& all = letter.signatures;
  if (all.empty()) return;
  CheckDateAgainstSigning(letter);
  const SignatureVerdict verdict = JudgeSignatures(all);
  if (verdict != SignatureVerdict::kValid) AddReviewReason(SignatureVerdictText(verdict), letter);
  // The letter's signature is the one its visible stamp shows, written as the stamp prints
  // it; a stamp that no signature of the file matches is a reason to check the letter.
  if (letter.digital_signature) {
    extract::DigitalSignature& stamp = *letter.digital_signature;
    if (const PdfSignature* match = StampedSignature(stamp, all)) {
      if (stamp.email.empty()) stamp.email = match->email;
      return;
    }
    AddReviewReason("Chữ ký hiển thị trên văn bản (" + stamp.signed_by + ", " + stamp.signed_at +
                        ") khác với chữ ký số trong tệp",
                    letter);
  }
  // No stamp (or a false one): the first signature, the earliest made.
  const PdfSignature& first = all.front();
  if (!first.signer_name.empty()) {
    letter.digital_signature =
        extract::DigitalSignature{first.signer_name, first.signed_at, first.email};
  }
}

}  // namespace congvan::pipeline
