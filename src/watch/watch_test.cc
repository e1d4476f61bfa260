// Tests of the watched folder's parts on real files, a real registry (an SQLite file, and the
// journal and the watcher on a PostgreSQL database too: tests/support/registry_backends.h) and
// the real pipeline: configuration, ignored names, the open-for-writing check, settling, moving
// without overwriting, the journal shared by several watchers, and the recovery of what a killed
// watcher left half done.
#include <gtest/gtest.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "base/sha256.h"
#include "pipeline/pipeline.h"
#include "registry/journal.h"
#include "registry/registry.h"
#include "support/registry_backends.h"
#include "support/testing.h"
#include "watch/event_log.h"
#include "watch/files.h"
#include "watch/options.h"
#include "watch/presence.h"
#include "watch/settle.h"
#include "watch/stop_signals.h"
#include "watch/watcher.h"

namespace congvan::watch {
namespace {

namespace fs = std::filesystem;
using congvan::testing::TempDir;
using registry::FileOutcome;
using registry::FileState;
using registry::Journal;

std::string Letter(int n) {
  static const char* kFiles[] = {"000_a6046faea36eee60.txt", "001_b8c21598dec75cc1.txt",
                                 "003_b639d55b78feda7a.txt"};
  return congvan::testing::ReadFile(
      congvan::testing::TestData(std::string("devset/restored/") + kFiles[n % 3]));
}

TEST(WatchOptionsTest, ConfigFileSetsEveryKeyAndNamesTheBadLine) {
  WatchOptions o;
  const char* text =
      "# the clerk's scanner share\n"
      "folder = \"/srv/Công văn đến\"\n"
      "db=/var/lib/congvan/registry.db\n"
      "  poll = 5\n"
      "settle = 1.5\n"
      "rescan = 60\n"
      "workers = 3\n"
      "queue = 8\n"
      "processed = /srv/done\n"
      "failed = /srv/failed\n"
      "leave-in-place = yes\n"
      "ignore = *.bak, scan_tmp*\n"
      "\n";
  ASSERT_TRUE(ParseConfig(text, "watch.conf", o).ok());
  EXPECT_EQ(o.folder, "/srv/Công văn đến");
  EXPECT_EQ(o.db, "/var/lib/congvan/registry.db");
  EXPECT_DOUBLE_EQ(o.poll_seconds, 5);
  EXPECT_DOUBLE_EQ(o.settle_seconds, 1.5);
  EXPECT_DOUBLE_EQ(o.rescan_seconds, 60);
  EXPECT_EQ(o.workers, 3);
  EXPECT_EQ(o.queue, 8);
  EXPECT_EQ(o.processed_dir, "/srv/done");
  EXPECT_EQ(o.failed_dir, "/srv/failed");
  EXPECT_TRUE(o.leave_in_place);
  EXPECT_EQ(o.ignore, (std::vector<std::string>{"*.bak", "scan_tmp*"}));

  WatchOptions bad;
  Status s = ParseConfig("folder = /x\nsetle = 2\n", "watch.conf", bad);
  EXPECT_EQ(s.code(), Code::kInvalidInput);
  EXPECT_EQ(s.message(), "watch.conf:2: unknown setting 'setle'");
  s = ParseConfig("settle = -1\n", "w.conf", bad);
  EXPECT_EQ(s.message(), "w.conf:1: '-1' is not a number of seconds");
  s = ParseConfig("just words\n", "w.conf", bad);
  EXPECT_NE(s.message().find("w.conf:1: expected 'key = value'"), std::string::npos);
  EXPECT_EQ(LoadConfigFile("/nonexistent/watch.conf", bad).code(), Code::kNotFound);
}

// The example shipped with the systemd unit reads as it says.
TEST(WatchOptionsTest, PackagedExampleConfigurationLoads) {
  WatchOptions o;
  Status s = LoadConfigFile((congvan::testing::SourceDir() / "packaging/watch.conf").string(), o);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(o.folder, "/var/lib/congvan/inbox");
  EXPECT_EQ(o.db, "/var/lib/congvan/registry.db");
  EXPECT_DOUBLE_EQ(o.settle_seconds, 2);
  EXPECT_DOUBLE_EQ(o.poll_seconds, 0);
  EXPECT_TRUE(Validate(o).ok());
}

TEST(WatchFilesTest, IgnoresTemporaryAndHiddenNamesOnly) {
  const auto& p = DefaultIgnorePatterns();
  for (const char* name : {".hidden.pdf", "~$letter.docx", "scan.pdf.part", "x.tmp", "Thumbs.db",
                           "a.crdownload", "scan.pdf.error.txt", "notes~"}) {
    EXPECT_TRUE(MatchesAny(name, p)) << name;
  }
  for (const char* name : {"scan.pdf", "CV 1532.png", "công văn.txt", "tmp.pdf", "part.tif"}) {
    EXPECT_FALSE(MatchesAny(name, p)) << name;
  }
}

TEST(WatchFilesTest, KnowsWhenAFileIsStillOpenForWriting) {
  TempDir dir;
  const std::string path = (dir / "scan.pdf").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << "half a scan";
    out.flush();
    std::optional<bool> open = IsOpenForWriting(path);
    ASSERT_TRUE(open.has_value()) << "leases unavailable on " << dir.path();
    EXPECT_TRUE(*open);
  }
  EXPECT_EQ(IsOpenForWriting(path), std::optional<bool>(false));
  EXPECT_EQ(IsOpenForWriting((dir / "missing").string()), std::nullopt);
}

TEST(WatchFilesTest, SettlesOnlyAfterTheDelayUnchangedAndClosed) {
  TempDir dir;
  const std::string path = (dir / "a.txt").string();
  congvan::testing::WriteFile(path, "first");
  SettleTracker tracker(std::chrono::milliseconds(300));
  const auto t0 = SteadyClock::now();
  tracker.Track(path, 1, *StampOf(path), t0);
  EXPECT_TRUE(tracker.Check(t0 + std::chrono::milliseconds(100)).ready.empty());
  // It grows: the delay starts again from the change.
  congvan::testing::WriteFile(path, "first and more");
  EXPECT_TRUE(tracker.Check(t0 + std::chrono::milliseconds(350)).ready.empty());
  EXPECT_TRUE(tracker.Check(t0 + std::chrono::milliseconds(600)).ready.empty());
  {
    // Unchanged for long enough, but a writer still holds it open.
    std::ofstream writer(path, std::ios::app);
    EXPECT_TRUE(tracker.Check(t0 + std::chrono::milliseconds(5000)).ready.empty());
  }
  SettleTracker::Checked done = tracker.Check(t0 + std::chrono::milliseconds(5100));
  ASSERT_EQ(done.ready.size(), 1u);
  EXPECT_EQ(done.ready[0].journal_id, 1);
  EXPECT_TRUE(tracker.empty());

  // Removed before it settles.
  const std::string gone = (dir / "gone.txt").string();
  congvan::testing::WriteFile(gone, "x");
  tracker.Track(gone, 2, *StampOf(gone), t0);
  fs::remove(gone);
  SettleTracker::Checked vanished = tracker.Check(t0 + std::chrono::milliseconds(10));
  ASSERT_EQ(vanished.vanished.size(), 1u);
  EXPECT_EQ(vanished.vanished[0].path, gone);
}

TEST(WatchFilesTest, MovesNeverOverwrite) {
  TempDir dir;
  const fs::path dest = dir / "processed" / "2026" / "11";
  for (int i = 0; i < 3; ++i) {
    const fs::path src = dir / "scan.pdf";
    congvan::testing::WriteFile(src, "content " + std::to_string(i));
    const std::string to = FreeName(dest.string(), "scan.pdf");
    ASSERT_TRUE(MoveNoReplace(src.string(), to).ok());
    EXPECT_FALSE(fs::exists(src));
  }
  EXPECT_EQ(congvan::testing::ReadFile(dest / "scan.pdf"), "content 0");
  EXPECT_EQ(congvan::testing::ReadFile(dest / "scan (2).pdf"), "content 1");
  EXPECT_EQ(congvan::testing::ReadFile(dest / "scan (3).pdf"), "content 2");
  congvan::testing::WriteFile(dir / "other.pdf", "other");
  Status taken = MoveNoReplace((dir / "other.pdf").string(), (dest / "scan.pdf").string());
  EXPECT_EQ(taken.code(), Code::kAlreadyExists);
  EXPECT_EQ(congvan::testing::ReadFile(dest / "scan.pdf"), "content 0");
  EXPECT_TRUE(fs::exists(dir / "other.pdf"));

  ASSERT_TRUE(WriteOneLineFile((dir / "e.error.txt").string(), "bad\nPNG").ok());
  EXPECT_EQ(congvan::testing::ReadFile(dir / "e.error.txt"), "bad PNG\n");
  EXPECT_EQ(MonthFolder("/p", 1764115200), "/p/2025/11");  // 2025-11-26 00:00 UTC
}

class JournalBackendsTest : public congvan::testing::RegistryBackendTest {};

TEST_P(JournalBackendsTest, FollowsAFileFromSeenToFinished) {
  auto reg = registry::Registry::Open(NewRegistryLocation());
  ASSERT_TRUE(reg.ok()) << reg.status().ToString();
  Journal journal(**reg);
  Result<std::int64_t> id = journal.Seen("/in/a.pdf", 10, 111, 1000);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  // Seen again (a rescan, a restart) before it was claimed: the same entry.
  EXPECT_EQ(*journal.Seen("/in/a.pdf", 12, 222, 1500), *id);
  ASSERT_TRUE(journal.Claim(*id, "abc", 2000).ok());
  EXPECT_FALSE(journal.Claim(*id, "abc", 2000).ok());  // claimed twice: refused
  EXPECT_EQ((*journal.Unfinished()).size(), 1u);

  FileOutcome outcome;
  outcome.state = FileState::kDone;
  outcome.document_id = 7;
  outcome.pages = 2;
  outcome.moved_to = "/in/processed/2026/11/a.pdf";
  ASSERT_TRUE(journal.Decide(*id, outcome).ok());
  auto entry = *journal.Find(*id);
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(entry->state, FileState::kClaimed);
  EXPECT_EQ(entry->outcome, FileState::kDone);
  EXPECT_EQ(entry->size, 12);
  EXPECT_EQ(entry->attempts, 1);
  EXPECT_FALSE(journal.Requeue(*id).ok());  // decided: it must be finished, not read again
  ASSERT_TRUE(journal.Finish(*id, outcome.moved_to, "", 5000).ok());
  entry = *journal.Find(*id);
  EXPECT_EQ(entry->state, FileState::kDone);
  EXPECT_EQ(entry->document_id, 7);
  EXPECT_EQ(entry->finished_ms, 5000);
  EXPECT_TRUE((*journal.Unfinished()).empty());
  // A new file dropped under the same name later is a new entry.
  EXPECT_NE(*journal.Seen("/in/a.pdf", 12, 333, 6000), *id);

  // A failure left in place is recognised by path, size and mtime.
  std::int64_t bad = *journal.Seen("/in/b.png", 5, 55, 6000);
  ASSERT_TRUE(journal.Claim(bad, "", 6100).ok());
  FileOutcome failed;
  failed.state = FileState::kFailed;
  failed.error = "/in/b.png: invalid input: truncated PNG";
  ASSERT_TRUE(journal.Decide(bad, failed).ok());
  ASSERT_TRUE(journal.Finish(bad, "", "left in place: read-only", 6200).ok());
  EXPECT_TRUE(*journal.FinishedInPlace("/in/b.png", 5, 55));
  EXPECT_FALSE(*journal.FinishedInPlace("/in/b.png", 6, 55));
  EXPECT_FALSE(*journal.FinishedInPlace("/in/a.pdf", 12, 222));  // moved away, not in place

  std::int64_t gone = *journal.Seen("/in/c.pdf", 1, 1, 7000);
  ASSERT_TRUE(journal.Removed(gone, "removed before it settled", 7100).ok());

  registry::JournalSummary s = *journal.Summarize(8000, 10000, 5);
  EXPECT_EQ(s.seen, 1);  // the second a.pdf
  EXPECT_EQ(s.claimed, 0);
  EXPECT_EQ(s.done, 1);
  EXPECT_EQ(s.failed, 1);
  EXPECT_EQ(s.removed, 1);
  EXPECT_EQ(s.pages, 2);
  EXPECT_DOUBLE_EQ(s.mean_seconds_to_finish, 4.0);  // seen at 1000, finished at 5000
  ASSERT_EQ(s.recent_failures.size(), 1u);
  EXPECT_EQ(s.recent_failures[0].error,
            "/in/b.png: invalid input: truncated PNG; left in place: read-only");
  EXPECT_EQ((*journal.Summarize(8000, 1000, 5)).done, 0);  // outside a 1 s window
}

// Two watchers on one registry (two offices' folders): each finds, recovers and skips only its
// own files, even under the same path on two machines; the registry's counts are of both.
TEST_P(JournalBackendsTest, EachWatcherKeepsItsOwnEntries) {
  auto reg = registry::Registry::Open(NewRegistryLocation());
  ASSERT_TRUE(reg.ok()) << reg.status().ToString();
  Journal a(**reg, "host-a:/srv/in"), b(**reg, "host-b:/srv/in");
  const std::int64_t in_a = *a.Seen("/srv/in/x.pdf", 10, 1, 1000);
  const std::int64_t in_b = *b.Seen("/srv/in/x.pdf", 10, 1, 1000);
  EXPECT_NE(in_a, in_b);
  EXPECT_EQ(*a.Seen("/srv/in/x.pdf", 11, 2, 1100), in_a);  // a's own entry, seen again
  ASSERT_EQ(a.Unfinished()->size(), 1u);
  EXPECT_EQ(a.Unfinished()->front().id, in_a);
  EXPECT_EQ(a.Unfinished()->front().watcher, "host-a:/srv/in");
  ASSERT_EQ(b.Unfinished()->size(), 1u);
  EXPECT_EQ(b.Unfinished()->front().id, in_b);

  ASSERT_TRUE(a.Claim(in_a, "", 1200).ok());
  FileOutcome failed;
  failed.state = FileState::kFailed;
  failed.error = "unreadable";
  ASSERT_TRUE(a.Decide(in_a, failed).ok());
  ASSERT_TRUE(a.Finish(in_a, "", "left in place", 1300).ok());
  EXPECT_TRUE(*a.FinishedInPlace("/srv/in/x.pdf", 11, 2));
  EXPECT_FALSE(*b.FinishedInPlace("/srv/in/x.pdf", 11, 2));  // b's file is another file
  EXPECT_TRUE(a.Unfinished()->empty());
  EXPECT_EQ(b.Unfinished()->size(), 1u);
  registry::JournalSummary s = *b.Summarize(2000, 10000, 5);
  EXPECT_EQ(s.seen, 1);
  EXPECT_EQ(s.failed, 1);
}

// The same content claimed by two watchers: the first claim is read, the later one waits until
// that claim has an outcome — or, when its watcher died and stopped renewing it, until its lease
// has lapsed. Times are chosen, not waited for.
TEST_P(JournalBackendsTest, TheFirstClaimOnAContentHoldsTheOthersUntilDecidedOrItsLeaseLapses) {
  auto reg = registry::Registry::Open(NewRegistryLocation());
  ASSERT_TRUE(reg.ok()) << reg.status().ToString();
  const std::int64_t lease = 30000;
  Journal a(**reg, "host-a:/in", lease), b(**reg, "host-b:/in", lease);
  const std::int64_t first = *a.Seen("/in/letter.pdf", 1, 1, 1000);
  const std::int64_t second = *b.Seen("/in/same-letter.pdf", 1, 1, 1000);
  const std::int64_t other = *b.Seen("/in/other.pdf", 1, 1, 1000);
  ASSERT_TRUE(a.Claim(first, "aaaa", 2000).ok());
  ASSERT_TRUE(b.Claim(second, "aaaa", 2500).ok());
  ASSERT_TRUE(b.Claim(other, "bbbb", 2500).ok());
  EXPECT_FALSE(*a.ContentHeldElsewhere(first, 3000));  // the first claim goes ahead
  EXPECT_TRUE(*b.ContentHeldElsewhere(second, 3000));   // the second waits for it
  EXPECT_FALSE(*b.ContentHeldElsewhere(other, 3000));   // other content: no wait
  EXPECT_EQ((*a.Find(first))->lease_until_ms, 2000 + lease);

  // A live watcher renews its claims; past the first lease the second claim still waits.
  ASSERT_TRUE(a.RenewLeases(20000).ok());
  EXPECT_EQ((*a.Find(first))->lease_until_ms, 20000 + lease);
  EXPECT_EQ((*b.Find(second))->lease_until_ms, 2500 + lease);  // only a's own claims
  EXPECT_TRUE(*b.ContentHeldElsewhere(second, 40000));
  // Then a dies: nobody renews its claim, and once the lease lapses the second claim goes on.
  EXPECT_TRUE(*b.ContentHeldElsewhere(second, 20000 + lease - 1));
  EXPECT_FALSE(*b.ContentHeldElsewhere(second, 20000 + lease));

  // Had a decided its outcome (the content is registered), nothing would wait for it.
  const std::int64_t third = *b.Seen("/in/third.pdf", 1, 1, 1000);
  ASSERT_TRUE(b.Claim(third, "aaaa", 21000).ok());
  EXPECT_TRUE(*b.ContentHeldElsewhere(third, 21000));
  FileOutcome done;
  done.state = FileState::kDone;
  done.document_id = 1;
  ASSERT_TRUE(a.Decide(first, done).ok());
  // Now `second` (claimed before `third`) is the first live claim: `third` waits for it alone.
  EXPECT_FALSE(*b.ContentHeldElsewhere(second, 21000));
  EXPECT_TRUE(*b.ContentHeldElsewhere(third, 21000));
}

CONGVAN_ON_BOTH_BACKENDS(JournalBackendsTest);

class WatcherRecoveryTest : public congvan::testing::RegistryBackendTest {
 protected:
  static void SetUpTestSuite() {
    pipeline::Options options;
    options.workers = 1;
    auto made = pipeline::Pipeline::Create(options);
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    pipeline_ = std::move(made).value().release();
  }
  static void TearDownTestSuite() { delete pipeline_; }
  static pipeline::Pipeline* pipeline_;
};
pipeline::Pipeline* WatcherRecoveryTest::pipeline_ = nullptr;

// What `kill -9` can leave: one file registered but not yet moved (its entry still claimed),
// one file whose reading was cut short (claimed, not registered), one 'seen' file that was
// removed while the watcher was down. Opening the watcher again finishes each correctly.
TEST_P(WatcherRecoveryTest, FinishesWhatAKilledWatcherLeftHalfDone) {
  TempDir dir;
  const fs::path in = fs::canonical(dir.path()) / "in";
  fs::create_directories(in);
  const std::string db = NewRegistryLocation();
  const std::string name = WatcherName(db, in.string());
  const fs::path registered = in / "registered.txt", cut = in / "cut.txt", gone = in / "gone.txt";
  congvan::testing::WriteFile(registered, Letter(0));
  congvan::testing::WriteFile(cut, Letter(1));
  std::int64_t registered_id = 0, cut_id = 0, gone_id = 0, document_id = 0;
  {
    auto reg = registry::Registry::Open(db);
    ASSERT_TRUE(reg.ok());
    Journal journal(**reg, name);
    registered_id = *journal.Seen(registered.string(), 1, 1, registry::NowMs());
    ASSERT_TRUE(journal.Claim(registered_id, Sha256Hex(Letter(0)), registry::NowMs()).ok());
    Result<pipeline::Processed> processed = pipeline_->Process(registered.string());
    ASSERT_TRUE(processed.ok()) << processed.status().ToString();
    Result<registry::AddOutcome> added = pipeline::Register(**reg, *processed);
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    document_id = added->id;
    cut_id = *journal.Seen(cut.string(), 1, 1, registry::NowMs());
    ASSERT_TRUE(journal.Claim(cut_id, Sha256Hex(Letter(1)), registry::NowMs()).ok());
    gone_id = *journal.Seen(gone.string(), 1, 1, registry::NowMs());
  }

  std::FILE* sink = std::tmpfile();
  EventLog log(sink);
  WatchOptions options;
  options.folder = in.string();
  options.db = db;
  auto watcher = Watcher::Create(options, *pipeline_, log);
  ASSERT_TRUE(watcher.ok()) << watcher.status().ToString();

  auto reg = registry::Registry::Open(db);
  Journal journal(**reg, name);
  auto first = *journal.Find(registered_id);
  EXPECT_EQ(first->state, FileState::kDone);
  EXPECT_EQ(first->document_id, document_id);
  EXPECT_FALSE(fs::exists(registered));
  ASSERT_FALSE(first->moved_to.empty());
  EXPECT_EQ(congvan::testing::ReadFile(first->moved_to), Letter(0));
  EXPECT_NE(first->moved_to.find("/in/processed/"), std::string::npos) << first->moved_to;

  auto second = *journal.Find(cut_id);
  EXPECT_EQ(second->state, FileState::kSeen);  // read again by the start-up scan
  EXPECT_TRUE(fs::exists(cut));
  EXPECT_EQ(*(*reg)->Count(), 1);

  EXPECT_EQ((*journal.Find(gone_id))->state, FileState::kRemoved);
  std::fclose(sink);
}

// A stop signal ends Run() cleanly; a file dropped before is registered and moved first; a
// hidden file and a symbolic link are left alone.
TEST_P(WatcherRecoveryTest, RegistersADroppedFileAndStopsOnSigterm) {
  TempDir dir;
  const fs::path in = dir / "in";
  fs::create_directories(in / "sub");
  congvan::testing::WriteFile(in / "sub" / "letter.txt", Letter(2));
  congvan::testing::WriteFile(in / ".hidden.txt", Letter(0));
  congvan::testing::WriteFile(dir / "elsewhere.txt", Letter(1));
  fs::create_symlink(dir / "elsewhere.txt", in / "link.txt");
  auto stop = StopSignals::Create();
  ASSERT_TRUE(stop.ok());
  std::FILE* sink = std::tmpfile();
  EventLog log(sink);
  WatchOptions options;
  options.folder = in.string();
  options.db = NewRegistryLocation();
  options.settle_seconds = 0.2;
  auto watcher = Watcher::Create(options, *pipeline_, log);
  ASSERT_TRUE(watcher.ok()) << watcher.status().ToString();
  // Aimed at this thread: the pipeline's threads were started before the signals were blocked.
  const pthread_t main_thread = pthread_self();
  std::thread stopper([&] {
    for (int i = 0; i < 300 && fs::exists(in / "sub" / "letter.txt"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    pthread_kill(main_thread, SIGTERM);
  });
  EXPECT_TRUE((*watcher)->Run(**stop).ok());
  stopper.join();
  EXPECT_FALSE(fs::exists(in / "sub" / "letter.txt"));
  EXPECT_TRUE(fs::exists(in / ".hidden.txt"));  // hidden names are never taken
  EXPECT_TRUE(fs::is_symlink(in / "link.txt"));  // nor links to files elsewhere
  bool found = false;
  for (auto& e : fs::recursive_directory_iterator(in / "processed")) {
    if (e.path().filename() == "letter.txt") {
      found = true;
      EXPECT_EQ(e.path().parent_path().filename(), "sub");  // the subfolder is kept
    }
  }
  EXPECT_TRUE(found);
  auto reg = registry::Registry::Open(options.db);
  EXPECT_EQ(*(*reg)->Count(), 1);
  std::fclose(sink);
}

// One watcher per folder and registry (on PostgreSQL through a lock the server holds for the
// watcher's connection); another folder is allowed; a stopped watcher's folder is free again.
TEST_P(WatcherRecoveryTest, ASecondWatcherOfTheSameFolderIsRefused) {
  TempDir dir;
  fs::create_directories(dir / "a");
  fs::create_directories(dir / "b");
  std::FILE* sink = std::tmpfile();
  EventLog log(sink);
  WatchOptions options;
  options.folder = (dir / "a").string();
  options.db = NewRegistryLocation();
  auto first = Watcher::Create(options, *pipeline_, log);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto twice = Watcher::Create(options, *pipeline_, log);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().code(), Code::kAlreadyExists) << twice.status().ToString();
  WatchOptions other = options;
  other.folder = (dir / "b").string();
  auto other_folder = Watcher::Create(other, *pipeline_, log);
  EXPECT_TRUE(other_folder.ok()) << other_folder.status().ToString();
  first->reset();
  auto again = Watcher::Create(options, *pipeline_, log);
  EXPECT_TRUE(again.ok()) << again.status().ToString();
  std::fclose(sink);
}

CONGVAN_ON_BOTH_BACKENDS(WatcherRecoveryTest);

// The presence lock: one watcher per folder and registry, others allowed, gone when released.
TEST(PresenceLockTest, OnePerFolderAndRegistryAndGoneWhenReleased) {
  TempDir dir;
  const std::string db = (dir / "registry.db").string();
  Result<std::vector<RunningWatcher>> none = FindRunningWatchers(db);
  ASSERT_TRUE(none.ok()) << none.status().message();
  EXPECT_TRUE(none->empty());

  Result<std::unique_ptr<PresenceLock>> a = PresenceLock::Acquire(db, "/srv/in", 1700000000000);
  ASSERT_TRUE(a.ok()) << a.status().message();
  Result<std::unique_ptr<PresenceLock>> other_folder = PresenceLock::Acquire(db, "/srv/scans", 1);
  ASSERT_TRUE(other_folder.ok()) << other_folder.status().message();
  // flock conflicts between two opens of the file even within one process.
  Result<std::unique_ptr<PresenceLock>> twice = PresenceLock::Acquire(db, "/srv/in", 2);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().code(), Code::kAlreadyExists);
  EXPECT_NE(twice.status().message().find("pid " + std::to_string(::getpid())), std::string::npos)
      << twice.status().message();

  Result<std::vector<RunningWatcher>> running = FindRunningWatchers(db);
  ASSERT_TRUE(running.ok());
  ASSERT_EQ(running->size(), 2u);
  std::set<std::string> folders;
  for (const RunningWatcher& w : *running) {
    folders.insert(w.folder);
    EXPECT_EQ(w.pid, ::getpid());
  }
  EXPECT_EQ(folders, (std::set<std::string>{"/srv/in", "/srv/scans"}));

  a->reset();
  other_folder->reset();
  EXPECT_TRUE(FindRunningWatchers(db)->empty());
  EXPECT_TRUE(fs::is_empty(db + ".watchers"));  // released locks take their files with them
  EXPECT_TRUE(PresenceLock::Acquire(db, "/srv/in", 3).ok());
}

}  // namespace
}  // namespace congvan::watch
