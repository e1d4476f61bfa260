// The accounts of the people who use the web pages, their roles, and signing in.
//
// A password is kept only as libsodium's Argon2id string (crypto_pwhash_str: a random salt and
// the cost are inside it), computed with the "interactive" limits; the password itself is never
// stored, returned or put into an error message. Signing in fails with the same message for an
// unknown login, a disabled account and a wrong password, and every failure of an account is
// counted in the registry: after kMaxSignInFailures within kSignInFailureWindow the account is
// refused without looking at the password until the window has passed. A login name that is no
// account is not stored (it may be a password typed in the wrong field).
#ifndef CONGVAN_REGISTRY_USERS_H_
#define CONGVAN_REGISTRY_USERS_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "registry/dates.h"
#include "registry/registry.h"

namespace congvan::registry {

// What an account may do (the web server enforces it, src/web/).
enum class Role {
  kQuanTri,  // quản trị: accounts and the directory of units, and everything else
  kVanThu,   // văn thư: registers, corrects, deletes, assigns, updates tasks
  kLanhDao,  // lãnh đạo: sees everything, assigns, updates tasks
  kCanBo,    // cán bộ đơn vị: sees and updates the tasks of its own unit only
};

// "quan_tri", "van_thu", "lanh_dao", "can_bo": the stored form and the command line's.
std::string_view RoleName(Role role);
// "quản trị", "văn thư", "lãnh đạo", "cán bộ đơn vị".
std::string_view RoleLabel(Role role);
// The role named `name` (the stored form), or nullopt.
std::optional<Role> ParseRole(std::string_view name);

// Shortest password accepted, in characters.
inline constexpr std::size_t kMinPasswordChars = 10;
// Longest password accepted, in bytes.
inline constexpr std::size_t kMaxPasswordBytes = 1024;
// Failed sign-ins of one login name after which it is refused, and the window they count in.
inline constexpr int kMaxSignInFailures = 10;
inline constexpr std::chrono::minutes kSignInFailureWindow{15};

struct User {
  std::int64_t id = 0;
  std::string login;                   // "chi.lan": lower-case ASCII letters, digits, . - _
  std::string display_name;            // "Nguyễn Thị Lan"
  Role role = Role::kCanBo;
  std::optional<std::int64_t> unit_id; // the unit (units.h); required for kCanBo
  std::string unit_name;               // its name, "" without a unit
  bool disabled = false;
  std::string created_at;              // ISO 8601 UTC
  std::string created_by;
  // The Argon2id string. Not a secret that signs in, but it changes with the password, so a
  // session signed over it ends when the password is changed.
  std::string password_hash;
};

struct NewUser {
  std::string login;
  std::string display_name;
  Role role = Role::kCanBo;
  std::optional<std::int64_t> unit_id;
  std::string password;
  std::string created_by;
};

// InvalidInput (Vietnamese) when `login` is not 2 to 64 of a-z 0-9 . - _ starting with a letter
// or digit.
Status CheckLogin(std::string_view login);
// InvalidInput (Vietnamese) when `password` is shorter than kMinPasswordChars characters, longer
// than kMaxPasswordBytes, not UTF-8 or holds a control character. Never quotes the password.
Status CheckPassword(std::string_view password);

// Adds an account. InvalidInput for a bad login, name or password, a cán bộ without a unit;
// NotFound for a unit that is not in the directory; AlreadyExists for a login taken.
Result<User> AddUser(Registry& registry, const NewUser& user, TimePoint now);

// Every account, by login.
Result<std::vector<User>> ListUsers(const Registry& registry);

// The account `login`, or NotFound ("Không có tài khoản «X».").
Result<User> FindUser(const Registry& registry, const std::string& login);

// Disables or enables an account. NotFound for no such account.
Status SetUserDisabled(Registry& registry, const std::string& login, bool disabled);

// Replaces the password of `login` (and so ends its sessions). InvalidInput for a bad password;
// NotFound for no such account. Forgets the login's failed sign-ins.
Status SetPassword(Registry& registry, const std::string& login, const std::string& password);

// True when at least one account is enabled: the web server then requires signing in.
Result<bool> HasEnabledUsers(const Registry& registry);

// The enabled account `login` whose password is `password`. InvalidInput with one message for
// an unknown login, a disabled account or a wrong password (the last two counted as failures),
// another when the account has had kMaxSignInFailures failures within kSignInFailureWindow (the password is
// then not checked). A success forgets the login's failures.
Result<User> SignIn(Registry& registry, const std::string& login, const std::string& password,
                    TimePoint now);

// Whether the task `task_id` is one of the unit `unit_id`'s, as the task list's unit filter
// (tasks.h, don-vi) finds them: its assignee holds the unit's name (marks and case folded) or is
// one of the unit's confirmed other names. False for no such task or unit.
Result<bool> TaskOfUnit(const Registry& registry, std::int64_t task_id, std::int64_t unit_id);
// Whether the letter `document_id` has a task of the unit `unit_id` (as TaskOfUnit).
Result<bool> LetterHasTaskOfUnit(const Registry& registry, std::int64_t document_id,
                                 std::int64_t unit_id);

// The registry's key named `name` (secrets table); when it has none yet, `candidate` is stored
// and returned. Two processes racing store one key and both get it.
Result<std::string> RegistryKey(Registry& registry, const std::string& name,
                                const std::string& candidate, TimePoint now);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_USERS_H_
