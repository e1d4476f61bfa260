// The review queue ("Cần kiểm tra"): letters the extraction marked for a clerk's check (its
// `review` in fields_json, with the reasons in Vietnamese, extract/confidence.h) that no clerk
// has confirmed yet. Confirming ("Đã kiểm tra") is recorded as a correction of the pseudo-field
// "reviewed", so it shows in the letter's history with who and when, and, keyed by the SHA-256
// like every correction, outlives a re-extraction.
#ifndef CONGVAN_REGISTRY_REVIEW_H_
#define CONGVAN_REGISTRY_REVIEW_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/corrections.h"
#include "registry/dates.h"
#include "registry/registry.h"

namespace congvan::registry {

// The field name of a "Đã kiểm tra" record in the corrections table.
inline constexpr char kReviewedField[] = "reviewed";
// Its new_value.
inline constexpr char kReviewedValue[] = "Đã kiểm tra";

// One letter waiting for a check.
struct ReviewItem {
  std::int64_t document_id = 0;
  std::string doc_ref, doc_type, issuer, date, subject;  // corrected values (rows are written through)
  std::vector<std::string> reasons;                      // why, in Vietnamese
};

// Letters to check, newest registered first; at most `limit` (0: all).
Result<std::vector<ReviewItem>> ReviewQueue(const Registry& registry, int limit = 0);

// How many letters wait for a check.
Result<std::int64_t> ReviewQueueCount(const Registry& registry);

// Whether a clerk has confirmed the letter with this SHA-256.
Result<bool> IsReviewed(const Registry& registry, const std::string& sha256);

// Records that `who` checked the letter `document_id` (old_value: the reasons it was queued
// for, "; "-joined), so it leaves the queue. NotFound for no such letter (Vietnamese message);
// AlreadyExists when it was confirmed before.
Result<Correction> MarkReviewed(Registry& registry, std::int64_t document_id,
                                const std::string& who, TimePoint now);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_REVIEW_H_
