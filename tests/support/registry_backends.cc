#include "support/registry_backends.h"

#include <sqlite3.h>

#include "registry/pg_connection.h"
#include "registry/statement.h"
#include "support/pg_cluster.h"

namespace congvan::testing {
namespace {

// The server every PostgreSQL test of this program uses, each with its own database: the
// run's shared server under ctest, else one started on first use and stopped at exit.
Result<PgCluster*> SharedCluster() {
  static Result<std::unique_ptr<PgCluster>> cluster = PgCluster::StartOrShare();
  if (!cluster.ok()) return cluster.status();
  return cluster->get();
}

}  // namespace

RawRegistry::RawRegistry(const std::string& location) {
  if (registry::IsPostgresUri(location)) {
    Result<std::unique_ptr<registry::PgConnection>> db = registry::PgConnection::Connect(location);
    EXPECT_TRUE(db.ok()) << db.status().message();
    if (db.ok()) postgres_ = std::move(*db);
    return;
  }
  EXPECT_EQ(sqlite3_open_v2(location.c_str(), &sqlite_,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr),
            SQLITE_OK);
}

RawRegistry::~RawRegistry() { sqlite3_close_v2(sqlite_); }

registry::Connection RawRegistry::connection() const {
  if (postgres_ != nullptr) return registry::Connection(postgres_.get());
  return registry::Connection(sqlite_);
}

std::int64_t RawRegistry::Int(const char* sql) {
  Result<std::int64_t> v = registry::QueryInt64(connection(), sql);
  EXPECT_TRUE(v.ok()) << v.status().ToString();
  return v.ok() ? *v : -1;
}

std::string RawRegistry::Text(const char* sql) {
  Result<registry::Statement> stmt = registry::Statement::Prepare(connection(), sql);
  EXPECT_TRUE(stmt.ok()) << stmt.status().ToString();
  if (!stmt.ok()) return {};
  Result<bool> row = stmt->Step();
  EXPECT_TRUE(row.ok()) << row.status().ToString();
  return row.ok() && *row ? stmt->ColumnText(0) : std::string();
}

void RawRegistry::Run(const char* sql) {
  Status s = registry::Exec(connection(), sql);
  EXPECT_TRUE(s.ok()) << s.ToString();
}

std::string RegistryBackendTest::NewRegistryLocation(
    const std::vector<std::string>& createdb_options) {
  if (!postgres()) return (tmp_ / ("registry" + std::to_string(++files_) + ".db")).string();
  Result<PgCluster*> cluster = SharedCluster();
  if (!cluster.ok()) {
    ADD_FAILURE() << "PostgreSQL: " << cluster.status().message();
    return {};
  }
  Result<std::string> uri = (*cluster)->NewDatabase(createdb_options);
  if (!uri.ok()) {
    ADD_FAILURE() << "PostgreSQL: " << uri.status().message();
    return {};
  }
  return *uri;
}

std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kPostgres ? "Postgres" : "Sqlite";
}

}  // namespace congvan::testing
