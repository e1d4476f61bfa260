#include "registry/users.h"

#include <sodium.h>

#include <algorithm>
#include <utility>

#include "registry/statement.h"
#include "registry/units.h"
#include "text/utf8.h"

namespace congvan::registry {
namespace {

constexpr Role kRoles[] = {Role::kQuanTri, Role::kVanThu, Role::kLanhDao, Role::kCanBo};

// The one message for every failed sign-in but a refused name: it must not tell an unknown
// login from a wrong password.
constexpr char kWrongSignIn[] = "Tên đăng nhập hoặc mật khẩu không đúng.";

constexpr std::size_t kMaxDisplayNameBytes = 200;

// libsodium must be initialised before use; sodium_init() is idempotent and thread-safe.
Status InitSodium() {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  return Status::Ok();
}

// The Argon2id string of `password` (random salt, interactive limits).
Result<std::string> HashPassword(const std::string& password) {
  CONGVAN_RETURN_IF_ERROR(InitSodium());
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    // Only running out of memory makes it fail.
    return Status::Internal("Argon2id could not hash the password (out of memory?)");
  }
  return std::string(out);
}

bool PasswordMatches(const std::string& hash, const std::string& password) {
  if (!InitSodium().ok()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::int64_t UnixMillis(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

constexpr char kSelectUser[] =
    "SELECT u.id, u.login, u.display_name, u.role, u.unit_id, coalesce(n.name, ''), u.disabled, "
    "u.created_at, u.created_by, u.password_hash FROM users u LEFT JOIN units n ON n.id = u.unit_id";

User ReadUser(const Statement& s) {
  User u;
  u.id = s.ColumnInt64(0);
  u.login = s.ColumnText(1);
  u.display_name = s.ColumnText(2);
  u.role = ParseRole(s.ColumnText(3)).value_or(Role::kCanBo);  // the CHECK allows no other
  if (s.ColumnInt64(4) != 0) u.unit_id = s.ColumnInt64(4);
  u.unit_name = s.ColumnText(5);
  u.disabled = s.ColumnInt64(6) != 0;
  u.created_at = s.ColumnText(7);
  u.created_by = s.ColumnText(8);
  u.password_hash = s.ColumnText(9);
  return u;
}

Result<std::optional<User>> LookUp(Connection db, const std::string& login) {
  Result<Statement> stmt = Statement::Prepare(db, std::string(kSelectUser) + " WHERE u.login = ?1");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, login));
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<User>();
  return std::optional<User>(ReadUser(*stmt));
}

Status NoSuchUser(const std::string& login) {
  // The login as typed may be anything: quote it only when it is a login at all.
  if (!CheckLogin(login).ok()) return Status::NotFound("Không có tài khoản này.");
  return Status::NotFound("Không có tài khoản «" + login + "».");
}

Status CheckDisplayName(const std::string& name) {
  if (name.size() > kMaxDisplayNameBytes) {
    return Status::InvalidInput("Tên hiển thị dài quá " + std::to_string(kMaxDisplayNameBytes) +
                                " byte.");
  }
  if (std::any_of(name.begin(), name.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    return Status::InvalidInput("Tên hiển thị chứa ký tự điều khiển.");
  }
  return Status::Ok();
}

Result<int> RecentFailures(Connection db, const std::string& login, TimePoint now) {
  Result<Statement> count = Statement::Prepare(
      db, "SELECT count(*) FROM login_failures WHERE login = ?1 AND at_ms > ?2");
  if (!count.ok()) return count.status();
  CONGVAN_RETURN_IF_ERROR(count->BindText(1, login));
  CONGVAN_RETURN_IF_ERROR(count->BindInt64(2, UnixMillis(now - kSignInFailureWindow)));
  Result<bool> row = count->Step();
  if (!row.ok()) return row.status();
  return static_cast<int>(count->ColumnInt64(0));
}

// Records a failure of `login` and forgets its failures older than the window, so the table
// holds at most a window's worth per name.
Status RecordFailure(Connection db, const std::string& login, TimePoint now) {
  Result<Statement> prune =
      Statement::Prepare(db, "DELETE FROM login_failures WHERE login = ?1 AND at_ms <= ?2");
  if (!prune.ok()) return prune.status();
  CONGVAN_RETURN_IF_ERROR(prune->BindText(1, login));
  CONGVAN_RETURN_IF_ERROR(prune->BindInt64(2, UnixMillis(now - kSignInFailureWindow)));
  CONGVAN_RETURN_IF_ERROR(prune->Run());
  Result<Statement> insert =
      Statement::Prepare(db, "INSERT INTO login_failures (login, at_ms) VALUES (?1, ?2)");
  if (!insert.ok()) return insert.status();
  CONGVAN_RETURN_IF_ERROR(insert->BindText(1, login));
  CONGVAN_RETURN_IF_ERROR(insert->BindInt64(2, UnixMillis(now)));
  return insert->Run();
}

Status ForgetFailures(Connection db, const std::string& login) {
  Result<Statement> forget = Statement::Prepare(db, "DELETE FROM login_failures WHERE login = ?1");
  if (!forget.ok()) return forget.status();
  CONGVAN_RETURN_IF_ERROR(forget->BindText(1, login));
  return forget->Run();
}

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kQuanTri: return "quan_tri";
    case Role::kVanThu: return "van_thu";
    case Role::kLanhDao: return "lanh_dao";
    case Role::kCanBo: return "can_bo";
  }
  return "can_bo";
}

std::string_view RoleLabel(Role role) {
  switch (role) {
    case Role::kQuanTri: return "quản trị";
    case Role::kVanThu: return "văn thư";
    case Role::kLanhDao: return "lãnh đạo";
    case Role::kCanBo: return "cán bộ đơn vị";
  }
  return "cán bộ đơn vị";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : kRoles) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

Status CheckLogin(std::string_view login) {
  const bool shape_ok =
      login.size() >= 2 && login.size() <= 64 &&
      login.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") == std::string_view::npos &&
      std::string_view("abcdefghijklmnopqrstuvwxyz0123456789").find(login.front()) !=
          std::string_view::npos;
  if (shape_ok) return Status::Ok();
  return Status::InvalidInput(
      "Tên đăng nhập phải dài 2 đến 64 ký tự, chỉ gồm chữ thường không dấu, chữ số, '.', '-', "
      "'_' và bắt đầu bằng chữ hoặc số.");
}

Status CheckPassword(std::string_view password) {
  if (password.size() > kMaxPasswordBytes) {
    return Status::InvalidInput("Mật khẩu dài quá " + std::to_string(kMaxPasswordBytes) + " byte.");
  }
  std::size_t chars = 0;
  bool bad = false;
  const auto* s = reinterpret_cast<const uint8_t*>(password.data());
  const auto n = static_cast<int32_t>(password.size());
  for (int32_t i = 0; i < n;) {
    const int32_t c = text::NextCodePoint(s, i, n);
    if (c < 0x20 || c == 0x7f) bad = true;  // negative: not UTF-8
    ++chars;
  }
  if (bad) return Status::InvalidInput("Mật khẩu chứa ký tự điều khiển hoặc không phải UTF-8.");
  if (chars < kMinPasswordChars) {
    return Status::InvalidInput("Mật khẩu phải có ít nhất " + std::to_string(kMinPasswordChars) +
                                " ký tự.");
  }
  return Status::Ok();
}

Result<User> AddUser(Registry& registry, const NewUser& user, TimePoint now) {
  CONGVAN_RETURN_IF_ERROR(CheckLogin(user.login));
  CONGVAN_RETURN_IF_ERROR(CheckDisplayName(user.display_name));
  CONGVAN_RETURN_IF_ERROR(CheckPassword(user.password));
  if (user.role == Role::kCanBo && !user.unit_id) {
    return Status::InvalidInput("Tài khoản cán bộ đơn vị cần một đơn vị (--unit).");
  }
  if (user.unit_id) {
    Result<Unit> unit = GetUnit(registry, *user.unit_id);
    if (!unit.ok()) return unit.status();
  }
  // Hashed before the write lock is taken: it takes a good fraction of a second.
  Result<std::string> hash = HashPassword(user.password);
  if (!hash.ok()) return hash.status();
  const Connection db = registry.db();
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
  if (!tx.ok()) return tx.status();
  Result<std::optional<User>> existing = LookUp(db, user.login);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) {
    return Status::AlreadyExists("Đã có tài khoản «" + user.login + "».");
  }
  Result<Statement> insert = Statement::Prepare(
      db, "INSERT INTO users (login, display_name, role, unit_id, password_hash, created_at, "
          "created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!insert.ok()) return insert.status();
  CONGVAN_RETURN_IF_ERROR(insert->BindText(1, user.login));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(2, user.display_name));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(3, RoleName(user.role)));
  CONGVAN_RETURN_IF_ERROR(user.unit_id ? insert->BindInt64(4, *user.unit_id) : insert->BindNull(4));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(5, *hash));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(6, UtcTimestamp(now)));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(7, user.created_by));
  CONGVAN_RETURN_IF_ERROR(insert->Run());
  Result<std::optional<User>> added = LookUp(db, user.login);
  if (!added.ok()) return added.status();
  CONGVAN_RETURN_IF_ERROR(tx->Commit());
  return std::move(**added);
}

Result<std::vector<User>> ListUsers(const Registry& registry) {
  Result<Statement> stmt =
      Statement::Prepare(registry.db(), std::string(kSelectUser) + " ORDER BY u.login");
  if (!stmt.ok()) return stmt.status();
  std::vector<User> users;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return users;
    users.push_back(ReadUser(*stmt));
  }
}

Result<User> FindUser(const Registry& registry, const std::string& login) {
  Result<std::optional<User>> found = LookUp(registry.db(), login);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return NoSuchUser(login);
  return std::move(**found);
}

Status SetUserDisabled(Registry& registry, const std::string& login, bool disabled) {
  Result<Statement> update =
      Statement::Prepare(registry.db(), "UPDATE users SET disabled = ?2 WHERE login = ?1");
  if (!update.ok()) return update.status();
  CONGVAN_RETURN_IF_ERROR(update->BindText(1, login));
  CONGVAN_RETURN_IF_ERROR(update->BindInt64(2, disabled ? 1 : 0));
  CONGVAN_RETURN_IF_ERROR(update->Run());
  if (update->Changes() == 0) return NoSuchUser(login);
  return Status::Ok();
}

Status SetPassword(Registry& registry, const std::string& login, const std::string& password) {
  CONGVAN_RETURN_IF_ERROR(CheckPassword(password));
  Result<User> user = FindUser(registry, login);
  if (!user.ok()) return user.status();
  Result<std::string> hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  const Connection db = registry.db();
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
  if (!tx.ok()) return tx.status();
  Result<Statement> update =
      Statement::Prepare(db, "UPDATE users SET password_hash = ?2 WHERE login = ?1");
  if (!update.ok()) return update.status();
  CONGVAN_RETURN_IF_ERROR(update->BindText(1, login));
  CONGVAN_RETURN_IF_ERROR(update->BindText(2, *hash));
  CONGVAN_RETURN_IF_ERROR(update->Run());
  if (update->Changes() == 0) return NoSuchUser(login);
  CONGVAN_RETURN_IF_ERROR(ForgetFailures(db, login));
  return tx->Commit();
}

Result<bool> HasEnabledUsers(const Registry& registry) {
  Result<std::int64_t> any = QueryInt64(registry.db(),
                                        "SELECT EXISTS (SELECT 1 FROM users WHERE disabled = 0)");
  if (!any.ok()) return any.status();
  return *any != 0;
}

Result<User> SignIn(Registry& registry, const std::string& login, const std::string& password,
                    TimePoint now) {
  const Connection db = registry.db();
  Result<int> failures = RecentFailures(db, login, now);
  if (!failures.ok()) return failures.status();
  if (*failures >= kMaxSignInFailures) {
    return Status::InvalidInput("Đăng nhập sai quá " + std::to_string(kMaxSignInFailures) +
                                " lần; tên đăng nhập này bị tạm khóa " +
                                std::to_string(kSignInFailureWindow.count()) +
                                " phút. Hãy thử lại sau hoặc hỏi quản trị viên.");
  }
  Result<std::optional<User>> found = LookUp(db, login);
  if (!found.ok()) return found.status();
  bool ok = false;
  if (found->has_value()) {
    ok = PasswordMatches((*found)->password_hash, password) && !(*found)->disabled;
  } else {
    // The same work as for a known login, so the time taken does not tell which logins exist.
    Result<std::string> ignored = HashPassword(password);
    (void)ignored;
  }
  if (!ok) {
    // Only an account's failures are stored: a login name that is no account may be a password
    // typed in the wrong field, and must not be written anywhere.
    if (found->has_value()) CONGVAN_RETURN_IF_ERROR(RecordFailure(db, login, now));
    return Status::InvalidInput(kWrongSignIn);
  }
  CONGVAN_RETURN_IF_ERROR(ForgetFailures(db, login));
  return std::move(**found);
}

namespace {

// The condition "task t is one of unit u's", shared by the task and the letter checks.
constexpr char kTaskOfUnit[] =
    "(instr(' ' || t.assignee_key || ' ', ' ' || u.name_key || ' ') > 0 OR t.assignee_key IN "
    "(SELECT alias_key FROM unit_aliases WHERE unit_id = u.id))";

Result<bool> Exists(const Registry& registry, const std::string& sql, std::int64_t a,
                    std::int64_t b) {
  Result<Statement> stmt = Statement::Prepare(registry.db(), sql);
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(1, a));
  CONGVAN_RETURN_IF_ERROR(stmt->BindInt64(2, b));
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  return *row && stmt->ColumnInt64(0) != 0;
}

}  // namespace

Result<bool> TaskOfUnit(const Registry& registry, std::int64_t task_id, std::int64_t unit_id) {
  return Exists(registry,
                std::string("SELECT EXISTS (SELECT 1 FROM tasks t, units u WHERE t.id = ?1 AND "
                            "u.id = ?2 AND ") + kTaskOfUnit + ")",
                task_id, unit_id);
}

Result<bool> LetterHasTaskOfUnit(const Registry& registry, std::int64_t document_id,
                                 std::int64_t unit_id) {
  return Exists(registry,
                std::string("SELECT EXISTS (SELECT 1 FROM tasks t, units u WHERE t.document_id = "
                            "?1 AND u.id = ?2 AND ") + kTaskOfUnit + ")",
                document_id, unit_id);
}

Result<std::string> RegistryKey(Registry& registry, const std::string& name,
                                const std::string& candidate, TimePoint now) {
  const Connection db = registry.db();
  Result<Statement> insert = Statement::Prepare(
      db, "INSERT INTO secrets (name, value, created_at) VALUES (?1, ?2, ?3) "
          "ON CONFLICT (name) DO NOTHING");
  if (!insert.ok()) return insert.status();
  CONGVAN_RETURN_IF_ERROR(insert->BindText(1, name));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(2, candidate));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(3, UtcTimestamp(now)));
  CONGVAN_RETURN_IF_ERROR(insert->Run());
  Result<Statement> select = Statement::Prepare(db, "SELECT value FROM secrets WHERE name = ?1");
  if (!select.ok()) return select.status();
  CONGVAN_RETURN_IF_ERROR(select->BindText(1, name));
  Result<bool> row = select->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("the registry's key " + name + " was not stored");
  return select->ColumnText(0);
}

}  // namespace congvan::registry
