// Storing and loading the parts of a document beyond its pages: tasks, addressees and
// references (with the link from a citation to the cited letter). Internal to the registry.
#ifndef CONGVAN_REGISTRY_DOCUMENT_PARTS_H_
#define CONGVAN_REGISTRY_DOCUMENT_PARTS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "registry/connection.h"
#include "registry/registry.h"
#include "registry/statement.h"
#include "text/tokens.h"

namespace congvan::registry {

// Refuses tasks whose dates or times are malformed, before anything is written.
Status ValidateTasks(const std::vector<TaskRecord>& tasks);

// Writes the tasks, addressees and references of documents, with its statements compiled once
// and reused for every document (a bulk import registers thousands in one transaction).
class PartWriter {
 public:
  static Result<PartWriter> Prepare(Connection db);

  // Writes the parts of document `id` (already inserted), links its citations to registered
  // letters, and links earlier letters that cite this one.
  Status Insert(const text::Folder& folder, std::int64_t id, const DocumentRecord& doc);

 private:
  PartWriter(Statement tasks, Statement addressees, Statement refs, Statement link)
      : tasks_(std::move(tasks)), addressees_(std::move(addressees)), refs_(std::move(refs)),
        link_(std::move(link)) {}
  Statement tasks_, addressees_, refs_, link_;
};

// Loads the tasks, addressees and references of `doc` (doc.id set).
Status ReadParts(Connection db, DocumentRecord& doc);

// Replaces the addressees of document `id` with `names` (keys folded as at registration); for a
// clerk's correction of the "Kính gửi" list. Runs inside the caller's transaction.
Status ReplaceAddressees(Connection db, const text::Folder& folder, std::int64_t id,
                         const std::vector<std::string>& names);

// Replaces the references of document `id` with `refs`, linking each to the registered letter
// it cites exactly as registration does (same number, same date when both are known).
Status ReplaceReferences(Connection db, const text::Folder& folder, std::int64_t id,
                         const std::vector<ReferenceRecord>& refs);

// The registered letter (other than `citing_id`) that a citation of `ref` dated `date` ("" when
// unknown) links to, or 0; the rule of ReplaceReferences() and registration.
Result<std::int64_t> CitedDocumentId(Connection db, const text::Folder& folder,
                                     std::int64_t citing_id,
                                     const std::string& ref, const std::string& date);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_DOCUMENT_PARTS_H_
