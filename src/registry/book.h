// The register of incoming letters (Sổ đăng ký văn bản đến), in the form of Nghị định
// 30/2020/NĐ-CP, Phụ lục IV: one row per letter by arrival number, with the columns Ngày đến,
// Số đến, Tác giả, Số ký hiệu, Ngày tháng, Tên loại và trích yếu, Đơn vị hoặc người nhận, Ký nhận,
// Ghi chú. Numbers and arrival days are given at registration (schema version 9, schema.cc).
//
// "Đơn vị hoặc người nhận" and "Ký nhận" are left blank: they are written by hand when the letter
// is passed on, which the registry does not record.
#ifndef CONGVAN_REGISTRY_BOOK_H_
#define CONGVAN_REGISTRY_BOOK_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/registry.h"

namespace congvan::registry {

// One line of the register.
struct BookEntry {
  int year = 0;
  std::int64_t number = 0;       // số đến, from 1 in each year
  std::string arrival_date;      // ngày đến, yyyy-mm-dd
  std::int64_t document_id = 0;  // 0: the letter was deleted from the registry since
  std::string issuer;            // tác giả
  std::string doc_ref;           // số, ký hiệu
  std::string date;              // ngày tháng of the letter, yyyy-mm-dd or ""
  std::string doc_type;
  std::string subject;
  std::string stamp_number;      // the number written on the received stamp, when read
  std::string urgency;           // "HỎA TỐC", "KHẨN" … as printed
};

// "Tên loại và trích yếu": "Công văn V/v …", "Kế hoạch Triển khai …", or the subject alone.
std::string TypeAndSubject(const BookEntry& entry);

// "Ghi chú": the stamp's own number when it differs, the urgency, or that the letter was deleted.
std::string BookNote(const BookEntry& entry);

// Which lines: a year (0: every year) and a range of arrival days (yyyy-mm-dd, "" for open).
struct BookFilter {
  int year = 0;
  std::string from, to;
};

// Checks and normalises a filter as typed: dates as yyyy-mm-dd or d/m/yyyy (registry/dates.h),
// a year from 1900 to 9999, `from` not after `to`. The messages are Vietnamese (clerks read them).
Result<BookFilter> MakeBookFilter(int year, const std::string& from, const std::string& to);

// The lines of the register, by year and number: at most `limit` (0: all) after skipping
// `offset`, for a page of a long register.
Result<std::vector<BookEntry>> ListBook(const Registry& registry, const BookFilter& filter,
                                        int limit = 0, std::int64_t offset = 0);

// How many lines the filter selects.
Result<std::int64_t> CountBook(const Registry& registry, const BookFilter& filter);

// The arrival number and day of one letter, nullopt when it has none (not registered).
Result<std::optional<BookEntry>> FindArrival(const Registry& registry, const std::string& sha256);

enum class BookFormat { kMarkdown, kCsv, kHtml, kXlsx };

// "md" (or "markdown"), "csv", "html", "xlsx".
Result<BookFormat> ParseBookFormat(const std::string& name);

// The column headings, as the form prints them.
const std::vector<std::string>& BookColumns();

// The nine cells of a line, in BookColumns() order, dates as dd/mm/yyyy.
std::vector<std::string> BookCells(const BookEntry& entry);

// "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" with the year or the range of days the lines cover.
std::string BookTitle(const BookFilter& filter);

// The register as Markdown, CSV (UTF-8 with a byte-order mark, for spreadsheets on Windows) or a
// standalone HTML page printed on A4 landscape.
Result<std::string> RenderBook(const std::vector<BookEntry>& entries, const BookFilter& filter,
                               BookFormat format);

// The register as an .xlsx workbook written to `path` (libxlsxwriter): one sheet, A4 landscape,
// the heading repeated on every printed page.
Status WriteBookXlsx(const std::vector<BookEntry>& entries, const BookFilter& filter,
                     const std::string& path);

// The same workbook's bytes, for a download (written to a private temporary folder and read back:
// this libxlsxwriter writes only to files).
Result<std::string> BookXlsxBytes(const std::vector<BookEntry>& entries, const BookFilter& filter);

// The byte-order mark that makes spreadsheet programs read a CSV file as UTF-8.
inline constexpr char kUtf8Bom[] = "\xEF\xBB\xBF";

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_BOOK_H_
