// The list fields a clerk may correct (internal to the registry; corrections.h is the contract):
// a letter's addressees ("Kính gửi") and references (the documents it cites), and a task's
// co-operating bodies. A correction replaces the whole list.
//
// Stored form (corrections.old_value / new_value): the items one per line, "\n"-separated, in
// order; "" is the empty list. A reference is one line "Kế hoạch số 67-KH/HU ngày 10/01/2022"
// (type and date optional). Items never hold control characters, so the form is unambiguous.
#ifndef CONGVAN_REGISTRY_LIST_FIELDS_H_
#define CONGVAN_REGISTRY_LIST_FIELDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "registry/connection.h"
#include "registry/dates.h"
#include "registry/registry.h"
#include "text/tokens.h"

namespace congvan::registry {

enum class ListField { kAddressees, kReferences, kCooperating };

// The list field `name` of a letter (`task` false) or of a task, if it is one.
std::optional<ListField> ListFieldNamed(bool task, const std::string& name);

// What a clerk typed (one item per line; ';' also separates items; a leading "-" or "+" and a
// trailing '.' are dropped, as extraction drops them; empty items are dropped) in the stored
// form. InvalidInput naming the item for too many items, an item too long, control characters
// in an item, or a reference without a number or with a bad date.
Result<std::string> NormalizeList(ListField field, const std::string& raw);

// The references as the Letter JSON (SCHEMA.md) holds them: [{ref, date, type}], null for "".
nlohmann::json ReferencesJson(const std::vector<ReferenceRecord>& refs);

// The references of a stored value of `references` (cited_document_id left 0).
Result<std::vector<ReferenceRecord>> StoredReferences(const std::string& stored);

// What the rows of document `document_id` (task `position`, or -1 for the letter) hold for the
// field, in the stored form.
Result<std::string> ListRowValue(Connection db, std::int64_t document_id, int position,
                                 ListField field);

// Writes a stored value through to the rows: the addressees (with their keys) or the references
// (re-linked to registered letters) and the letter's fields_json, or the task's `cooperating`
// (its revision raised). Inside the caller's transaction.
Status WriteListThrough(Connection db, const text::Folder& folder, std::int64_t document_id,
                        int position, ListField field, const std::string& stored, TimePoint now);

// Sets the key `key` of document `document_id`'s fields_json to `value` and its updated_at to
// `now`; a row whose fields_json is not JSON keeps it. The JSON's other keys keep their order.
Status SetLetterJson(Connection db, std::int64_t document_id, const std::string& key,
                     const nlohmann::json& value, TimePoint now);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_LIST_FIELDS_H_
