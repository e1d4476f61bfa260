// The HTML pages, in Vietnamese, rendered on the server. Every value is escaped (html.h); the
// script (assets/app.js) only adds the actions (mark done, correct, upload) on top, sending
// them to /api/ with the page's CSRF token, and reads answers with textContent.
#ifndef CONGVAN_WEB_PAGES_H_
#define CONGVAN_WEB_PAGES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "registry/book.h"
#include "registry/corrections.h"
#include "registry/dates.h"
#include "registry/letter_files.h"
#include "registry/registry.h"
#include "registry/review.h"
#include "registry/search.h"
#include "registry/tasks.h"

namespace congvan::web {

// What every page carries: its title, which menu entry is current, the CSRF token for the
// script, who is signed in.
struct PageFrame {
  std::string title;
  std::string nav;  // "search", "tasks", "upload" or ""
  std::string csrf_token;
  std::string who;
  // The directory's units as a <datalist> (UnitDatalistHtml), for the inputs that name a unit
  // (list="don-vi-ds"); "" on pages without one.
  std::string units_datalist_html = "";
  // An account is signed in: the page offers to sign out.
  bool signed_in = false;
};

// A whole page around `main_html` (already safe HTML).
std::string RenderLayout(const PageFrame& frame, const std::string& main_html);

// The search page: the form, then results or, without a query, the latest letters.
struct SearchPageData {
  std::string query;
  std::optional<registry::SearchResults> results;
  std::string error;                               // the query's problem, shown above results
  // Without a query: the list of letters (lists.h LetterListSection), already HTML.
  std::string letters_html;
  // With a query: the links to the pages of results before and after (lists.h PagerHtml).
  std::string pager_html;
  // The review queue ("Cần kiểm tra"), when there is no query: its first letters and its size.
  std::vector<registry::ReviewItem> review;
  std::int64_t review_count = 0;
};
std::string RenderSearchPage(const PageFrame& frame, const SearchPageData& data);

// The register of incoming letters (/so-den): the filter as typed, the lines, and the links
// that download the same lines as CSV and .xlsx. Printed on A4 landscape.
struct BookPageData {
  std::string year, from, to;   // as typed (query parameters nam, tu, den)
  registry::BookFilter filter;  // as understood
  std::vector<registry::BookEntry> entries;
  std::string error;
  std::string query;            // "nam=2026&tu=…" for the download links, "" for none
  // A long register is shown a page of lines at a time (the downloads hold every line); `all`
  // shows every line on one page, for printing the whole book.
  std::int64_t total = 0;       // lines the filter selects
  std::int64_t page = 1, pages = 1;
  bool all = false;
};
std::string RenderBookPage(const PageFrame& frame, const BookPageData& data);

// The register's filter from the query parameters nam, tu, den (a year, arrival days as
// typed); InvalidInput with a Vietnamese message.
Result<registry::BookFilter> BookFilterFromQuery(const std::string& year, const std::string& from,
                                                 const std::string& to);

// The same parameters again ("nam=2026&tu=1%2F12%2F2026"), for the page's links; "" for none.
std::string BookQueryString(const std::string& year, const std::string& from, const std::string& to);

// The task list's filters as typed (query parameters).
struct TaskFilterForm {
  std::string don_vi, co_quan, so, han_tu, han_den, trang_thai;
};

// One row of a task table (due, state, unit, text, letter, the mark-done form); `snippet_html`
// (already safe) under the text when it is a search hit.
std::string TaskRowHtml(const registry::TaskView& v, const std::string& snippet_html = "");

// One letter: its page images (or text) beside its fields, tasks, references, flags and the
// corrections made so far.
struct DocumentPageData {
  registry::DocumentRecord doc;  // corrections applied
  std::vector<registry::Correction> corrections;
  std::map<std::int64_t, std::vector<registry::TaskEvent>> history;  // by task id
  registry::TimePoint now;
  bool page_images = false;
  std::optional<registry::BookEntry> arrival;  // its line in the register of incoming letters
  bool reviewed = false;                        // a clerk confirmed it ("Đã kiểm tra")
  std::vector<registry::LetterFile> files;      // the files it was received as, first one first
  std::int64_t assign_task = 0;  // the task the "Giao việc" form starts on (?giao=ID), 0: the letter
};
std::string RenderDocumentPage(const PageFrame& frame, const DocumentPageData& data);

// The upload form.
std::string RenderUploadPage(const PageFrame& frame, std::uint64_t max_upload_bytes);

// An error page with the HTTP status and a one-line message.
std::string RenderErrorPage(const PageFrame& frame, int http_status, const std::string& message);

// Why an uploaded file could not be read, in Vietnamese, from the reader's own (English) reason:
// the clerk reads this line. Reasons without a known wording keep it after a Vietnamese lead.
std::string UploadErrorText(Code code, const std::string& reason);

// "2023-06-08" -> "08/06/2023"; anything else unchanged.
std::string VnDate(const std::string& iso);

// The Vietnamese label of a correctable field ("doc_ref" -> "Số, ký hiệu").
std::string FieldLabel(const std::string& field);

}  // namespace congvan::web

#endif  // CONGVAN_WEB_PAGES_H_
