#include "web/dashboard.h"

#include <algorithm>
#include <array>
#include <optional>
#include <tuple>
#include <utility>

#include "text/dates.h"
#include "web/html.h"

namespace congvan::web {
namespace {

// The four counts of a unit, in the order of the table's columns, the chart's segments and its
// legend; colours are presentation attributes (the page's policy allows no inline style).
struct Measure {
  const char* label;
  const char* color;
  const char* state;  // the task list's trang-thai filter for the cell's link; "" for none
  int registry::UnitSummary::*count;
};
constexpr std::array<Measure, 4> kMeasures = {{
    {"Quá hạn", "#b00020", "qua-han", &registry::UnitSummary::overdue},
    {"Đến hạn trong 7 ngày", "#b45f06", "trong-han", &registry::UnitSummary::due_soon},
    {"Hoàn thành đúng hạn", "#1b6e2e", "hoan-thanh-dung-han", &registry::UnitSummary::done_on_time},
    {"Hoàn thành quá hạn", "#5b3c88", "hoan-thanh-qua-han", &registry::UnitSummary::done_late},
}};

// Lines of one table the page shows at most: a registry of 10,000 letters would otherwise make a
// page of tens of megabytes no one prints. The full report stays available from the command line.
constexpr std::size_t kMaxReportRows = 200;

std::string Unnamed(const std::string& name) { return name.empty() ? "(chưa rõ đơn vị)" : name; }

// At most `max_chars` characters of UTF-8 `text`, with "…" when cut (a chart label has one line).
std::string Clip(const std::string& text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (++chars > max_chars) return text.substr(0, i) + "…";
  }
  return text;
}

// "12/2026" from yyyy-mm-01.
std::string MonthLabel(const std::string& month_start) {
  return month_start.substr(5, 2) + "/" + month_start.substr(0, 4);
}

std::string Label(const Measure& m, int soon_days) {
  if (m.count == &registry::UnitSummary::due_soon) {
    return "Đến hạn trong " + std::to_string(soon_days) + " ngày";
  }
  return m.label;
}

// A count, linking to the same tasks on the task list where its filters can select them: the
// overdue ones, and those due soon (open within the deadline, due by the window's end). This
// month's done tasks have no such filter.
std::string CountCell(const DashboardData& data, const registry::UnitSummary& u, const Measure& m) {
  const int n = u.*m.count;
  const std::string td = "<td class=\"num\" data-label=\"" + Escape(Label(m, data.soon_days)) + "\">";
  const bool overdue = m.count == &registry::UnitSummary::overdue;
  const bool soon = m.count == &registry::UnitSummary::due_soon;
  if (n == 0 || u.name.empty() || !(overdue || soon)) {
    return td + std::to_string(n) + "</td>";
  }
  std::string href = "/tasks?don-vi=" + UrlEncode(u.name) + "&trang-thai=" + m.state;
  if (soon) href += "&han-den=" + data.window.soon_until;
  return td + "<a href=\"" + Escape(href) + "\">" + std::to_string(n) + "</a></td>";
}

std::string Table(const DashboardData& data) {
  const std::string month = MonthLabel(data.window.month_start);
  std::string h = "<table class=\"dashboard\"><caption>Số nhiệm vụ theo đơn vị</caption><thead><tr>"
                  "<th scope=\"col\">Đơn vị</th>";
  for (const Measure& m : kMeasures) {
    std::string label = Label(m, data.soon_days);
    if (m.count == &registry::UnitSummary::done_on_time ||
        m.count == &registry::UnitSummary::done_late) {
      label += " (tháng " + month + ")";
    }
    h += "<th scope=\"col\">" + Escape(label) + "</th>";
  }
  h += "</tr></thead><tbody>";
  registry::UnitSummary total;
  for (const registry::UnitSummary& u : data.units) {
    h += "<tr><th scope=\"row\" data-label=\"Đơn vị\">" + Escape(Unnamed(u.name)) + "</th>";
    for (const Measure& m : kMeasures) h += CountCell(data, u, m);
    h += "</tr>";
    for (const Measure& m : kMeasures) total.*m.count += u.*m.count;
  }
  h += "</tbody><tfoot><tr><th scope=\"row\">Cộng</th>";
  for (const Measure& m : kMeasures) {
    h += "<td class=\"num\" data-label=\"" + Escape(Label(m, data.soon_days)) + "\">" +
         std::to_string(total.*m.count) + "</td>";
  }
  return h + "</tr></tfoot></table>";
}

}  // namespace

std::string DashboardChart(const DashboardData& data, std::size_t max_units) {
  std::vector<const registry::UnitSummary*> shown;
  for (const registry::UnitSummary& u : data.units) shown.push_back(&u);
  if (shown.size() > max_units) {
    std::stable_sort(shown.begin(), shown.end(), [](auto* a, auto* b) { return a->Total() > b->Total(); });
    shown.resize(max_units);
    std::stable_sort(shown.begin(), shown.end(), [](auto* a, auto* b) { return a->key < b->key; });
  }
  int most = 1;
  for (const registry::UnitSummary* u : shown) most = std::max(most, u->Total());
  constexpr int kWidth = 760, kLabelWidth = 250, kBarWidth = 440, kRow = 26, kTop = 44;
  const int height = kTop + kRow * static_cast<int>(std::max<std::size_t>(shown.size(), 1)) + 8;
  const std::string month = MonthLabel(data.window.month_start);
  std::string desc = "Biểu đồ thanh ngang, mỗi đơn vị một thanh gồm: số nhiệm vụ quá hạn, đến hạn "
                     "trong " + std::to_string(data.soon_days) + " ngày tới, hoàn thành đúng hạn và "
                     "hoàn thành quá hạn trong tháng " + month + ". Số liệu đầy đủ ở bảng bên dưới.";
  if (shown.size() < data.units.size()) {
    desc += " Chỉ vẽ " + std::to_string(shown.size()) + " đơn vị có nhiều nhiệm vụ nhất.";
  }
  std::string s = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" "
                  "xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(kWidth) +
                  " " + std::to_string(height) + "\" width=\"100%\" font-family=\"sans-serif\" "
                  "font-size=\"13\"><title id=\"chart-title\">Tình hình thực hiện nhiệm vụ theo đơn vị"
                  "</title><desc id=\"chart-desc\">" + Escape(desc) + "</desc>";
  // The legend, one swatch per measure along the top.
  int x = 0;
  for (const Measure& m : kMeasures) {
    const std::string label = Label(m, data.soon_days);
    s += "<rect x=\"" + std::to_string(x) + "\" y=\"8\" width=\"14\" height=\"14\" fill=\"" +
         m.color + "\"/><text x=\"" + std::to_string(x + 19) + "\" y=\"20\">" + Escape(label) +
         "</text>";
    x += 40 + static_cast<int>(label.size()) * 6;  // bytes overcount marked letters: room to spare
  }
  if (shown.empty()) {
    s += "<text x=\"0\" y=\"" + std::to_string(kTop + 16) + "\">Chưa có nhiệm vụ nào để thống kê.</text>";
  }
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const registry::UnitSummary& u = *shown[i];
    const int y = kTop + kRow * static_cast<int>(i);
    s += "<g><text x=\"0\" y=\"" + std::to_string(y + 16) + "\">" + Escape(Clip(Unnamed(u.name), 34)) +
         "</text>";
    int bx = kLabelWidth;
    for (const Measure& m : kMeasures) {
      const int n = u.*m.count;
      if (n == 0) continue;
      const int w = std::max(2, n * kBarWidth / most);
      s += "<rect x=\"" + std::to_string(bx) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" +
           std::to_string(w) + "\" height=\"" + std::to_string(kRow - 8) + "\" fill=\"" + m.color +
           "\"><title>" + Escape(Unnamed(u.name) + " — " + Label(m, data.soon_days) + ": " +
                                 std::to_string(n)) + "</title></rect>";
      bx += w;
    }
    s += "<text x=\"" + std::to_string(bx + 6) + "\" y=\"" + std::to_string(y + 16) + "\">" +
         std::to_string(u.Total()) + "</text></g>";
  }
  return s + "</svg>";
}

std::string RenderDashboardPage(const PageFrame& frame, const DashboardData& data) {
  const std::string today = data.window.now.substr(0, 10);
  std::string h = "<h1>Tổng quan theo đơn vị</h1><p class=\"meta\">Tính đến " +
                  Escape(data.window.now.substr(11, 5)) + " ngày " + Escape(VnDate(today)) +
                  " (giờ Việt Nam). <a href=\"/bao-cao\">Báo cáo tiến độ để in</a></p>";
  h += "<figure class=\"chart\">" + DashboardChart(data, 40) + "</figure>";
  h += data.units.empty() ? "<p class=\"meta\">Chưa có nhiệm vụ quá hạn, sắp đến hạn hay hoàn "
                            "thành trong tháng.</p>"
                          : Table(data);
  return RenderLayout(frame, h);
}

namespace {

std::string Input(const char* name, const char* label, const std::string& value,
                  const char* placeholder) {
  return std::string("<label>") + label + "<input name=\"" + name + "\" value=\"" + Escape(value) +
         "\" placeholder=\"" + placeholder + "\"></label>";
}

std::string HeadingHtml(const registry::OfficialHeading& heading, const std::string& local_date) {
  if (heading.office.empty()) return "";
  std::string left;
  if (!heading.parent.empty()) left += "<div class=\"parent\">" + Escape(heading.parent) + "</div>";
  left += "<div class=\"office\">" + Escape(heading.office) + "</div><div class=\"number\">Số: " +
          (heading.number.empty() ? std::string("&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/BC-")
                                  : Escape(heading.number)) + "</div>";
  const std::string right =
      "<div class=\"motto\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div class=\"motto-2\">Độc lập "
      "- Tự do - Hạnh phúc</div><div class=\"date-line\">" +
      Escape(registry::PlaceAndDateLine(heading.place, local_date)) + "</div>";
  return "<div class=\"official-heading\"><div class=\"issuer\">" + left +
         "</div><div class=\"national\">" + right + "</div></div>";
}


std::string ReportTableHtml(const registry::ReportTable& t) {
  std::string h = "<h2>" + Escape(t.title) + "</h2>";
  if (t.rows.empty()) return h + "<p>Không có.</p>";
  h += "<table class=\"report\"><thead><tr>";
  for (const std::string& c : t.header) h += "<th scope=\"col\">" + Escape(c) + "</th>";
  h += "</tr></thead><tbody>";
  const std::size_t shown = std::min(t.rows.size(), kMaxReportRows);
  // A table's total line ("Cộng", last) is shown however many lines come before it.
  const bool total_last = shown < t.rows.size() && t.rows.back().front() == "Cộng";
  for (std::size_t r = 0; r < shown + (total_last ? 1 : 0); ++r) {
    const auto& row = r < shown ? t.rows[r] : t.rows.back();
    h += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string label = i < t.header.size() ? t.header[i] : "";
      h += "<td data-label=\"" + Escape(label) + "\">" + Escape(row[i]) + "</td>";
    }
    h += "</tr>";
  }
  h += "</tbody></table>";
  // Lines not shown: those cut here (the total line is shown) and those the report only counted.
  const std::int64_t hidden =
      static_cast<std::int64_t>(t.rows.size() - shown - (total_last ? 1 : 0)) + t.more_rows;
  if (hidden > 0) {
    h += "<p class=\"report-more\">Còn " + std::to_string(hidden) +
         " dòng không hiển thị; chọn khoảng hạn hoặc cơ quan ban hành để thu hẹp báo cáo, hoặc "
         "lập báo cáo đầy đủ bằng lệnh <code>congvan report</code>.</p>";
  }
  return h;
}

}  // namespace

std::string RenderReportPage(const PageFrame& frame, const ReportPageData& data) {
  const registry::OfficialHeading& o = data.heading;
  std::string h =
      "<form class=\"filters no-print\" method=\"get\" action=\"/bao-cao\">" +
      Input("tu", "Hạn từ", data.from, "01/12/2026") + Input("den", "Hạn đến", data.to, "31/12/2026") +
      Input("co-quan", "Cơ quan ban hành", data.issuer, "UBND tỉnh") +
      Input("co-quan-chu-quan", "Cơ quan chủ quản", o.parent, "UBND TỈNH …") +
      Input("ten-co-quan", "Tên cơ quan báo cáo", o.office, "SỞ NỘI VỤ") +
      Input("so", "Số báo cáo", o.number, "15/BC-SNV") + Input("dia-danh", "Địa danh", o.place, "Bình Dương") +
      "<button type=\"submit\">Lập báo cáo</button></form><p class=\"hint no-print\">In bằng lệnh In "
      "của trình duyệt (Ctrl+P): khổ A4 đứng, không có menu.</p>";
  if (!data.error.empty()) {
    h += "<p class=\"error\" role=\"alert\">" + Escape(data.error) + "</p>";
    return RenderLayout(frame, h);
  }
  h += "<article class=\"report-print\">" + HeadingHtml(o, data.report.local_date) + "<h1>" +
       Escape(data.report.title) + "</h1><p class=\"stamp\">" + Escape(data.report.stamp) + "</p>";
  for (const registry::ReportTable& t : data.report.tables) h += ReportTableHtml(t);
  h += "<div class=\"report-end\"><div class=\"recipients\"><strong>Nơi nhận:</strong><br>- Như "
       "trên;<br>- Lưu: VT.</div><div class=\"signer\"><strong>THỦ TRƯỞNG CƠ QUAN</strong></div>"
       "</div></article>";
  return RenderLayout(frame, h);
}

Result<RenderedPage> DashboardPage(const registry::Registry& registry, const PageFrame& frame,
                                   registry::TimePoint now) {
  DashboardData data;
  data.window = registry::WindowFor(now, data.soon_days);
  Result<std::vector<registry::UnitSummary>> units =
      registry::SummarizeUnits(registry, now, data.soon_days);
  if (!units.ok()) return units.status();
  data.units = std::move(*units);
  return RenderedPage{200, RenderDashboardPage(frame, data)};
}

Result<RenderedPage> ReportPage(const registry::Registry& registry, const PageFrame& frame,
                                const registry::OfficialHeading& configured,
                                const std::function<std::string(const char*)>& param,
                                registry::TimePoint now) {
  ReportPageData data;
  data.heading = configured;
  for (const auto& [name, part] : {std::pair{"co-quan-chu-quan", &data.heading.parent},
                                   std::pair{"ten-co-quan", &data.heading.office},
                                   std::pair{"so", &data.heading.number},
                                   std::pair{"dia-danh", &data.heading.place}}) {
    if (std::string value = param(name); !value.empty()) *part = value;
  }
  data.from = param("tu");
  data.to = param("den");
  data.issuer = param("co-quan");
  registry::ReportOptions options;
  options.issuer = data.issuer;
  for (const auto& [typed, field, label] : {std::tuple{&data.from, &options.from, "Hạn từ"},
                                            std::tuple{&data.to, &options.to, "Hạn đến"}}) {
    if (typed->empty()) continue;
    std::optional<std::string> date = text::ReadTypedDate(*typed);
    if (!date) {
      data.error = std::string(label) + ": \"" + *typed + "\" không phải ngày (dd/mm/yyyy).";
      return RenderedPage{400, RenderReportPage(frame, data)};
    }
    *field = *date;
  }
  options.heading = data.heading;
  options.max_rows = kMaxReportRows;  // the lines a page shows: the rest are only counted
  Result<registry::ReportContent> report = registry::CollectReport(registry, options, now);
  if (!report.ok()) return report.status();
  data.report = std::move(*report);
  return RenderedPage{200, RenderReportPage(frame, data)};
}

}  // namespace congvan::web
