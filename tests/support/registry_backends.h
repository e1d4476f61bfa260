// Running one registry test on both backends: the SQLite file and a PostgreSQL database.
//
//   class MyTest : public congvan::testing::RegistryBackendTest {};
//   TEST_P(MyTest, Something) { auto reg = Registry::Open(NewRegistryLocation()); ... }
//   CONGVAN_ON_BOTH_BACKENDS(MyTest);
//
// A PostgreSQL test takes a fresh database from a throwaway cluster (pg_cluster.h) started on
// first use and stopped when the test program ends; when the cluster cannot start, the test
// fails with the reason.
#ifndef CONGVAN_TESTS_SUPPORT_REGISTRY_BACKENDS_H_
#define CONGVAN_TESTS_SUPPORT_REGISTRY_BACKENDS_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "registry/connection.h"
#include "support/testing.h"

struct sqlite3;

namespace congvan::registry {
class PgConnection;
}  // namespace congvan::registry

namespace congvan::testing {

enum class Backend { kSqlite, kPostgres };

// A second, plain connection to a registry, to look at it the way another tool would.
class RawRegistry {
 public:
  explicit RawRegistry(const std::string& location);
  ~RawRegistry();
  RawRegistry(const RawRegistry&) = delete;
  RawRegistry& operator=(const RawRegistry&) = delete;

  registry::Connection connection() const;
  std::int64_t Int(const char* sql);  // the first column of the first row; -1 on error
  std::string Text(const char* sql);
  void Run(const char* sql);

 private:
  sqlite3* sqlite_ = nullptr;
  std::unique_ptr<registry::PgConnection> postgres_;
};

class RegistryBackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  bool postgres() const { return GetParam() == Backend::kPostgres; }

  // The --db value of a new, empty registry on this test's backend: a file path in a folder
  // removed after the test, or the URI of a new PostgreSQL database (made with
  // `createdb_options`). Empty (and the test failed) when PostgreSQL cannot be started.
  std::string NewRegistryLocation(const std::vector<std::string>& createdb_options = {});

 private:
  TempDir tmp_;
  int files_ = 0;
};

// "Sqlite" / "Postgres", for test names.
std::string BackendName(const ::testing::TestParamInfo<Backend>& info);

}  // namespace congvan::testing

#define CONGVAN_ON_BOTH_BACKENDS(fixture)                                                    \
  INSTANTIATE_TEST_SUITE_P(Backends, fixture,                                                \
                           ::testing::Values(::congvan::testing::Backend::kSqlite,           \
                                             ::congvan::testing::Backend::kPostgres),        \
                           ::congvan::testing::BackendName)

#endif  // CONGVAN_TESTS_SUPPORT_REGISTRY_BACKENDS_H_
