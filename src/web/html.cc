#include "web/html.h"

namespace congvan::web {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string HighlightSnippet(std::string_view snippet) {
  static constexpr std::string_view kOpen = "\u00ab", kClose = "\u00bb";
  std::string out;
  std::size_t start = 0;
  while (start < snippet.size()) {
    const std::size_t open = snippet.find(kOpen, start);
    if (open == std::string_view::npos) break;
    const std::size_t close = snippet.find(kClose, open + kOpen.size());
    if (close == std::string_view::npos) break;
    out += Escape(snippet.substr(start, open - start));
    out += "<mark>";
    out += Escape(snippet.substr(open + kOpen.size(), close - open - kOpen.size()));
    out += "</mark>";
    start = close + kClose.size();
  }
  out += Escape(snippet.substr(start));
  return out;
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace congvan::web
