#include "web/unit_pages.h"

#include <charconv>
#include <set>

#include "text/dates.h"
#include "web/html.h"

namespace congvan::web {
namespace {

std::string Id(std::int64_t id) { return std::to_string(id); }

// A text input naming a unit, completed from the directory.
std::string UnitInput(const char* name, const std::string& label, bool required) {
  return "<label>" + Escape(label) + "<input name=\"" + name + "\" list=\"" + kUnitListId +
         "\" autocomplete=\"off\" maxlength=\"" + std::to_string(registry::kMaxUnitNameBytes) +
         "\"" + (required ? " required" : "") + "></label>";
}

// The first words of a task's text, for the choice of what to assign.
std::string Shortened(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
  const std::size_t space = text.rfind(' ', cut);
  if (space != std::string::npos && space > max_bytes / 2) cut = space;
  return text.substr(0, cut) + "…";
}

// "2026-12-06T00:25:27Z" → "06/12/2026" (the day in Viet Nam is enough here).
std::string AssignedDay(const std::string& utc) {
  if (utc.size() < 10 || !text::IsIsoDate(utc.substr(0, 10))) return utc;
  std::string day = utc.substr(0, 10);
  if (utc.size() >= 13 && utc[10] == 'T' && std::stoi(utc.substr(11, 2)) >= 17) {
    day = registry::IsoFromDays(registry::DaysFromIso(day) + 1);  // 17:00 UTC is midnight UTC+7
  }
  return VnDate(day);
}

Result<std::string> Text(const nlohmann::json& body, const char* key) {
  if (!body.contains(key) || body[key].is_null()) return std::string();
  if (!body[key].is_string()) return Status::InvalidInput(std::string("\"") + key + "\" phải là chuỗi.");
  return body[key].get<std::string>();
}

}  // namespace

std::string UnitDatalistHtml(const std::vector<registry::Unit>& units) {
  std::string h;
  std::set<std::string> seen;
  for (const registry::Unit& u : units) {
    if (!u.active) continue;
    // The aliases are offered too: a clerk types what the letter says and the server takes the
    // unit it names.
    if (seen.insert(u.name).second) h += "<option value=\"" + Escape(u.name) + "\">";
    for (const std::string& a : u.aliases) {
      if (seen.insert(a).second) {
        h += "<option value=\"" + Escape(a) + "\" label=\"" + Escape(u.name) + "\">";
      }
    }
  }
  if (h.empty()) return "";
  return "<datalist id=\"" + std::string(kUnitListId) + "\">" + h + "</datalist>";
}

std::string AssignLink(std::int64_t document_id, std::int64_t task_id) {
  return " <a class=\"assign-link no-print\" href=\"/documents/" + Id(document_id) + "?giao=" +
         Id(task_id) + "#giao-viec\">Giao việc</a>";
}

std::string AssignmentFacts(const registry::TaskRecord& t) {
  if (t.source != "assigned") return "";
  std::string h = "<p class=\"assignment meta\">Giao việc";
  if (!t.assigned_by.empty()) h += " bởi " + Escape(t.assigned_by);
  if (!t.assigned_at.empty()) h += " ngày " + Escape(AssignedDay(t.assigned_at));
  if (t.assigned_from >= 0) {
    // A task's position is its place in the letter, numbered from 1 on the page.
    h += ", từ nhiệm vụ " + std::to_string(t.assigned_from + 1);
  } else {
    h += ", cả văn bản";
  }
  h += "</p>";
  if (!t.instruction.empty()) {
    h += "<p class=\"instruction\"><strong>Ý kiến chỉ đạo:</strong> " + Escape(t.instruction) +
         "</p>";
  }
  return h;
}

std::string AssignSection(const registry::DocumentRecord& doc, std::int64_t selected_task) {
  std::string choice = "<label>Giao<select name=\"task_id\"><option value=\"\">Cả văn bản</option>";
  for (std::size_t i = 0; i < doc.tasks.size(); ++i) {
    const registry::TaskRecord& t = doc.tasks[i];
    const std::string label = "Nhiệm vụ " + std::to_string(i + 1) + ": " +
                              (t.assignee.empty() ? "" : t.assignee + " — ") +
                              Shortened(t.action, 70);
    choice += "<option value=\"" + Id(t.id) + "\"" + (t.id == selected_task ? " selected" : "") +
              ">" + Escape(label) + "</option>";
  }
  choice += "</select></label>";
  return "<section id=\"giao-viec\" class=\"assign no-print\"><h2>Giao việc</h2>"
         "<form class=\"assign\" data-post=\"/api/documents/" + Id(doc.id) +
         "/assignments\" data-done=\"Đã giao việc.\">" + choice +
         UnitInput("lead", "Đơn vị chủ trì", true) +
         "<fieldset><legend>Đơn vị phối hợp</legend>" + UnitInput("with", "Đơn vị 1", false) +
         UnitInput("with", "Đơn vị 2", false) + UnitInput("with", "Đơn vị 3", false) +
         "</fieldset><label>Hạn xử lý<input name=\"deadline\" placeholder=\"dd/mm/yyyy\" "
         "inputmode=\"numeric\" maxlength=\"10\"></label>"
         "<label>Ý kiến chỉ đạo<textarea name=\"instruction\" rows=\"3\" maxlength=\"" +
         std::to_string(registry::kMaxInstructionBytes) +
         "\"></textarea></label><button type=\"submit\">Giao việc</button>"
         "<p class=\"form-error\" role=\"alert\"></p>"
         "<p class=\"hint\">Hạn để trống: hạn của nhiệm vụ được giao (giao cả văn bản thì không có "
         "hạn). Tên đơn vị chọn trong <a href=\"/don-vi\">danh mục đơn vị</a>.</p></form></section>";
}

std::string RenderUnitsPage(const PageFrame& frame, const UnitsPageData& data) {
  std::string h =
      "<h1>Đơn vị</h1><p class=\"meta\">Danh mục các phòng, ban, xã… được giao việc. Tên khác "
      "(viết tắt, tên bị đọc sai) được hiểu là đơn vị đó khi giao việc và khi tổng hợp.</p>"
      "<form class=\"unit-add\" data-post=\"/api/units\" data-done=\"Đã thêm đơn vị.\">"
      "<label>Tên đơn vị<input name=\"name\" required maxlength=\"" +
      std::to_string(registry::kMaxUnitNameBytes) +
      "\" placeholder=\"Phòng Nội vụ\"></label><button type=\"submit\">Thêm đơn vị</button>"
      "<p class=\"form-error\" role=\"alert\"></p></form>";
  if (!data.suggestions.empty()) {
    h += "<section class=\"alias-suggestions\"><h2>Tên gần giống trong nhiệm vụ (" +
         std::to_string(data.suggestions.size()) +
         ")</h2><p class=\"meta\">Tên đơn vị đọc được trong văn bản gần giống một đơn vị trong danh "
         "mục. Xác nhận để gộp vào đơn vị đó.</p><ul class=\"suggestions\">";
    for (const registry::AliasSuggestion& s : data.suggestions) {
      h += "<li>«" + Escape(s.spelling) + "» (" + std::to_string(s.tasks) +
           " nhiệm vụ) → «" + Escape(s.unit.name) +
           "» <form class=\"unit-alias inline\" data-post=\"/api/units/" + Id(s.unit.id) +
           "/aliases\" data-done=\"Đã gộp tên vào đơn vị.\"><input type=\"hidden\" name=\"alias\" "
           "value=\"" + Escape(s.spelling) + "\"><button type=\"submit\">Xác nhận</button></form></li>";
    }
    h += "</ul></section>";
  }
  h += "<h2>Danh mục (" + std::to_string(data.units.size()) + ")</h2>";
  if (data.units.empty()) {
    return RenderLayout(frame, h + "<p class=\"meta\">Chưa có đơn vị nào. Thêm từng đơn vị ở trên, "
                                   "hoặc nhập cả danh sách: <code>congvan units import "
                                   "don-vi.csv</code>.</p>");
  }
  h += "<table class=\"units\"><thead><tr><th>Đơn vị</th><th>Tên khác</th><th>Thêm tên khác</th>"
       "<th>Trạng thái</th></tr></thead><tbody>";
  for (const registry::Unit& u : data.units) {
    std::string aliases;
    for (const std::string& a : u.aliases) aliases += (aliases.empty() ? "" : "; ") + a;
    h += "<tr class=\"unit" + std::string(u.active ? "" : " inactive") + "\" data-unit=\"" +
         Id(u.id) + "\"><td data-label=\"Đơn vị\">" + Escape(u.name) +
         " <a class=\"meta\" href=\"/tasks?don-vi=" + UrlEncode(u.name) +
         "\">nhiệm vụ</a></td><td data-label=\"Tên khác\">" +
         (aliases.empty() ? "<span class=\"meta\">—</span>" : Escape(aliases)) +
         "</td><td data-label=\"Thêm tên khác\"><form class=\"unit-alias\" data-post=\"/api/units/" +
         Id(u.id) + "/aliases\" data-done=\"Đã thêm tên khác.\"><input name=\"alias\" required "
         "aria-label=\"Tên khác của " + Escape(u.name) + "\" maxlength=\"" +
         std::to_string(registry::kMaxUnitNameBytes) +
         "\"><button type=\"submit\">Thêm</button></form></td><td data-label=\"Trạng thái\">" +
         (u.active ? "Đang sử dụng" : "Ngừng sử dụng") +
         " <form class=\"unit-active inline\" data-post=\"/api/units/" + Id(u.id) +
         "/active\" data-done=\"" + (u.active ? "Đã ngừng sử dụng đơn vị." : "Đã dùng lại đơn vị.") +
         "\"><input type=\"hidden\" name=\"active\" value=\"" + (u.active ? "0" : "1") +
         "\"><button type=\"submit\">" + (u.active ? "Ngừng sử dụng" : "Dùng lại") +
         "</button></form></td></tr>";
  }
  h += "</tbody></table>";
  return RenderLayout(frame, h);
}

nlohmann::json UnitJson(const registry::Unit& u) {
  return {{"id", u.id}, {"name", u.name}, {"kind", u.kind}, {"active", u.active},
          {"aliases", u.aliases}};
}

Result<registry::AssignmentRequest> AssignmentFromJson(const nlohmann::json& body,
                                                       std::int64_t document_id) {
  registry::AssignmentRequest r;
  r.document_id = document_id;
  if (body.contains("task_id") && !body["task_id"].is_null()) {
    const nlohmann::json& v = body["task_id"];
    if (v.is_number_integer() && v.get<std::int64_t>() > 0) {
      r.task_id = v.get<std::int64_t>();
    } else if (v.is_string() && !v.get<std::string>().empty()) {
      const std::string s = v.get<std::string>();
      std::int64_t id = 0;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
      if (ec != std::errc() || end != s.data() + s.size() || id <= 0) {
        return Status::InvalidInput("\"task_id\" phải là số nhiệm vụ.");
      }
      r.task_id = id;
    } else if (!v.is_string()) {
      return Status::InvalidInput("\"task_id\" phải là số nhiệm vụ.");
    }
  }
  for (auto [key, field] : {std::pair{"lead", &r.lead}, std::pair{"deadline", &r.deadline},
                            std::pair{"instruction", &r.instruction}}) {
    Result<std::string> value = Text(body, key);
    if (!value.ok()) return value.status();
    *field = *value;
  }
  if (body.contains("with") && !body["with"].is_null()) {
    const nlohmann::json& with = body["with"];
    std::vector<std::string> names;
    if (with.is_string()) {
      names.push_back(with.get<std::string>());
    } else if (with.is_array()) {
      for (const nlohmann::json& item : with) {
        if (!item.is_string()) return Status::InvalidInput("\"with\" chỉ được chứa chuỗi.");
        names.push_back(item.get<std::string>());
      }
    } else {
      return Status::InvalidInput("\"with\" phải là chuỗi hoặc mảng chuỗi.");
    }
    for (const std::string& n : names) {
      std::size_t start = 0;
      for (;;) {
        const std::size_t cut = n.find(';', start);
        r.with.push_back(n.substr(start, cut == std::string::npos ? cut : cut - start));
        if (cut == std::string::npos) break;
        start = cut + 1;
      }
    }
  }
  return r;
}

}  // namespace congvan::web
