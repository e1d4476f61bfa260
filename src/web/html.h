// Building HTML safely: every value that reaches a page goes through Escape(), which makes it
// text in element content and in quoted attributes alike, so a letter containing "<script>"
// shows those characters instead of running them.
#ifndef CONGVAN_WEB_HTML_H_
#define CONGVAN_WEB_HTML_H_

#include <string>
#include <string_view>

namespace congvan::web {

// & < > " ' as character references.
std::string Escape(std::string_view text);

// A search snippet (matches between « and », registry/search.h) escaped, with the matches
// wrapped in <mark>.
std::string HighlightSnippet(std::string_view snippet);

// Percent-encoding for a query-string value (UTF-8 bytes kept as %XX).
std::string UrlEncode(std::string_view text);

}  // namespace congvan::web

#endif  // CONGVAN_WEB_HTML_H_
