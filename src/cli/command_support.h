// What every congvan command does the same way: report a failure as one line on stderr, read
// the clock, name who is acting, and open the registry the options name.
#ifndef CONGVAN_CLI_COMMAND_SUPPORT_H_
#define CONGVAN_CLI_COMMAND_SUPPORT_H_

#include <memory>
#include <string>

#include "base/status.h"
#include "cli/commands.h"
#include "registry/dates.h"
#include "registry/registry.h"

namespace congvan::cli {

// Prints "congvan: <message>" on stderr and returns the exit status of a failed command, 1.
int Fail(const Status& status);

// The current time, for the registry's records.
registry::TimePoint Now();

// The login name recorded as who changed, assigned, deleted or restored something: $USER, else
// the account's name (services and cron jobs run without $USER), else "unknown".
std::string LoginName();

// The registry at --db, or the default registry when none was named.
Result<std::unique_ptr<registry::Registry>> OpenRegistry(const Common& common);

}  // namespace congvan::cli

#endif  // CONGVAN_CLI_COMMAND_SUPPORT_H_
