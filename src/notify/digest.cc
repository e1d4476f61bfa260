#include "notify/digest.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "calendar/calendar.h"
#include "registry/corrections.h"
#include "registry/report.h"
#include "text/tokens.h"

namespace congvan::notify {
namespace {

using nlohmann::json;
using registry::TaskView;

// An e-mail address as far as it matters here: something@domain, nothing that could end a
// header line or an SMTP command.
bool LooksLikeAddress(const std::string& a) {
  const std::size_t at = a.find('@');
  return at != std::string::npos && at > 0 && at + 1 < a.size() &&
         a.find_first_of(" \t\r\n<>,;\"") == std::string::npos;
}

Status ReadAddresses(const json& value, std::vector<std::string>& out) {
  std::vector<std::string> list;
  if (value.is_string()) list.push_back(value.get<std::string>());
  else if (value.is_array()) {
    for (const json& item : value) {
      if (!item.is_string()) return Status::InvalidInput("each address must be a string");
      list.push_back(item.get<std::string>());
    }
  } else {
    return Status::InvalidInput("an address or a list of addresses is expected");
  }
  for (const std::string& a : list) {
    if (!LooksLikeAddress(a)) return Status::InvalidInput("\"" + a + "\" is not an e-mail address");
    out.push_back(a);
  }
  return Status::Ok();
}

Status ReadDigest(const json& d, const text::Folder& folder, DigestConfig& c) {
  for (const auto& [key, value] : d.items()) {
    const std::string where = "\"digest\": \"" + key + "\"";
    if (key == "server" && value.is_string()) c.smtp.server = value.get<std::string>();
    else if (key == "port" && value.is_number_unsigned() && value.get<std::uint64_t>() >= 1 &&
             value.get<std::uint64_t>() <= 65535) c.smtp.port = value.get<int>();
    else if (key == "starttls" && value.is_boolean()) c.smtp.starttls = value.get<bool>();
    else if (key == "user" && value.is_string()) c.smtp.user = value.get<std::string>();
    else if (key == "password" && value.is_string()) c.smtp.password = value.get<std::string>();
    else if (key == "from" && value.is_string()) {
      c.from = value.get<std::string>();
      if (!LooksLikeAddress(c.from)) {
        return Status::InvalidInput(where + ": \"" + c.from + "\" is not an e-mail address");
      }
    } else if (key == "days" && value.is_number_unsigned() && value.get<std::uint64_t>() <= 366) {
      c.days = value.get<int>();
    } else if (key == "to" && value.is_object()) {
      for (const auto& [unit, addresses] : value.items()) {
        std::vector<std::string>& list = c.to[folder.Key(unit)];
        CONGVAN_RETURN_IF_ERROR(ReadAddresses(addresses, list).WithContext(where + ": \"" + unit + "\""));
      }
    } else {
      return Status::InvalidInput(where + ": unknown key or wrong type (known: server, port, "
                                  "starttls, user, password, from, days, to)");
    }
  }
  return Status::Ok();
}

std::string Vn(const std::string& iso) { return registry::VietnameseDate(iso); }

std::string Escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string Deadline(const TaskView& v) {
  return Vn(v.task.due_date) + (v.task.due_time.empty() ? "" : " " + v.task.due_time);
}


// The letter's page, as the calendar links it; "" without the pages' address.
std::string LetterUrl(const std::string& base, const TaskView& v) {
  return base.empty() ? "" : calendar::LetterUrl(base, v);
}

// "quá hạn 3 ngày" / "hạn hôm nay" / "còn 2 ngày".
std::string DaysNote(const TaskView& v, int today) {
  const int diff = registry::DaysFromIso(v.task.due_date) - today;
  if (diff < 0) return "quá hạn " + std::to_string(-diff) + " ngày";
  if (diff == 0) return "hạn hôm nay";
  return "còn " + std::to_string(diff) + " ngày";
}

std::string TextSection(const std::string& heading, const std::vector<TaskView>& tasks,
                        const std::string& base_url, int today) {
  if (tasks.empty()) return "";
  std::string t = heading + " (" + std::to_string(tasks.size()) + ")\n";
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    const TaskView& v = tasks[i];
    t += std::to_string(i + 1) + ". " + v.task.action + "\n";
    t += "   Hạn: " + Deadline(v) + " (" + DaysNote(v, today) + ")\n";
    t += "   Văn bản: " + registry::LetterName(v) + "\n";
    if (const std::string url = LetterUrl(base_url, v); !url.empty()) t += "   Xem: " + url + "\n";
  }
  return t + "\n";
}

std::string HtmlSection(const std::string& heading, const char* color,
                        const std::vector<TaskView>& tasks, const std::string& base_url, int today) {
  if (tasks.empty()) return "";
  std::string h = "<h2 style=\"color:" + std::string(color) + ";font-size:16px\">" + Escape(heading) +
                  " (" + std::to_string(tasks.size()) + ")</h2><table cellpadding=\"4\" "
                  "style=\"border-collapse:collapse\"><tr><th align=\"left\">Hạn</th><th "
                  "align=\"left\">Nhiệm vụ</th><th align=\"left\">Văn bản</th></tr>";
  for (const TaskView& v : tasks) {
    const std::string url = LetterUrl(base_url, v);
    const std::string letter = url.empty() ? Escape(registry::LetterName(v))
                                           : "<a href=\"" + Escape(url) + "\">" + Escape(registry::LetterName(v)) + "</a>";
    h += "<tr style=\"border-top:1px solid #ccc\"><td valign=\"top\" nowrap>" + Escape(Deadline(v)) +
         "<br><small>" + Escape(DaysNote(v, today)) + "</small></td><td valign=\"top\">" +
         Escape(v.task.action) + "</td><td valign=\"top\">" + letter + "</td></tr>";
  }
  return h + "</table>";
}

}  // namespace

Result<DigestConfig> LoadDigestConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("Không đọc được tệp cấu hình " + path + ".");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const json config = json::parse(buffer.str(), nullptr, false);
  if (!config.is_object()) return Status::InvalidInput(path + ": not a JSON object");
  DigestConfig c;
  const text::Folder folder;
  for (const auto& [key, value] : config.items()) {
    if (key == "db" && value.is_string()) c.db_path = value.get<std::string>();
    else if (key == "base_url" && value.is_string()) c.base_url = value.get<std::string>();
    else if (key == "digest" && value.is_object()) {
      CONGVAN_RETURN_IF_ERROR(ReadDigest(value, folder, c).WithContext(path));
    } else if (key == "db" || key == "base_url" || key == "digest") {
      return Status::InvalidInput(path + ": \"" + key + "\" has the wrong type");
    }
  }
  return c;
}

std::vector<std::string> AddressesFor(const DigestConfig& config, const std::string& unit_key) {
  auto it = config.to.find(unit_key);
  return it == config.to.end() ? std::vector<std::string>() : it->second;
}

Result<std::vector<UnitDigest>> CollectDigests(const registry::Registry& registry,
                                               registry::TimePoint now, int days) {
  if (days < 0 || days > 366) return Status::InvalidInput("--days phải từ 0 đến 366.");
  const std::string today = registry::LocalMinute(now).substr(0, 10);
  registry::TaskFilter overdue_filter;
  overdue_filter.states = {registry::TaskState::kOverdue};
  registry::TaskFilter soon_filter;
  soon_filter.states = {registry::TaskState::kInProgress};
  soon_filter.due_min = today;
  soon_filter.due_max = registry::IsoFromDays(registry::DaysFromIso(today) + days);
  std::map<std::string, UnitDigest> units;
  std::map<std::string, std::map<std::string, int>> spellings;
  for (const auto* filter : {&overdue_filter, &soon_filter}) {
    Result<std::vector<TaskView>> tasks = registry::ListTasks(registry, *filter, now);
    if (!tasks.ok()) return tasks.status();
    CONGVAN_RETURN_IF_ERROR(registry::ApplyCorrections(registry, *tasks));
    for (TaskView& v : *tasks) {
      if (v.task.assignee_key.empty()) continue;
      UnitDigest& u = units[v.task.assignee_key];
      u.key = v.task.assignee_key;
      ++spellings[u.key][v.task.assignee];
      (filter == &overdue_filter ? u.overdue : u.due_soon).push_back(std::move(v));
    }
  }
  std::vector<UnitDigest> out;
  for (auto& [key, u] : units) {
    const auto& names = spellings[key];
    u.name = std::max_element(names.begin(), names.end(), [](const auto& a, const auto& b) {
               return a.second < b.second;
             })->first;
    out.push_back(std::move(u));
  }
  return out;
}

MailMessage DigestMessage(const UnitDigest& d, const DigestConfig& config,
                          const std::vector<std::string>& to, registry::TimePoint now) {
  const std::string local = registry::LocalMinute(now);
  const std::string today = local.substr(0, 10);
  const int today_days = registry::DaysFromIso(today);
  const std::string soon_heading = "NHIỆM VỤ ĐẾN HẠN TRONG " + std::to_string(config.days) + " NGÀY TỚI";
  MailMessage m;
  m.from = config.from.empty() ? "congvan@localhost" : config.from;
  m.from_name = "Sổ công văn";
  m.to = to;
  m.subject = "[Nhắc việc] " + d.name + ": " + std::to_string(d.overdue.size()) +
              " nhiệm vụ quá hạn, " + std::to_string(d.due_soon.size()) + " sắp đến hạn (" +
              Vn(today) + ")";
  const std::string domain = m.from.substr(m.from.find('@') + 1);
  m.message_id = "<nhac-viec." + today + "." + std::to_string(std::hash<std::string>{}(d.key)) +
                 "@" + domain + ">";
  const std::string intro = "Tổng hợp nhiệm vụ của " + d.name + " lúc " + local.substr(11, 5) +
                            " ngày " + Vn(today) + " (giờ Việt Nam).";
  const std::string footer = "Thư gửi tự động từ Sổ công văn. Nhiệm vụ đã hoàn thành xin đánh dấu "
                             "\"Đã hoàn thành\" để không được nhắc lại.";
  m.text = "Kính gửi: " + d.name + "\n\n" + intro + "\n\n" +
           TextSection("NHIỆM VỤ QUÁ HẠN", d.overdue, config.base_url, today_days) +
           TextSection(soon_heading, d.due_soon, config.base_url, today_days) + "-- \n" + footer + "\n";
  m.html = "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>" +
           Escape(m.subject) + "</title></head><body style=\"font-family:Arial,sans-serif;"
           "font-size:14px\"><p>Kính gửi: <strong>" + Escape(d.name) + "</strong></p><p>" +
           Escape(intro) + "</p>" +
           HtmlSection("Nhiệm vụ quá hạn", "#b00020", d.overdue, config.base_url, today_days) +
           HtmlSection("Nhiệm vụ đến hạn trong " + std::to_string(config.days) + " ngày tới",
                       "#b45f06", d.due_soon, config.base_url, today_days) +
           "<p style=\"color:#666;font-size:12px\">" + Escape(footer) + "</p></body></html>\n";
  return m;
}

}  // namespace congvan::notify
