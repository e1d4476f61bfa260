// How congvan's subcommands are declared: each group of commands adds its CLI11 subcommands to
// the application and says what runs when one of them was chosen. main.cc only calls the
// Add*Commands functions and runs the chosen entry.
#ifndef CONGVAN_CLI_COMMAND_TABLE_H_
#define CONGVAN_CLI_COMMAND_TABLE_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <vector>

#include "cli/commands.h"

namespace congvan::cli {

// One subcommand and the function that runs it (returns the exit status). The function reads
// the options CLI11 filled in, so it must only be called after parsing.
struct CommandEntry {
  CLI::App* app;
  std::function<int()> run;
};
using CommandTable = std::vector<CommandEntry>;

// The "--db FILE" option shared by every command that opens the registry.
void AddDbOption(CLI::App* command, Common& common);

// ingest, enqueue, worker, extract, ocr, repair, show, list, eval.
void AddDocumentCommands(CLI::App& app, Common& common, CommandTable& table);
// search, tasks, task done|reopen|show, report, calendar.
void AddRegistryCommands(CLI::App& app, Common& common, CommandTable& table);

}  // namespace congvan::cli

#endif  // CONGVAN_CLI_COMMAND_TABLE_H_
