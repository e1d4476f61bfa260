#include "cli/queue_commands.h"

#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <utility>

#include "cli/command_support.h"
#include "pipeline/pipeline.h"
#include "registry/jobs.h"
#include "registry/pg_connection.h"
#include "registry/registry.h"
#include "watch/stop_signals.h"

namespace congvan::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string DbPath(const Common& common) {
  return common.db.empty() ? registry::Registry::DefaultPath() : common.db;
}

// The whole file, refused over `max_bytes` before it is read.
Result<std::string> ReadWhole(const std::string& path, std::uint64_t max_bytes) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return Status::NotFound("không có tệp " + path);
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) return Status::IoError("không đọc được " + path + ": " + ec.message());
  if (max_bytes > 0 && size > max_bytes) {
    return Status::TooLarge(path + ": tệp lớn hơn giới hạn --max-mb (" +
                            std::to_string(max_bytes / (1024 * 1024)) + " MB)");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in.good() && !in.eof()) return Status::IoError("không đọc được " + path);
  return std::move(bytes).str();
}

}  // namespace

int Enqueue(const Common& common, const std::vector<std::string>& args) {
  const std::vector<std::string> paths = ExpandPaths(args);
  if (paths.empty()) return Fail(Status::NotFound("no files to queue"));
  Result<std::unique_ptr<registry::Registry>> reg = registry::Registry::Open(DbPath(common));
  if (!reg.ok()) return Fail(reg.status());
  registry::JobQueue queue((*reg)->db());
  std::size_t queued = 0, already = 0, failed = 0;
  for (const std::string& path : paths) {
    Result<std::string> bytes = ReadWhole(path, common.pipeline.limits.max_bytes);
    Result<registry::EnqueueOutcome> out =
        bytes.ok() ? queue.Enqueue(path, *bytes) : Result<registry::EnqueueOutcome>(bytes.status());
    if (!out.ok()) {
      ++failed;
      std::fprintf(stderr, "failed      %s: %s\n", path.c_str(), out.status().message().c_str());
      continue;
    }
    const long long job = out->job_id, doc = out->document_id;
    using Kind = registry::EnqueueOutcome::Kind;
    switch (out->kind) {
      case Kind::kQueued:
        ++queued;
        std::printf("queued      job %-4lld %s\n", job, path.c_str());
        break;
      case Kind::kRequeued:
        ++queued;
        std::printf("requeued    job %-4lld %s (it had failed; queued again)\n", job, path.c_str());
        break;
      case Kind::kAlreadyQueued:
        ++already;
        if (out->state == registry::JobState::kDone) {
          std::printf("already     job %-4lld %s (done: letter #%lld)\n", job, path.c_str(), doc);
        } else {
          std::printf("already     job %-4lld %s (%s)\n", job, path.c_str(),
                      registry::JobStateName(out->state));
        }
        break;
      case Kind::kAlreadyRegistered:
        ++already;
        std::printf("already     #%-7lld %s (registered before, nothing queued)\n", doc,
                    path.c_str());
        break;
    }
    std::fflush(stdout);
  }
  std::printf("%zu file%s: %zu queued, %zu already there, %zu failed -> %s\n", paths.size(),
              paths.size() == 1 ? "" : "s", queued, already, failed,
              registry::RedactedUri(DbPath(common)).c_str());
  return failed == 0 ? 0 : 1;
}

namespace {

// "host:pid": unique among the workers of a registry, and says where to look for one.
std::string DefaultWorkerName() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') std::snprintf(host, sizeof host, "localhost");
  return std::string(host) + ":" + std::to_string(::getpid());
}

// A private folder for the file being read (mode 0700: letters are not for other accounts),
// removed with everything in it.
class PrivateFolder {
 public:
  static Result<PrivateFolder> Create() {
    std::error_code ec;
    std::string pattern = (fs::temp_directory_path(ec) / "congvan-worker-XXXXXX").string();
    if (ec || ::mkdtemp(pattern.data()) == nullptr) {
      return Status::IoError("cannot create a temporary folder in " +
                             fs::temp_directory_path(ec).string());
    }
    return PrivateFolder(pattern);
  }
  PrivateFolder(PrivateFolder&& other) noexcept : path_(std::exchange(other.path_, "")) {}
  PrivateFolder& operator=(PrivateFolder&&) = delete;
  ~PrivateFolder() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  explicit PrivateFolder(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

// The last part of a job's name, made safe as a file name (the type is read from the content,
// the name only helps a reader of the messages).
std::string SafeBaseName(const std::string& name) {
  const std::size_t slash = name.find_last_of("/\\");
  const std::string base = slash == std::string::npos ? name : name.substr(slash + 1);
  std::string out;
  for (unsigned char c : base.substr(0, 100)) {
    out += std::isalnum(c) || c == '.' || c == '-' || c == '_' ? static_cast<char>(c) : '_';
  }
  return out;
}

// `text` with every `from` replaced by `to`: a pipeline message names the temporary copy, the
// clerk knows the file by the name it was handed in under.
std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// A failure that is the file's own (unreadable, unsupported, too large) would fail again on any
// machine: the job fails at once. Any other (the database, the disk) may pass: retried.
bool MayPass(Code code) {
  return code != Code::kInvalidInput && code != Code::kUnsupported && code != Code::kTooLarge;
}

// Runs beside the worker's main thread: keeps the lease of the job being read (on a
// connection of its own, since the main thread's is busy registering), and takes the stop
// signals as they come, so that the main thread, busy in the pipeline, learns of them.
class Heartbeat {
 public:
  Heartbeat(std::unique_ptr<registry::Registry> reg, watch::StopSignals& signals,
            std::string worker, std::chrono::milliseconds lease)
      : reg_(std::move(reg)), queue_(reg_->db()), signals_(signals), worker_(std::move(worker)),
        lease_(lease), thread_([this] { Run(); }) {}
  ~Heartbeat() {
    done_ = true;
    thread_.join();
  }
  Heartbeat(const Heartbeat&) = delete;
  Heartbeat& operator=(const Heartbeat&) = delete;

  // The job whose lease to keep from now on; 0: none.
  void Hold(std::int64_t job) {
    std::lock_guard<std::mutex> lock(mu_);
    job_ = job;
    renewed_ = Clock::now();
  }

 private:
  void Run() {
    while (!done_) {
      pollfd fd{signals_.fd(), POLLIN, 0};
      if (::poll(&fd, 1, 200) > 0) {
        const std::string name = signals_.Take();
        if (!name.empty()) {
          std::fprintf(stderr, "congvan: %s: stopping after the current job\n", name.c_str());
          std::fflush(stderr);
        }
      }
      std::lock_guard<std::mutex> lock(mu_);
      // A third of the lease: two renewals may fail (a slow database) before the lease ends.
      if (job_ == 0 || Clock::now() - renewed_ < lease_ / 3) continue;
      renewed_ = Clock::now();
      Result<bool> held = queue_.Renew(job_, worker_, lease_);
      if (!held.ok()) {
        std::fprintf(stderr, "congvan: keeping the lease of job %lld: %s\n",
                     static_cast<long long>(job_), held.status().message().c_str());
      } else if (!*held) {
        // Finished a moment ago, or taken over by another worker (this one was thought dead):
        // then both finish it, and registering by SHA-256 keeps one letter.
        Result<std::optional<registry::JobRecord>> now = queue_.Find(job_);
        if (now.ok() && now->has_value() && (*now)->state == registry::JobState::kClaimed) {
          std::fprintf(stderr, "congvan: job %lld was taken over by %s\n",
                       static_cast<long long>(job_), (*now)->worker.c_str());
        }
        job_ = 0;
      }
    }
  }

  std::unique_ptr<registry::Registry> reg_;
  registry::JobQueue queue_;
  watch::StopSignals& signals_;
  const std::string worker_;
  const std::chrono::milliseconds lease_;
  std::mutex mu_;
  std::int64_t job_ = 0;
  Clock::time_point renewed_;
  std::atomic<bool> done_{false};
  std::thread thread_;  // last: starts once everything above is ready
};

struct WorkerCounts {
  std::size_t registered = 0, already = 0, failed = 0, retried = 0, pages = 0;
};

// Reads and registers one claimed job, records the result in the queue and prints one line.
// Returns an error only when the queue itself could not be told.
Status DoJob(const registry::Job& job, const std::string& worker, const std::string& folder,
             pipeline::Pipeline& pipe, registry::Registry& reg, registry::JobQueue& queue,
             const std::atomic<bool>& give_up, WorkerCounts& counts) {
  const std::string copy = folder + "/job-" + std::to_string(job.id) + "-" + SafeBaseName(job.name);
  {
    std::ofstream out(copy, std::ios::binary | std::ios::trunc);
    out.write(job.bytes.data(), static_cast<std::streamsize>(job.bytes.size()));
    out.close();
    if (!out) {
      std::error_code ec;
      fs::remove(copy, ec);
      Result<registry::JobState> state = queue.Fail(job.id, worker, "cannot write " + copy, true);
      return state.ok() ? Status::IoError("cannot write the job's file in " + folder)
                        : state.status();
    }
  }
  Result<pipeline::Processed> processed = pipe.Process(copy);
  Result<registry::AddOutcome> added = Status::Internal("not registered");
  if (processed.ok()) {
    processed->recorded_path = job.name;
    added = pipeline::Register(reg, *processed);  // keeps the original: the copy is still there
  }
  std::error_code ec;
  fs::remove(copy, ec);
  const long long id = job.id;
  if (processed.ok() && added.ok()) {
    const char* outcome = added->already_registered ? "already"
                          : added->attached         ? "attached"
                                                    : "registered";
    Result<bool> finished = queue.Finish(job.id, added->id, outcome);
    if (!finished.ok()) return finished.status();
    const std::size_t pages = processed->pages.size(), tasks = processed->letter.tasks.size();
    counts.pages += pages;
    if (added->already_registered) {
      ++counts.already;
      std::printf("already     #%-4lld %s (job %lld; registered before, nothing changed)\n",
                  static_cast<long long>(added->id), job.name.c_str(), id);
    } else {
      ++counts.registered;
      std::printf("%-11s #%-4lld %s (job %lld) [%s, %zu page%s, %zu task%s]\n", outcome,
                  static_cast<long long>(added->id), job.name.c_str(), id,
                  processed->SourceKind().c_str(), pages, pages == 1 ? "" : "s", tasks,
                  tasks == 1 ? "" : "s");
    }
    std::fflush(stdout);
    return Status::Ok();
  }
  const Status& failure = processed.ok() ? added.status() : processed.status();
  if (failure.code() == Code::kCancelled || give_up) {
    // Stopping: the file is not at fault, the next worker reads it from the start.
    Result<bool> released = queue.Release(job.id, worker);
    if (!released.ok()) return released.status();
    std::printf("released    job %lld %s (stopping; queued again)\n", id, job.name.c_str());
    std::fflush(stdout);
    return Status::Ok();
  }
  const std::string error = ReplaceAll(failure.message(), copy, job.name);
  Result<registry::JobState> state = queue.Fail(job.id, worker, error, MayPass(failure.code()));
  if (!state.ok()) return state.status();
  const bool again = *state == registry::JobState::kQueued;
  (again ? counts.retried : counts.failed) += 1;
  std::fprintf(stderr, "failed      %s (job %lld%s): %s\n", job.name.c_str(), id,
               again ? ", queued again" : "", error.c_str());
  return Status::Ok();
}

}  // namespace

int Worker(Common& common, const WorkerOptions& options) {
  const std::string db = DbPath(common);
  const std::string worker = options.name.empty() ? DefaultWorkerName() : options.name;
  const std::chrono::milliseconds lease(static_cast<std::int64_t>(options.lease_seconds) * 1000);
  // Before any thread exists, so that every thread has the stop signals blocked.
  Result<std::unique_ptr<watch::StopSignals>> signals = watch::StopSignals::Create();
  if (!signals.ok()) return Fail(signals.status());
  Result<std::unique_ptr<registry::Registry>> reg = registry::Registry::Open(db);
  if (!reg.ok()) return Fail(reg.status());
  Result<std::unique_ptr<registry::Registry>> heartbeat_reg = registry::Registry::Open(db);
  if (!heartbeat_reg.ok()) return Fail(heartbeat_reg.status());
  Result<PrivateFolder> folder = PrivateFolder::Create();
  if (!folder.ok()) return Fail(folder.status());
  // Set a while after a stop signal if the job in hand is still being read: its pages are
  // given up and the job goes back to the queue.
  std::atomic<bool> give_up{false};
  common.pipeline.stop = &give_up;
  Result<std::unique_ptr<pipeline::Pipeline>> pipe = pipeline::Pipeline::Create(common.pipeline);
  if (!pipe.ok()) return Fail(pipe.status());
  registry::JobQueue queue((*reg)->db());

  std::printf("worker %s: waiting for jobs in %s (lease %d s)\n", worker.c_str(),
              registry::RedactedUri(db).c_str(), options.lease_seconds);
  std::fflush(stdout);
  const auto start = Clock::now();
  WorkerCounts counts;
  Status run;
  {
    Heartbeat heartbeat(std::move(*heartbeat_reg), **signals, worker, lease);
    // A letter being read is usually finished well within a minute after the stop signal.
    watch::ShutdownGuard guard(**signals, give_up, /*finish_seconds=*/60);
    while (!(*signals)->stopping()) {
      Result<std::optional<registry::Job>> job = queue.Claim(worker, lease);
      if (!job.ok()) {
        run = job.status();
        break;
      }
      if (!job->has_value()) {
        if (options.once) break;
        const auto until = Clock::now() + std::chrono::milliseconds(
                                              static_cast<std::int64_t>(options.poll_seconds * 1000));
        while (!(*signals)->stopping() && Clock::now() < until) {
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        continue;
      }
      heartbeat.Hold((*job)->id);
      run = DoJob(**job, worker, folder->path(), **pipe, **reg, queue, give_up, counts);
      heartbeat.Hold(0);
      if (!run.ok()) break;
    }
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("worker %s: %zu registered, %zu already registered, %zu failed, %zu queued again; "
              "%zu pages in %.1f s (%.2f pages/s)\n",
              worker.c_str(), counts.registered, counts.already, counts.failed, counts.retried,
              counts.pages, seconds, seconds > 0 ? counts.pages / seconds : 0.0);
  if (!run.ok()) return Fail(run);
  return counts.failed == 0 ? 0 : 1;
}

}  // namespace congvan::cli
