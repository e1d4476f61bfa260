// End-to-end tests of `congvan watch` and `congvan status`: the real binary watching real temp
// folders, files dropped the ways scanners and clerks drop them, the registry read back.
//
// Mostly text letters (real ones, varied so their SHA-256 differ) and two one-page scans, so
// the whole file runs in well under three minutes on two cores.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/sha256.h"
#include "registry/letter_files.h"
#include "registry/originals.h"
#include "registry/registry.h"
#include "registry/statement.h"
#include "support/hostile_pdf.h"
#include "support/pg_cluster.h"
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

std::string Quote(const fs::path& p) { return "'" + p.string() + "'"; }

std::string Congvan(const std::string& args) {
  return "env OMP_THREAD_LIMIT=1 " + Quote(testing::CongvanBinary()) + " " + args;
}

// The real letters the tests drop, as text.
const std::vector<std::string>& Letters() {
  static const std::vector<std::string> letters = [] {
    std::vector<std::string> out;
    for (const char* dir : {"devset/restored", "extract/letters"}) {
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(TestData(dir))) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const fs::path& f : files) out.push_back(ReadFile(f));
    }
    return out;
  }();
  return letters;
}

// Letter `n`: a real letter with a copy number at the end, so each n has its own SHA-256.
std::string LetterCopy(int n) {
  return Letters()[n % Letters().size()] + "\nBản sao số " + std::to_string(n) + "\n";
}

// A one-page scan; `variant` > 0 appends bytes after the JPEG's end so the content differs.
std::string Scan(int variant) {
  std::string jpg = ReadFile(TestData("scans/11_thutuong_09-2023-QD-TTg_render_p1.jpg"));
  if (variant > 0) jpg += "variant " + std::to_string(variant);
  return jpg;
}

// Writes a file the way a copy does, or through a hidden temporary name renamed into place
// (as rsync, browsers and scanners do).
void Drop(const fs::path& path, const std::string& bytes, bool via_rename = false) {
  if (!via_rename) {
    WriteFile(path, bytes);
    return;
  }
  const fs::path temporary = path.parent_path() / ("." + path.filename().string() + ".partial");
  WriteFile(temporary, bytes);
  fs::rename(temporary, path);
}

// The watcher as a child process, its output in a log file. Killed (-9) if the test ends first.
class WatcherProcess {
 public:
  // `congvan` is the command line up to the arguments (default: this build's binary).
  WatcherProcess(const std::vector<std::string>& args, fs::path log,
                 const std::string& congvan = Congvan(""))
      : log_(std::move(log)) {
    std::string command = "exec " + congvan;
    for (const std::string& a : args) command += " " + Quote(a);
    command += " >>" + Quote(log_) + " 2>&1";
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~WatcherProcess() {
    if (pid_ > 0) Stop(SIGKILL);
  }

  // Sends `signal` and waits: the exit status, or 128 + the signal that killed it.
  int Stop(int signal) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, signal);
    return Wait();
  }

  // Waits (at most `seconds`) for the process to end by itself; -1 if it did not.
  int Wait(double seconds = 60) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    int status = 0;
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  std::string Log() const { return ReadFile(log_); }
  pid_t pid() const { return pid_; }

  // Waits until the log has a line containing `text` (at most `seconds`).
  bool WaitForLog(const std::string& text, double seconds = 60) const {
    return WaitFor([&] { return Log().find(text) != std::string::npos; }, seconds);
  }

  static bool WaitFor(const std::function<bool()>& done, double seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return true;
  }

 private:
  fs::path log_;
  pid_t pid_ = -1;
};

// Files still waiting in the watched folder (outside processed/ and failed/), ignored names
// left out.
std::vector<fs::path> Waiting(const fs::path& in) {
  std::vector<fs::path> out;
  for (auto it = fs::recursive_directory_iterator(in); it != fs::recursive_directory_iterator(); ++it) {
    const std::string name = it->path().filename().string();
    if (it->is_directory() && (name == "processed" || name == "failed") && it.depth() == 0) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    if (name[0] == '.' || name.rfind("~$", 0) == 0 || name == "Thumbs.db" ||
        name.ends_with(".part") || name.ends_with(".tmp")) {
      continue;
    }
    out.push_back(it->path());
  }
  return out;
}

// Every regular file below `dir`, by name (relative path) → content.
std::map<std::string, std::string> FilesBelow(const fs::path& dir) {
  std::map<std::string, std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) out[fs::relative(e.path(), dir).string()] = ReadFile(e.path());
  }
  return out;
}

// `congvan status --json`, run as the watcher's user (the command line `congvan`), so no file
// of the registry ends up owned by someone else.
nlohmann::json JournalStatus(const fs::path& db, const std::string& congvan = Congvan("")) {
  CommandResult r = RunCommand(congvan + "status --json --db " + Quote(db));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.exit_code == 0 ? nlohmann::json::parse(r.out) : nlohmann::json::object();
}

std::int64_t QueueLength(const fs::path& db) {
  nlohmann::json s = JournalStatus(db);
  return s.value("/queue/seen"_json_pointer, 0) + s.value("/queue/claimed"_json_pointer, 0);
}

// How many registered files have exactly these bytes (0 or 1: the registry refuses more): a
// letter of its own, or another file of a letter (two copies of one letter, or two variants of
// one scan, carry the same number, issuer and date and become one letter with both files).
int Registered(registry::Registry& reg, const std::string& bytes) {
  auto found = reg.FindBySha256(Sha256Hex(bytes));
  EXPECT_TRUE(found.ok());
  if (found.ok() && found->has_value()) return 1;
  auto attached = registry::LetterOfFile(reg, Sha256Hex(bytes));
  EXPECT_TRUE(attached.ok());
  return attached.ok() && attached->has_value() ? 1 : 0;
}

// How many files are registered: letters, and the further files attached to them.
std::int64_t Files(registry::Registry& reg) {
  auto letters = reg.Count();
  EXPECT_TRUE(letters.ok());
  auto attached = registry::QueryInt64(reg.db(), "SELECT count(*) FROM letter_files");
  EXPECT_TRUE(attached.ok()) << attached.status().ToString();
  return (letters.ok() ? *letters : 0) + (attached.ok() ? *attached : 0);
}

std::unique_ptr<registry::Registry> OpenRegistry(const fs::path& db) {
  auto reg = registry::Registry::Open(db.string());
  EXPECT_TRUE(reg.ok()) << reg.status().ToString();
  return reg.ok() ? std::move(reg).value() : nullptr;
}

// Writes `bytes` over `seconds`, in pieces, keeping the file open all along (a slow scanner).
void WriteSlowly(const fs::path& path, const std::string& bytes, double seconds, int pieces) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  const std::size_t step = bytes.size() / pieces + 1;
  for (std::size_t at = 0; at < bytes.size(); at += step) {
    const std::size_t n = std::min(step, bytes.size() - at);
    ASSERT_EQ(::write(fd, bytes.data() + at, n), static_cast<ssize_t>(n));
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds / pieces));
  }
  ::close(fd);
}

// The corrupt files of a burst: each must end in failed/ with a one-line reason.
std::map<std::string, std::string> CorruptFiles() {
  std::string png = ReadFile(testing::SourceDir() / "corpus/samples/kh-245-twdtn-degraded.png");
  std::mt19937 rng(7);
  std::string junk(20000, '\0');
  for (char& c : junk) c = static_cast<char>(rng());
  std::string broken_text = ReadFile(TestData("devset/restored/000_a6046faea36eee60.txt"));
  for (std::size_t i = 7; i < broken_text.size(); i += 23) broken_text[i] = static_cast<char>(0xC3);
  return {
      {"empty.pdf", ""},
      {"truncated.png", png.substr(0, png.size() / 3)},
      {"random.pdf", junk},
      {"nopages.pdf",
       "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"},
      {"broken.txt", broken_text},
      {"truncated.jpg", Scan(0).substr(0, 3000)},
  };
}

// The originals under processed/, by their path below the month folder (processed/YYYY/MM/…).
// A run that crosses the end of a month files into two month folders; a file found twice is
// kept twice (under "NAME (again)"), so a doubled original still shows.
std::map<std::string, std::string> ProcessedFiles(const fs::path& in) {
  std::map<std::string, std::string> out;
  for (const auto& [rel, bytes] : FilesBelow(in / "processed")) {
    const fs::path p(rel);
    if (std::distance(p.begin(), p.end()) < 3) continue;
    fs::path below;
    auto part = std::next(p.begin(), 2);
    for (; part != p.end(); ++part) below /= *part;
    std::string key = below.string();
    if (out.count(key)) key += " (again)";
    out[key] = bytes;
  }
  return out;
}

TEST(WatchTest, BadSettingsFailWithOneLine) {
  TempDir dir;
  CommandResult missing = RunCommand(Congvan("watch --db " + Quote(dir / "r.db") + " " +
                                             Quote(dir / "no-such-folder")));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.err, "congvan: the folder " + (dir / "no-such-folder").string() +
                             " does not exist\n");

  WriteFile(dir / "watch.conf", "folder = " + dir.path().string() + "\nsetle = 2\n");
  CommandResult bad_key = RunCommand(Congvan("watch --config " + Quote(dir / "watch.conf")));
  EXPECT_EQ(bad_key.exit_code, 1);
  EXPECT_EQ(bad_key.err, "congvan: " + (dir / "watch.conf").string() +
                             ":2: unknown setting 'setle'\n");

  CommandResult no_db = RunCommand(Congvan("status --db " + Quote(dir / "none.db")));
  EXPECT_EQ(no_db.exit_code, 1);
  EXPECT_NE(no_db.err.find("no registry at"), std::string::npos) << no_db.err;
  EXPECT_FALSE(fs::exists(dir / "none.db"));
}

// 200 files at once with inotify: letters, duplicates, corrupt files, two scans, a subfolder,
// files renamed into place, ignored names, and one file written slowly over 10 seconds.
TEST(WatchTest, BurstOf200WithDuplicatesCorruptFilesAndASlowWriter) {
  TempDir dir;
  const fs::path in = dir / "in", db = dir / "registry.db";
  fs::create_directories(in);
  WatcherProcess watcher({"watch", "--db", db.string(), "--settle", "0.5", in.string()},
                         dir / "watch.log");
  ASSERT_TRUE(watcher.WaitForLog(" scan ")) << watcher.Log();

  const std::string slow_content = LetterCopy(1000);
  std::thread slow([&] { WriteSlowly(in / "slow-scanner.txt", slow_content, 10, 10); });

  std::vector<std::pair<fs::path, std::string>> good;  // distinct contents, must be registered
  std::vector<fs::path> duplicates;
  const auto corrupt = CorruptFiles();
  int dropped = 0;
  fs::create_directories(in / "phong-noi-vu");
  for (int i = 0; i < 176; ++i) {
    const fs::path path = (i % 20 == 7 ? in / "phong-noi-vu" : in) / ("cv-" + std::to_string(i) + ".txt");
    good.emplace_back(path, LetterCopy(i));
    Drop(path, good.back().second, /*via_rename=*/i % 10 == 3);
    ++dropped;
  }
  for (int i = 0; i < 16; ++i) {  // same bytes as a letter above, other names
    const fs::path path = in / ("ban-sao-" + std::to_string(i) + ".txt");
    Drop(path, LetterCopy(i * 11));
    duplicates.push_back(path);
    ++dropped;
  }
  for (const auto& [name, bytes] : corrupt) {
    Drop(in / name, bytes);
    ++dropped;
  }
  for (int v = 0; v < 2; ++v) {
    const fs::path path = in / ("scan-" + std::to_string(v) + ".jpg");
    good.emplace_back(path, Scan(v));
    Drop(path, good.back().second);
    ++dropped;
  }
  ASSERT_EQ(dropped + 1, 201);  // 200 dropped at once, and the slow one
  const std::map<std::string, std::string> ignored = {
      {"~$cong-van.docx", "lock"}, {"download.pdf.part", "half"}, {"scan.tmp", "tmp"},
      {"Thumbs.db", "thumbs"}, {".DS_Store", "mac"}};
  for (const auto& [name, bytes] : ignored) WriteFile(in / name, bytes);

  slow.join();
  good.emplace_back(in / "slow-scanner.txt", slow_content);
  ASSERT_TRUE(WatcherProcess::WaitFor([&] { return Waiting(in).empty() && QueueLength(db) == 0; }, 150))
      << Waiting(in).size() << " still waiting\n" << watcher.Log();
  EXPECT_EQ(watcher.Stop(SIGTERM), 0) << watcher.Log();

  // Every distinct content registered exactly once; nothing else registered.
  auto reg = OpenRegistry(db);
  ASSERT_NE(reg, nullptr);
  for (const auto& [path, bytes] : good) EXPECT_EQ(Registered(*reg, bytes), 1) << path;
  EXPECT_EQ(Files(*reg), static_cast<std::int64_t>(good.size()));

  // Originals: all in processed/YYYY/MM (subfolder kept), corrupt ones in failed/ with reasons.
  const auto processed = ProcessedFiles(in);
  for (const auto& [path, bytes] : good) {
    const std::string rel = fs::relative(path, in).string();
    ASSERT_EQ(processed.count(rel), 1u) << rel;
    EXPECT_EQ(processed.at(rel), bytes) << rel;
  }
  for (const fs::path& path : duplicates) EXPECT_EQ(processed.count(path.filename().string()), 1u);
  EXPECT_EQ(processed.size(), good.size() + duplicates.size());
  const auto failed = FilesBelow(in / "failed");
  EXPECT_EQ(failed.size(), 2 * corrupt.size());
  for (const auto& [name, bytes] : corrupt) {
    ASSERT_EQ(failed.count(name), 1u) << name;
    EXPECT_EQ(failed.at(name), bytes) << name;
    const std::string reason = failed.count(name + ".error.txt") ? failed.at(name + ".error.txt") : "";
    EXPECT_GT(reason.size(), 5u) << name;
    EXPECT_EQ(std::count(reason.begin(), reason.end(), '\n'), 1) << reason;
    EXPECT_EQ(reason.find(in.string()), std::string::npos) << reason;  // the reason, not the path
  }
  for (const auto& [name, bytes] : ignored) EXPECT_EQ(ReadFile(in / name), bytes) << name;

  // The journal, through `congvan status`.
  nlohmann::json s = JournalStatus(db);
  EXPECT_EQ(s["queue"]["seen"], 0);
  EXPECT_EQ(s["queue"]["claimed"], 0);
  EXPECT_EQ(s["finished"]["done"], good.size());
  EXPECT_EQ(s["finished"]["duplicate"], duplicates.size());
  EXPECT_EQ(s["finished"]["failed"], corrupt.size());
  EXPECT_EQ(s["recent_failures"].size(), corrupt.size());
  EXPECT_GT(s["throughput"]["files_per_minute"].get<double>(), 0);
  CommandResult text = RunCommand(Congvan("status --db " + Quote(db)));
  EXPECT_NE(text.out.find("0 waiting, 0 being read"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find(std::to_string(good.size()) + " registered"), std::string::npos) << text.out;

  // One line per event, each starting with a timestamp; the slow file was taken once, whole.
  const std::string log = watcher.Log();
  std::istringstream lines(log);
  const std::regex stamped(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} [a-z]+ +.*)");
  int registered_lines = 0;
  for (std::string line; std::getline(lines, line);) {
    EXPECT_TRUE(std::regex_match(line, stamped)) << line;
    if (line.find(" registered  #") != std::string::npos) ++registered_lines;
  }
  EXPECT_EQ(registered_lines, static_cast<int>(good.size()));
  EXPECT_NE(log.find(" stopped "), std::string::npos);
}

// kill -9 in the middle of a burst, files dropped while the watcher is down, a restart: every
// file ends registered exactly once or in failed/, none is left behind or lost.
TEST(WatchTest, KillDashNineMidBurstThenRestartLosesNothingAndRegistersNothingTwice) {
  TempDir dir;
  const fs::path in = dir / "in", db = dir / "registry.db";
  fs::create_directories(in);
  const std::vector<std::string> args = {"watch", "--db", db.string(), "--settle", "0.3",
                                         in.string()};
  std::vector<std::pair<fs::path, std::string>> good;
  {
    WatcherProcess first(args, dir / "watch.log");
    ASSERT_TRUE(first.WaitForLog(" scan ")) << first.Log();
    good.emplace_back(in / "scan.jpg", Scan(3));
    Drop(good.back().first, good.back().second);
    for (int i = 0; i < 80; ++i) {
      good.emplace_back(in / ("cv-" + std::to_string(i) + ".txt"), LetterCopy(500 + i));
      Drop(good.back().first, good.back().second);
    }
    ASSERT_TRUE(first.WaitForLog(" registered ")) << first.Log();
    EXPECT_EQ(first.Stop(SIGKILL), 128 + SIGKILL);
  }
  auto before = OpenRegistry(db);
  const std::int64_t registered_before = Files(*before);
  EXPECT_LT(registered_before, static_cast<std::int64_t>(good.size()));  // really mid-burst
  before.reset();

  for (int i = 0; i < 10; ++i) {  // dropped while the watcher is down
    good.emplace_back(in / ("while-down-" + std::to_string(i) + ".txt"), LetterCopy(700 + i));
    Drop(good.back().first, good.back().second);
  }
  Drop(in / "while-down-copy.txt", LetterCopy(500));  // a duplicate of the burst

  WatcherProcess second(args, dir / "watch.log");
  ASSERT_TRUE(WatcherProcess::WaitFor([&] { return Waiting(in).empty() && QueueLength(db) == 0; }, 120))
      << second.Log();
  EXPECT_EQ(second.Stop(SIGTERM), 0);

  auto reg = OpenRegistry(db);
  for (const auto& [path, bytes] : good) EXPECT_EQ(Registered(*reg, bytes), 1) << path;
  EXPECT_EQ(Files(*reg), static_cast<std::int64_t>(good.size()));
  // Each original is in processed/ exactly once (no "NAME (2)" from a file handled twice).
  const auto processed = ProcessedFiles(in);
  for (const auto& [path, bytes] : good) {
    const std::string name = path.filename().string();
    ASSERT_EQ(processed.count(name), 1u) << name;
    EXPECT_EQ(processed.at(name), bytes);
  }
  EXPECT_EQ(processed.size(), good.size() + 1);  // + the duplicate
  EXPECT_TRUE(FilesBelow(in / "failed").empty());
  nlohmann::json s = JournalStatus(db);
  EXPECT_EQ(s["finished"]["done"], good.size()) << s.dump();
  EXPECT_EQ(s["finished"]["duplicate"], 1) << s.dump();
}

// `congvan status` says whether a watcher runs (a stopped service must not look like an idle
// one); a second watcher on the same folder is refused; a watcher killed with -9 leaves
// nothing that stops the next start.
TEST(WatchTest, StatusTellsWhichWatcherRunsAndASecondOneOnTheSameFolderIsRefused) {
  TempDir dir;
  const fs::path in = dir / "in", db = dir / "registry.db";
  fs::create_directories(in);
  const std::vector<std::string> args = {"watch", "--db", db.string(), "--settle", "0.2",
                                         in.string()};
  const std::string canonical_in = fs::canonical(in).string();
  {
    WatcherProcess first(args, dir / "watch.log");
    ASSERT_TRUE(first.WaitForLog(" scan ")) << first.Log();
    nlohmann::json s = JournalStatus(db);
    ASSERT_EQ(s["watchers"].size(), 1u) << s.dump();
    EXPECT_EQ(s["watchers"][0]["pid"], first.pid()) << s.dump();
    EXPECT_EQ(s["watchers"][0]["folder"], canonical_in) << s.dump();

    CommandResult second = RunCommand(Congvan("watch --db " + Quote(db) + " " + Quote(in)));
    EXPECT_EQ(second.exit_code, 1) << second.out << second.err;
    EXPECT_EQ(std::count(second.err.begin(), second.err.end(), '\n'), 1) << second.err;
    EXPECT_NE(second.err.find("already watching"), std::string::npos) << second.err;
    EXPECT_NE(second.err.find("pid " + std::to_string(first.pid())), std::string::npos)
        << second.err;
    EXPECT_EQ(first.Stop(SIGKILL), 128 + SIGKILL);
  }
  CommandResult after_kill = RunCommand(Congvan("status --db " + Quote(db)));
  EXPECT_EQ(after_kill.exit_code, 0) << after_kill.err;
  EXPECT_NE(after_kill.out.find("watching     nothing"), std::string::npos) << after_kill.out;

  WatcherProcess again(args, dir / "watch2.log");  // the lock left by kill -9 does not block
  ASSERT_TRUE(again.WaitForLog(" scan ")) << again.Log();
  CommandResult running = RunCommand(Congvan("status --db " + Quote(db)));
  EXPECT_NE(running.out.find("watching     " + canonical_in + " (pid " +
                             std::to_string(again.pid())),
            std::string::npos)
      << running.out;
  EXPECT_EQ(again.Stop(SIGTERM), 0) << again.Log();
  EXPECT_TRUE(JournalStatus(db)["watchers"].empty());
}

// Polling (for network shares), configured through a file: files are found without inotify; a
// file kept open and written in pauses longer than the settle delay is still taken only once
// complete; a file removed before it settles is reported and nothing is registered for it.
TEST(WatchTest, PollingFromAConfigFileWithASlowWriterAndAFileRemovedBeforeItSettles) {
  TempDir dir;
  const fs::path in = dir / "Công văn đến", db = dir / "registry.db";
  fs::create_directories(in);
  WriteFile(dir / "watch.conf", "# scanner share\nfolder = " + in.string() + "\ndb = " +
                                    db.string() + "\npoll = 0.5\nsettle = 1\nrescan = 60\n");
  WatcherProcess watcher({"watch", "--config", (dir / "watch.conf").string()}, dir / "watch.log");
  ASSERT_TRUE(watcher.WaitForLog(" watching ")) << watcher.Log();
  EXPECT_NE(watcher.Log().find("polling every 0.5 s; settle 1 s"), std::string::npos) << watcher.Log();

  // Kept open for writing, then removed: it never settles.
  const int fd = ::open((in / "removed.pdf").c_str(), O_WRONLY | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::write(fd, "%PDF-1.4\n", 9), 9);
  ASSERT_TRUE(watcher.WaitForLog(" removed.pdf")) << watcher.Log();
  fs::remove(in / "removed.pdf");
  ::close(fd);
  ASSERT_TRUE(watcher.WaitForLog("removed.pdf (removed before it settled")) << watcher.Log();

  std::vector<std::pair<fs::path, std::string>> good;
  const std::string slow_content = LetterCopy(900);
  // Pauses of 1.4 s, longer than the 1 s settle delay: only "still open" keeps it waiting.
  std::thread slow([&] { WriteSlowly(in / "slow.txt", slow_content, 10.5, 7); });
  for (int i = 0; i < 20; ++i) {
    good.emplace_back(in / ("cv-" + std::to_string(i) + ".txt"), LetterCopy(300 + i));
    Drop(good.back().first, good.back().second);
  }
  slow.join();
  good.emplace_back(in / "slow.txt", slow_content);
  ASSERT_TRUE(WatcherProcess::WaitFor([&] { return Waiting(in).empty() && QueueLength(db) == 0; }, 60))
      << watcher.Log();
  EXPECT_EQ(watcher.Stop(SIGINT), 0);

  auto reg = OpenRegistry(db);
  for (const auto& [path, bytes] : good) EXPECT_EQ(Registered(*reg, bytes), 1) << path;
  EXPECT_EQ(Files(*reg), static_cast<std::int64_t>(good.size()));  // no partial slow.txt
  nlohmann::json s = JournalStatus(db);
  EXPECT_EQ(s["finished"]["removed"], 1);
  EXPECT_EQ(s["finished"]["failed"], 0);
}

// SIGTERM while a scan is being read: that file is finished, the rest waits for the next start.
// SIGTERM lets the file in hand finish if it can within a few seconds; otherwise its reading is
// given up and it stays in the folder (never in failed/). Either way the next start takes what
// is left, and nothing is registered twice.
TEST(WatchTest, SigtermFinishesOrLeavesTheFileInHandAndTheRestIsTakenAtTheNextStart) {
  TempDir dir;
  const fs::path in = dir / "in", db = dir / "registry.db";
  fs::create_directories(in);
  const std::vector<std::string> args = {"--workers", "1", "watch", "--db", db.string(),
                                         "--settle", "0.2", in.string()};
  std::vector<std::pair<fs::path, std::string>> good = {{in / "scan.jpg", Scan(5)}};
  {
    WatcherProcess watcher(args, dir / "watch.log");
    ASSERT_TRUE(watcher.WaitForLog(" scan ")) << watcher.Log();
    Drop(good[0].first, good[0].second);
    ASSERT_TRUE(watcher.WaitForLog(" claimed     scan.jpg")) << watcher.Log();
    for (int i = 0; i < 5; ++i) {
      good.emplace_back(in / ("cv-" + std::to_string(i) + ".txt"), LetterCopy(40 + i));
      Drop(good.back().first, good.back().second);
    }
    EXPECT_EQ(watcher.Stop(SIGTERM), 0) << watcher.Log();
    EXPECT_NE(watcher.Log().find("finishing 1 file in hand"), std::string::npos) << watcher.Log();
    auto reg = OpenRegistry(db);
    if (watcher.Log().find("stopped     scan.jpg") != std::string::npos) {
      EXPECT_EQ(Registered(*reg, good[0].second), 0);
      EXPECT_TRUE(fs::exists(in / "scan.jpg"));
    } else {
      EXPECT_EQ(Registered(*reg, good[0].second), 1) << watcher.Log();
      EXPECT_EQ(ProcessedFiles(in).count("scan.jpg"), 1u);
      EXPECT_FALSE(fs::exists(in / "scan.jpg"));
    }
    EXPECT_TRUE(FilesBelow(in / "failed").empty());
  }
  auto reg = OpenRegistry(db);

  WatcherProcess again(args, dir / "watch2.log");
  ASSERT_TRUE(WatcherProcess::WaitFor([&] { return Waiting(in).empty() && QueueLength(db) == 0; }, 120))
      << again.Log();
  EXPECT_EQ(again.Stop(SIGTERM), 0);
  for (const auto& [path, bytes] : good) EXPECT_EQ(Registered(*reg, bytes), 1) << path;
  EXPECT_EQ(Files(*reg), 6);
  EXPECT_TRUE(FilesBelow(in / "failed").empty());
}

// Hostile PDFs: one whose image declares a trillion pixels is refused at once, one that hides
// the size ends at the page deadline; both go to failed/ with the reason, and the letters
// dropped with them are registered.
TEST(WatchTest, HostilePdfsGoToFailedWithTheReason) {
  TempDir dir;
  const fs::path in = dir / "in", db = dir / "registry.db";
  fs::create_directories(in);
  WatcherProcess watcher({"--workers", "2", "--page-seconds", "2", "watch", "--db", db.string(),
                          "--settle", "0.2", in.string()},
                         dir / "watch.log");
  ASSERT_TRUE(watcher.WaitForLog(" scan ")) << watcher.Log();
  Drop(in / "bomb.pdf", testing::ImageBombPdf());
  Drop(in / "hidden.pdf", testing::HiddenImageBombPdf());
  Drop(in / "huge.pdf", testing::HugeMediaBoxPdf());
  Drop(in / "letter.txt", LetterCopy(7));
  ASSERT_TRUE(WatcherProcess::WaitFor([&] { return Waiting(in).empty() && QueueLength(db) == 0; }, 120))
      << watcher.Log();
  EXPECT_EQ(watcher.Stop(SIGTERM), 0) << watcher.Log();
  const std::map<std::string, std::string> failed = FilesBelow(in / "failed");
  ASSERT_EQ(failed.size(), 6u) << watcher.Log();  // three files, three reasons
  EXPECT_NE(failed.at("bomb.pdf.error.txt").find("megapixel"), std::string::npos);
  EXPECT_NE(failed.at("hidden.pdf.error.txt").find("2 giây"), std::string::npos)
      << failed.at("hidden.pdf.error.txt");
  EXPECT_NE(failed.at("huge.pdf.error.txt").find("quá lớn"), std::string::npos)
      << failed.at("huge.pdf.error.txt");
  auto reg = OpenRegistry(db);
  EXPECT_EQ(Files(*reg), 1);
  EXPECT_EQ(Registered(*reg, LetterCopy(7)), 1);
}

// A file whose reading ends with the watcher killed, three times over, is not read a fourth
// time: the next start moves it to failed/ with the reason.
TEST(WatchTest, AFileCutShortThreeTimesGoesToFailed) {
  TempDir dir;
  const fs::path in = dir / "in", db = dir / "registry.db";
  fs::create_directories(in);
  const std::vector<std::string> args = {"--workers", "1", "--page-seconds", "600", "watch",
                                         "--db", db.string(), "--settle", "0.2", in.string()};
  Drop(in / "hidden.pdf", testing::HiddenImageBombPdf());
  for (int attempt = 1; attempt <= 3; ++attempt) {
    WatcherProcess watcher(args, dir / ("watch" + std::to_string(attempt) + ".log"));
    ASSERT_TRUE(watcher.WaitForLog(" claimed     hidden.pdf")) << watcher.Log();
    EXPECT_EQ(watcher.Stop(SIGKILL), 128 + SIGKILL);
  }
  WatcherProcess last(args, dir / "watch4.log");
  ASSERT_TRUE(WatcherProcess::WaitFor([&] { return fs::exists(in / "failed" / "hidden.pdf"); }, 60))
      << last.Log();
  EXPECT_EQ(last.Stop(SIGTERM), 0) << last.Log();
  EXPECT_EQ(last.Log().find("claimed     hidden.pdf"), std::string::npos) << last.Log();
  EXPECT_NE(ReadFile(in / "failed" / "hidden.pdf.error.txt").find("đã đọc 3 lần"), std::string::npos);
  EXPECT_FALSE(fs::exists(in / "hidden.pdf"));
}

// A SIGTERM while a page can take a minute (no deadline hit yet): the watcher gives the page
// up and stops, leaving the file in the folder, not in failed/, with no attempt counted.
TEST(WatchTest, SigtermStopsTheWatcherWhileAHostilePageIsBeingRead) {
  TempDir dir;
  const fs::path in = dir / "in", db = dir / "registry.db";
  fs::create_directories(in);
  WatcherProcess watcher({"--workers", "1", "--page-seconds", "600", "watch", "--db",
                          db.string(), "--settle", "0.2", in.string()},
                         dir / "watch.log");
  ASSERT_TRUE(watcher.WaitForLog(" scan ")) << watcher.Log();
  Drop(in / "hidden.pdf", testing::HiddenImageBombPdf());
  ASSERT_TRUE(watcher.WaitForLog(" claimed     hidden.pdf")) << watcher.Log();
  ::kill(watcher.pid(), SIGTERM);
  // Well under the page's 600 s: only the stop can have ended it.
  EXPECT_EQ(watcher.Wait(60), 0) << watcher.Log();
  EXPECT_NE(watcher.Log().find("stopped     hidden.pdf"), std::string::npos) << watcher.Log();
  EXPECT_TRUE(fs::exists(in / "hidden.pdf"));
  EXPECT_TRUE(FilesBelow(in / "failed").empty());
  nlohmann::json s = JournalStatus(db);
  EXPECT_EQ(s.value("/queue/seen"_json_pointer, 0), 1) << s.dump();
}

// A folder the watcher may read but not change (a scanner's export share): refused with one
// line unless files are left in place; left in place, they are registered once and never
// taken again after a restart.
TEST(WatchTest, ReadOnlyFolder) {
  TempDir dir;
  const fs::path in = dir / "in", db_dir = dir / "db", db = db_dir / "registry.db";
  fs::create_directories(in);
  fs::create_directories(db_dir);
  for (int i = 0; i < 3; ++i) WriteFile(in / ("cv-" + std::to_string(i) + ".txt"), LetterCopy(60 + i));
  WriteFile(in / "empty.pdf", "");
  fs::permissions(in, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                          fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  std::string congvan = Congvan("");
  if (geteuid() == 0) {  // root may write anywhere: run as nobody so read-only means read-only
    fs::permissions(dir.path(), fs::perms::all, fs::perm_options::add);
    fs::permissions(db_dir, fs::perms::all);
    congvan = testing::CongvanAsNobody(dir / "nobody");
  }
  CommandResult refused = RunCommand(congvan + "watch --db " + Quote(db) + " " + Quote(in));
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;
  EXPECT_NE(refused.err.find("read-only"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("--leave-in-place"), std::string::npos) << refused.err;

  const std::vector<std::string> args = {"watch", "--db", db.string(), "--settle", "0.2",
                                         "--leave-in-place", in.string()};
  {
    WatcherProcess watcher(args, dir / "watch.log", congvan);
    ASSERT_TRUE(WatcherProcess::WaitFor(
        [&] {
          if (!fs::exists(db)) return false;
          nlohmann::json s = JournalStatus(db, congvan);
          return s.value("/finished/done"_json_pointer, 0) == 3 &&
                 s.value("/finished/failed"_json_pointer, 0) == 1;
        },
        60))
        << watcher.Log();
    EXPECT_EQ(watcher.Stop(SIGTERM), 0) << watcher.Log();
  }
  EXPECT_EQ(Waiting(in).size(), 4u);  // all still there
  nlohmann::json s = JournalStatus(db, congvan);
  ASSERT_EQ(s["recent_failures"].size(), 1u);
  EXPECT_NE(s["recent_failures"][0]["error"].get<std::string>().find("left in place"),
            std::string::npos) << s.dump();

  // A restart sees the same files and takes none of them again.
  WatcherProcess again(args, dir / "watch2.log", congvan);
  ASSERT_TRUE(again.WaitForLog(" found in ")) << again.Log();  // the scan's own count, not a pause
  EXPECT_EQ(again.Stop(SIGTERM), 0);
  EXPECT_NE(again.Log().find("0 new files found"), std::string::npos) << again.Log();
  EXPECT_EQ(again.Log().find(" seen "), std::string::npos) << again.Log();
  auto reg = OpenRegistry(db);
  EXPECT_EQ(Files(*reg), 3);
  EXPECT_EQ(JournalStatus(db, congvan)["all_time_finished"], 4);
}

// When inotify refuses a folder (here a subfolder the watcher may not read: inotify_add_watch
// fails with EACCES, as it fails with ENOSPC once fs.inotify.max_user_watches is reached), the
// watcher says so once and polls instead: a letter dropped afterwards is still registered.
TEST(WatchTest, InotifyRefusedFallsBackToPolling) {
  TempDir dir;
  const fs::path in = dir / "in", locked = in / "locked", db_dir = dir / "db";
  const fs::path db = db_dir / "registry.db";
  fs::create_directories(locked);
  fs::create_directories(db_dir);
  std::string congvan = Congvan("");
  if (geteuid() == 0) {  // root reads everything: run as nobody so the lock holds
    fs::permissions(dir.path(), fs::perms::all, fs::perm_options::add);
    fs::permissions(in, fs::perms::all);
    fs::permissions(db_dir, fs::perms::all);
    congvan = testing::CongvanAsNobody(dir / "nobody");
  }
  fs::permissions(locked, fs::perms::none);
  WatcherProcess watcher({"watch", "--db", db.string(), "--settle", "0.2", in.string()},
                         dir / "watch.log", congvan);
  ASSERT_TRUE(watcher.WaitForLog("polling every")) << watcher.Log();
  EXPECT_NE(watcher.Log().find("cannot watch"), std::string::npos) << watcher.Log();
  Drop(in / "cv-late.txt", LetterCopy(70));
  ASSERT_TRUE(WatcherProcess::WaitFor(
      [&] {
        if (!fs::exists(db)) return false;
        return JournalStatus(db, congvan).value("/finished/done"_json_pointer, 0) == 1;
      },
      60))
      << watcher.Log();
  EXPECT_EQ(watcher.Stop(SIGTERM), 0) << watcher.Log();
  fs::permissions(locked, fs::perms::owner_all);  // so TempDir can remove it
}

// --- Several watchers on one PostgreSQL registry (several offices' folders, several machines) ---

// A PostgreSQL database of its own on a throwaway server (tests/support/pg_cluster.h).
class PostgresRegistry {
 public:
  PostgresRegistry() {
    Result<std::unique_ptr<testing::PgCluster>> cluster = testing::PgCluster::StartOrShare();
    EXPECT_TRUE(cluster.ok()) << cluster.status().message();
    if (!cluster.ok()) return;
    cluster_ = std::move(*cluster);
    Result<std::string> uri = cluster_->NewDatabase();
    EXPECT_TRUE(uri.ok()) << uri.status().message();
    if (uri.ok()) uri_ = *uri;
  }
  const std::string& uri() const { return uri_; }

 private:
  std::unique_ptr<testing::PgCluster> cluster_;
  std::string uri_;
};

// True when the log has a line for `event` whose text matches `text` (a regular expression).
// The event follows the line's timestamp, which ends in a digit (its time zone).
bool HasEvent(const std::string& log, const std::string& event, const std::string& text) {
  return std::regex_search(log, std::regex("[0-9] " + event + " +" + text));
}

// How many lines are of `event` (not counting the word inside other lines' text).
int CountEvents(const std::string& log, const std::string& event) {
  const std::regex line("[0-9] " + event + " ");
  return static_cast<int>(std::distance(std::sregex_iterator(log.begin(), log.end(), line),
                                        std::sregex_iterator()));
}

// Two offices, one registry: the same letter dropped into both folders at once is registered
// once; the other watcher reports it as a duplicate and its file is kept (in its processed/).
// The original is kept in the database, where any machine reads it. One watcher is configured
// by a file naming the registry, the other by --db.
TEST(WatchTest, TwoWatchersOnOnePostgresRegistryRegisterTheSameLetterOnce) {
  PostgresRegistry pg;
  ASSERT_FALSE(pg.uri().empty());
  TempDir dir;
  const fs::path a = dir / "so-noi-vu", b = dir / "ubnd-xa";
  fs::create_directories(a);
  fs::create_directories(b);
  WriteFile(dir / "b.conf", "folder = " + b.string() + "\ndb = " + pg.uri() + "\nsettle = 0.3\n");
  WatcherProcess first({"watch", "--db", pg.uri(), "--settle", "0.3", a.string()}, dir / "a.log");
  WatcherProcess second({"watch", "--config", (dir / "b.conf").string()}, dir / "b.log");
  ASSERT_TRUE(first.WaitForLog(" scan ")) << first.Log();
  ASSERT_TRUE(second.WaitForLog(" scan ")) << second.Log();
  // `congvan status` on any machine lists both, by machine and folder.
  const nlohmann::json watching = JournalStatus(pg.uri())["watchers"];
  ASSERT_EQ(watching.size(), 2u) << watching.dump();
  EXPECT_TRUE(watching[0]["folder"].get<std::string>().ends_with(":" + a.string())) << watching.dump();
  EXPECT_TRUE(watching[1]["folder"].get<std::string>().ends_with(":" + b.string())) << watching.dump();
  EXPECT_GT(watching[0]["pid"].get<long>(), 0) << watching.dump();

  const std::string letter = ReadFile(TestData("extract/letters/ttg_qd_43_2025.txt"));
  Drop(a / "qd-43.txt", letter);
  Drop(b / "qd-43-ban-gui-xa.txt", letter, /*via_rename=*/true);
  ASSERT_TRUE(WatcherProcess::WaitFor(
      [&] { return Waiting(a).empty() && Waiting(b).empty() && QueueLength(pg.uri()) == 0; }, 120))
      << first.Log() << second.Log();
  EXPECT_EQ(first.Stop(SIGTERM), 0) << first.Log();
  EXPECT_EQ(second.Stop(SIGTERM), 0) << second.Log();

  const std::string logs = first.Log() + second.Log();
  EXPECT_EQ(CountEvents(logs, "registered"), 1) << logs;
  EXPECT_EQ(CountEvents(logs, "duplicate"), 1) << logs;
  auto reg = OpenRegistry(pg.uri());
  ASSERT_NE(reg, nullptr);
  EXPECT_EQ(*reg->Count(), 1);
  EXPECT_EQ(Files(*reg), 1);
  EXPECT_EQ(Registered(*reg, letter), 1);
  // Both files are kept, each in its own folder's processed/.
  EXPECT_EQ(ProcessedFiles(a), (std::map<std::string, std::string>{{"qd-43.txt", letter}}));
  EXPECT_EQ(ProcessedFiles(b),
            (std::map<std::string, std::string>{{"qd-43-ban-gui-xa.txt", letter}}));
  nlohmann::json s = JournalStatus(pg.uri());
  EXPECT_EQ(s["finished"]["done"], 1) << s.dump();
  EXPECT_EQ(s["finished"]["duplicate"], 1) << s.dump();
  // The original is in the registry, readable from any machine; nothing was put beside the URI.
  Result<std::string> original =
      registry::Originals::ForRegistry(*reg, (dir / "cache").string()).Read(Sha256Hex(letter));
  ASSERT_TRUE(original.ok()) << original.status().ToString();
  EXPECT_TRUE(*original == letter);
  CommandResult show = RunCommand(Congvan("show 1 --db " + testing::ShellQuote(pg.uri())));
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("43"), std::string::npos) << show.out;
}

// Two watchers on one PostgreSQL registry in a burst that shares letters and a scan. The scan
// is claimed first by watcher A; B, given the same scan, waits for A's claim; A is killed with
// -9 right then, mid-burst. If A died before registering the scan, B takes it over once A's
// claim's lease has lapsed; else B finds it registered. A restarted finds what it left: nothing
// is lost, nothing registered twice, every file ends in its folder's processed/ exactly once.
TEST(WatchTest, TwoWatchersOnPostgresOneKilledDashNineMidBurstThenRestartedLoseNothing) {
  PostgresRegistry pg;
  ASSERT_FALSE(pg.uri().empty());
  TempDir dir;
  const fs::path a = dir / "a", b = dir / "b";
  fs::create_directories(a);
  fs::create_directories(b);
  const std::vector<std::string> args_a = {"watch", "--db", pg.uri(), "--settle", "0.3",
                                           a.string()};
  const std::vector<std::string> args_b = {"watch", "--db", pg.uri(), "--settle", "0.3",
                                           b.string()};
  std::vector<std::pair<fs::path, std::string>> in_a, in_b;
  std::set<std::string> contents;
  auto drop = [&](std::vector<std::pair<fs::path, std::string>>& into, const fs::path& path,
                  const std::string& bytes) {
    into.emplace_back(path, bytes);
    contents.insert(bytes);
    Drop(path, bytes);
  };

  WatcherProcess second(args_b, dir / "b.log");
  ASSERT_TRUE(second.WaitForLog(" scan ")) << second.Log();
  std::int64_t registered_before = 0;
  bool scan_registered_before = false;
  {
    WatcherProcess first(args_a, dir / "a.log");
    ASSERT_TRUE(first.WaitForLog(" scan ")) << first.Log();
    drop(in_a, a / "scan.jpg", Scan(5));
    ASSERT_TRUE(WatcherProcess::WaitFor([&] { return HasEvent(first.Log(), "claimed", "scan.jpg"); }, 60))
        << first.Log();
    drop(in_b, b / "scan-copy.jpg", Scan(5));
    // B waits for A's claim on the scan, or finds the scan registered already.
    ASSERT_TRUE(WatcherProcess::WaitFor(
        [&] { return HasEvent(second.Log(), "(waiting|duplicate)", "scan-copy.jpg"); }, 60))
        << second.Log();
    for (int i = 0; i < 30; ++i) drop(in_a, a / ("cv-" + std::to_string(i) + ".txt"), LetterCopy(1000 + i));
    for (int i = 0; i < 20; ++i) {
      // The first ten are letters dropped in A too.
      drop(in_b, b / ("den-" + std::to_string(i) + ".txt"), LetterCopy(i < 10 ? 1000 + i : 2000 + i));
    }
    ASSERT_TRUE(WatcherProcess::WaitFor(
        [&] { return HasEvent(first.Log(), "registered", "#[0-9]+ cv-"); }, 60))
        << first.Log();
    EXPECT_EQ(first.Stop(SIGKILL), 128 + SIGKILL);
    // Its row stays, but its session ended with it: status lists only the live watcher.
    ASSERT_TRUE(WatcherProcess::WaitFor([&] { return JournalStatus(pg.uri())["watchers"].size() == 1; }, 60))
        << JournalStatus(pg.uri()).dump();
    auto reg = OpenRegistry(pg.uri());
    ASSERT_NE(reg, nullptr);
    registered_before = Files(*reg);
    scan_registered_before = Registered(*reg, Scan(5)) == 1;
  }
  EXPECT_LT(registered_before, static_cast<std::int64_t>(contents.size()));  // really mid-burst
  // Once A's dead claim on the scan has lapsed, B reads the scan itself (unless A had
  // registered it just before it was killed: then B's copy is a duplicate).
  ASSERT_TRUE(WatcherProcess::WaitFor(
      [&] { return HasEvent(second.Log(), "(registered +#[0-9]+|duplicate)", "scan-copy.jpg"); }, 180))
      << second.Log();
  if (!scan_registered_before) {
    EXPECT_TRUE(HasEvent(second.Log(), "registered", "#[0-9]+ scan-copy.jpg")) << second.Log();
  }

  for (int i = 0; i < 5; ++i) drop(in_a, a / ("while-down-" + std::to_string(i) + ".txt"), LetterCopy(3000 + i));
  WatcherProcess restarted(args_a, dir / "a2.log");
  ASSERT_TRUE(WatcherProcess::WaitFor(
      [&] { return Waiting(a).empty() && Waiting(b).empty() && QueueLength(pg.uri()) == 0; }, 180))
      << restarted.Log() << second.Log();
  EXPECT_EQ(restarted.Stop(SIGTERM), 0) << restarted.Log();
  EXPECT_EQ(second.Stop(SIGTERM), 0) << second.Log();

  auto reg = OpenRegistry(pg.uri());
  ASSERT_NE(reg, nullptr);
  for (const std::string& bytes : contents) EXPECT_EQ(Registered(*reg, bytes), 1);
  EXPECT_EQ(Files(*reg), static_cast<std::int64_t>(contents.size()));
  for (const auto& [folder, files] : {std::pair{a, in_a}, std::pair{b, in_b}}) {
    const auto processed = ProcessedFiles(folder);
    EXPECT_EQ(processed.size(), files.size()) << folder;  // none twice ("NAME (again)")
    for (const auto& [path, bytes] : files) {
      const std::string name = path.filename().string();
      ASSERT_EQ(processed.count(name), 1u) << name;
      EXPECT_TRUE(processed.at(name) == bytes) << name;
    }
    EXPECT_TRUE(FilesBelow(folder / "failed").empty()) << folder;
  }
  const std::size_t files = in_a.size() + in_b.size();
  nlohmann::json s = JournalStatus(pg.uri());
  EXPECT_EQ(s["finished"]["done"], contents.size()) << s.dump();
  EXPECT_EQ(s["finished"]["duplicate"], files - contents.size()) << s.dump();
}

}  // namespace
}  // namespace congvan
