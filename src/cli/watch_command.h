// The watched-folder commands: `congvan watch` runs the watcher until SIGTERM/SIGINT;
// `congvan status` reads the watcher's journal from the registry (queue, recent failures,
// throughput), so it works whether or not a watcher is running.
#ifndef CONGVAN_CLI_WATCH_COMMAND_H_
#define CONGVAN_CLI_WATCH_COMMAND_H_

#include <CLI/CLI.hpp>

#include "cli/command_table.h"
#include "cli/commands.h"

namespace congvan::cli {

// Adds `watch` and `status` to `app`.
void AddWatchCommands(CLI::App& app, Common& common, CommandTable& table);

}  // namespace congvan::cli

#endif  // CONGVAN_CLI_WATCH_COMMAND_H_
