// Where each unit stands with its tasks, for the dashboard: overdue, due soon, done on time and
// done late this month. Read-only aggregate queries over the tasks table.
//
// Units are the assignees as stored, grouped by their folded key (text/tokens.h), so "Phòng Nội vụ"
// and "PHÒNG NỘI VỤ" are one unit, and the confirmed other names of a unit of the office's
// directory (units.h: "Phòng Nợ vụ") count with it; a directory unit is named as the directory
// writes it, another by the spelling most of its first 20 tasks (by deadline) carry. The counts
// come from unit_task_counts and two indexes (schema version 12), never a walk over every task:
// the time grows with the units and the coming weeks' work, not with the registry.
#ifndef CONGVAN_REGISTRY_UNIT_SUMMARY_H_
#define CONGVAN_REGISTRY_UNIT_SUMMARY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/dates.h"
#include "registry/registry.h"

namespace congvan::registry {

struct UnitSummary {
  std::string key;   // folded assignee ("" for tasks whose assignee was not found)
  std::string name;  // the spelling most of its first tasks carry
  int overdue = 0;           // open, past the deadline
  int due_soon = 0;          // open, deadline from now to the end of the window
  int done_on_time = 0;      // done this month (local), on or before the deadline
  int done_late = 0;         // done this month (local), after the deadline
  int Total() const { return overdue + due_soon + done_on_time + done_late; }
};

// The window of a summary, in local (Viet Nam) dates.
struct SummaryWindow {
  std::string now;          // yyyy-mm-ddTHH:MM
  std::string soon_until;   // yyyy-mm-dd: the last day counted as due soon
  std::string month_start;  // yyyy-mm-01 of the current month
};
SummaryWindow WindowFor(TimePoint now, int soon_days);

// One entry per unit with at least one task counted, by name; units with nothing to count are
// left out. `soon_days` (0 to 366) is the width of the "due soon" window after today.
Result<std::vector<UnitSummary>> SummarizeUnits(const Registry& registry, TimePoint now,
                                                int soon_days);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_UNIT_SUMMARY_H_
