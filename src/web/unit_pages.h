// The pages of assigning work inside the office: the directory of units ("Đơn vị", /don-vi),
// the "Giao việc" form of a letter, the facts an assigned task carries, and the <datalist> that
// completes a unit's name wherever one is typed (no script needed: the browser does it).
// Every value is escaped (html.h); assets/app.js posts the forms (form[data-post]) as JSON with
// the page's CSRF token.
#ifndef CONGVAN_WEB_UNIT_PAGES_H_
#define CONGVAN_WEB_UNIT_PAGES_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "registry/assignments.h"
#include "registry/registry.h"
#include "registry/units.h"
#include "web/pages.h"

namespace congvan::web {

// The id of the datalist inputs naming a unit refer to.
inline constexpr char kUnitListId[] = "don-vi-ds";

// <datalist id="don-vi-ds"> with the names of the active units and their aliases; "" when the
// directory is empty.
std::string UnitDatalistHtml(const std::vector<registry::Unit>& units);

// The link that opens the letter's "Giao việc" form on task `task_id`.
std::string AssignLink(std::int64_t document_id, std::int64_t task_id);

// What an assigned task carries beyond a task's fields: who assigned it when, the leader's
// instruction, the task it came from. "" for an extracted task.
std::string AssignmentFacts(const registry::TaskRecord& task);

// The letter's "Giao việc" section (id "giao-viec"): what to assign (the letter or one of its
// tasks, `selected_task` chosen), the lead unit, up to three co-operating units, the deadline and
// the instruction.
std::string AssignSection(const registry::DocumentRecord& doc, std::int64_t selected_task);

// The directory page.
struct UnitsPageData {
  std::vector<registry::Unit> units;  // inactive ones too
  std::vector<registry::AliasSuggestion> suggestions;
};
std::string RenderUnitsPage(const PageFrame& frame, const UnitsPageData& data);

// A unit as JSON: id, name, kind, active, aliases.
nlohmann::json UnitJson(const registry::Unit& unit);

// The assignment a JSON body asks for on letter `document_id`: task_id (a number, or a string of
// digits; "" or absent for the letter), lead, with (an array of names, or one string, ';'
// separating names), deadline, instruction. InvalidInput (Vietnamese) for wrong types.
Result<registry::AssignmentRequest> AssignmentFromJson(const nlohmann::json& body,
                                                       std::int64_t document_id);

}  // namespace congvan::web

#endif  // CONGVAN_WEB_UNIT_PAGES_H_
