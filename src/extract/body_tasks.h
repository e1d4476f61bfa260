// How a task is made from the bodies a piece of the body names and the text of their duty: one
// task per body, the duty's summary, the partners it names ("phối hợp với …") and its deadline.
// Internal to src/extract: the items (body.cc) and the paragraphs (body_paragraphs.cc) of a
// letter's body make their tasks with it.
#ifndef CONGVAN_EXTRACT_BODY_TASKS_H_
#define CONGVAN_EXTRACT_BODY_TASKS_H_

#include <string>
#include <vector>

#include "extract/deadline.h"
#include "extract/letter.h"
#include "extract/rules.h"

namespace congvan::extract {

// Gives `t` the dated deadline `d`: its date, its words and the time of day it names.
void TakeDeadline(const FoundDeadline& d, Task& t);

// Appends one task per body of `bodies` for the duty `text`: its summary without the duty words
// ("có trách nhiệm …"), the bodies it works with, the first dated deadline of `deadlines` and
// the most precise recurrence. Nothing when there are no bodies or no text.
void AddTasks(const RuleSet& rules, const std::vector<std::string>& bodies, const std::string& text,
              const std::vector<FoundDeadline>& deadlines, std::vector<Task>& tasks);

// Whether a body names one office rather than restating a group: "Tỉnh đoàn Hà Giang", "Các
// Ban phong trào", "Văn phòng …" are specific; "Các cơ quan, đơn vị" is not.
bool Specific(const std::vector<std::string>& bodies);

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_BODY_TASKS_H_
