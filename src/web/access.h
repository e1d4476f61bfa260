// Who may use the server and which requests are refused before any handler runs.
//
//  - Access tokens: when any are configured, every request must carry one, as
//    "Authorization: Bearer T" (scripts), the congvan_token cookie (browsers; set after the
//    first visit with ?token=T) or, for GET only, ?token=T (calendar clients cannot send
//    headers). The token's name is who the history and corrections record; without tokens
//    (loopback only) that is "local".
//  - CSRF: a state-changing request (POST, PUT, PATCH, DELETE) authenticated by the cookie or
//    by nothing (loopback) must carry the server's per-process secret in X-CSRF-Token — pages
//    embed it, other sites cannot read it — and, when the browser sends Origin, come from this
//    server's own origin. A request with a bearer token carries no ambient credential and needs
//    neither.
//  - Host: a loopback server answers only requests addressed to a loopback name, so a web page
//    cannot reach it through a DNS name rebound to 127.0.0.1.
#ifndef CONGVAN_WEB_ACCESS_H_
#define CONGVAN_WEB_ACCESS_H_

#include <map>
#include <string>

#include "base/status.h"

namespace congvan::web {

// The parts of a request the checks look at.
struct RequestFacts {
  std::string method;         // "GET", "POST", ...
  std::string host;           // Host header
  std::size_t host_headers = 1;  // how many Host headers the request carried
  std::string origin;         // Origin header, "" when absent
  std::string authorization;  // Authorization header
  std::string cookie;         // Cookie header
  std::string query_token;    // ?token=
  std::string csrf_header;    // X-CSRF-Token header
};

// The outcome: allowed (with who is asking) or refused with an HTTP status and a message.
struct AccessDecision {
  bool allowed = false;
  int http_status = 403;
  std::string message;         // Vietnamese, shown to the clerk
  std::string who;             // token name or "local"
  bool token_from_query = false;  // the caller should get the cookie
  std::string token;           // the matched secret (to set the cookie)
};

// The name of the cookie that carries the access token.
inline constexpr char kTokenCookie[] = "congvan_token";

class AccessControl {
 public:
  // `tokens`: secret -> name; `loopback_only`: the server listens on a loopback address;
  // `csrf_secret`: this process's secret for X-CSRF-Token.
  AccessControl(std::map<std::string, std::string> tokens, bool loopback_only,
                std::string csrf_secret);

  AccessDecision Check(const RequestFacts& request) const;

  const std::string& csrf_secret() const { return csrf_secret_; }
  bool requires_token() const { return !tokens_.empty(); }

 private:
  // The name for `secret`, or "" when it is not a configured token. Compares in constant time.
  std::string NameOf(const std::string& secret) const;

  std::map<std::string, std::string> tokens_;
  bool loopback_only_;
  std::string csrf_secret_;
};

// A fresh random secret: 32 bytes from OpenSSL's CSPRNG, hex encoded.
Result<std::string> RandomSecret();

// Comparison whose time does not depend on where the strings differ.
bool ConstantTimeEquals(const std::string& a, const std::string& b);

}  // namespace congvan::web

#endif  // CONGVAN_WEB_ACCESS_H_
