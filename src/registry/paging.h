// Lists that stay usable at 10,000 letters and 100,000 tasks: one page of letters or tasks at a
// time, in a chosen order that is stable from page to page (every order ends on a unique key),
// with the number of rows the filter selects for "Trang 3/41".
//
// Pages are read with LIMIT/OFFSET over orders an index holds (schema versions 5 and 10), so a
// page costs the index entries before it plus its own rows, never a sort of the whole registry.
#ifndef CONGVAN_REGISTRY_PAGING_H_
#define CONGVAN_REGISTRY_PAGING_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/dates.h"
#include "registry/registry.h"
#include "registry/tasks.h"

namespace congvan::registry {

// The orders of the letter list.
enum class LetterSort {
  kArrival,  // ngày đến, then số đến (the register's order)
  kRef,      // số ký hiệu, by its number first ("99/UBND" before "1138/UBND")
  kDate,     // ngày văn bản
  kIssuer,   // cơ quan ban hành, marks ignored
};

// Which letters to list. Empty fields do not filter.
struct LetterFilter {
  std::string assignee;            // letters with a task for this unit (words, marks optional)
  std::string issuer;              // words of the issuing body
  // Letters with a task in any of these states (with `assignee`: a task of that unit).
  std::vector<TaskState> states;
  std::string date_min, date_max;  // yyyy-mm-dd: the letter's date on or after / before
  // The urgency stamp: "" any letter, "khan" any urgent one, else exactly "HỎA TỐC",
  // "THƯỢNG KHẨN" or "KHẨN".
  std::string urgency;
};

// One line of the letter list.
struct LetterRow {
  std::int64_t id = 0;
  std::string doc_ref, doc_type, issuer, date, subject;
  std::string urgency;         // "" when the letter has no urgency stamp
  std::int64_t arrival_number = 0;
  std::string arrival_date;    // yyyy-mm-dd
  std::int64_t task_count = 0;
};

// The letters `filter` selects, `limit` of them from `offset` on, in `sort` order (`descending`
// reverses it, ties included, so pages never overlap). InvalidInput for a filter without words
// or a bad date, a negative offset or a limit outside 1..1000.
Result<std::vector<LetterRow>> ListLetters(const Registry& registry, const LetterFilter& filter,
                                           LetterSort sort, bool descending, std::int64_t offset,
                                           int limit, TimePoint now);

// How many letters `filter` selects.
Result<std::int64_t> CountLetters(const Registry& registry, const LetterFilter& filter,
                                  TimePoint now);

// The orders of the task list.
enum class TaskSort {
  kDue,       // hạn (tasks without one last), then letter and position: ListTasks' order
  kAssignee,  // đơn vị thực hiện, marks ignored, then hạn
  kLetter,    // the letter, newest registered first when descending, then position
};

// The tasks `filter` selects (its `limit` is ignored), `limit` from `offset`, in `sort` order.
Result<std::vector<TaskView>> ListTaskPage(const Registry& registry, const TaskFilter& filter,
                                           TaskSort sort, bool descending, std::int64_t offset,
                                           int limit, TimePoint now);

// How many tasks `filter` selects.
Result<std::int64_t> CountTasks(const Registry& registry, const TaskFilter& filter, TimePoint now);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_PAGING_H_
