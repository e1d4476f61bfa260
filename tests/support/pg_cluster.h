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
  // initdb, start, wait until the server accepts connections.
  static Result<std::unique_ptr<PgCluster>> Start();

  ~PgCluster();  // stops the server (immediate mode) and removes its folder
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  // Creates a new empty database and returns its libpq URI
  // ("postgresql://congvan@127.0.0.1:PORT/NAME"). `createdb_options` are passed to createdb
  // (e.g. another locale).
  Result<std::string> NewDatabase(const std::vector<std::string>& createdb_options = {});

  int port() const { return port_; }
  const std::filesystem::path& folder() const { return folder_; }

 private:
  PgCluster(std::filesystem::path bin, std::filesystem::path folder, bool as_postgres)
      : bin_(std::move(bin)), folder_(std::move(folder)), as_postgres_(as_postgres) {}

  // Runs bin_/program with `args` (as postgres when root), its output appended to the log;
  // a non-zero exit becomes an error carrying the log's last lines.
  Status Run(const std::string& program, const std::vector<std::string>& args) const;
  Status StartServer();

  std::filesystem::path bin_;     // folder of initdb, pg_ctl, createdb
  std::filesystem::path folder_;  // data/, the socket, server.log, tools.log
  bool as_postgres_ = false;      // true when we are root
  int port_ = 0;
  bool running_ = false;
  int databases_ = 0;
};

// The folder of Debian's PostgreSQL server programs (/usr/lib/postgresql/N/bin, the highest N
// with an initdb), or an error naming the packages to install.
Result<std::filesystem::path> FindPostgresBin();

}  // namespace congvan::testing

#endif  // CONGVAN_TESTS_SUPPORT_PG_CLUSTER_H_
