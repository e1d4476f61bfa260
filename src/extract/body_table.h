// Tables of assignments whose cells come one a line, as text taken from a PDF or a word
// processor gives them:
//
//   STT / Tên dự án / Cơ quan trình / Cơ quan chủ trì thẩm tra / Tiến độ trình UBTVQH
//   1 / Luật … / Chính phủ / Ủy ban Pháp luật và Tư pháp / Phiên họp tháng 9/2025
//
// Each row is an item of work: one task per body named in a column of bodies ([list
// table_body_columns] of rules/body.rules), dated by the row's cell in a column of time ([list
// table_time_columns]; "Phiên họp tháng 9/2025" → the last day of the month).
//
// Internal to src/extract: ReadTasks (body.cc) reads the tables first and leaves their lines out
// of the items and paragraphs.
#ifndef CONGVAN_EXTRACT_BODY_TABLE_H_
#define CONGVAN_EXTRACT_BODY_TABLE_H_

#include <string_view>
#include <vector>

#include "extract/deadline.h"
#include "extract/letter.h"

namespace congvan::extract {

class RuleSet;

// One table: the lines it covers, [begin, end), its tasks in row order and the dated
// deadlines of its rows.
struct AssignmentTable {
  size_t begin = 0, end = 0;
  std::vector<Task> tasks;
  std::vector<FoundDeadline> deadlines;
};

// Every table of assignments in lines [from, to). A table opens with a line "STT" or "TT",
// then three to nine column titles of which at least one is a column of bodies, then rows that
// each open with their number (1, 2, 3 …); it ends after the last row's cells, at an article or
// chapter heading or at `to`.
std::vector<AssignmentTable> FindAssignmentTables(const RuleSet& rules, const std::vector<std::string_view>& lines,
                                                  size_t from, size_t to, const DeadlineBase& base);

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_BODY_TABLE_H_
