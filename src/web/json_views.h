// The JSON the /api/ endpoints answer with (documented in README.md, "JSON API"). Keys follow the
// CLI's --json output (src/cli/registry_commands.cc) so scripts can use either.
#ifndef CONGVAN_WEB_JSON_VIEWS_H_
#define CONGVAN_WEB_JSON_VIEWS_H_

#include <nlohmann/json.hpp>
#include <vector>

#include "registry/corrections.h"
#include "registry/dates.h"
#include "registry/registry.h"
#include "registry/search.h"
#include "registry/tasks.h"

namespace congvan::web {

// A task with its letter and state.
nlohmann::json TaskJson(const registry::TaskView& view);

// A status event of a task's history.
nlohmann::json EventJson(const registry::TaskEvent& event);

// One correction; a list field's also with `old_items` / `new_items` arrays.
nlohmann::json CorrectionJson(const registry::Correction& correction);

// A letter with its fields (corrections applied), tasks (with state at `now`), addressees,
// references, quality flags, corrections and the URLs of its page images.
nlohmann::json DocumentJson(const registry::DocumentRecord& doc,
                            const std::vector<registry::Correction>& corrections,
                            registry::TimePoint now);

// A letter as listed (no text, no tasks).
nlohmann::json DocumentSummaryJson(const registry::DocumentRecord& doc);

// Search results.
nlohmann::json SearchJson(const registry::SearchResults& results);

// Why the letter must be checked: the review reasons stored in fields_json ("review"), else
// the "flags" of records registered before there were any; none when the letter is sure.
std::vector<std::string> LetterFlags(const registry::DocumentRecord& doc);

// A remark for the clerk in Vietnamese: letters registered by an older congvan carry English
// remarks ("no document number found", "deadline 2023-06-01 (…) is before the letter's date …"),
// which are given in the words extraction now writes; anything else is returned as it is.
std::string VietnameseRemark(const std::string& remark);

// The signatures a letter's fields show on its pages (digital_signature, then countersignatures),
// as their JSON objects; empty when there are none.
std::vector<nlohmann::json> StampedSignatures(const nlohmann::json& fields);

// Whether the original has page images (PDF and raster scans; not text files).
bool HasPageImages(const registry::DocumentRecord& doc);

}  // namespace congvan::web

#endif  // CONGVAN_WEB_JSON_VIEWS_H_
