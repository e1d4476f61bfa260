// The office's directory of units and assigning work to them: `congvan units list|add|alias|
// activate|deactivate|import` (registry/units.h) and `congvan assign` (registry/assignments.h).
// Errors are one Vietnamese line on stderr with exit status 1, as a clerk reads them.
#ifndef CONGVAN_CLI_UNIT_COMMANDS_H_
#define CONGVAN_CLI_UNIT_COMMANDS_H_

#include <string>
#include <vector>

#include "cli/command_table.h"
#include "cli/commands.h"

namespace congvan::cli {

// congvan units list [--all] [--json]
int UnitsList(const Common& common, bool all, bool json);
// congvan units add NAME...
int UnitsAdd(const Common& common, const std::vector<std::string>& names);
// congvan units alias UNIT ALIAS...
int UnitsAlias(const Common& common, const std::string& unit, const std::vector<std::string>& aliases);
// congvan units activate|deactivate UNIT
int UnitsSetActive(const Common& common, const std::string& unit, bool active);
// congvan units import FILE: one unit a line, aliases after ',' ';' or a tab.
int UnitsImport(const Common& common, const std::string& file);

// congvan assign LETTER_OR_TASK --lead UNIT [--with UNIT]... [--deadline D] [--note TEXT]:
// LETTER_OR_TASK is a letter's number as `list` prints it, or "nv:N" / "task:N" for task N.
struct AssignCliOptions {
  std::string target;
  std::string lead;
  std::vector<std::string> with;
  std::string deadline;
  std::string note;
};
int Assign(const Common& common, const AssignCliOptions& options);

// Adds `units` and `assign` to `app`.
void AddUnitCommands(CLI::App& app, Common& common, CommandTable& table);

}  // namespace congvan::cli

#endif  // CONGVAN_CLI_UNIT_COMMANDS_H_
