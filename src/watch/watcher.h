// Watcher: the watched folder. Files dropped into a folder (by a scanner, a network share, a
// clerk) are taken once complete, read through the pipeline, registered, and moved to
// processed/YYYY/MM/ (or failed/ with NAME.error.txt), with every step journalled in the
// registry (registry/journal.h) so that no file is lost or registered twice, whatever happens.
//
// One thread watches (inotify, or polling, plus periodic full rescans) and settles files
// (settle.h); a bounded queue feeds N workers, each with its own registry connection, all
// sharing the pipeline's OCR threads. The folder itself is the to-do list: whatever is still in
// it (outside processed/ and failed/) is work, so a restart after a crash or a stop finds
// everything again; the journal only tells how far a file had got.
//
// Several watchers (each office's scanner folder, on several machines) may share one PostgreSQL
// registry: each journals under its own name (WatcherName), and the same content dropped into
// two folders is read once and registered once; the other file is a duplicate (registry/journal.h).
#ifndef CONGVAN_WATCH_WATCHER_H_
#define CONGVAN_WATCH_WATCHER_H_

#include <memory>

#include "base/status.h"
#include "pipeline/pipeline.h"
#include "watch/event_log.h"
#include "watch/options.h"
#include "watch/stop_signals.h"

namespace congvan::watch {

// The name a watcher of `folder` (canonical) journals under: "" on an SQLite file, as before
// several watchers could share a registry; "<host name>:<folder>" on PostgreSQL.
std::string WatcherName(const std::string& db, const std::string& folder);

class Watcher {
 public:
  // Checks the folder (it must exist; it must be writable unless files are left in place),
  // creates processed/ and failed/, opens the registry `options.db` (which must be set) once
  // per worker, and finishes what a previous run left half done (claimed files whose content is
  // registered are completed; the others are read again). `pipeline` and `log` must outlive
  // the watcher.
  static Result<std::unique_ptr<Watcher>> Create(const WatchOptions& options,
                                                 pipeline::Pipeline& pipeline, EventLog& log);
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  // Watches until a stop signal arrives, then lets each worker finish the file in hand and
  // returns Ok. Returns an error when watching becomes impossible (the folder disappeared).
  Status Run(StopSignals& stop);

 private:
  class Impl;
  explicit Watcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace congvan::watch

#endif  // CONGVAN_WATCH_WATCHER_H_
