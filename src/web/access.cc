#include "web/access.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <string_view>
#include <utility>

#include "web/options.h"

namespace congvan::web {
namespace {

bool IsStateChanging(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool AllDigits(std::string_view s) {
  return !s.empty() && s.size() <= 5 &&
         s.find_first_not_of("0123456789") == std::string_view::npos;
}

// The host name of a whole Host header: "127.0.0.1:8080" -> "127.0.0.1", "[::1]:80" -> "::1",
// or "" when the header is anything but a name and an optional numeric port
// ("127.0.0.1:1@evil.com" is not a loopback name with junk after it: it is refused whole).
std::string HostName(const std::string& host) {
  std::string_view rest = host;
  std::string_view name;
  if (!rest.empty() && rest.front() == '[') {
    const std::size_t close = rest.find(']');
    if (close == std::string_view::npos) return "";
    name = rest.substr(1, close - 1);
    rest.remove_prefix(close + 1);
  } else {
    const std::size_t colon = rest.find(':');
    name = rest.substr(0, colon);
    rest.remove_prefix(colon == std::string_view::npos ? rest.size() : colon);
    if (name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") !=
        std::string_view::npos) {
      return "";
    }
  }
  if (!rest.empty() && !(rest.front() == ':' && AllDigits(rest.substr(1)))) return "";
  return std::string(name);
}

AccessDecision Refuse(int status, std::string message) {
  AccessDecision d;
  d.http_status = status;
  d.message = std::move(message);
  return d;
}

bool ForeignOrigin(const RequestFacts& r) {
  return !r.origin.empty() && r.origin != "http://" + r.host && r.origin != "https://" + r.host;
}

bool StartsWith(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// What is refused to whom, in the words a clerk reads.
std::string RefusalFor(Need need) {
  switch (need) {
    case Need::kReadAll: return "xem toàn bộ sổ văn bản, tổng quan và báo cáo của cơ quan";
    case Need::kUpdateTask: return "cập nhật nhiệm vụ";
    case Need::kAssign: return "giao việc";
    case Need::kUnits: return "sửa danh mục đơn vị";
    case Need::kClerk: return "đăng ký, sửa, xóa văn bản";
    case Need::kNone:
    case Need::kRead: break;
  }
  return "xem trang này";
}

}  // namespace

AccessControl::AccessControl(std::map<std::string, std::string> tokens, bool loopback_only,
                             std::string csrf_secret)
    : tokens_(std::move(tokens)), loopback_only_(loopback_only),
      csrf_secret_(std::move(csrf_secret)) {}

std::string AccessControl::NameOf(const std::string& secret) const {
  std::string found;
  for (const auto& [token, name] : tokens_) {
    if (ConstantTimeEquals(token, secret)) found = name;
  }
  return found;
}

AccessDecision AccessControl::Check(const RequestFacts& r) const {
  if (r.host_headers > 1) return Refuse(400, "Yêu cầu có nhiều hơn một dòng Host: bị từ chối.");
  if (loopback_only_ && !IsLoopback(HostName(r.host))) {
    return Refuse(403, "Máy chủ này chỉ phục vụ địa chỉ 127.0.0.1 (Host \"" + r.host +
                           "\" bị từ chối).");
  }
  AccessDecision d;
  bool bearer = false;
  if (tokens_.empty()) {
    d.who = "local";
  } else {
    std::string secret;
    const std::string kBearer = "Bearer ";
    if (r.authorization.rfind(kBearer, 0) == 0) {
      secret = r.authorization.substr(kBearer.size());
      bearer = true;
    } else if (std::string cookie = CookieValue(r.cookie, kTokenCookie); !cookie.empty()) {
      secret = cookie;
    } else if (!r.query_token.empty() && r.method == "GET") {
      secret = r.query_token;
      d.token_from_query = true;
    }
    d.who = secret.empty() ? "" : NameOf(secret);
    if (d.who.empty()) {
      return Refuse(401, secret.empty()
                             ? "Cần mã truy cập: mở địa chỉ do quản trị viên cung cấp (có ?token=…)."
                             : "Mã truy cập không đúng.");
    }
    d.token = secret;
  }
  if (IsStateChanging(r.method) && !bearer) {
    if (!ConstantTimeEquals(r.csrf_header, csrf_secret_)) {
      return Refuse(403, "Yêu cầu thiếu mã chống giả mạo (X-CSRF-Token); hãy tải lại trang.");
    }
    if (ForeignOrigin(r)) {
      return Refuse(403, "Yêu cầu đến từ trang khác (" + r.origin + ") bị từ chối.");
    }
  }
  d.allowed = true;
  d.http_status = 200;
  d.csrf_token = csrf_secret_;
  return d;
}

AccessDecision AccessControl::CheckAccount(const RequestFacts& r, const registry::User* account,
                                           const std::string& session_csrf) const {
  if (r.host_headers > 1) return Refuse(400, "Yêu cầu có nhiều hơn một dòng Host: bị từ chối.");
  if (loopback_only_ && !IsLoopback(HostName(r.host))) {
    return Refuse(403, "Máy chủ này chỉ phục vụ địa chỉ 127.0.0.1 (Host \"" + r.host +
                           "\" bị từ chối).");
  }
  const Need need = NeedOf(r.method, r.path);
  AccessDecision d;
  if (account != nullptr) {
    d.who = account->login;
    d.role = account->role;
    d.unit_id = account->unit_id;
    d.unit_name = account->unit_name;
    d.csrf_token = session_csrf;
  }
  if (need != Need::kNone) {
    if (account == nullptr) return Refuse(401, "Cần đăng nhập để dùng trang này.");
    if (IsStateChanging(r.method)) {
      if (!ConstantTimeEquals(r.csrf_header, session_csrf)) {
        return Refuse(403, "Yêu cầu thiếu mã chống giả mạo (X-CSRF-Token); hãy tải lại trang.");
      }
      if (ForeignOrigin(r)) {
        return Refuse(403, "Yêu cầu đến từ trang khác (" + r.origin + ") bị từ chối.");
      }
    }
    if (!RoleAllows(account->role, need)) {
      return Refuse(403, "Tài khoản «" + account->login + "» (" +
                             std::string(registry::RoleLabel(account->role)) +
                             ") không được " + RefusalFor(need) + ".");
    }
  }
  d.allowed = true;
  d.http_status = 200;
  return d;
}

bool AccessControl::FormCsrfOk(const RequestFacts& r, const std::string& token,
                               const std::string& expected) const {
  return ConstantTimeEquals(token, expected) && !ForeignOrigin(r);
}

bool IsSignInPath(const std::string& path) { return path == "/dang-nhap" || path == "/dang-xuat"; }

Need NeedOf(const std::string& method, const std::string& path) {
  if (IsSignInPath(path) || StartsWith(path, "/assets/")) return Need::kNone;
  if (IsStateChanging(method)) {
    if (StartsWith(path, "/api/tasks/")) return Need::kUpdateTask;
    if (StartsWith(path, "/api/documents/") && path.ends_with("/assignments")) return Need::kAssign;
    if (StartsWith(path, "/api/units")) return Need::kUnits;
    return Need::kClerk;
  }
  if (path == "/so-den" || StartsWith(path, "/so-den.") || path == "/tong-quan" ||
      path == "/bao-cao" || path == "/api/documents" || path == "/upload" || path == "/don-vi") {
    return Need::kReadAll;
  }
  return Need::kRead;
}

bool RoleAllows(registry::Role role, Need need) {
  switch (role) {
    case registry::Role::kQuanTri:
    case registry::Role::kVanThu:
      return true;
    case registry::Role::kLanhDao:
      return need != Need::kClerk && need != Need::kUnits;
    case registry::Role::kCanBo:
      return need == Need::kNone || need == Need::kRead || need == Need::kUpdateTask;
  }
  return false;
}

std::string CookieValue(const std::string& header, const std::string& name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    const std::size_t first = part.find_first_not_of(' ');
    if (first != std::string::npos) part = part.substr(first);
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}

Result<std::string> RandomSecret() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    // Without randomness the CSRF protection would be void: refuse to start.
    return Status::Internal("OpenSSL could not produce random bytes for the CSRF secret");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.empty()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace congvan::web
