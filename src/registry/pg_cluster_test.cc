// The throwaway PostgreSQL server the registry's PostgreSQL tests run against
// (tests/support/pg_cluster.h): it starts, serves a fresh database per test, and leaves nothing
// behind.
#include "support/pg_cluster.h"

#include <gtest/gtest.h>

#include <filesystem>

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

}  // namespace
}  // namespace congvan::testing
