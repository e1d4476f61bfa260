// congvan serve: the web page for clerks (src/web/), from the command line.
#ifndef CONGVAN_CLI_SERVE_COMMAND_H_
#define CONGVAN_CLI_SERVE_COMMAND_H_

#include <CLI/CLI.hpp>

#include "cli/command_table.h"
#include "cli/commands.h"

namespace congvan::cli {

// congvan serve [--db F] [--listen 127.0.0.1:8080] [--config FILE] [--token T]
//               [--max-upload-mb N]
// Serves until SIGINT or SIGTERM; prints "listening on URL" on standard output once ready.
void AddServeCommands(CLI::App& app, Common& common, CommandTable& table);

}  // namespace congvan::cli

#endif  // CONGVAN_CLI_SERVE_COMMAND_H_
