// `congvan enqueue` and `congvan worker`: the registry's work queue (registry/jobs.h) from the
// command line. Files handed in on one machine are read (OCR) and registered by workers on any
// machine that reaches the registry.
#ifndef CONGVAN_CLI_QUEUE_COMMANDS_H_
#define CONGVAN_CLI_QUEUE_COMMANDS_H_

#include <string>
#include <vector>

#include "cli/commands.h"

namespace congvan::cli {

// Queues each file (folders are searched, as by ingest), one line per file. Exit status 1 when
// a file could not be queued.
int Enqueue(const Common& common, const std::vector<std::string>& paths);

struct WorkerOptions {
  std::string name;       // who claims, in the queue; "": HOST:PID
  int lease_seconds = 120;  // a killed worker's job waits this long before another takes it
  bool once = false;      // drain the queue, then exit, instead of waiting for more jobs
  double poll_seconds = 2;  // how often an idle worker looks for new jobs
};

// Claims jobs one at a time, reads and registers each, until SIGTERM or SIGINT (which stop after
// the current job) or, with `once`, until no job is left to take. Exit status 1 when a job this
// worker took failed for good, or the registry failed.
int Worker(Common& common, const WorkerOptions& options);

}  // namespace congvan::cli

#endif  // CONGVAN_CLI_QUEUE_COMMANDS_H_
