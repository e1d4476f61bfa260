// Deleting a letter registered by mistake, and giving it back.
//
// A deleted letter leaves every list, the search, the task list, the calendar and the review
// queue: its rows go (Registry::Delete). What it was is kept whole in `deletions` (schema version
// 10) with who deleted it and when: the record with its pages, tasks (their status and history),
// addressees and references. Its stored original (originals.h), its arrival number, its
// corrections and its further files are keyed by SHA-256 and stay untouched, so an
// administrator's restore brings the letter back as it was, under a new id.
#ifndef CONGVAN_REGISTRY_DELETIONS_H_
#define CONGVAN_REGISTRY_DELETIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/dates.h"
#include "registry/registry.h"

namespace congvan::registry {

// One deletion.
struct Deletion {
  std::int64_t id = 0;
  std::string sha256;
  std::int64_t former_id = 0;  // the letter's id while it was registered
  std::string doc_ref, issuer, subject;
  std::string deleted_by, deleted_at;    // ISO 8601 UTC
  std::string restored_by, restored_at;  // "" while it is deleted
  std::int64_t restored_id = 0;
};

// Deletes the letter `document_id`, recording `who` and `now`. NotFound (Vietnamese) when there
// is no such letter.
Result<Deletion> DeleteLetter(Registry& registry, std::int64_t document_id, const std::string& who,
                              TimePoint now);

// Registers again the letter deleted while it had the id `former_id` (its latest deletion),
// with its tasks' statuses and history and its clerks' corrections; records `who` and `now`.
// Returns the new id. NotFound when no deleted letter had that id; AlreadyExists when its file
// was registered again meanwhile.
Result<std::int64_t> RestoreLetter(Registry& registry, std::int64_t former_id,
                                   const std::string& who, TimePoint now);

// The letters deleted and not restored, most recently deleted first.
Result<std::vector<Deletion>> ListDeleted(const Registry& registry);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_DELETIONS_H_
