// Deadlines in the body of a letter: "trước ngày 20/6/2023", "trong tháng 11, 12/2021", "trong
// quý III/2023", "trong 15 ngày kể từ ngày ký", and recurring duties ("Trước 9 giờ ngày thứ Hai
// hằng tuần" → weekly:MO 09:00). The patterns are the `deadline` family of rules/body.rules.
#ifndef CONGVAN_EXTRACT_DEADLINE_H_
#define CONGVAN_EXTRACT_DEADLINE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace congvan::extract {

class RuleSet;

// One deadline phrase found in a text.
struct FoundDeadline {
  std::optional<std::string> date;        // ISO; empty for recurring duties and unknown bases
  std::string text;                       // the phrase as written ("trước ngày 20/6/2023")
  std::optional<std::string> recurrence;  // "weekly:MO 09:00", "monthly", "monthly:20", ...
  // The time of day the phrase names, "HH:MM" ("trước 14 giờ 00 ngày 29/7/2020" → "14:00"),
  // as the rule read it; empty when it names none or an impossible one ("25 giờ").
  std::optional<std::string> time;
  bool impossible = false;                // the phrase names a date that does not exist (31/6)
  size_t begin = 0, end = 0;              // byte range in the searched text
};

// What a letter's deadlines are read against: its date (ISO, a year alone "2015" as
// YearSpokenOf gives it, or empty) and whether the letter is a standing rule — a legal document
// numbered with its year ("02/2026/TT-BGDĐT") — whose "trước ngày 30 tháng 01" without a year
// comes back every year rather than falling in the year it was signed.
struct DeadlineBase {
  // Implicit, so that a date alone reads as an ordinary letter's.
  DeadlineBase(std::optional<std::string> date = std::nullopt, bool standing = false)  // NOLINT
      : letter_date(std::move(date)), standing_rule(standing) {}
  DeadlineBase(const std::string& date) : letter_date(date) {}  // NOLINT
  DeadlineBase(const char* date) : letter_date(date) {}         // NOLINT
  DeadlineBase(std::nullopt_t) {}                               // NOLINT
  std::optional<std::string> letter_date;
  bool standing_rule = false;
};

// Every deadline phrase of `text` (one item or paragraph, its lines joined) in text order,
// without overlaps. `letter_date` (ISO or empty) gives the year of "trước ngày 20/6" and the
// start of "trong 15 ngày kể từ ngày ký"; a year alone ("2015", from YearSpokenOf) gives the
// year and no start.
std::vector<FoundDeadline> FindDeadlines(const RuleSet& rules, std::string_view text,
                                         const DeadlineBase& base);

// The year a text without a date speaks of (a news item, a page body): the year written most
// often in it, the earlier of two as often, as "YYYY"; nullopt when it writes none.
std::optional<std::string> YearSpokenOf(std::string_view text);

// The ISO date `days` days after `iso` (working days skip Saturday and Sunday); nullopt when
// `iso` is not a date.
std::optional<std::string> AddDays(const std::string& iso, int days, bool working_days);

// Last day of a month / quarter ("2021-12-31"); nullopt when out of range.
std::optional<std::string> EndOfMonth(int year, int month);
std::optional<std::string> EndOfQuarter(int year, int quarter);

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_DEADLINE_H_
