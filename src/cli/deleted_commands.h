// Deleting a letter registered by mistake and restoring it: `congvan delete ID`,
// `congvan restore` (lists the deleted letters) and `congvan restore ID` (registry/deletions.h).
// The web page deletes too; restoring is for whoever administers the registry file.
#ifndef CONGVAN_CLI_DELETED_COMMANDS_H_
#define CONGVAN_CLI_DELETED_COMMANDS_H_

#include <cstdint>

#include "cli/command_table.h"
#include "cli/commands.h"

namespace congvan::cli {

// congvan delete [--db F] ID
int DeleteLetter(const Common& common, std::int64_t id);
// congvan restore [--db F] [ID]: without ID, the deleted letters.
int RestoreLetter(const Common& common, std::int64_t id);

// Adds the two commands to `app`.
void AddDeletionCommands(CLI::App& app, Common& common, CommandTable& table);

}  // namespace congvan::cli

#endif  // CONGVAN_CLI_DELETED_COMMANDS_H_
