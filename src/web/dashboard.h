// The dashboard (/tong-quan) and the printable progress report (/bao-cao): where each unit stands
// with its tasks, as a table and a bar chart the server draws as inline SVG (no script, no
// external font), and the report of registry/report.h under an office's official heading,
// laid out for A4 paper.
#ifndef CONGVAN_WEB_DASHBOARD_H_
#define CONGVAN_WEB_DASHBOARD_H_

#include <functional>
#include <string>
#include <vector>

#include "registry/report.h"
#include "registry/unit_summary.h"
#include "web/pages.h"

namespace congvan::web {

// Days after today counted as "due soon" on the dashboard.
inline constexpr int kDashboardSoonDays = 7;

struct DashboardData {
  std::vector<registry::UnitSummary> units;
  registry::SummaryWindow window;
  int soon_days = kDashboardSoonDays;
};
std::string RenderDashboardPage(const PageFrame& frame, const DashboardData& data);

// The chart alone: an <svg> with <title> and <desc>, one stacked bar per unit (at most
// `max_units`, those with the most tasks; the table beside it lists every unit).
std::string DashboardChart(const DashboardData& data, std::size_t max_units);

// The printable report: the filter form (hidden in print), then the heading, title and tables.
struct ReportPageData {
  registry::OfficialHeading heading;
  std::string from, to, issuer;  // the filter as typed (query parameters tu, den, co-quan)
  registry::ReportContent report;
  std::string error;
};
std::string RenderReportPage(const PageFrame& frame, const ReportPageData& data);

// A page as a handler sends it.
struct RenderedPage {
  int http_status = 200;
  std::string html;
};

// The dashboard of `registry` at `now`.
Result<RenderedPage> DashboardPage(const registry::Registry& registry, const PageFrame& frame,
                                   registry::TimePoint now);

// The printable report of `registry` at `now`. `param` returns a query parameter ("" when
// absent): tu, den, co-quan filter the tasks; co-quan-chu-quan, ten-co-quan, so, dia-danh
// replace the parts of `configured` (the configuration file's heading). A bad date is a 400
// page saying which.
Result<RenderedPage> ReportPage(const registry::Registry& registry, const PageFrame& frame,
                                const registry::OfficialHeading& configured,
                                const std::function<std::string(const char*)>& param,
                                registry::TimePoint now);

}  // namespace congvan::web

#endif  // CONGVAN_WEB_DASHBOARD_H_
