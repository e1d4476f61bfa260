// The clock the task statuses are computed against, and day arithmetic on the dates the
// registry stores ("yyyy-mm-dd"; reading and checking dates and times of day is text/dates.h).
//
// Deadlines in Vietnamese letters are Vietnam local time. Viet Nam has kept UTC+7 without
// daylight saving since 1975, so local time is UTC + 7 hours, exactly, for every date a
// registry can hold.
#ifndef CONGVAN_REGISTRY_DATES_H_
#define CONGVAN_REGISTRY_DATES_H_

#include <chrono>
#include <string>
#include <string_view>

namespace congvan::registry {

// "Now", passed in by the caller (the CLI reads the system clock; tests fix it), so nothing in
// the library depends on when it runs.
using TimePoint = std::chrono::system_clock::time_point;

// Viet Nam's offset from UTC.
inline constexpr std::chrono::hours kVietnamOffset{7};

// `now` in Vietnam local time: "yyyy-mm-ddTHH:MM" (the form tasks.due_at uses).
std::string LocalMinute(TimePoint now);

// `now` in UTC, ISO 8601: "2023-06-20T02:00:00Z".
std::string UtcTimestamp(TimePoint now);

// Days since 1970-01-01 of a valid yyyy-mm-dd date, and back.
int DaysFromIso(std::string_view iso);
std::string IsoFromDays(int days);

// 0 = Monday … 6 = Sunday.
int Weekday(int days);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_DATES_H_
