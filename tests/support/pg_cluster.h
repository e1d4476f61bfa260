// A throwaway PostgreSQL server for the tests that run the registry on PostgreSQL.
//
// Start() runs Debian's `initdb` into a fresh folder under /tmp, starts the server with
// `pg_ctl` on a free local TCP port (its Unix socket in that folder, not /var/run), and the
// destructor stops it and removes the folder. Each test takes a database of its own from
// NewDatabase(), so tests sharing one cluster never see each other's rows.
//
// initdb and postgres refuse to run as root; tests run as root in CI, so there every server
// program runs as the `postgres` account that Debian's postgresql package creates.
//
// A whole ctest run shares one server: the fixture `postgres_server` (tests/CMakeLists) runs
// `pg_test_cluster start STATE` before the tests that need PostgreSQL and `… stop STATE` after
// them, and gives those tests $CONGVAN_TEST_POSTGRES=STATE. StartOrShare() then attaches to that
// server instead of running initdb for every test process; run outside ctest, it starts a server
// of its own. An attached object drops the databases it created and leaves the server running.
//
// When the PostgreSQL server programs are missing, Start() fails with a Status that says which
// package to install: the tests that need the server fail, they do not skip, since
// scripts/install-deps installs it.
#ifndef CONGVAN_TESTS_SUPPORT_PG_CLUSTER_H_
#define CONGVAN_TESTS_SUPPORT_PG_CLUSTER_H_

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

namespace congvan::testing {

class PgCluster {
 public:
  // initdb, start, wait until the server accepts connections. `max_connections` bounds the
  // server's sessions: a server shared by a whole test run serves several test processes.
  static Result<std::unique_ptr<PgCluster>> Start(int max_connections = 30);

  // The server $CONGVAN_TEST_POSTGRES names, when set (see above); else Start().
  static Result<std::unique_ptr<PgCluster>> StartOrShare();

  // Leaves the server running when this object goes, for other processes to share: writes its
  // port and folder to `state_file` (read by StartOrShare() and StopDetached()).
  Status Detach(const std::filesystem::path& state_file);

  // Stops the server a state file names, removes its folder and the state file.
  static Status StopDetached(const std::filesystem::path& state_file);

  // An own server: stops it (immediate mode) and removes its folder. A shared one: drops the
  // databases this object created.
  ~PgCluster();
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  // Creates a new empty database and returns its libpq URI
  // ("postgresql://congvan@127.0.0.1:PORT/NAME"). `createdb_options` are passed to createdb
  // (e.g. another locale).
  Result<std::string> NewDatabase(const std::vector<std::string>& createdb_options = {});

  int port() const { return port_; }
  const std::filesystem::path& folder() const { return folder_; }

 private:
  // Who stops the server: this object, another process (attached), or no one yet (detached).
  enum class Ownership { kOwn, kShared, kDetached };

  PgCluster(std::filesystem::path bin, std::filesystem::path folder, bool as_postgres)
      : bin_(std::move(bin)), folder_(std::move(folder)), as_postgres_(as_postgres) {}

  // The server a state file names, attached to (Ownership::kShared).
  static Result<std::unique_ptr<PgCluster>> Attach(const std::filesystem::path& state_file);

  // Runs bin_/program with `args` (as postgres when root), its output appended to the log;
  // a non-zero exit becomes an error carrying the log's last lines.
  Status Run(const std::string& program, const std::vector<std::string>& args) const;
  Status StartServer(int max_connections);
  Status StopServer() const;
  std::vector<std::string> ServerArgs() const;  // -h, -p, -U for createdb and dropdb

  std::filesystem::path bin_;     // folder of initdb, pg_ctl, createdb
  std::filesystem::path folder_;  // data/, the socket, server.log, tools.log
  bool as_postgres_ = false;      // true when we are root
  int port_ = 0;
  bool running_ = false;
  Ownership ownership_ = Ownership::kOwn;
  int databases_ = 0;
  std::vector<std::string> created_;  // databases to drop when shared
};

// The folder of Debian's PostgreSQL server programs (/usr/lib/postgresql/N/bin, the highest N
// with an initdb), or an error naming the packages to install.
Result<std::filesystem::path> FindPostgresBin();

}  // namespace congvan::testing

#endif  // CONGVAN_TESTS_SUPPORT_PG_CLUSTER_H_
