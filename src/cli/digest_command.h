// congvan digest: the daily e-mail reminder of each unit's overdue and soon-due tasks
// (src/notify/), from the command line or a daily timer.
#ifndef CONGVAN_CLI_DIGEST_COMMAND_H_
#define CONGVAN_CLI_DIGEST_COMMAND_H_

#include <CLI/CLI.hpp>

#include "cli/command_table.h"
#include "cli/commands.h"

namespace congvan::cli {

// congvan digest [--config FILE] [--db F] [--days N] [--dry-run]
// Sends one message per unit that has an address in the configuration; --dry-run prints every
// unit's message (MIME, as it would be sent) on standard output and sends nothing.
void AddDigestCommands(CLI::App& app, Common& common, CommandTable& table);

}  // namespace congvan::cli

#endif  // CONGVAN_CLI_DIGEST_COMMAND_H_
