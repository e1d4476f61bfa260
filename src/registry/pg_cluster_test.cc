// The throwaway PostgreSQL server the registry's PostgreSQL tests run against
// (tests/support/pg_cluster.h): it starts, serves a fresh database per test, and leaves nothing
// behind.
#include "support/pg_cluster.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "support/testing.h"

namespace congvan::testing {
namespace {

TEST(PgClusterTest, ServesFreshDatabasesAndRemovesItsFolder) {
  Result<std::filesystem::path> bin = FindPostgresBin();
  ASSERT_TRUE(bin.ok()) << bin.status().message();
  std::filesystem::path folder;
  {
    Result<std::unique_ptr<PgCluster>> cluster = PgCluster::Start();
    ASSERT_TRUE(cluster.ok()) << cluster.status().message();
    folder = (*cluster)->folder();
    EXPECT_TRUE(std::filesystem::exists(folder / "data" / "PG_VERSION"));
    Result<std::string> first = (*cluster)->NewDatabase();
    Result<std::string> second = (*cluster)->NewDatabase();
    ASSERT_TRUE(first.ok()) << first.status().message();
    ASSERT_TRUE(second.ok()) << second.status().message();
    EXPECT_NE(*first, *second);
    EXPECT_EQ(first->rfind("postgresql://congvan@127.0.0.1:", 0), 0u) << *first;
    // The server answers on the URI, with the byte-order collation the registry relies on.
    const CommandResult query = RunCommand((*bin / "psql").string() + " " + ShellQuote(*first) +
                                           " -tAc 'SHOW lc_collate'");
    EXPECT_EQ(query.exit_code, 0) << query.err;
    EXPECT_EQ(query.out, "C.UTF-8\n");
  }
  EXPECT_FALSE(std::filesystem::exists(folder)) << folder;
}

// A server left running for other processes (the ctest fixture's), which a second object
// attaches to: the attached one serves databases, drops them when it goes, and leaves the
// server up; StopDetached() then stops it and removes everything.
TEST(PgClusterTest, SharedServerOutlivesItsUsersAndStopsWhenAsked) {
  Result<std::filesystem::path> bin = FindPostgresBin();
  ASSERT_TRUE(bin.ok()) << bin.status().message();
  const TempDir tmp;
  const std::filesystem::path state = tmp.path() / "server";
  std::filesystem::path folder;
  {
    Result<std::unique_ptr<PgCluster>> cluster = PgCluster::Start();
    ASSERT_TRUE(cluster.ok()) << cluster.status().message();
    folder = (*cluster)->folder();
    ASSERT_TRUE((*cluster)->Detach(state).ok());
  }
  ASSERT_TRUE(std::filesystem::exists(folder / "data" / "PG_VERSION")) << "detached, yet removed";

  // This process may itself run under the run's shared server: point it at this one instead.
  const char* before = std::getenv("CONGVAN_TEST_POSTGRES");
  const std::optional<std::string> saved = before ? std::optional<std::string>(before) : std::nullopt;
  setenv("CONGVAN_TEST_POSTGRES", state.c_str(), 1);
  std::string uri;
  {
    Result<std::unique_ptr<PgCluster>> shared = PgCluster::StartOrShare();
    ASSERT_TRUE(shared.ok()) << shared.status().message();
    EXPECT_EQ((*shared)->folder(), folder);
    Result<std::string> db = (*shared)->NewDatabase();
    ASSERT_TRUE(db.ok()) << db.status().message();
    uri = *db;
  }
  if (saved) setenv("CONGVAN_TEST_POSTGRES", saved->c_str(), 1);
  else unsetenv("CONGVAN_TEST_POSTGRES");

  // The server still answers; the database the attached object made is gone.
  const std::string maintenance = uri.substr(0, uri.rfind('/')) + "/postgres";
  const std::string name = uri.substr(uri.rfind('/') + 1);
  const CommandResult query =
      RunCommand((*bin / "psql").string() + " " + ShellQuote(maintenance) +
                 " -tAc \"SELECT count(*) FROM pg_database WHERE datname = '" + name + "'\"");
  EXPECT_EQ(query.exit_code, 0) << query.err;
  EXPECT_EQ(query.out, "0\n");

  ASSERT_TRUE(PgCluster::StopDetached(state).ok());
  EXPECT_FALSE(std::filesystem::exists(folder)) << folder;
  EXPECT_FALSE(std::filesystem::exists(state));
}

}  // namespace
}  // namespace congvan::testing
