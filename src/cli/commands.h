// The congvan commands. Each takes its parsed arguments, calls the library, prints, and returns
// the process exit status: 0 success, 1 a failure (already printed as one line on stderr).
#ifndef CONGVAN_CLI_COMMANDS_H_
#define CONGVAN_CLI_COMMANDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"

namespace congvan::cli {

// Options every command that reads files shares.
struct Common {
  pipeline::Options pipeline;
  std::string db;  // registry file; empty: registry::Registry::DefaultPath()
  std::uint64_t max_mb = 200;  // --max-mb, turned into pipeline.limits.max_bytes
};

// Files named on the command line, with folders searched recursively in name order. Hidden
// files and folders (".*") are skipped: they are editors' and scanners' temporaries. Inside a
// folder, a symbolic link to a file outside it is skipped with a remark on stderr.
std::vector<std::string> ExpandPaths(const std::vector<std::string>& args);

int Ingest(const Common& common, const std::vector<std::string>& paths);
int Extract(const Common& common, const std::string& file, bool json);
int Ocr(const Common& common, const std::string& file, bool raw);
// file empty: standard input. explain: list each changed syllable with its alternatives.
int Repair(const Common& common, const std::string& file, bool explain);
int Show(const Common& common, std::int64_t id, bool json, bool text);
int List(const Common& common, int limit);

}  // namespace congvan::cli

#endif  // CONGVAN_CLI_COMMANDS_H_
