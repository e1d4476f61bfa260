// The deadline calendar: tasks as an iCalendar (RFC 5545) file, written with libical, for
// Outlook, Thunderbird, Google Calendar and phones.
//
// One VEVENT (or VTODO) per task with a deadline or a recurring duty: all-day when no time is
// given, else timed in Asia/Ho_Chi_Minh with its VTIMEZONE; summary "[assignee] action (number)";
// the letter's subject and file in the description; VALARM reminders; RRULE for recurring
// report duties. UIDs come from the letter's SHA-256 and the task's position, so re-exporting
// updates events in place instead of duplicating them, and SEQUENCE is the task's revision,
// raised by every status change.
#ifndef CONGVAN_CALENDAR_CALENDAR_H_
#define CONGVAN_CALENDAR_CALENDAR_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "registry/dates.h"
#include "registry/tasks.h"

namespace congvan::calendar {

// The TZID written on timed events; its VTIMEZONE (UTC+7, no daylight saving) is included.
inline constexpr char kTimeZone[] = "Asia/Ho_Chi_Minh";

struct Options {
  std::vector<int> alarm_days_before = {3, 1};  // one VALARM each; empty: none
  bool todo = false;                            // VTODO (task clients) instead of VEVENT
  int event_minutes = 30;                       // length of a timed deadline's event
  // The address the web pages are served at ("https://congvan.example.vn"): when set, each
  // event's URL is its letter's page there instead of the original file.
  std::string letter_url_base;
};

// "https://congvan.example.vn/documents/12": the page of the task's letter under `base`.
std::string LetterUrl(const std::string& base, const registry::TaskView& task);

// The UID of a task's event: "<sha256 prefix>-<position>@congvan", stable across exports.
std::string Uid(const registry::TaskView& task);

// The RRULE value for a stored recurrence: "weekly:MO 09:00" → "FREQ=WEEKLY;BYDAY=MO",
// "monthly", "quarterly" (every 3 months), "yearly", "daily". InvalidInput for other forms.
Result<std::string> RRuleFor(const std::string& recurrence);

// The calendar of `tasks`. Tasks with neither a deadline nor a recurrence have no date and are
// left out. `now` is the DTSTAMP.
Result<std::string> ToICalendar(const std::vector<registry::TaskView>& tasks,
                                const Options& options, registry::TimePoint now);

}  // namespace congvan::calendar

#endif  // CONGVAN_CALENDAR_CALENDAR_H_
