#include "cli/watch_command.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "cli/command_support.h"
#include "pipeline/pipeline.h"
#include "registry/jobs.h"
#include "registry/journal.h"
#include "registry/originals.h"
#include "registry/pg_connection.h"
#include "registry/registry.h"
#include "watch/event_log.h"
#include "watch/options.h"
#include "watch/presence.h"
#include "watch/stop_signals.h"
#include "watch/watcher.h"

namespace congvan::cli {
namespace {

// What was typed after `congvan watch`, and which options were typed at all: a value from the
// command line beats the configuration file, which beats the default.
struct WatchArgs {
  std::string config;
  watch::WatchOptions cli;
  CLI::Option* folder = nullptr;
  CLI::Option* poll = nullptr;
  CLI::Option* settle = nullptr;
  CLI::Option* rescan = nullptr;
  CLI::Option* queue = nullptr;
  CLI::Option* processed = nullptr;
  CLI::Option* failed = nullptr;
  CLI::Option* leave = nullptr;
  CLI::Option* ignore = nullptr;
};

Result<watch::WatchOptions> ResolveOptions(const WatchArgs& a, Common& common) {
  watch::WatchOptions o;
  if (!a.config.empty()) CONGVAN_RETURN_IF_ERROR(watch::LoadConfigFile(a.config, o));
  const watch::WatchOptions& c = a.cli;
  if (a.folder->count() > 0) o.folder = c.folder;
  if (a.poll->count() > 0) o.poll_seconds = c.poll_seconds;
  if (a.settle->count() > 0) o.settle_seconds = c.settle_seconds;
  if (a.rescan->count() > 0) o.rescan_seconds = c.rescan_seconds;
  if (a.queue->count() > 0) o.queue = c.queue;
  if (a.processed->count() > 0) o.processed_dir = c.processed_dir;
  if (a.failed->count() > 0) o.failed_dir = c.failed_dir;
  if (a.leave->count() > 0) o.leave_in_place = true;
  o.ignore.insert(o.ignore.end(), c.ignore.begin(), c.ignore.end());
  if (!common.db.empty()) o.db = common.db;
  if (o.db.empty()) o.db = registry::Registry::DefaultPath();
  // --workers (a global option) beats the file; the file's value sizes the OCR pool too.
  if (common.pipeline.workers > 0) {
    o.workers = common.pipeline.workers;
  } else if (o.workers > 0) {
    common.pipeline.workers = o.workers;
  }
  CONGVAN_RETURN_IF_ERROR(watch::Validate(o));
  return o;
}

int Watch(const WatchArgs& args, Common& common) {
  Result<watch::WatchOptions> options = ResolveOptions(args, common);
  if (!options.ok()) return Fail(options.status());
  // Before any thread exists, so that every thread has the stop signals blocked.
  Result<std::unique_ptr<watch::StopSignals>> stop = watch::StopSignals::Create();
  if (!stop.ok()) return Fail(stop.status());
  watch::StopSignals& signals = **stop;
  // What an earlier run left when the disk filled or it was killed; a failure here is harmless.
  // (A PostgreSQL registry keeps its originals in the database: no temporaries of its own.)
  if (!registry::IsPostgresUri(options->db)) {
    (void)registry::Originals::ForDatabase(options->db).RemoveStaleTemporaries();
  }
  // Set a few seconds after a stop: the pages still being read are given up (watch::ShutdownGuard).
  std::atomic<bool> give_up{false};
  common.pipeline.stop = &give_up;
  Result<std::unique_ptr<pipeline::Pipeline>> pipe = pipeline::Pipeline::Create(common.pipeline);
  if (!pipe.ok()) return Fail(pipe.status());
  watch::EventLog log(stdout);
  Result<std::unique_ptr<watch::Watcher>> watcher =
      watch::Watcher::Create(*options, **pipe, log);
  if (!watcher.ok()) return Fail(watcher.status());
  Status run;
  {
    watch::ShutdownGuard guard(signals, give_up);
    run = (*watcher)->Run(signals);
  }
  if (!run.ok()) return Fail(run);
  return 0;
}

// "2026-11-26 15:40:01" in local time.
std::string LocalTime(std::int64_t ms) {
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm local{};
  ::localtime_r(&t, &local);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%d %H:%M:%S", &local);
  return out;
}

struct StatusArgs {
  bool json = false;
  int window_minutes = 60;
  int failures = 10;
};

int ShowStatus(const Common& common, const StatusArgs& a) {
  const std::string db = common.db.empty() ? registry::Registry::DefaultPath() : common.db;
  std::error_code ec;
  if (!registry::IsPostgresUri(db) && !std::filesystem::exists(db, ec)) {
    return Fail(Status::NotFound("no registry at " + db + " (nothing watched or ingested yet)"));
  }
  Result<std::unique_ptr<registry::Registry>> reg = registry::Registry::Open(db);
  if (!reg.ok()) return Fail(reg.status());
  registry::Journal journal(**reg);
  const std::int64_t window_ms = static_cast<std::int64_t>(a.window_minutes) * 60000;
  Result<registry::JournalSummary> s = journal.Summarize(registry::NowMs(), window_ms, a.failures);
  if (!s.ok()) return Fail(s.status());
  const double minutes =
      s->last_finished_ms > s->first_claimed_ms && s->first_claimed_ms > 0
          ? (s->last_finished_ms - s->first_claimed_ms) / 60000.0
          : 0;
  Result<std::vector<watch::RunningWatcher>> running =
      (*reg)->is_postgres() ? watch::FindRunningWatchers(**reg) : watch::FindRunningWatchers(db);
  if (!running.ok()) return Fail(running.status());
  Result<registry::QueueCounts> jobs = registry::JobQueue((*reg)->db()).Counts();
  if (!jobs.ok()) return Fail(jobs.status());
  const std::int64_t finished = s->done + s->duplicates + s->failed;
  const double files_per_minute = minutes > 0 ? finished / minutes : 0;
  const double pages_per_minute = minutes > 0 ? s->pages / minutes : 0;

  if (a.json) {
    nlohmann::json j;
    j["registry"] = registry::RedactedUri(db);
    j["watchers"] = nlohmann::json::array();
    for (const watch::RunningWatcher& w : *running) {
      j["watchers"].push_back({{"pid", w.pid}, {"folder", w.folder}, {"since", LocalTime(w.since_ms)}});
    }
    j["queue"] = {{"seen", s->seen}, {"claimed", s->claimed}};
    j["window_minutes"] = a.window_minutes;
    j["finished"] = {{"done", s->done}, {"duplicate", s->duplicates}, {"failed", s->failed},
                     {"removed", s->removed}, {"pages", s->pages}};
    j["throughput"] = {{"files_per_minute", files_per_minute},
                       {"pages_per_minute", pages_per_minute},
                       {"mean_seconds_to_registered", s->mean_seconds_to_finish}};
    j["all_time_finished"] = s->all_time_finished;
    j["work_queue"] = {{"queued", jobs->queued}, {"claimed", jobs->claimed},
                       {"expired_leases", jobs->expired}, {"done", jobs->done},
                       {"failed", jobs->failed}};
    j["recent_failures"] = nlohmann::json::array();
    for (const registry::JournalEntry& e : s->recent_failures) {
      j["recent_failures"].push_back({{"path", e.path}, {"error", e.error},
                                      {"moved_to", e.moved_to},
                                      {"at", LocalTime(e.finished_ms)}});
    }
    std::printf("%s\n", j.dump(2).c_str());
    return 0;
  }
  std::printf("registry     %s\n", registry::RedactedUri(db).c_str());
  if (running->empty()) std::printf("watching     nothing: no congvan watch runs on this registry\n");
  for (const watch::RunningWatcher& w : *running) {
    std::printf("watching     %s (pid %ld, since %s)\n", w.folder.c_str(), w.pid,
                LocalTime(w.since_ms).c_str());
  }
  std::printf("queue        %lld waiting, %lld being read\n", static_cast<long long>(s->seen),
              static_cast<long long>(s->claimed));
  std::printf("last %d min  %lld registered (%lld pages), %lld duplicates, %lld failed, "
              "%lld removed before they settled\n",
              a.window_minutes, static_cast<long long>(s->done), static_cast<long long>(s->pages),
              static_cast<long long>(s->duplicates), static_cast<long long>(s->failed),
              static_cast<long long>(s->removed));
  if (finished > 0) {
    std::printf("throughput   %.1f files/min, %.1f pages/min; %.1f s from drop to registered "
                "on average\n",
                files_per_minute, pages_per_minute, s->mean_seconds_to_finish);
  }
  std::printf("all time     %lld files finished\n", static_cast<long long>(s->all_time_finished));
  if (jobs->queued + jobs->claimed + jobs->done + jobs->failed > 0) {
    std::printf("work queue   %lld queued, %lld claimed (%lld of them by a worker gone), %lld done, "
                "%lld failed\n",
                static_cast<long long>(jobs->queued), static_cast<long long>(jobs->claimed),
                static_cast<long long>(jobs->expired), static_cast<long long>(jobs->done),
                static_cast<long long>(jobs->failed));
  }
  if (!s->recent_failures.empty()) {
    std::printf("recent failures (newest first; the reason is also in failed/NAME.error.txt)\n");
    for (const registry::JournalEntry& e : s->recent_failures) {
      std::printf("  %s  %s: %s\n", LocalTime(e.finished_ms).c_str(), e.path.c_str(),
                  e.error.c_str());
      if (!e.moved_to.empty()) std::printf("  %19s  -> %s\n", "", e.moved_to.c_str());
    }
  }
  return 0;
}

}  // namespace

void AddWatchCommands(CLI::App& app, Common& common, CommandTable& table) {
  auto w = std::make_shared<WatchArgs>();
  auto st = std::make_shared<StatusArgs>();
  Common* c = &common;
  watch::WatchOptions& o = w->cli;

  CLI::App* watch = app.add_subcommand(
      "watch", "Watch a folder: register every scan dropped into it, then move it to processed/");
  AddDbOption(watch, common);
  w->folder = watch->add_option("folder", o.folder, "The folder to watch (or 'folder =' in --config)");
  watch->add_option("--config", w->config, "Settings file of 'key = value' lines (same names as the options)");
  w->poll = watch->add_option("--poll", o.poll_seconds,
                              "Poll every SECONDS instead of inotify (network shares)")
      ->check(CLI::NonNegativeNumber);
  w->settle = watch->add_option("--settle", o.settle_seconds,
                                "Take a file once unchanged this many seconds (default 2)")
      ->check(CLI::NonNegativeNumber);
  w->rescan = watch->add_option("--rescan", o.rescan_seconds,
                                "Full rescan every SECONDS with inotify (default 300; 0: never)")
      ->check(CLI::NonNegativeNumber);
  w->queue = watch->add_option("--queue", o.queue, "Files waiting for a worker, at most (default: 2 per worker)")
      ->check(CLI::NonNegativeNumber);
  w->processed = watch->add_option("--processed", o.processed_dir, "Where registered files go (default: FOLDER/processed)");
  w->failed = watch->add_option("--failed", o.failed_dir, "Where unreadable files go (default: FOLDER/failed)");
  w->leave = watch->add_flag("--leave-in-place", o.leave_in_place, "Leave registered files where they were dropped");
  w->ignore = watch->add_option("--ignore", o.ignore, "Also ignore names matching this pattern (repeatable)")
      ->expected(1);
  table.push_back({watch, [w, c] { return Watch(*w, *c); }});

  CLI::App* status = app.add_subcommand("status", "The watched folder: queue, recent failures, throughput");
  AddDbOption(status, common);
  status->add_flag("--json", st->json, "Print as JSON");
  status->add_option("--minutes", st->window_minutes, "Throughput over the last N minutes")
      ->capture_default_str()->check(CLI::PositiveNumber);
  status->add_option("--failures", st->failures, "Show this many recent failures")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  table.push_back({status, [st, c] { return ShowStatus(*c, *st); }});
}

}  // namespace congvan::cli
