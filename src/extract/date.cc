#include "extract/date.h"

#include <cstdio>
#include <vector>

#include "text/fold.h"

namespace congvan::extract {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

// Digits only, at most 4 of them; -1 otherwise.
int ToInt(std::string_view s) {
  if (s.empty() || s.size() > 4) return -1;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
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

// "ngay"/"thang"/"nam" and their common OCR forms ("ngdy", "thing", "ndm").
bool IsWord(std::string_view t, std::string_view first, std::string_view last, size_t min,
            size_t max) {
  return t.size() >= min && t.size() <= max && t.substr(0, first.size()) == first &&
         t.substr(t.size() - last.size()) == last;
}

}  // namespace

std::optional<std::string> IsoDate(int year, int month, int day) {
  if (year >= 0 && year < 100) year += year < 70 ? 2000 : 1900;
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return std::nullopt;
  if (day > DaysIn(year, month)) return std::nullopt;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return std::string(buf);
}

std::optional<std::string> IsoDate(std::string_view year, std::string_view month,
                                   std::string_view day) {
  if (year.size() != 2 && year.size() != 4) return std::nullopt;
  int y = ToInt(year), m = ToInt(month), d = ToInt(day);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  return IsoDate(y, m, d);
}

std::optional<std::string> ParseDate(std::string_view text) {
  const std::string folded = text::FoldText(text);
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

}  // namespace congvan::extract
