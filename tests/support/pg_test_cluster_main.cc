// pg_test_cluster start|stop STATE_FILE: the PostgreSQL server one ctest run shares
// (tests/support/pg_cluster.h). `start` stops a server an earlier, interrupted run left in
// STATE_FILE, starts a new one and writes its port and folder there; `stop` stops it and removes
// its folder and STATE_FILE.
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "support/pg_cluster.h"

namespace {

// Sessions for the test processes ctest runs at once, each holding a few.
constexpr int kSharedMaxConnections = 100;

int Fail(const congvan::Status& status) {
  std::fprintf(stderr, "pg_test_cluster: %s\n", status.message().c_str());
  return 1;
}

int Start(const std::filesystem::path& state) {
  if (std::filesystem::exists(state)) {
    (void)congvan::testing::PgCluster::StopDetached(state);  // a server left by an interrupted run
  }
  congvan::Result<std::unique_ptr<congvan::testing::PgCluster>> cluster =
      congvan::testing::PgCluster::Start(kSharedMaxConnections);
  if (!cluster.ok()) return Fail(cluster.status());
  congvan::Status detached = (*cluster)->Detach(state);
  if (!detached.ok()) return Fail(detached);
  std::printf("PostgreSQL test server on 127.0.0.1:%d (%s)\n", (*cluster)->port(),
              (*cluster)->folder().c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || (std::strcmp(argv[1], "start") != 0 && std::strcmp(argv[1], "stop") != 0)) {
    std::fprintf(stderr, "usage: pg_test_cluster start|stop STATE_FILE\n");
    return 2;
  }
  if (std::strcmp(argv[1], "start") == 0) return Start(argv[2]);
  congvan::Status stopped = congvan::testing::PgCluster::StopDetached(argv[2]);
  return stopped.ok() ? 0 : Fail(stopped);
}
