// The watched folder's settings, and the configuration file that holds them.
//
// The file is plain "key = value" lines; lines starting with '#' are comments; blank lines are
// skipped. Keys are the long option names of `congvan watch` (folder, db, workers, poll, settle,
// rescan, queue, processed, failed, leave-in-place, ignore), so an administrator can move any
// command-line option into the file and back. `ignore` may repeat and takes a space- or
// comma-separated list of patterns.
#ifndef CONGVAN_WATCH_OPTIONS_H_
#define CONGVAN_WATCH_OPTIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace congvan::watch {

// Names never taken from the folder: hidden files, Office lock files, partial downloads and
// temporaries, Windows thumbnails (shell-style patterns, matched against the file name).
const std::vector<std::string>& DefaultIgnorePatterns();

struct WatchOptions {
  std::string folder;          // the watched folder
  std::string db;              // registry file ("" : the default)
  int workers = 0;             // files read at once (0: one per OCR worker, i.e. per core)
  double poll_seconds = 0;     // > 0: poll every so many seconds instead of inotify
  double settle_seconds = 2;   // size and mtime unchanged this long before a file is taken
  double rescan_seconds = 300; // full rescan period in inotify mode (catches missed events)
  int queue = 0;               // files waiting for a worker, at most (0: twice the workers)
  std::string processed_dir;   // "": FOLDER/processed (files go to processed/YYYY/MM/)
  std::string failed_dir;      // "": FOLDER/failed
  bool leave_in_place = false; // true: registered files stay where they were dropped
  std::vector<std::string> ignore;  // patterns on top of DefaultIgnorePatterns()
};

// Reads a configuration file into `options` (only the keys it sets change). Errors name the
// file and line: "watch.conf:4: unknown setting 'setle'".
Status LoadConfigFile(const std::string& path, WatchOptions& options);

// The same, from text (`origin` names it in errors).
Status ParseConfig(std::string_view text, const std::string& origin, WatchOptions& options);

// Checks values that make no sense together or alone (negative delays, a missing folder).
Status Validate(const WatchOptions& options);

}  // namespace congvan::watch

#endif  // CONGVAN_WATCH_OPTIONS_H_
