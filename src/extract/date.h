// Dates in letters: "ngày 14 tháng 11 năm 2023", "20/6/2023", "08-06-23" → ISO yyyy-mm-dd.
#ifndef CONGVAN_EXTRACT_DATE_H_
#define CONGVAN_EXTRACT_DATE_H_

#include <optional>
#include <string>
#include <string_view>

namespace congvan::extract {

// ISO "yyyy-mm-dd" when (year, month, day) is a real calendar date, else nullopt (31/6, 29/2
// of a common year, month 13). Two-digit years are 20yy below 70 and 19yy from 70.
std::optional<std::string> IsoDate(int year, int month, int day);

// The same from the digit strings a rule captured; nullopt when a part is blank or not digits.
std::optional<std::string> IsoDate(std::string_view year, std::string_view month,
                                   std::string_view day);

// Reads one date written as "d/m/yyyy" (also "-" or "."), or "ngày d tháng m năm yyyy" with
// or without tone marks and with OCR-glued words ("ngay 16 thang11nam 2021"). The first date in
// `text` is returned; nullopt when there is none or it is not a real date.
std::optional<std::string> ParseDate(std::string_view text);

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_DATE_H_
