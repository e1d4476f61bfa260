#include "web/sessions.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <charconv>

#include "web/access.h"

namespace congvan::web {
namespace {

std::int64_t UnixSeconds(registry::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

struct Parts {
  std::string login, expires, mac;
};

// "LOGIN.EXPIRES.MAC" split at its last two dots (a login may hold dots, the others cannot).
std::optional<Parts> Split(const std::string& value) {
  const std::size_t second = value.rfind('.');
  if (second == std::string::npos || second == 0) return std::nullopt;
  const std::size_t first = value.rfind('.', second - 1);
  if (first == std::string::npos) return std::nullopt;
  Parts p{value.substr(0, first), value.substr(first + 1, second - first - 1),
          value.substr(second + 1)};
  if (!registry::CheckLogin(p.login).ok()) return std::nullopt;
  if (p.expires.empty() || p.expires.size() > 12 ||
      p.expires.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  if (p.mac.size() != 64 || p.mac.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return std::nullopt;
  }
  return p;
}

}  // namespace

std::string SessionSigner::Mac(const std::string& login, const std::string& expires,
                               const std::string& password_hash) const {
  // Fields separated by a byte none of them can hold, so no two triples sign alike.
  return Hmac("congvan-session\n" + login + "\n" + expires + "\n" + password_hash);
}

std::string SessionSigner::CsrfToken(const std::string& value) const {
  if (value.empty()) return "";
  // Another prefix than the session's own MAC: the token reveals nothing that signs a cookie.
  return Hmac("congvan-csrf\n" + value);
}

std::string SessionSigner::SignInToken() const { return Hmac("congvan-sign-in-form"); }

std::string SessionSigner::Hmac(const std::string& message) const {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac,
           &length) == nullptr) {
    return "";  // never equal to a cookie's 64 hex digits: the session is refused
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[mac[i] >> 4];
    out += kHex[mac[i] & 15];
  }
  return out;
}

std::string SessionSigner::Issue(const registry::User& user, registry::TimePoint expires) const {
  const std::string when = std::to_string(UnixSeconds(expires));
  return user.login + "." + when + "." + Mac(user.login, when, user.password_hash);
}

std::optional<std::string> SessionSigner::LoginOf(const std::string& value) {
  std::optional<Parts> p = Split(value);
  if (!p) return std::nullopt;
  return p->login;
}

bool SessionSigner::Verify(const std::string& value, const registry::User& user,
                           registry::TimePoint now) const {
  std::optional<Parts> p = Split(value);
  if (!p || p->login != user.login) return false;
  if (!ConstantTimeEquals(Mac(p->login, p->expires, user.password_hash), p->mac)) return false;
  std::int64_t expires = 0;
  std::from_chars(p->expires.data(), p->expires.data() + p->expires.size(), expires);
  return expires > UnixSeconds(now);
}

Result<std::optional<registry::User>> SessionAccount(const registry::Registry& registry,
                                                     const SessionSigner& signer,
                                                     const std::string& value,
                                                     registry::TimePoint now) {
  std::optional<std::string> login = SessionSigner::LoginOf(value);
  if (!login) return std::optional<registry::User>();
  Result<registry::User> user = registry::FindUser(registry, *login);
  if (!user.ok()) {
    if (user.status().code() == Code::kNotFound) return std::optional<registry::User>();
    return user.status();
  }
  if (user->disabled || !signer.Verify(value, *user, now)) return std::optional<registry::User>();
  return std::optional<registry::User>(std::move(*user));
}

}  // namespace congvan::web
