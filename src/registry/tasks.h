// The task list: tasks of every registered letter, sorted by deadline, filtered, with their
// status and its history.
//
// Statuses follow the task-tracking rules of QĐ 42/2014/QĐ-TTg (as amended): a task is done on
// time, done late, in progress within its deadline, or overdue. Only "open"/"done" and the time
// it was done are stored; which of the four applies depends on the time, so every call takes
// `now` from the caller and nothing here reads the system clock.
#ifndef CONGVAN_REGISTRY_TASKS_H_
#define CONGVAN_REGISTRY_TASKS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "registry/dates.h"
#include "registry/registry.h"

namespace congvan::registry {

// The four statuses of QĐ 42/2014/QĐ-TTg.
enum class TaskState {
  kInProgress,  // đang thực hiện trong hạn (or no deadline)
  kOverdue,     // đang thực hiện quá hạn
  kDoneOnTime,  // đã hoàn thành đúng hạn
  kDoneLate,    // đã hoàn thành quá hạn
};

// "trong-han", "qua-han", "hoan-thanh-dung-han", "hoan-thanh-qua-han" (query and CLI form).
std::string StateSlug(TaskState state);
// "Đang thực hiện trong hạn", … (report form).
std::string StateLabel(TaskState state);

// The states a user's word names: one of the slugs above, or the groups "hoan-thanh" (both
// done states) and "dang-thuc-hien" (both open ones); English aliases (overdue, in-progress,
// done-on-time, done-late, done, open) and marked spellings ("quá hạn") work too.
Result<std::vector<TaskState>> ParseStates(std::string_view text);

// The state of a task at `now` (local time compared with due_at, as the SQL does).
TaskState ComputeState(const TaskRecord& task, TimePoint now);

// A task with the letter it comes from.
struct TaskView {
  TaskRecord task;
  int position = 0;             // the task's place in its letter (0-based)
  std::int64_t document_id = 0;
  std::string sha256;           // of the letter: with `position`, a stable identity (calendar UID)
  std::string doc_ref;          // "1138/UBND-NC"
  std::string doc_type;
  std::string issuer;
  std::string doc_date;
  std::string subject;
  std::string path;
  TaskState state = TaskState::kInProgress;
};

// Which tasks to list. Empty fields do not filter.
struct TaskFilter {
  std::string assignee;             // words of the assignee, as a phrase, marks optional
  std::string issuer;               // words of the issuing body
  std::string doc_ref;              // document number: "1138/UBND-NC", or just "1138"
  std::string signature;            // the letter's signature verdict: "hop-le", "bi-thay-doi", ...
  std::string due_min;              // yyyy-mm-dd: deadline on or after
  std::string due_max;              // yyyy-mm-dd: deadline on or before
  std::vector<TaskState> states;    // any of these
  bool with_deadline = false;       // only tasks with a deadline or a recurrence
  int limit = 0;                    // 0: all
};

// Tasks matching `filter`, earliest deadline first (tasks without one last), then by letter
// and position.
Result<std::vector<TaskView>> ListTasks(const Registry& registry, const TaskFilter& filter,
                                        TimePoint now);

// One task, or NotFound.
Result<TaskView> GetTask(const Registry& registry, std::int64_t id, TimePoint now);

// One entry of a task's history.
struct TaskEvent {
  std::string status;  // "done" or "open": the status the task had after the event
  std::string note;
  std::string who;
  std::string at;      // ISO 8601 UTC
  // "status": the status changed to `status`; "assigned": the task was assigned, or a unit was
  // assigned work from it (assignments.h), `note` says to whom.
  std::string kind = "status";
};

// Marks a task done at `now` (local time decides on time vs late) and records who and why.
// A task already done is refused with a message saying since when.
Status MarkDone(Registry& registry, std::int64_t id, const std::string& who,
                const std::string& note, TimePoint now);

// Opens a done task again (e.g. the work was rejected), recorded in the history.
Status Reopen(Registry& registry, std::int64_t id, const std::string& who,
              const std::string& note, TimePoint now);

// The history of a task, oldest first.
Result<std::vector<TaskEvent>> History(const Registry& registry, std::int64_t id);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_TASKS_H_
