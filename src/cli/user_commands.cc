#include "cli/user_commands.h"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/command_support.h"
#include "registry/registry.h"
#include "registry/units.h"
#include "registry/users.h"
#include "text/tokens.h"

namespace congvan::cli {
namespace {

// Turns the terminal's echo off while it lives (when standard input is a terminal), so a
// password typed is not shown.
class EchoOff {
 public:
  EchoOff() {
    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;
  ~EchoOff() {
    if (!active_) return;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
    std::fputs("\n", stderr);
  }

 private:
  termios saved_{};
  bool active_ = false;
};

// One line of standard input: the password, without its line end.
Result<std::string> ReadPassword(const std::string& login) {
  if (isatty(STDIN_FILENO)) {
    std::fprintf(stderr, "Mật khẩu cho %s (ít nhất %zu ký tự): ", login.c_str(),
                 registry::kMinPasswordChars);
  }
  std::string line;
  {
    EchoOff quiet;
    if (!std::getline(std::cin, line)) {
      return Status::InvalidInput("Thiếu mật khẩu: hãy đưa mật khẩu vào đầu vào chuẩn, một dòng.");
    }
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  CONGVAN_RETURN_IF_ERROR(registry::CheckPassword(line));
  return line;
}

std::string UnitText(const registry::User& u) {
  return u.unit_name.empty() ? "" : "  đơn vị: " + u.unit_name;
}

}  // namespace

int UserAdd(const Common& common, const UserAddOptions& options) {
  std::optional<registry::Role> role = registry::ParseRole(options.role);
  if (!role) {
    return Fail(Status::InvalidInput("Không có vai trò «" + options.role +
                                     "»; dùng quan_tri, van_thu, lanh_dao hoặc can_bo."));
  }
  if (Status login = registry::CheckLogin(options.login); !login.ok()) return Fail(login);
  auto reg = OpenRegistry(common);
  if (!reg.ok()) return Fail(reg.status());
  registry::NewUser user;
  user.login = options.login;
  user.display_name = options.name;
  user.role = *role;
  user.created_by = LoginName();
  if (!options.unit.empty()) {
    Result<registry::Unit> unit = registry::ExactUnit(**reg, options.unit);
    if (!unit.ok()) return Fail(unit.status());
    user.unit_id = unit->id;
  }
  if (*role == registry::Role::kCanBo && !user.unit_id) {
    return Fail(Status::InvalidInput("Tài khoản cán bộ đơn vị cần một đơn vị (--unit)."));
  }
  if (registry::FindUser(**reg, user.login).ok()) {
    return Fail(Status::AlreadyExists("Đã có tài khoản «" + user.login + "»."));
  }
  Result<std::string> password = ReadPassword(user.login);
  if (!password.ok()) return Fail(password.status());
  user.password = std::move(*password);
  Result<registry::User> added = registry::AddUser(**reg, user, Now());
  if (!added.ok()) return Fail(added.status());
  std::printf("user %s: %s%s\n", added->login.c_str(),
              std::string(registry::RoleLabel(added->role)).c_str(), UnitText(*added).c_str());
  return 0;
}

int UserList(const Common& common, bool json) {
  auto reg = OpenRegistry(common);
  if (!reg.ok()) return Fail(reg.status());
  Result<std::vector<registry::User>> users = registry::ListUsers(**reg);
  if (!users.ok()) return Fail(users.status());
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const registry::User& u : *users) {
      out.push_back({{"login", u.login},
                     {"name", u.display_name},
                     {"role", registry::RoleName(u.role)},
                     {"unit_id", u.unit_id ? nlohmann::json(*u.unit_id) : nlohmann::json()},
                     {"unit", u.unit_name},
                     {"disabled", u.disabled},
                     {"created_at", u.created_at},
                     {"created_by", u.created_by}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  if (users->empty()) std::printf("(chưa có tài khoản nào: trang web không cần đăng nhập)\n");
  for (const registry::User& u : *users) {
    std::printf("%-20s %-14s%s%s%s\n", u.login.c_str(),
                std::string(registry::RoleLabel(u.role)).c_str(),
                u.display_name.empty() ? "" : ("  " + u.display_name).c_str(),
                UnitText(u).c_str(), u.disabled ? "  (đã khóa)" : "");
  }
  return 0;
}

int UserSetDisabled(const Common& common, const std::string& login, bool disabled) {
  auto reg = OpenRegistry(common);
  if (!reg.ok()) return Fail(reg.status());
  Status s = registry::SetUserDisabled(**reg, login, disabled);
  if (!s.ok()) return Fail(s);
  std::printf("user %s: %s\n", login.c_str(), disabled ? "đã khóa" : "đã mở lại");
  return 0;
}

int UserPasswd(const Common& common, const std::string& login) {
  auto reg = OpenRegistry(common);
  if (!reg.ok()) return Fail(reg.status());
  Result<registry::User> user = registry::FindUser(**reg, login);
  if (!user.ok()) return Fail(user.status());
  Result<std::string> password = ReadPassword(login);
  if (!password.ok()) return Fail(password.status());
  Status s = registry::SetPassword(**reg, login, *password);
  if (!s.ok()) return Fail(s);
  std::printf("user %s: đã đổi mật khẩu\n", login.c_str());
  return 0;
}

void AddUserCommands(CLI::App& app, Common& common, CommandTable& table) {
  struct Args {
    UserAddOptions add;
    std::string login;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  Common* c = &common;

  CLI::App* user = app.add_subcommand(
      "user", "Accounts of the web page (once one exists, the page asks to sign in)");
  user->require_subcommand(1);

  CLI::App* add = user->add_subcommand(
      "add", "Add an account; its password is read from standard input, one line");
  AddDbOption(add, common);
  add->add_option("login", a->add.login, "Login: a-z, 0-9, '.', '-', '_'")->required();
  add->add_option("--role", a->add.role, "quan_tri, van_thu, lanh_dao or can_bo")->required();
  add->add_option("--unit", a->add.unit,
                  "The account's unit (its name, another name or its number); required for can_bo");
  add->add_option("--name", a->add.name, "The person's name, as shown on the pages");
  table.push_back({add, [a, c] { return UserAdd(*c, a->add); }});

  CLI::App* list = user->add_subcommand("list", "List the accounts");
  AddDbOption(list, common);
  list->add_flag("--json", a->json, "Print as JSON");
  table.push_back({list, [a, c] { return UserList(*c, a->json); }});

  for (const bool disabled : {true, false}) {
    CLI::App* sub = user->add_subcommand(disabled ? "disable" : "enable",
                                         disabled ? "Disable an account (its sessions end at once)"
                                                  : "Enable a disabled account again");
    AddDbOption(sub, common);
    sub->add_option("login", a->login, "The account's login")->required();
    table.push_back({sub, [a, c, disabled] { return UserSetDisabled(*c, a->login, disabled); }});
  }

  CLI::App* passwd = user->add_subcommand(
      "passwd", "Set an account's password, read from standard input (its sessions end)");
  AddDbOption(passwd, common);
  passwd->add_option("login", a->login, "The account's login")->required();
  table.push_back({passwd, [a, c] { return UserPasswd(*c, a->login); }});
}

}  // namespace congvan::cli
