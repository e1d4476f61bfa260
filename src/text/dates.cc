#include "text/dates.h"

#include <cstdio>
#include <vector>

#include "text/fold.h"

namespace congvan::text {
namespace {

// Years a letter's date may have: a year read outside them is a misread one ("1023", "2923").
constexpr int kFirstLetterYear = 1900;
constexpr int kLastLetterYear = 2199;
// Years a stored or typed date may have: wider than a letter's, as a clerk may plan far ahead,
// yet four digits.
constexpr int kFirstStoredYear = 1900;
constexpr int kLastStoredYear = 2999;

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

// Digits only, at most 4 of them; -1 otherwise.
int ToInt(std::string_view s) {
  if (s.size() > 4 || !AllDigits(s)) return -1;
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::string FormatIso(int year, int month, int day) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

bool IsStoredDay(int year, int month, int day) {
  return year >= kFirstStoredYear && year <= kLastStoredYear && IsCalendarDay(year, month, day);
}

struct Token {
  std::string_view text;
  bool digits;
};

// Splits folded text into runs of digits and runs of letters; other bytes separate runs but
// "/", "-", "." between digits are kept as their own one-byte tokens.
std::vector<Token> Tokens(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    bool digit = c >= '0' && c <= '9';
    bool alpha = c >= 'a' && c <= 'z';
    if (!digit && !alpha) {
      if (c == '/' || c == '-' || c == '.') out.push_back({s.substr(i, 1), false});
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') == digit) &&
           (digit || (s[j] >= 'a' && s[j] <= 'z'))) {
      ++j;
    }
    out.push_back({s.substr(i, j - i), digit});
    i = j;
  }
  return out;
}

bool IsSep(const Token& t) { return !t.digits && (t.text == "/" || t.text == "-" || t.text == "."); }

// "ngay"/"thang"/"nam" and their common OCR forms ("ngdy", "thing", "ndm"): the first and last
// letters, and a length close to the word's.
bool IsWord(std::string_view t, std::string_view first, std::string_view last, size_t min,
            size_t max) {
  return t.size() >= min && t.size() <= max && t.substr(0, first.size()) == first &&
         t.substr(t.size() - last.size()) == last;
}

}  // namespace

bool IsCalendarDay(int year, int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= DaysIn(year, month);
}

std::optional<std::string> IsoDate(int year, int month, int day) {
  if (year >= 0 && year < 100) year += year < 70 ? 2000 : 1900;
  if (year < kFirstLetterYear || year > kLastLetterYear) return std::nullopt;
  if (!IsCalendarDay(year, month, day)) return std::nullopt;
  return FormatIso(year, month, day);
}

std::optional<std::string> IsoDate(std::string_view year, std::string_view month,
                                   std::string_view day) {
  if (year.size() != 2 && year.size() != 4) return std::nullopt;
  int y = ToInt(year), m = ToInt(month), d = ToInt(day);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  return IsoDate(y, m, d);
}

std::optional<std::string> ReadDate(std::string_view text) {
  const std::string folded = FoldText(text);
  const std::vector<Token> t = Tokens(folded);
  for (size_t i = 0; i < t.size(); ++i) {
    // "ngay D thang M nam Y"
    if (!t[i].digits && IsWord(t[i].text, "ng", "y", 3, 5) && i + 5 < t.size() &&
        t[i + 1].digits && !t[i + 2].digits && IsWord(t[i + 2].text, "th", "ng", 4, 6) &&
        t[i + 3].digits && !t[i + 4].digits && IsWord(t[i + 4].text, "n", "m", 3, 4) &&
        t[i + 5].digits) {
      if (auto d = IsoDate(t[i + 5].text, t[i + 3].text, t[i + 1].text)) return d;
    }
    // "D/M/Y" with one kind of separator
    if (t[i].digits && i + 4 < t.size() && IsSep(t[i + 1]) && t[i + 2].digits &&
        t[i + 3].text == t[i + 1].text && t[i + 4].digits) {
      if (auto d = IsoDate(t[i + 4].text, t[i + 2].text, t[i].text)) return d;
    }
  }
  return std::nullopt;
}

bool IsIsoDate(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  if (!AllDigits(t.substr(0, 4)) || !AllDigits(t.substr(5, 2)) || !AllDigits(t.substr(8, 2))) {
    return false;
  }
  return IsStoredDay(ToInt(t.substr(0, 4)), ToInt(t.substr(5, 2)), ToInt(t.substr(8, 2)));
}

std::optional<std::string> ReadTypedDate(std::string_view t) {
  if (IsIsoDate(t)) return std::string(t);
  // d/m/yyyy: split on '/' or '-'.
  const std::size_t a = t.find_first_of("/-");
  if (a == std::string_view::npos) return std::nullopt;
  const std::size_t b = t.find_first_of("/-", a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  const std::string_view d = t.substr(0, a), m = t.substr(a + 1, b - a - 1), y = t.substr(b + 1);
  if (!AllDigits(d) || !AllDigits(m) || y.size() != 4 || !AllDigits(y) || d.size() > 2 ||
      m.size() > 2) {
    return std::nullopt;
  }
  if (!IsStoredDay(ToInt(y), ToInt(m), ToInt(d))) return std::nullopt;
  return FormatIso(ToInt(y), ToInt(m), ToInt(d));
}

std::optional<std::string> TimeOfDay(std::string_view hour, std::string_view minute) {
  if (hour.empty() || hour.size() > 2 || minute.size() > 2) return std::nullopt;
  const int h = ToInt(hour), m = minute.empty() ? 0 : ToInt(minute);
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", h, m);
  return std::string(buf);
}

bool IsTimeOfDay(std::string_view t) {
  if (t.size() != 5 || t[2] != ':' || !AllDigits(t.substr(0, 2)) || !AllDigits(t.substr(3, 2))) {
    return false;
  }
  return ToInt(t.substr(0, 2)) < 24 && ToInt(t.substr(3, 2)) < 60;
}

}  // namespace congvan::text
