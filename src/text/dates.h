// Dates and times of day as Vietnamese letters print them and clerks type them, read into the
// two forms congvan stores: "yyyy-mm-dd" (a day of the Gregorian calendar) and "HH:MM" (a time
// of day on the 24-hour clock, Viet Nam local time).
//
// This header is the one definition of how a date or a time of day is read. Letters print a
// date as "ngày 05 tháng 3 năm 2024", "05/3/2024", "5.3.2024" or "05-03-24", and a time of day
// as "14 giờ 30", "14h30", "9 giờ" or "8h". The extraction rules (rules/*.rules) find where a
// date or an hour is written and capture its digits; these functions turn the digits into the
// stored form. Extraction, the registry, the calendar and the web and command-line forms all
// read and check dates and times here.
#ifndef CONGVAN_TEXT_DATES_H_
#define CONGVAN_TEXT_DATES_H_

#include <optional>
#include <string>
#include <string_view>

namespace congvan::text {

// Whether (year, month, day) is a day of the Gregorian calendar: 31/6 is not, nor 29/2 of a
// common year, nor month 13.
bool IsCalendarDay(int year, int month, int day);

// --- Dates printed in letters ---

// ISO "yyyy-mm-dd" when (year, month, day) is a real date of a letter, else nullopt. A two-digit
// year is 20yy below 70 and 19yy from 70; a year outside 1900–2199 is a misreading.
std::optional<std::string> IsoDate(int year, int month, int day);

// The same from the digit strings a rule captured ("2024", "3", "05"); nullopt when a part is
// blank or not digits, or the year has neither 2 nor 4 digits.
std::optional<std::string> IsoDate(std::string_view year, std::string_view month,
                                   std::string_view day);

// The first date written in `text` as "d/m/yyyy" (one kind of separator: "/", "-" or "."), or
// "ngày d tháng m năm yyyy" with or without tone marks and with OCR-glued or misread words
// ("ngay 16 thang11nam 2021", "ngdy … thing … ndm"); nullopt when there is none. A date that
// does not exist is skipped.
std::optional<std::string> ReadDate(std::string_view text);

// --- Dates as stored and as clerks type them ---

// Whether `text` is a date in the stored form yyyy-mm-dd: a real day, year 1900–2999.
bool IsIsoDate(std::string_view text);

// A date a clerk typed, the whole of `text`: yyyy-mm-dd, or d/m/yyyy or d-m-yyyy (day and
// month of one or two digits, a four-digit year). Returns yyyy-mm-dd; nullopt when it is none
// of these or no real day (year 1900–2999).
std::optional<std::string> ReadTypedDate(std::string_view text);

// --- Times of day ---

// "HH:MM" from the hour and minute digits a rule captured from "14 giờ 30", "9h" and the like:
// ("14", "30") → "14:30", ("9", "") → "09:00" (no minute written is the full hour); nullopt
// when the hour is not 0–23 or the minute not 0–59 ("25 giờ"), or a part is not one or two
// digits.
std::optional<std::string> TimeOfDay(std::string_view hour, std::string_view minute);

// Whether `text` is a time of day in the stored form HH:MM (00:00 … 23:59).
bool IsTimeOfDay(std::string_view text);

}  // namespace congvan::text

#endif  // CONGVAN_TEXT_DATES_H_
