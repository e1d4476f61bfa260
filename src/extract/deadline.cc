#include "extract/deadline.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <utility>

#include "extract/rules.h"
#include "extract/text.h"
#include "text/dates.h"
#include "text/fold.h"

namespace congvan::extract {
namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm), and back.
long DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(long z, int* y, int* m, int* d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

bool SplitIso(const std::string& iso, int* y, int* m, int* d) {
  return iso.size() == 10 && std::sscanf(iso.c_str(), "%4d-%2d-%2d", y, m, d) == 3;
}

// Digits of `s` as a number (at most 9 digits); -1 when there are none.
int Number(std::string_view s) {
  int v = -1, n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') continue;
    if (++n > 9) return -1;
    v = (v < 0 ? 0 : v * 10) + (c - '0');
  }
  return v;
}

// The last number of a list "11, 12" / "11 và 12".
int LastNumber(std::string_view s) {
  size_t end = s.find_last_of("0123456789");
  if (end == std::string_view::npos) return -1;
  size_t begin = end;
  while (begin > 0 && s[begin - 1] >= '0' && s[begin - 1] <= '9') --begin;
  return Number(s.substr(begin, end - begin + 1));
}

int Quarter(std::string_view q) {
  const std::string f = FoldText(q);
  if (f == "i" || f == "1") return 1;
  if (f == "ii" || f == "2") return 2;
  if (f == "iii" || f == "3") return 3;
  if (f == "iv" || f == "4") return 4;
  return -1;
}

// "Hai" → "MO" … "Bảy" → "SA"; also the digits 2–7 of "thứ 2".
std::string WeekdayCode(std::string_view w) {
  const std::string f = FoldText(w);
  static constexpr const char* kCodes[] = {"MO", "TU", "WE", "TH", "FR", "SA"};
  static constexpr const char* kWords[] = {"hai", "ba", "tu", "nam", "sau", "bay"};
  for (int i = 0; i < 6; ++i) {
    if (f == kWords[i] || (f.size() == 1 && f[0] == '2' + i)) return kCodes[i];
  }
  return "MO";
}

std::string PeriodCode(std::string_view period) {
  const std::string f = FoldText(period);
  if (f.starts_with("tu")) return "weekly";
  if (f.starts_with("6") || f.starts_with("s")) return "semiannual";
  if (f.starts_with("th")) return "monthly";
  if (f.starts_with("qu")) return "quarterly";
  return "yearly";
}

std::optional<int> LetterYear(const std::optional<std::string>& letter_date) {
  int y, m, d;
  if (letter_date && SplitIso(*letter_date, &y, &m, &d)) return y;
  if (letter_date && letter_date->size() == 4 && Number(*letter_date) >= 1000) return Number(*letter_date);
  return std::nullopt;
}

// Fills `out` from one match of a `deadline` pattern.
void Interpret(const Match& m, const std::optional<std::string>& letter_date, FoundDeadline* out) {
  // "trước 14 giờ 00 ngày 29/7/2020": the hour the rule read is kept with the date, so what
  // stores the deadline never reads the text again.
  if (m.Has("hour")) out->time = text::TimeOfDay(m.Group("hour"), m.Group("minute"));
  if (m.Has("day")) {
    std::string_view year = m.Group("year");
    std::optional<int> y = year.empty() ? LetterYear(letter_date) : std::optional<int>(Number(year));
    if (!y) return;  // "trước ngày 20/6" in a letter without a date: no year to give
    const int yy = year.size() == 2 ? 2000 + *y : *y;
    out->date = text::IsoDate(yy, Number(m.Group("month")), Number(m.Group("day")));
    out->impossible = !out->date;
  } else if (m.Has("months")) {
    out->date = EndOfMonth(Number(m.Group("year")), LastNumber(m.Group("months")));
    out->impossible = !out->date;
  } else if (m.Has("quarter")) {
    out->date = EndOfQuarter(Number(m.Group("year")), Quarter(m.Group("quarter")));
  } else if (m.Has("ndays")) {
    // Counted from the letter only when the start is its signing ("kể từ ngày ký") or issue;
    // "sau khi sinh", "kể từ ngày không còn khoản vay" start at an event of their own.
    const std::string from = FoldText(m.Group("from"));
    const std::string first_word = from.substr(0, from.find(' '));
    if (letter_date && (first_word == "ky" || first_word == "ki" || from.starts_with("ban h"))) {
      out->date = AddDays(*letter_date, Number(m.Group("ndays")), m.Has("workdays"));
    }
  } else if (m.Has("weekday")) {
    std::string rec = "weekly:" + WeekdayCode(m.Group("weekday"));
    if (m.Has("hour")) rec += " " + text::TimeOfDay(m.Group("hour"), m.Group("minute")).value_or("");
    out->recurrence = rec;
  } else if (m.Has("mday")) {
    out->recurrence = "monthly:" + std::to_string(Number(m.Group("mday")));
  } else if (m.Has("period")) {
    out->recurrence = PeriodCode(m.Group("period"));
  }
}

constexpr size_t kLeadBytes = 320;
constexpr size_t kConditionBytes = 40;  // enough for ", thì " or " được phép tiếp tục " after a day
// A transitional article runs long (lists of standards before its day): its sentence is looked
// back this far.
constexpr size_t kSentenceBytes = 1600;

// The text before byte `at`, back to the last line break or to the last of `stops` followed by a
// space, at most `reach` bytes, starting on a character boundary.
std::string_view TextBefore(std::string_view text, size_t at, size_t reach, std::string_view stops) {
  size_t from = at > reach ? at - reach : 0;
  for (size_t i = at; i > from; --i) {
    const char c = text[i - 1];
    if (c == '\n' || (stops.find(c) != std::string_view::npos && i < text.size() && text[i] == ' ')) {
      from = i;
      break;
    }
  }
  while (from < at && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;
  return text.substr(from, at - from);
}

// The clause of `text` before byte `at`: back to the last ". ", "; " or line break.
std::string_view ClauseBefore(std::string_view text, size_t at) { return TextBefore(text, at, kLeadBytes, ".;"); }

// The sentence of `text` before byte `at`: back to the last ". " or line break.
std::string_view SentenceBefore(std::string_view text, size_t at) {
  return TextBefore(text, at, kSentenceBytes, ".");
}

// The clause of `text` from byte `at` on: up to the next ". " or "; ".
std::string_view ClauseAfter(std::string_view text, size_t at) {
  size_t end = std::min(text.size(), at + kLeadBytes);
  for (size_t i = at; i + 1 < end; ++i) {
    if ((text[i] == '.' || text[i] == ';') && text[i + 1] == ' ') {
      end = i;
      break;
    }
  }
  while (end < text.size() && end > at && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(at, end - at);
}

// Whether a rule of `family` matches `clause` (folded or not, as the rule says).
bool ClauseMatches(const RuleSet& rules, std::string_view family, std::string_view clause) {
  if (clause.empty() || rules.Family(family).empty()) return false;
  Match m;
  return rules.FindFirst(family, clause, Fold(clause), &m) != nullptr;
}

// "Hằng năm … trước ngày 31/01": a day and month with no year in a yearly duty is a date of
// every year ("yearly:01-31"), not one deadline in the letter's year.
void MakeYearly(const Match& m, FoundDeadline* d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "yearly:%02d-%02d", Number(m.Group("month")), Number(m.Group("day")));
  d->recurrence = buf;
  d->date.reset();
}

}  // namespace

std::optional<std::string> YearSpokenOf(std::string_view text) {
  constexpr int kFirstYear = 1990, kLastYear = 2099;
  std::map<int, int> times;
  for (size_t i = 0; i + 4 <= text.size(); ++i) {
    const bool digit_before = i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]));
    const bool four_digits = std::all_of(text.begin() + i, text.begin() + i + 4,
                                         [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    const bool digit_after = i + 4 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 4]));
    if (digit_before || !four_digits || digit_after) continue;
    const int year = Number(text.substr(i, 4));
    if (year >= kFirstYear && year <= kLastYear) ++times[year];
    i += 3;
  }
  // Of two years written as often, the earlier: a text speaks of its present and of plans
  // ahead ("nhiệm kỳ 2020-2025", "năm học 2010- 2011").
  std::optional<int> best;
  for (const auto& [year, n] : times) {
    if (!best || n > times[*best]) best = year;
  }
  if (!best) return std::nullopt;
  return std::to_string(*best);
}

std::optional<std::string> AddDays(const std::string& iso, int days, bool working_days) {
  int y, m, d;
  if (!SplitIso(iso, &y, &m, &d) || !text::IsoDate(y, m, d) || days < 0 || days > 3660) return std::nullopt;
  long z = DaysFromCivil(y, m, d);
  if (!working_days) {
    z += days;
  } else {
    for (int left = days; left > 0;) {
      ++z;
      const long wd = ((z % 7) + 7 + 3) % 7;  // 0 = Monday (1970-01-01 was a Thursday)
      if (wd < 5) --left;
    }
  }
  CivilFromDays(z, &y, &m, &d);
  return text::IsoDate(y, m, d);
}

std::optional<std::string> EndOfMonth(int year, int month) {
  if (month < 1 || month > 12) return std::nullopt;
  for (int day = 31; day >= 28; --day) {
    if (auto iso = text::IsoDate(year, month, day)) return iso;
  }
  return std::nullopt;
}

std::optional<std::string> EndOfQuarter(int year, int quarter) {
  if (quarter < 1 || quarter > 4) return std::nullopt;
  return EndOfMonth(year, quarter * 3);
}

std::vector<FoundDeadline> FindDeadlines(const RuleSet& rules, std::string_view text,
                                         const DeadlineBase& base) {
  const std::optional<std::string>& letter_date = base.letter_date;
  std::vector<FoundDeadline> all;
  // Every deadline phrase holds a digit or a "hằng …"/"định kỳ" word; most paragraphs hold none.
  const Folded folded = Fold(text);
  if (folded.text.find_first_of("0123456789") == std::string::npos &&
      folded.text.find("ng tu") == std::string::npos && folded.text.find("ng th") == std::string::npos &&
      folded.text.find("ng qu") == std::string::npos && folded.text.find("ng nam") == std::string::npos &&
      folded.text.find("nh ky") == std::string::npos) {
    return all;
  }
  for (const Pattern* p : rules.Candidates("deadline", text, folded)) {
    for (const Match& m : p->FindAll(text, folded)) {
      FoundDeadline d;
      std::string_view value = m.Has("value") ? m.Group("value") : m.whole();
      d.text = CollapseSpaces(TrimChars(value, "(),;:."));
      d.begin = value.data() - text.data();
      d.end = d.begin + value.size();
      // "có hiệu lực … đến hết ngày …", "đã được cấp trước ngày …", "từ ngày 01/01/2021 đến
      // trước ngày …": a period or a past condition, not something to be done by then.
      // A window for sending something ("góp ý gửi văn bản …: Thời gian từ ngày 19/8/2015 đến
      // 28/8/2015") ends at its deadline all the same.
      const std::string_view clause = ClauseBefore(text, d.begin);
      if (ClauseMatches(rules, "deadline_not", clause) && !ClauseMatches(rules, "deadline_window", clause)) continue;
      // "… được tiếp tục sử dụng đến hết ngày 31 tháng 12 năm 2025": how long an old form or
      // standard may still be used, a transition, not work to finish by then.
      if (ClauseMatches(rules, "permission_until", value) &&
          ClauseMatches(rules, "permission_continues", SentenceBefore(text, d.begin))) {
        continue;
      }
      // "Tuy nhiên đến ngày 02/01/2019 vẫn còn nhiều đơn vị chưa nộp …", "Đến 04 giờ ngày 19/7,
      // vị trí tâm áp thấp …": the state of things on a day, no deadline.
      if (ClauseMatches(rules, "deadline_status", value) &&
          ClauseMatches(rules, "status_after_day", ClauseAfter(text, d.end))) {
        continue;
      }
      // "… trước ngày 01 tháng 01 năm 2026 thì …": the day a condition names, its consequence after.
      if (ClauseMatches(rules, "deadline_condition", Utf8Prefix(text.substr(d.end), kConditionBytes))) continue;
      Interpret(m, letter_date, &d);
      if (m.Has("day") && m.Group("year").empty() && d.date &&
          (base.standing_rule || ClauseMatches(rules, "deadline_yearly", ClauseBefore(text, d.begin)) ||
           ClauseMatches(rules, "deadline_yearly", ClauseAfter(text, d.end)))) {
        MakeYearly(m, &d);
      }
      all.push_back(std::move(d));
    }
  }
  // Earliest first; of two starting together the longer (more precise) one.
  std::sort(all.begin(), all.end(), [](const FoundDeadline& a, const FoundDeadline& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<FoundDeadline> out;
  for (FoundDeadline& d : all) {
    if (!out.empty() && d.begin < out.back().end) continue;  // overlaps one already taken
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace congvan::extract
