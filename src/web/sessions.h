// Sessions of signed-in accounts, in a cookie the browser keeps and any server on the registry
// accepts.
//
// The cookie's value is "LOGIN.EXPIRES.MAC": the login, the Unix time the session ends, and the
// HMAC-SHA256 (OpenSSL) of both and of the account's current password hash, under the
// registry's session key (registry/users.h RegistryKey, generated once). So the server keeps no
// session table, a forged or altered cookie fails the MAC, a changed password ends the
// sessions signed before, and — since the account is read again for every request — a disabled
// account's cookie stops working at once.
#ifndef CONGVAN_WEB_SESSIONS_H_
#define CONGVAN_WEB_SESSIONS_H_

#include <chrono>
#include <optional>
#include <string>

#include "registry/dates.h"
#include "registry/registry.h"
#include "registry/users.h"

namespace congvan::web {

// The name of the session cookie.
inline constexpr char kSessionCookie[] = "congvan_session";
// How long a session lasts after signing in.
inline constexpr std::chrono::hours kSessionLifetime{8};
// The name of the registry's key that signs session cookies.
inline constexpr char kSessionKeyName[] = "session-hmac";

class SessionSigner {
 public:
  explicit SessionSigner(std::string key) : key_(std::move(key)) {}

  // The cookie value for `user`, valid until `expires`.
  std::string Issue(const registry::User& user, registry::TimePoint expires) const;

  // The login a cookie value names when it is well formed; nullopt otherwise. The MAC is not
  // checked yet: that needs the account (Verify).
  static std::optional<std::string> LoginOf(const std::string& value);

  // True when `value` was issued by Issue() for `user` as it is now and has not expired at
  // `now`. Compares the MAC in constant time.
  bool Verify(const std::string& value, const registry::User& user, registry::TimePoint now) const;

  // The CSRF token of the session whose cookie value is `value`: its pages carry it and its
  // writes must send it back. Bound to the session rather than to a process, so a page served
  // by one server may post to another on the same registry; "" for no session.
  std::string CsrfToken(const std::string& value) const;
  // The sign-in form's CSRF token, the same from every server on the registry.
  std::string SignInToken() const;

 private:
  std::string Mac(const std::string& login, const std::string& expires,
                  const std::string& password_hash) const;
  // HMAC-SHA256 of `message` under the key, hex; "" when OpenSSL fails.
  std::string Hmac(const std::string& message) const;

  std::string key_;
};

// The enabled account the cookie value `value` holds a valid session of, or nullopt (no cookie,
// a forged, altered or expired one, an unknown or disabled account). Errors reading the
// registry are errors.
Result<std::optional<registry::User>> SessionAccount(const registry::Registry& registry,
                                                     const SessionSigner& signer,
                                                     const std::string& value,
                                                     registry::TimePoint now);

}  // namespace congvan::web

#endif  // CONGVAN_WEB_SESSIONS_H_
