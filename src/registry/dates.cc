#include "registry/dates.h"

#include <charconv>
#include <cstdio>

namespace congvan::registry {
namespace {

bool Digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int ToInt(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

bool ValidYmd(int y, int m, int d) {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m),
                                        std::chrono::day(d)};
  return ymd.ok();
}

std::string FormatYmd(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

}  // namespace

bool IsIsoDate(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  if (!Digits(t.substr(0, 4)) || !Digits(t.substr(5, 2)) || !Digits(t.substr(8, 2))) {
    return false;
  }
  return ValidYmd(ToInt(t.substr(0, 4)), ToInt(t.substr(5, 2)), ToInt(t.substr(8, 2)));
}

bool IsHhMm(std::string_view t) {
  if (t.size() != 5 || t[2] != ':' || !Digits(t.substr(0, 2)) || !Digits(t.substr(3, 2))) {
    return false;
  }
  return ToInt(t.substr(0, 2)) < 24 && ToInt(t.substr(3, 2)) < 60;
}

std::optional<std::string> ParseUserDate(std::string_view t) {
  if (IsIsoDate(t)) return std::string(t);
  // d/m/yyyy: split on '/' or '-'.
  const std::size_t a = t.find_first_of("/-");
  if (a == std::string_view::npos) return std::nullopt;
  const std::size_t b = t.find_first_of("/-", a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  const std::string_view d = t.substr(0, a), m = t.substr(a + 1, b - a - 1), y = t.substr(b + 1);
  if (!Digits(d) || !Digits(m) || y.size() != 4 || !Digits(y) || d.size() > 2 || m.size() > 2) {
    return std::nullopt;
  }
  if (!ValidYmd(ToInt(y), ToInt(m), ToInt(d))) return std::nullopt;
  return FormatYmd(ToInt(y), ToInt(m), ToInt(d));
}

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
