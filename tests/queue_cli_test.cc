// End-to-end tests of the work queue: `congvan enqueue` and `congvan worker` as real processes,
// on an SQLite file and on a throwaway PostgreSQL server (tests/support/registry_backends.h),
// with real letters and a real scan read by Tesseract. Workers are killed with SIGKILL and
// stopped with SIGTERM; every condition is polled for with a generous deadline, never timed.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "registry/jobs.h"
#include "registry/registry.h"
#include "registry/statement.h"
#include "support/registry_backends.h"
#include "support/testing.h"

namespace congvan {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::ReadFile;
using testing::RunCommand;
using testing::TempDir;
using testing::TestData;
using testing::WriteFile;

std::string Quote(const std::string& s) { return testing::ShellQuote(s); }

// congvan with one Tesseract thread, as a worker on a shared machine runs.
std::string Congvan() {
  return "env OMP_THREAD_LIMIT=1 " + Quote(testing::CongvanBinary().string());
}

// Polls `done` every 100 ms for at most `seconds`.
bool WaitFor(const std::function<bool()>& done, double seconds = 300) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return true;
}

// A congvan process in the background, in folder `cwd`, its output in `log`. Killed (-9) if the
// test ends first.
class Process {
 public:
  Process(const std::string& args, const fs::path& cwd, fs::path log) : log_(std::move(log)) {
    const std::string command =
        "cd " + Quote(cwd.string()) + " && exec " + Congvan() + " " + args + " >>" +
        Quote(log_.string()) + " 2>&1";
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~Process() {
    if (pid_ > 0) Stop(SIGKILL);
  }
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  // Sends `signal` and waits: the exit status, or 128 + the signal that killed it.
  int Stop(int signal) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, signal);
    return Wait();
  }

  // Waits (at most `seconds`) for the process to end: its exit status, or -1.
  int Wait(double seconds = 600) {
    int status = 0;
    const bool ended = WaitFor([&] { return ::waitpid(pid_, &status, WNOHANG) != 0; }, seconds);
    if (!ended) return -1;
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  std::string Log() const { return fs::exists(log_) ? ReadFile(log_) : std::string(); }

 private:
  fs::path log_;
  pid_t pid_ = -1;
};

// Real letters: text files of tests/data/extract/letters and a real grey scan of a first page.
struct Letter {
  std::string name;
  fs::path source;
};

std::vector<Letter> RealLetters() {
  return {{"scan.jpg", TestData("scans/12_chinhphu_28-2021-ND-CP_scan_p1.jpg")},
          {"nq13.txt", TestData("extract/letters/gov_nq_13_2026.txt")},
          {"nq66.txt", TestData("extract/letters/gov_nq_66_9_2025.txt")},
          {"tt26.txt", TestData("extract/letters/bnv_tt_26_2025.txt")},
          {"qd43.txt", TestData("extract/letters/ttg_qd_43_2025.txt")}};
}

class QueueCliTest : public testing::RegistryBackendTest {
 protected:
  // Copies the letters into the test's folder under their names.
  std::vector<std::string> Drop(const std::vector<Letter>& letters) {
    std::vector<std::string> paths;
    fs::create_directories(dir_ / "in");
    for (const Letter& l : letters) {
      paths.push_back((dir_ / "in" / l.name).string());
      fs::copy_file(l.source, paths.back(), fs::copy_options::overwrite_existing);
    }
    return paths;
  }

  CommandResult Run(const std::string& args, const std::string& db) {
    return RunCommand("cd " + Quote(dir_.path().string()) + " && " + Congvan() + " " + args +
                      " --db " + Quote(db));
  }

  std::unique_ptr<registry::Registry> Open(const std::string& db) {
    Result<std::unique_ptr<registry::Registry>> reg = registry::Registry::Open(db);
    EXPECT_TRUE(reg.ok()) << reg.status().ToString();
    return reg.ok() ? std::move(*reg) : nullptr;
  }

  // The job of the file queued as `name`, read fresh.
  std::optional<registry::JobRecord> JobNamed(const std::string& db, const std::string& name) {
    std::unique_ptr<registry::Registry> reg = Open(db);
    if (reg == nullptr) return std::nullopt;
    registry::JobQueue queue(reg->db());
    for (std::int64_t id = 1; id < 100; ++id) {
      Result<std::optional<registry::JobRecord>> job = queue.Find(id);
      if (job.ok() && job->has_value() && (*job)->name == name) return *job;
    }
    return std::nullopt;
  }

  // True (and the rest of the test skipped) when job `id` failed because this build cannot
  // register on this backend.
  TempDir dir_;
};

TEST_P(QueueCliTest, TwoWorkersDrainTheQueueAndRegisterEveryLetterOnce) {
  const std::string db = NewRegistryLocation();
  ASSERT_FALSE(db.empty());
  std::vector<std::string> paths = Drop(RealLetters());
  std::string args = "enqueue";
  for (const std::string& p : paths) args += " " + Quote(p);
  // The same bytes under another name: one job.
  fs::copy_file(paths[1], dir_ / "in" / "nq13 copy.txt");
  args += " " + Quote((dir_ / "in" / "nq13 copy.txt").string());
  const CommandResult queued = Run(args, db);
  ASSERT_EQ(queued.exit_code, 0) << queued.err;
  EXPECT_NE(queued.out.find("queued      job 1    " + paths[0]), std::string::npos) << queued.out;
  EXPECT_NE(queued.out.find("already     job 2    " + (dir_ / "in" / "nq13 copy.txt").string() +
                            " (queued)"),
            std::string::npos)
      << queued.out;
  EXPECT_NE(queued.out.find("6 files: 5 queued, 1 already there, 0 failed"), std::string::npos)
      << queued.out;

  const std::string worker = "worker --once --db " + Quote(db);
  Process a(worker + " --name a", dir_.path(), dir_ / "a.log");
  Process b(worker + " --name b", dir_.path(), dir_ / "b.log");
  const int a_exit = a.Wait(), b_exit = b.Wait();
  EXPECT_EQ(a_exit, 0) << a.Log();
  EXPECT_EQ(b_exit, 0) << b.Log();

  // Every letter registered, once, by one worker, under the name it was queued with.
  std::unique_ptr<registry::Registry> reg = Open(db);
  ASSERT_NE(reg, nullptr);
  EXPECT_EQ(*reg->Count(), 5);
  registry::JobQueue queue(reg->db());
  Result<registry::QueueCounts> counts = queue.Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->done, 5);
  EXPECT_EQ(counts->queued + counts->claimed + counts->failed, 0);
  std::set<std::int64_t> letters;
  const std::string logs = a.Log() + b.Log();
  for (std::int64_t id = 1; id <= 5; ++id) {
    std::optional<registry::JobRecord> job = *queue.Find(id);
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->outcome, "registered") << job->name;
    EXPECT_EQ(job->attempts, 1) << job->name;
    letters.insert(job->document_id);
    Result<std::optional<registry::DocumentRecord>> doc = reg->Find(job->document_id);
    ASSERT_TRUE(doc.ok() && doc->has_value());
    EXPECT_EQ((*doc)->path, job->name);
    EXPECT_EQ((*doc)->sha256, job->sha256);
    // Reported by exactly one worker.
    const std::string line = "(job " + std::to_string(id) + ")";
    const std::size_t first = logs.find(line);
    EXPECT_NE(first, std::string::npos) << logs;
    EXPECT_EQ(logs.find(line, first + 1), std::string::npos) << logs;
  }
  EXPECT_EQ(letters.size(), 5u);
  // The scan was read by Tesseract: its page is OCR text with the decree's number.
  std::optional<registry::JobRecord> scan = JobNamed(db, paths[0]);
  ASSERT_TRUE(scan.has_value());
  Result<std::optional<registry::DocumentRecord>> doc = reg->Find(scan->document_id);
  ASSERT_TRUE(doc.ok() && doc->has_value());
  EXPECT_EQ((*doc)->source, "ocr");
  EXPECT_NE((*doc)->text.find("28/2021"), std::string::npos) << (*doc)->text.substr(0, 500);

  const CommandResult status = Run("status", db);
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("work queue   0 queued, 0 claimed (0 of them by a worker gone), 5 done, "
                            "0 failed"),
            std::string::npos)
      << status.out;

  // Handed in again: nothing to do.
  const CommandResult again = Run("enqueue " + Quote(paths[2]), db);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("(done: letter #"), std::string::npos) << again.out;
}

TEST_P(QueueCliTest, AJobOfAWorkerKilledMidJobIsTakenOverOnceItsLeaseExpires) {
  const std::string db = NewRegistryLocation();
  ASSERT_FALSE(db.empty());
  const std::vector<std::string> paths = Drop({RealLetters()[0]});
  ASSERT_EQ(Run("enqueue " + Quote(paths[0]), db).exit_code, 0);

  Process a("worker --name a --lease 2 --db " + Quote(db), dir_.path(), dir_ / "a.log");
  // As soon as "a" holds the job, it is killed: Tesseract is reading the scan.
  ASSERT_TRUE(WaitFor([&] {
    std::optional<registry::JobRecord> job = JobNamed(db, paths[0]);
    return job.has_value() && job->state == registry::JobState::kClaimed;
  })) << a.Log();
  EXPECT_EQ(a.Stop(SIGKILL), 128 + SIGKILL);
  std::optional<registry::JobRecord> left = JobNamed(db, paths[0]);
  ASSERT_TRUE(left.has_value());
  ASSERT_EQ(left->state, registry::JobState::kClaimed) << "the kill came after the job was done";
  EXPECT_EQ(left->worker, "a");
  EXPECT_EQ(*Open(db)->Count(), 0);

  Process b("worker --name b --poll 0.2 --db " + Quote(db), dir_.path(), dir_ / "b.log");
  ASSERT_TRUE(WaitFor([&] {
    std::optional<registry::JobRecord> job = JobNamed(db, paths[0]);
    return job.has_value() && (job->state == registry::JobState::kDone ||
                               job->state == registry::JobState::kFailed);
  })) << b.Log();
  const int b_exit = b.Stop(SIGTERM);
  std::optional<registry::JobRecord> done = JobNamed(db, paths[0]);
  EXPECT_EQ(done->worker, "b");
  EXPECT_EQ(done->attempts, 2);
  EXPECT_EQ(b_exit, 0) << b.Log();
  EXPECT_EQ(done->state, registry::JobState::kDone) << done->error;
  EXPECT_EQ(done->outcome, "registered");
  EXPECT_EQ(*Open(db)->Count(), 1);
  EXPECT_NE(b.Log().find("registered  #1    " + paths[0] + " (job 1)"), std::string::npos)
      << b.Log();
  EXPECT_EQ(a.Log().find("registered"), std::string::npos) << a.Log();
}

TEST_P(QueueCliTest, SigtermLetsTheJobInHandFinish) {
  const std::string db = NewRegistryLocation();
  ASSERT_FALSE(db.empty());
  const std::vector<std::string> paths = Drop({RealLetters()[0], RealLetters()[1]});
  ASSERT_EQ(Run("enqueue " + Quote(paths[0]) + " " + Quote(paths[1]), db).exit_code, 0);
  Process w("worker --name w --db " + Quote(db), dir_.path(), dir_ / "w.log");
  ASSERT_TRUE(WaitFor([&] {
    std::optional<registry::JobRecord> job = JobNamed(db, paths[0]);
    return job.has_value() && job->state == registry::JobState::kClaimed;
  })) << w.Log();
  const int exit = w.Stop(SIGTERM);
  EXPECT_NE(w.Log().find("SIGTERM: stopping after the current job"), std::string::npos) << w.Log();
  EXPECT_EQ(JobNamed(db, paths[1])->state, registry::JobState::kQueued) << w.Log();
  EXPECT_EQ(exit, 0) << w.Log();
  // The scan in hand was registered; the letter after it waits for the next worker.
  EXPECT_EQ(JobNamed(db, paths[0])->state, registry::JobState::kDone) << w.Log();
  EXPECT_EQ(JobNamed(db, paths[1])->state, registry::JobState::kQueued) << w.Log();
  EXPECT_EQ(*Open(db)->Count(), 1);
}

TEST_P(QueueCliTest, AFileNoWorkerCanReadFailsWithItsBytesKept) {
  const std::string db = NewRegistryLocation();
  ASSERT_FALSE(db.empty());
  const std::vector<std::string> paths = Drop({RealLetters()[2]});
  // A PNG signature followed by garbage: the type is recognised, the image is not.
  const fs::path broken = dir_ / "in" / "broken.png";
  const std::string bytes = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(300, '\x07');
  WriteFile(broken, bytes);
  const CommandResult queued =
      Run("enqueue " + Quote(broken.string()) + " " + Quote(paths[0]) + " " +
              Quote((dir_ / "in" / "missing.pdf").string()),
          db);
  EXPECT_EQ(queued.exit_code, 1);
  EXPECT_NE(queued.err.find("failed      " + (dir_ / "in" / "missing.pdf").string()),
            std::string::npos)
      << queued.err;
  EXPECT_NE(queued.out.find("3 files: 2 queued, 0 already there, 1 failed"), std::string::npos)
      << queued.out;

  const CommandResult worker = Run("worker --once --name w", db);
  EXPECT_EQ(worker.exit_code, 1) << worker.out << worker.err;
  // The reason names the file as it was handed in, not the worker's temporary copy.
  EXPECT_NE(worker.err.find("failed      " + broken.string() + " (job 1): "), std::string::npos)
      << worker.err;
  EXPECT_EQ(worker.err.find("congvan-worker-"), std::string::npos) << worker.err;
  std::optional<registry::JobRecord> job = JobNamed(db, broken.string());
  ASSERT_TRUE(job.has_value());
  EXPECT_EQ(job->state, registry::JobState::kFailed);
  EXPECT_EQ(job->attempts, 1);  // the file's own fault: not tried again
  EXPECT_FALSE(job->error.empty());
  std::unique_ptr<registry::Registry> reg = Open(db);
  Result<std::int64_t> kept = registry::QueryInt64(reg->db(), "SELECT length(bytes) FROM jobs WHERE id = 1");
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(*kept, static_cast<std::int64_t>(bytes.size()));
  EXPECT_NE(worker.out.find("(job 2)"), std::string::npos) << worker.out;
  EXPECT_EQ(*reg->Count(), 1);
}

TEST_P(QueueCliTest, AnIdleWorkerStopsOnSigterm) {
  const std::string db = NewRegistryLocation();
  ASSERT_FALSE(db.empty());
  Process w("worker --name idle --db " + Quote(db), dir_.path(), dir_ / "w.log");
  ASSERT_TRUE(WaitFor([&] { return w.Log().find("worker idle: waiting") != std::string::npos; }))
      << w.Log();
  // Queued while the worker waits: it is picked up without a restart.
  const std::vector<std::string> paths = Drop({RealLetters()[3]});
  ASSERT_EQ(Run("enqueue " + Quote(paths[0]), db).exit_code, 0);
  ASSERT_TRUE(WaitFor([&] { return w.Log().find("(job 1)") != std::string::npos; })) << w.Log();
  const int exit = w.Stop(SIGTERM);
  EXPECT_EQ(exit, 0) << w.Log();
  EXPECT_NE(w.Log().find("worker idle: 1 registered"), std::string::npos) << w.Log();
}

CONGVAN_ON_BOTH_BACKENDS(QueueCliTest);

}  // namespace
}  // namespace congvan
