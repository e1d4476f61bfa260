// Connection: which database a registry operation runs on — an SQLite connection (the embedded
// default) or a PostgreSQL one (registry/pg_connection.h). A small, non-owning value: the
// Registry owns the connection itself.
//
// It converts implicitly from `sqlite3*`, so code written for SQLite passes its handle to
// Statement, Exec and Transaction (registry/statement.h) unchanged. An operation that only
// speaks SQLite, given the connection() of a PostgreSQL registry (a null `sqlite3*`), gets an
// Unsupported status from Statement::Prepare, never a crash.
#ifndef CONGVAN_REGISTRY_CONNECTION_H_
#define CONGVAN_REGISTRY_CONNECTION_H_

struct sqlite3;

namespace congvan::registry {

class PgConnection;

class Connection {
 public:
  Connection(sqlite3* db) : sqlite_(db) {}       // NOLINT: implicit on purpose, see above
  Connection(PgConnection* db) : postgres_(db) {}  // NOLINT

  bool is_postgres() const { return postgres_ != nullptr; }
  sqlite3* sqlite() const { return sqlite_; }          // nullptr on PostgreSQL
  PgConnection* postgres() const { return postgres_; }  // nullptr on SQLite

 private:
  sqlite3* sqlite_ = nullptr;
  PgConnection* postgres_ = nullptr;
};

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_CONNECTION_H_
