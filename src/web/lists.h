// The long lists of the web pages — the letters on the start page and the tasks of /tasks —
// a page at a time ("Trang trước", "Trang 3/41", "Trang sau"), sorted by the column whose
// heading the clerk clicks, filtered by query parameters that every page and sort link keeps.
//
// Query parameters (all optional, as typed by the clerk):
//   letters: don-vi, co-quan, trang-thai, tu, den (the letter's date, dd/mm/yyyy), do-khan
//            (khan, hoa-toc, thuong-khan), sap (ngay-den, so, ngay, co-quan), chieu (tang, giam),
//            trang
//   tasks:   don-vi, co-quan, so, han-tu, han-den, trang-thai, sap (han, don-vi, van-ban),
//            chieu, trang
// A page number that is not a number or past the end is clamped to the first or last page; an
// unknown order falls back to the default one with a note; a bad date or status is a Vietnamese
// message above an empty list (HTTP 400), never a server error.
#ifndef CONGVAN_WEB_LISTS_H_
#define CONGVAN_WEB_LISTS_H_

#include <cstdint>
#include <map>
#include <string>

#include "base/status.h"
#include "registry/dates.h"
#include "registry/registry.h"

namespace congvan::web {

// The query parameters of a request (httplib's Request::params).
using QueryParams = std::multimap<std::string, std::string>;

// Rows per page of the lists.
inline constexpr int kLettersPerPage = 50;
inline constexpr int kTasksPerPage = 50;

// Which page to show of `total` rows, `per_page` a page: `requested` as typed ("3"), clamped to
// 1..pages (anything but digits, 0 and negative numbers are page 1; past the end, the last).
struct Pager {
  std::int64_t page = 1, pages = 1, total = 0;
  int per_page = 50;
  std::int64_t offset() const { return (page - 1) * per_page; }
};
Pager MakePager(const std::string& requested, std::int64_t total, int per_page);

// "‹ Trang trước · Trang 3/41 · Trang sau ›" linking to `path` with `query` (already encoded,
// without trang) and trang=N; `known_total` false writes "Trang 3" and shows "Trang sau" when
// `more` (search results, whose count is not known). "" for a single page.
std::string PagerHtml(const std::string& path, const std::string& query, const Pager& pager,
                      bool known_total = true, bool more = false);

// A task's text: whole when short, else its first ~200 characters with the rest behind
// "xem thêm" (a <details>, no script needed). Escaped.
std::string TaskTextHtml(const std::string& text);

// A section of a page, or why it could not be made (shown above it; HTTP 400).
struct ListSection {
  std::string html;
  std::string error;
};

// The start page's list of letters: filters, sortable table, pager.
Result<ListSection> LetterListSection(const registry::Registry& registry, const QueryParams& params,
                                      registry::TimePoint now);

// The main part of /tasks: filters, calendar links, the next 7 days, and every task a page at a
// time. `calendar_url` and `feed_url` are the download and subscription addresses.
Result<ListSection> TaskListSection(const registry::Registry& registry, const QueryParams& params,
                                    const std::string& calendar_url, const std::string& feed_url,
                                    registry::TimePoint now);

}  // namespace congvan::web

#endif  // CONGVAN_WEB_LISTS_H_
