#include "support/pg_cluster.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <system_error>

extern char** environ;

namespace congvan::testing {
namespace {

namespace fs = std::filesystem;

// A port no one listens on now. Another process may take it before the server binds it;
// StartServer() then tries another.
Result<int> FreeLocalPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return Status::IoError("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  close(fd);
  if (!ok) return Status::IoError("cannot find a free local port");
  return static_cast<int>(ntohs(addr.sin_port));
}

// The last lines of a log, to say why a server program failed.
std::string Tail(const fs::path& log, int lines) {
  std::ifstream in(log);
  std::vector<std::string> all;
  for (std::string line; std::getline(in, line);) all.push_back(line);
  std::string out;
  for (std::size_t i = all.size() > static_cast<std::size_t>(lines) ? all.size() - lines : 0;
       i < all.size(); ++i) {
    out += (out.empty() ? "" : " | ") + all[i];
  }
  return out;
}

}  // namespace

Result<fs::path> FindPostgresBin() {
  fs::path best;
  int best_version = -1;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const fs::path bin = entry.path() / "bin";
    if (!fs::exists(bin / "initdb") || !fs::exists(bin / "pg_ctl")) continue;
    const int version = std::atoi(entry.path().filename().c_str());
    if (version > best_version) best_version = version, best = bin;
  }
  if (best.empty()) {
    return Status::NotFound(
        "the PostgreSQL server programs (initdb, pg_ctl) are not installed in "
        "/usr/lib/postgresql/N/bin: install Debian's postgresql package (scripts/install-deps)");
  }
  return best;
}

Result<std::unique_ptr<PgCluster>> PgCluster::Start(int max_connections) {
  Result<fs::path> bin = FindPostgresBin();
  if (!bin.ok()) return bin.status();
  const bool root = geteuid() == 0;
  const passwd* postgres = root ? getpwnam("postgres") : nullptr;
  if (root && postgres == nullptr) {
    return Status::NotFound(
        "running as root, the PostgreSQL server needs the postgres account (created by Debian's "
        "postgresql package), since initdb refuses to run as root");
  }
  std::string templ = (fs::temp_directory_path() / "congvan-pg-XXXXXX").string();
  if (mkdtemp(templ.data()) == nullptr) return Status::IoError("mkdtemp failed");
  std::unique_ptr<PgCluster> cluster(new PgCluster(*bin, templ, root));
  if (root && chown(templ.c_str(), postgres->pw_uid, postgres->pw_gid) != 0) {
    return Status::IoError("cannot give " + templ + " to the postgres account");
  }
  // C.UTF-8: text compares byte by byte, as in SQLite, so the registry sorts alike on both.
  CONGVAN_RETURN_IF_ERROR(cluster->Run(
      "initdb", {"-D", (cluster->folder_ / "data").string(), "-U", "congvan", "-A", "trust",
                 "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"}));
  CONGVAN_RETURN_IF_ERROR(cluster->StartServer(max_connections));
  return cluster;
}

Result<std::unique_ptr<PgCluster>> PgCluster::StartOrShare() {
  const char* state = std::getenv("CONGVAN_TEST_POSTGRES");
  if (state == nullptr || state[0] == '\0') return Start();
  return Attach(state);
}

Result<std::unique_ptr<PgCluster>> PgCluster::Attach(const fs::path& state_file) {
  std::ifstream in(state_file);
  int port = 0;
  std::string folder;
  if (!(in >> port >> folder) || port <= 0) {
    return Status::NotFound("no shared PostgreSQL test server is described in " +
                            state_file.string() + " (ctest's fixture postgres_server writes it)");
  }
  Result<fs::path> bin = FindPostgresBin();
  if (!bin.ok()) return bin.status();
  std::unique_ptr<PgCluster> cluster(new PgCluster(*bin, folder, geteuid() == 0));
  cluster->port_ = port;
  cluster->running_ = true;
  cluster->ownership_ = Ownership::kShared;
  return cluster;
}

Status PgCluster::Detach(const fs::path& state_file) {
  std::ofstream out(state_file, std::ios::trunc);
  out << port_ << '\n' << folder_.string() << '\n';
  out.close();
  if (!out) return Status::IoError("cannot write " + state_file.string());
  ownership_ = Ownership::kDetached;
  return Status::Ok();
}

Status PgCluster::StopDetached(const fs::path& state_file) {
  Result<std::unique_ptr<PgCluster>> cluster = Attach(state_file);
  if (!cluster.ok()) return cluster.status();
  (*cluster)->ownership_ = Ownership::kOwn;  // its destructor stops and removes it
  Status stopped = (*cluster)->StopServer();
  (*cluster)->running_ = false;
  cluster->reset();
  std::error_code ec;
  fs::remove(state_file, ec);
  return stopped;
}

Status PgCluster::StopServer() const {
  // Immediate: no checkpoint for data about to be deleted.
  return Run("pg_ctl", {"-D", (folder_ / "data").string(), "-m", "immediate", "-w", "stop"});
}

std::vector<std::string> PgCluster::ServerArgs() const {
  return {"-h", "127.0.0.1", "-p", std::to_string(port_), "-U", "congvan"};
}

Status PgCluster::StartServer(int max_connections) {
  Status last = Status::Internal("no attempt to start the server");
  for (int attempt = 0; attempt < 5; ++attempt) {
    Result<int> port = FreeLocalPort();
    if (!port.ok()) return port.status();
    // Durability settings off: the cluster lives as long as one test program.
    const std::string options = "-p " + std::to_string(*port) + " -k " + folder_.string() +
                                " -c listen_addresses=127.0.0.1 -c fsync=off"
                                " -c synchronous_commit=off -c full_page_writes=off"
                                " -c max_connections=" + std::to_string(max_connections) +
                                " -c shared_buffers=16MB";
    last = Run("pg_ctl", {"-D", (folder_ / "data").string(), "-l",
                          (folder_ / "server.log").string(), "-w", "-t", "60", "-o", options,
                          "start"});
    if (last.ok()) {
      port_ = *port;
      running_ = true;
      return Status::Ok();
    }
  }
  return last.WithContext("starting PostgreSQL (log: " + Tail(folder_ / "server.log", 3) + ")");
}

Status PgCluster::Run(const std::string& program, const std::vector<std::string>& args) const {
  std::vector<std::string> words;
  if (as_postgres_) {
    // util-linux's runuser lives in /usr/sbin, which a non-login root shell may not have in PATH.
    const char* runuser = fs::exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "runuser";
    words = {runuser, "-u", "postgres", "--"};
  }
  words.push_back((bin_ / program).string());
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);

  const fs::path log = folder_ / "tools.log";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    return Status::IoError("cannot run " + words.front() + ": " +
                           std::error_code(rc, std::generic_category()).message());
  }
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) return Status::Ok();
  return Status::Internal(program + " failed: " + Tail(log, 4));
}

Result<std::string> PgCluster::NewDatabase(const std::vector<std::string>& createdb_options) {
  std::string name = "registry" + std::to_string(++databases_);
  if (ownership_ == Ownership::kShared) {
    // Unique among the processes sharing the server, also after a pid is reused.
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "_%d_%08x", static_cast<int>(getpid()),
                  static_cast<unsigned>(std::random_device{}()));
    name += suffix;
  }
  std::vector<std::string> args = ServerArgs();
  args.insert(args.end(), createdb_options.begin(), createdb_options.end());
  args.push_back(name);
  CONGVAN_RETURN_IF_ERROR(Run("createdb", args));
  if (ownership_ == Ownership::kShared) created_.push_back(name);
  return "postgresql://congvan@127.0.0.1:" + std::to_string(port_) + "/" + name;
}

PgCluster::~PgCluster() {
  // Failures here leave a database or a server behind that the run's cleanup (or the folder's
  // removal) takes; there is no one to report them to.
  if (ownership_ == Ownership::kShared) {
    for (const std::string& name : created_) {
      std::vector<std::string> args = ServerArgs();
      args.insert(args.end(), {"--force", "--if-exists", name});
      (void)Run("dropdb", args);
    }
    return;
  }
  if (ownership_ == Ownership::kDetached) return;
  if (running_) (void)StopServer();
  std::error_code ec;
  fs::remove_all(folder_, ec);
}

}  // namespace congvan::testing
