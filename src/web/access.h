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
//  - Accounts (registry/users.h): once the registry has an enabled account, tokens and the
//    loopback "local" are no longer enough: every request but the sign-in page and the assets
//    needs the session cookie of a signed-in account (web/sessions.h), the account's login is
//    the "who", and its role decides what it may do (NeedOf, RoleAllows). CSRF is checked as
//    for the token cookie.
#ifndef CONGVAN_WEB_ACCESS_H_
#define CONGVAN_WEB_ACCESS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "base/status.h"
#include "registry/users.h"

namespace congvan::web {

// The parts of a request the checks look at.
struct RequestFacts {
  std::string method;         // "GET", "POST", ...
  std::string path;           // "/tasks", "/api/tasks/12", ...
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
  // The CSRF token the caller's pages carry: the process's secret, or with accounts the one
  // bound to the caller's session (web/sessions.h).
  std::string csrf_token;
  // With accounts: the signed-in account's role and unit.
  std::optional<registry::Role> role;
  std::optional<std::int64_t> unit_id;
  std::string unit_name;
  bool accounts = false;  // the registry has accounts: a 401 sends a browser to sign in
};

// What a request needs of a signed-in account.
enum class Need {
  kNone,        // the sign-in page, signing out, the assets
  kRead,        // reading pages and the API (a cán bộ only its unit's tasks and letters)
  kReadAll,     // what shows the whole office's work: the register, dashboard, report, the
                // letter list API, the units page (with the spellings found in every task)
  kUpdateTask,  // marking a task done or reopening it (a cán bộ only its unit's)
  kAssign,      // assigning a letter or a task
  kUnits,       // changing the directory of units
  kClerk,       // registering (upload), correcting, deleting, marking reviewed
};

// What `method` on `path` needs.
Need NeedOf(const std::string& method, const std::string& path);

// Whether an account of `role` may do what `need` names:
//   quản trị everything; văn thư everything but nothing more than a clerk did before accounts;
//   lãnh đạo reads everything, assigns and updates tasks; cán bộ reads (its unit's) and updates
//   its unit's tasks.
bool RoleAllows(registry::Role role, Need need);

// The sign-in form's pages: their POSTs carry the CSRF token as a form field, checked by their
// handler (the form posts without the page's script).
bool IsSignInPath(const std::string& path);

// The name of the cookie that carries the access token.
inline constexpr char kTokenCookie[] = "congvan_token";

class AccessControl {
 public:
  // `tokens`: secret -> name; `loopback_only`: the server listens on a loopback address;
  // `csrf_secret`: this process's secret for X-CSRF-Token.
  AccessControl(std::map<std::string, std::string> tokens, bool loopback_only,
                std::string csrf_secret);

  // Without accounts: tokens or loopback, CSRF, Host.
  AccessDecision Check(const RequestFacts& request) const;

  // With accounts: `account` is the enabled account whose session cookie the request carries
  // (already verified), or nullptr; `session_csrf` the CSRF token bound to that session. Host
  // as Check(), and writes need `session_csrf` in X-CSRF-Token; 401 without an account for
  // anything but Need::kNone, 403 when the role does not allow it.
  AccessDecision CheckAccount(const RequestFacts& request, const registry::User* account,
                              const std::string& session_csrf) const;

  // Whether a form's CSRF field `token` is `expected` and the request's Origin, when sent, is
  // this server's own.
  bool FormCsrfOk(const RequestFacts& request, const std::string& token,
                  const std::string& expected) const;

  const std::string& csrf_secret() const { return csrf_secret_; }
  bool requires_token() const { return !tokens_.empty(); }

 private:
  // The name for `secret`, or "" when it is not a configured token. Compares in constant time.
  std::string NameOf(const std::string& secret) const;

  std::map<std::string, std::string> tokens_;
  bool loopback_only_;
  std::string csrf_secret_;
};

// The value of cookie `name` in a Cookie header, or "".
std::string CookieValue(const std::string& header, const std::string& name);

// A fresh random secret: 32 bytes from OpenSSL's CSPRNG, hex encoded.
Result<std::string> RandomSecret();

// Comparison whose time does not depend on where the strings differ.
bool ConstantTimeEquals(const std::string& a, const std::string& b);

}  // namespace congvan::web

#endif  // CONGVAN_WEB_ACCESS_H_
