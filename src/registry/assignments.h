// Assigning work inside the office: a letter, or one task of it, given to a lead unit (chủ trì)
// with co-operating units (phối hợp), a deadline and the leader's instruction (ý kiến chỉ đạo).
//
// An assignment is stored as a task of the letter (source "assigned", schema version 11), placed
// after the letter's extracted tasks: the lead unit is its assignee, the co-operating units its
// cooperating list. So it has the statuses, history, corrections, search, the task list, the
// report, the dashboard and the calendar of any task, with nothing in those to change. The units
// are the directory's (units.h): a name typed is resolved to the unit's name as the directory
// writes it, so one unit's work is counted under one name.
#ifndef CONGVAN_REGISTRY_ASSIGNMENTS_H_
#define CONGVAN_REGISTRY_ASSIGNMENTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/dates.h"
#include "registry/registry.h"
#include "registry/tasks.h"

namespace congvan::registry {

// Longest instruction accepted, in bytes.
inline constexpr std::size_t kMaxInstructionBytes = 4000;
// Most co-operating units of one assignment.
inline constexpr std::size_t kMaxCooperatingUnits = 30;

struct AssignmentRequest {
  std::int64_t document_id = 0;         // the letter assigned …
  std::optional<std::int64_t> task_id;  // … or this task of it (document_id may be left 0)
  std::string lead;                     // the lead unit, as typed
  std::vector<std::string> with;        // co-operating units, as typed
  // The deadline as typed (dd/mm/yyyy or yyyy-mm-dd); "" takes the task's own deadline when a
  // task is assigned, none for a letter.
  std::string deadline;
  std::string instruction;              // ý kiến chỉ đạo
  std::string who;
};

// What Assign() made: the new task and how each typed unit name was understood.
struct AssignmentOutcome {
  TaskView task;
  // "«Phòng Nợ vụ» → «Phòng Nội vụ»" for every typed name that was a close variant, not the
  // unit's name or a confirmed alias: the clerk should see which unit was taken.
  std::vector<std::string> guesses;
};

// Records the assignment as a new task of the letter, with an "assigned" entry in its history
// and, when a task was assigned, one in that task's history too. InvalidInput (Vietnamese) for a
// bad date, a lead unit among the co-operating ones, an instruction too long; NotFound for an
// unknown letter, task or unit (the closest units named).
Result<AssignmentOutcome> Assign(Registry& registry, const AssignmentRequest& request,
                                 TimePoint now);

// The assignments made from the letter `document_id` (its tasks with source "assigned"), in
// the order they were made.
Result<std::vector<TaskView>> ListAssignments(const Registry& registry, std::int64_t document_id,
                                              TimePoint now);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_ASSIGNMENTS_H_
