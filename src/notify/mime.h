// Internet mail as RFC 5322 and MIME (RFC 2045-2047) want it, for the reminder e-mails: UTF-8
// header text as encoded-words, a text/plain and a text/html alternative of one body, each in
// base64 so Vietnamese text survives any mail relay. Lines end in CRLF.
#ifndef CONGVAN_NOTIFY_MIME_H_
#define CONGVAN_NOTIFY_MIME_H_

#include <string>
#include <string_view>
#include <vector>

#include "registry/dates.h"

namespace congvan::notify {

// `text` as it may stand in a header: unchanged when it is printable ASCII, else RFC 2047
// "B" encoded-words ("=?UTF-8?B?…?="), each at most 75 characters and never splitting a UTF-8
// character, folded onto continuation lines.
std::string EncodeHeaderText(std::string_view text);

// Base64 of `bytes` (OpenSSL), in lines of 76 characters ending in CRLF.
std::string Base64Lines(std::string_view bytes);

// "Sun, 06 Dec 2026 15:00:00 +0700": the Date header for `now`, in Viet Nam time.
std::string MailDate(registry::TimePoint now);

struct MailMessage {
  std::string from;                 // address: "congvan@so-noi-vu.vn"
  std::string from_name;            // display name, may hold Vietnamese: "Sổ công văn"
  std::vector<std::string> to;      // addresses; none leaves the To header out
  std::string subject;              // UTF-8
  std::string text;                 // the text/plain alternative, UTF-8, lines ending in \n
  std::string html;                 // the text/html alternative, UTF-8
  std::string message_id;           // "<…@…>"
};

// The whole message, headers and multipart/alternative body, CRLF line ends.
std::string ComposeMime(const MailMessage& message, registry::TimePoint now);

}  // namespace congvan::notify

#endif  // CONGVAN_NOTIFY_MIME_H_
