// The progress report the letters ask offices to compile ("hằng tuần tổng hợp kết quả thực
// hiện báo cáo Chủ tịch …"): tasks by status per assignee and per source letter, then every
// overdue task with its letter, number and deadline. In Vietnamese; Markdown, CSV or HTML.
#ifndef CONGVAN_REGISTRY_REPORT_H_
#define CONGVAN_REGISTRY_REPORT_H_

#include <string>

#include "base/status.h"
#include "registry/dates.h"
#include "registry/registry.h"

namespace congvan::registry {

enum class ReportFormat { kMarkdown, kCsv, kHtml };

// "md" (or "markdown"), "csv", "html".
Result<ReportFormat> ParseReportFormat(const std::string& name);

struct ReportOptions {
  std::string from;    // yyyy-mm-dd: only tasks due on or after (tasks with no deadline drop out)
  std::string to;      // yyyy-mm-dd: only tasks due on or before
  std::string issuer;  // words of the issuing body
  ReportFormat format = ReportFormat::kMarkdown;
};

// The report as of `now`.
Result<std::string> BuildReport(const Registry& registry, const ReportOptions& options,
                                TimePoint now);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_REPORT_H_
