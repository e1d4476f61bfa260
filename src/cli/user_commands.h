// The accounts of the web pages (registry/users.h): `congvan user add|list|disable|enable|
// passwd`. A password is read from standard input, one line (never from the command line, where
// other users of the machine could see it in the process list); on a terminal it is not echoed.
// Errors are one Vietnamese line on stderr with exit status 1.
#ifndef CONGVAN_CLI_USER_COMMANDS_H_
#define CONGVAN_CLI_USER_COMMANDS_H_

#include <string>

#include "cli/command_table.h"
#include "cli/commands.h"

namespace congvan::cli {

struct UserAddOptions {
  std::string login;
  std::string role;  // quan_tri, van_thu, lanh_dao, can_bo
  std::string unit;  // a unit's name, other name or number; "" for none
  std::string name;  // the display name
};

// congvan user add LOGIN --role ROLE [--unit UNIT] [--name NAME] (password on stdin)
int UserAdd(const Common& common, const UserAddOptions& options);
// congvan user list [--json]
int UserList(const Common& common, bool json);
// congvan user disable|enable LOGIN
int UserSetDisabled(const Common& common, const std::string& login, bool disabled);
// congvan user passwd LOGIN (the new password on stdin)
int UserPasswd(const Common& common, const std::string& login);

// Adds `user` to `app`.
void AddUserCommands(CLI::App& app, Common& common, CommandTable& table);

}  // namespace congvan::cli

#endif  // CONGVAN_CLI_USER_COMMANDS_H_
