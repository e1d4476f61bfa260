// Storing and loading the parts of a document beyond its pages: tasks, addressees and
// references (with the link from a citation to the cited letter). Internal to the registry.
#ifndef CONGVAN_REGISTRY_DOCUMENT_PARTS_H_
#define CONGVAN_REGISTRY_DOCUMENT_PARTS_H_

#include <cstdint>

#include "base/status.h"
#include "registry/registry.h"
#include "registry/vn_fold.h"

struct sqlite3;

namespace congvan::registry {

// Refuses tasks whose dates or times are malformed, before anything is written.
Status ValidateTasks(const std::vector<TaskRecord>& tasks);

// Writes the tasks, addressees and references of document `id` (already inserted), links its
// citations to registered letters, and links earlier letters that cite this one.
Status InsertParts(sqlite3* db, const Folder& folder, std::int64_t id, const DocumentRecord& doc);

// Loads the tasks, addressees and references of `doc` (doc.id set).
Status ReadParts(sqlite3* db, DocumentRecord& doc);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_DOCUMENT_PARTS_H_
