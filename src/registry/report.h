// The progress report the letters ask offices to compile ("hằng tuần tổng hợp kết quả thực
// hiện báo cáo Chủ tịch …"): tasks by status per assignee and per source letter, then every
// overdue task with its letter, number and deadline. In Vietnamese; Markdown, CSV or HTML.
#ifndef CONGVAN_REGISTRY_REPORT_H_
#define CONGVAN_REGISTRY_REPORT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/dates.h"
#include "registry/registry.h"
#include "registry/tasks.h"

namespace congvan::registry {

enum class ReportFormat { kMarkdown, kCsv, kHtml };

// "md" (or "markdown"), "csv", "html".
Result<ReportFormat> ParseReportFormat(const std::string& name);

// The heading an office's report carries (Nghị định 30/2020/NĐ-CP, Phụ lục I): the issuing
// body under its parent body with the number on the left, the national motto with the place and
// date on the right. Without an office name the report has no such heading.
struct OfficialHeading {
  std::string parent;  // "UBND TỈNH BÌNH DƯƠNG" (cơ quan chủ quản); may be empty
  std::string office;  // "SỞ NỘI VỤ"
  std::string number;  // "15/BC-SNV"; empty leaves "Số:" with room to write it by hand
  std::string place;   // "Bình Dương" (địa danh); empty leaves only the date
};

// "Bình Dương, ngày 06 tháng 12 năm 2026" for yyyy-mm-dd, as the date line of a document.
std::string PlaceAndDateLine(const std::string& place, const std::string& iso_date);

// "dd/mm/yyyy" for yyyy-mm-dd, as Vietnamese documents write dates; anything else as it is.
std::string VietnameseDate(const std::string& iso);

// How a task's letter is named to a reader: "Công văn số 15/UBND ngày 02/03/2023 của UBND tỉnh …".
std::string LetterName(const TaskView& v);

struct ReportOptions {
  std::string from;    // yyyy-mm-dd: only tasks due on or after (tasks with no deadline drop out)
  std::string to;      // yyyy-mm-dd: only tasks due on or before
  std::string issuer;  // words of the issuing body
  ReportFormat format = ReportFormat::kMarkdown;
  OfficialHeading heading;  // Markdown and HTML; empty office: none
  // Lines of the tables that grow with the registry (per letter, overdue tasks) collected at
  // most, the first ones in the full report's order; 0: all. The rest are only counted
  // (ReportTable::more_rows), so a page of the report costs its lines, not the registry.
  std::size_t max_rows = 0;
};

// One table of the report, independent of the output format.
struct ReportTable {
  std::string title;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::int64_t more_rows = 0;  // lines of the full table after `rows` (ReportOptions::max_rows)
};

// What the report says, before it is written in a format: its title, the line saying as of
// when and for which tasks, and its tables. The counts are aggregated by SQL (per unit from
// unit_task_counts when no filter is given, schema version 12); only listed lines read rows.
struct ReportContent {
  std::string title;
  std::string stamp;
  std::string local_date;  // yyyy-mm-dd: the day it is made (local), for the date line
  std::vector<ReportTable> tables;
};
Result<ReportContent> CollectReport(const Registry& registry, const ReportOptions& options,
                                    TimePoint now);

// The report as of `now`.
Result<std::string> BuildReport(const Registry& registry, const ReportOptions& options,
                                TimePoint now);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_REPORT_H_
