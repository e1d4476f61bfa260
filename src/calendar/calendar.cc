#include "calendar/calendar.h"

#include <libical/ical.h>

#include <chrono>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "text/dates.h"

namespace congvan::calendar {
namespace {

using registry::TaskView;

struct ComponentFree { void operator()(icalcomponent* c) const { icalcomponent_free(c); } };
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

// Viet Nam: UTC+7 all year since 1975, so one STANDARD observance describes every date a
// registry holds. Parsed by libical rather than assembled property by property.
constexpr char kVTimezone[] =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Asia/Ho_Chi_Minh\r\n"
    "BEGIN:STANDARD\r\n"
    "DTSTART:19750613T000000\r\n"
    "TZOFFSETFROM:+0700\r\n"
    "TZOFFSETTO:+0700\r\n"
    "TZNAME:+07\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

constexpr std::size_t kMaxSummaryChars = 120;

// The first `max` code points of `text`, with "…" when cut.
std::string Shorten(const std::string& text, std::size_t max) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars++ == max) return text.substr(0, i) + "…";
  }
  return text;
}

// When and how an event happens.
struct When {
  std::string date;   // yyyy-mm-dd
  std::string time;   // HH:MM or "" (all-day)
  std::string rrule;  // "" when not recurring
};

// Splits "weekly:MO 09:00" into frequency, weekday and time.
struct Recurrence {
  std::string freq, day, time;
};
Recurrence SplitRecurrence(const std::string& r) {
  Recurrence out;
  const std::size_t colon = r.find(':');
  out.freq = r.substr(0, colon);
  if (colon == std::string::npos) return out;
  std::string rest = r.substr(colon + 1);
  const std::size_t space = rest.find(' ');
  out.day = rest.substr(0, space);
  if (space != std::string::npos) out.time = rest.substr(space + 1);
  if (text::IsTimeOfDay(out.day)) {  // "monthly 09:00" style: no day part
    out.time = out.day;
    out.day.clear();
  }
  return out;
}

int WeekdayIndex(const std::string& day) {
  static constexpr const char* kDays[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
  for (int i = 0; i < 7; ++i) {
    if (day == kDays[i]) return i;
  }
  return -1;
}

// The date and time of a task's event, or nullopt when it has none.
Result<std::optional<When>> WhenOf(const TaskView& v) {
  const registry::TaskRecord& t = v.task;
  // A time that is not HH:MM (a registry edited by hand, an older congvan) leaves the event
  // all-day rather than timed at a guess.
  When w{t.due_date, text::IsTimeOfDay(t.due_time) ? t.due_time : "", ""};
  // Likewise a date that is no yyyy-mm-dd: the task has no date the calendar can show.
  const bool dated = text::IsIsoDate(t.due_date);
  if (t.recurrence.empty()) {
    if (!dated) return std::optional<When>();
    return std::optional<When>(w);
  }
  Result<std::string> rrule = RRuleFor(t.recurrence);
  if (!rrule.ok()) {
    // A recurrence this build cannot express (from a newer extractor) must not cost the
    // user the whole calendar: the task keeps its plain deadline, if it has one.
    if (!dated) return std::optional<When>();
    return std::optional<When>(w);
  }
  w.rrule = *rrule;
  // A duty without a date starts with the letter that set it.
  if (w.date.empty()) w.date = v.doc_date;
  if (!text::IsIsoDate(w.date)) return std::optional<When>();
  const Recurrence r = SplitRecurrence(t.recurrence);
  if (!r.time.empty()) w.time = r.time;
  const int weekday = WeekdayIndex(r.day);
  if (weekday >= 0) {  // first occurrence: that weekday on or after the start
    int days = registry::DaysFromIso(w.date);
    while (registry::Weekday(days) != weekday) ++days;
    w.date = registry::IsoFromDays(days);
  }
  return std::optional<When>(w);
}

icaltimetype LocalTime(const std::string& date, const std::string& time) {
  icaltimetype t = icaltime_null_time();
  t.year = std::atoi(date.substr(0, 4).c_str());
  t.month = std::atoi(date.substr(5, 2).c_str());
  t.day = std::atoi(date.substr(8, 2).c_str());
  if (time.empty()) {
    t.is_date = 1;
    return t;
  }
  t.hour = std::atoi(time.substr(0, 2).c_str());
  t.minute = std::atoi(time.substr(3, 2).c_str());
  return t;
}

icaltimetype Utc(registry::TimePoint tp) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(tp);
  return icaltime_from_timet_with_zone(secs, 0, icaltimezone_get_utc_timezone());
}

// A date-time property: VALUE=DATE when all-day, else TZID=Asia/Ho_Chi_Minh.
icalproperty* WithZone(icalproperty* p, const icaltimetype& t) {
  if (!t.is_date) icalproperty_add_parameter(p, icalparameter_new_tzid(kTimeZone));
  return p;
}

std::string Summary(const TaskView& v) {
  std::string s = v.task.status == "done" ? "✓ " : "";
  if (!v.task.assignee.empty()) s += "[" + v.task.assignee + "] ";
  s += Shorten(v.task.action, kMaxSummaryChars);
  if (!v.doc_ref.empty()) s += " (" + v.doc_ref + ")";
  return s;
}

std::string Description(const TaskView& v) {
  std::string d;
  if (!v.subject.empty()) d += "Trích yếu: " + v.subject + "\n";
  d += "Văn bản: " + (v.doc_type.empty() ? std::string("Văn bản") : v.doc_type);
  if (!v.doc_ref.empty()) d += " số " + v.doc_ref;
  if (!v.doc_date.empty()) d += " ngày " + v.doc_date;
  if (!v.issuer.empty()) d += " của " + v.issuer;
  d += "\nNhiệm vụ: " + v.task.action + "\n";
  if (!v.task.deadline_text.empty()) d += "Thời hạn: " + v.task.deadline_text + "\n";
  if (v.task.source == "assigned") {  // work assigned inside the office (registry/assignments.h)
    std::string with;
    for (const std::string& unit : v.task.cooperating) with += (with.empty() ? "" : ", ") + unit;
    d += "Giao việc: " + v.task.assignee + " chủ trì" + (with.empty() ? "" : "; phối hợp: " + with) +
         (v.task.assigned_by.empty() ? "" : "; người giao: " + v.task.assigned_by) + "\n";
    if (!v.task.instruction.empty()) d += "Ý kiến chỉ đạo: " + v.task.instruction + "\n";
  }
  d += "Trạng thái: " + registry::StateLabel(v.state) + "\n";
  if (!v.path.empty()) d += "Tệp: " + v.path + "\n";
  d += "Mã công việc: " + std::to_string(v.task.id) + " (congvan task done " +
       std::to_string(v.task.id) + ")";
  return d;
}

// file:// URL of an absolute path, bytes outside the unreserved set percent-encoded.
std::string FileUrl(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string url = "file://";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      url += static_cast<char>(c);
    } else {
      url += '%';
      url += kHex[c >> 4];
      url += kHex[c & 15];
    }
  }
  return url;
}

void AddAlarms(icalcomponent* item, const TaskView& v, const Options& o) {
  if (v.task.status == "done") return;  // nothing left to remind of
  for (int days : o.alarm_days_before) {
    if (days < 0) continue;
    icalcomponent* alarm = icalcomponent_new(ICAL_VALARM_COMPONENT);
    icalcomponent_add_property(alarm, icalproperty_new_action(ICAL_ACTION_DISPLAY));
    icaltriggertype trigger = icaltriggertype_from_int(-days * 24 * 3600);
    icalcomponent_add_property(alarm, icalproperty_new_trigger(trigger));
    const std::string text = "Còn " + std::to_string(days) + " ngày: " + Summary(v);
    icalcomponent_add_property(alarm, icalproperty_new_description(text.c_str()));
    icalcomponent_add_component(item, alarm);
  }
}

void AddStatus(icalcomponent* item, const TaskView& v, const Options& o) {
  const bool done = v.task.status == "done";
  if (!o.todo) {
    // VEVENT has no "completed" status (RFC 5545 3.8.1.11); done shows in the summary's ✓.
    icalcomponent_add_property(item, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
    return;
  }
  icalcomponent_add_property(
      item, icalproperty_new_status(done ? ICAL_STATUS_COMPLETED : ICAL_STATUS_NEEDSACTION));
  if (!done || v.task.done_at.size() < 16) return;
  icaltimetype at = LocalTime(v.task.done_at.substr(0, 10), v.task.done_at.substr(11, 5));
  // COMPLETED must be UTC; done_at is Vietnam local time.
  icaltime_adjust(&at, 0, -7, 0, 0);
  at.zone = icaltimezone_get_utc_timezone();
  icalcomponent_add_property(item, icalproperty_new_completed(at));
  icalcomponent_add_property(item, icalproperty_new_percentcomplete(100));
}

}  // namespace

std::string LetterUrl(const std::string& base, const TaskView& v) {
  std::string url = base;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url + "/documents/" + std::to_string(v.document_id);
}

namespace {

Result<Component> Item(const TaskView& v, const When& w, const Options& o,
                       registry::TimePoint now) {
  Component item(icalcomponent_new(o.todo ? ICAL_VTODO_COMPONENT : ICAL_VEVENT_COMPONENT));
  if (!item) return Status::Internal("libical could not create an event");
  icalcomponent* c = item.get();
  icalcomponent_add_property(c, icalproperty_new_uid(Uid(v).c_str()));
  icalcomponent_add_property(c, icalproperty_new_dtstamp(Utc(now)));
  icalcomponent_add_property(c, icalproperty_new_sequence(v.task.revision));
  icalcomponent_add_property(c, icalproperty_new_summary(Summary(v).c_str()));
  icalcomponent_add_property(c, icalproperty_new_description(Description(v).c_str()));
  // URL may appear once (RFC 5545): the letter's page when the pages have an address, which
  // opens from any device; else the original file, which opens on the machine that holds it.
  if (!o.letter_url_base.empty()) {
    icalcomponent_add_property(c, icalproperty_new_url(LetterUrl(o.letter_url_base, v).c_str()));
  } else if (!v.path.empty() && v.path[0] == '/') {
    icalcomponent_add_property(c, icalproperty_new_url(FileUrl(v.path).c_str()));
  }
  const icaltimetype start = LocalTime(w.date, w.time);
  icaltimetype end = start;
  if (start.is_date) {
    icaltime_adjust(&end, 1, 0, 0, 0);  // DTEND of an all-day event is the next day
  } else {
    icaltime_adjust(&end, 0, 0, o.event_minutes, 0);
  }
  if (o.todo) {
    // A recurring VTODO needs DTSTART for its RRULE; DUE marks the deadline itself.
    if (!w.rrule.empty()) {
      icalcomponent_add_property(c, WithZone(icalproperty_new_dtstart(start), start));
    }
    icalcomponent_add_property(c, WithZone(icalproperty_new_due(start), start));
  } else {
    icalcomponent_add_property(c, WithZone(icalproperty_new_dtstart(start), start));
    icalcomponent_add_property(c, WithZone(icalproperty_new_dtend(end), end));
    icalcomponent_add_property(c, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
  }
  if (!w.rrule.empty()) {
    icalrecurrencetype rule = icalrecurrencetype_from_string(w.rrule.c_str());
    icalcomponent_add_property(c, icalproperty_new_rrule(rule));
  }
  if (!v.task.assignee.empty()) {
    icalcomponent_add_property(c, icalproperty_new_categories(v.task.assignee.c_str()));
  }
  AddStatus(c, v, o);
  AddAlarms(c, v, o);
  return item;
}

}  // namespace

std::string Uid(const TaskView& v) {
  return v.sha256.substr(0, 16) + "-" + std::to_string(v.position) + "@congvan";
}

Result<std::string> RRuleFor(const std::string& recurrence) {
  const Recurrence r = SplitRecurrence(recurrence);
  if (!r.time.empty() && !text::IsTimeOfDay(r.time)) {
    return Status::InvalidInput("recurrence \"" + recurrence + "\": bad time");
  }
  if (r.freq == "weekly") {
    if (r.day.empty()) return std::string("FREQ=WEEKLY");
    if (WeekdayIndex(r.day) < 0) {
      return Status::InvalidInput("recurrence \"" + recurrence + "\": weekday must be MO … SU");
    }
    return "FREQ=WEEKLY;BYDAY=" + r.day;
  }
  if (r.freq == "monthly") {
    if (r.day.empty()) return std::string("FREQ=MONTHLY");
    const int day = std::atoi(r.day.c_str());
    if (day < 1 || day > 31) {
      return Status::InvalidInput("recurrence \"" + recurrence + "\": bad day of month");
    }
    return "FREQ=MONTHLY;BYMONTHDAY=" + std::to_string(day);
  }
  if (r.freq == "quarterly") return std::string("FREQ=MONTHLY;INTERVAL=3");
  if (r.freq == "yearly") return std::string("FREQ=YEARLY");
  if (r.freq == "daily") return std::string("FREQ=DAILY");
  return Status::InvalidInput("recurrence \"" + recurrence +
                              "\" is not weekly:DD HH:MM, monthly, quarterly, yearly or daily");
}

Result<std::string> ToICalendar(const std::vector<TaskView>& tasks, const Options& options,
                                registry::TimePoint now) {
  if (options.event_minutes <= 0) return Status::InvalidInput("event length must be positive");
  Component cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  if (!cal) return Status::Internal("libical could not create a calendar");
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//congvan//Task registry//VI"));
  icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  icalproperty* name = icalproperty_new_x("Hạn xử lý công việc (congvan)");
  icalproperty_set_x_name(name, "X-WR-CALNAME");
  icalcomponent_add_property(cal.get(), name);
  Component tz(icalparser_parse_string(kVTimezone));
  if (!tz) return Status::Internal("libical could not parse the VTIMEZONE");
  icalcomponent_add_component(cal.get(), tz.release());  // the calendar owns it now
  for (const TaskView& v : tasks) {
    Result<std::optional<When>> when = WhenOf(v);
    if (!when.ok()) return when.status().WithContext("task " + std::to_string(v.task.id));
    if (!when->has_value()) continue;
    Result<Component> item = Item(v, **when, options, now);
    if (!item.ok()) return item.status();
    icalcomponent_add_component(cal.get(), item->release());
  }
  char* text = icalcomponent_as_ical_string_r(cal.get());
  if (text == nullptr) return Status::Internal("libical could not write the calendar");
  std::unique_ptr<char, decltype(&std::free)> owned(text, &std::free);
  return std::string(text);
}

}  // namespace congvan::calendar
