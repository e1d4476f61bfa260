// Which commands run on a PostgreSQL registry today. A command that does not yet, given a
// postgresql:// --db, is refused before it starts, with one Vietnamese line, rather than
// failing half-way (docs/registry.md lists what runs where).
#ifndef CONGVAN_CLI_BACKEND_CHECK_H_
#define CONGVAN_CLI_BACKEND_CHECK_H_

#include <string>

#include "base/status.h"

namespace congvan::cli {

// `command` is the command line's command, with its sub-command when it has one ("list",
// "task done"); `db` the --db value. Ok for an SQLite registry and for the commands ported to
// PostgreSQL; else Unsupported with the line to print.
Status CheckBackendSupports(const std::string& command, const std::string& db);

}  // namespace congvan::cli

#endif  // CONGVAN_CLI_BACKEND_CHECK_H_
