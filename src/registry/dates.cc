#include "registry/dates.h"

#include <charconv>
#include <cstdio>

namespace congvan::registry {
namespace {

int ToInt(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::string FormatYmd(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

}  // namespace

std::string LocalMinute(TimePoint now) {
  using namespace std::chrono;
  const auto local = floor<minutes>(now + kVietnamOffset);
  const auto day = floor<days>(local);
  const year_month_day ymd(day);
  const hh_mm_ss hms(local - day);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()));
  return buf;
}

std::string UtcTimestamp(TimePoint now) {
  using namespace std::chrono;
  const auto t = floor<seconds>(now);
  const auto day = floor<days>(t);
  const year_month_day ymd(day);
  const hh_mm_ss hms(t - day);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()),
                static_cast<long>(hms.minutes().count()),
                static_cast<long>(hms.seconds().count()));
  return buf;
}

int DaysFromIso(std::string_view iso) {
  using namespace std::chrono;
  const year_month_day ymd{year(ToInt(iso.substr(0, 4))),
                           month(static_cast<unsigned>(ToInt(iso.substr(5, 2)))),
                           day(static_cast<unsigned>(ToInt(iso.substr(8, 2))))};
  return static_cast<int>(sys_days(ymd).time_since_epoch().count());
}

std::string IsoFromDays(int d) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days(days(d))};
  return FormatYmd(static_cast<int>(ymd.year()), static_cast<int>(unsigned(ymd.month())),
                   static_cast<int>(unsigned(ymd.day())));
}

int Weekday(int d) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return ((d % 7) + 7 + 3) % 7;
}

}  // namespace congvan::registry
