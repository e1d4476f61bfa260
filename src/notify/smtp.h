// Sending a message over SMTP with libcurl: plain, STARTTLS on the same connection, or TLS from
// the first byte (port 465), with optional login. Bounded in time: a server that does not
// answer is an error after the timeouts, never a hang.
#ifndef CONGVAN_NOTIFY_SMTP_H_
#define CONGVAN_NOTIFY_SMTP_H_

#include <string>
#include <vector>

#include "base/status.h"

namespace congvan::notify {

struct SmtpSettings {
  std::string server;        // host name or address: "mail.so-noi-vu.vn"
  int port = 25;             // 465 means TLS from the start (smtps)
  bool starttls = false;     // require STARTTLS (port 587 usually); refused if the server lacks it
  std::string user;          // login, when the server wants one
  std::string password;
  int connect_seconds = 20;  // to connect
  int total_seconds = 120;   // for the whole exchange
};

// "smtp://mail.so-noi-vu.vn:25" (or smtps://), as the messages name the server.
std::string ServerUrl(const SmtpSettings& settings);

// Sends `message` (CRLF lines, as mime.h composes it) from `from` to each of `to`.
// IoError with one Vietnamese line naming the server and what failed.
Status SendMail(const SmtpSettings& settings, const std::string& from,
                const std::vector<std::string>& to, const std::string& message);

}  // namespace congvan::notify

#endif  // CONGVAN_NOTIFY_SMTP_H_
