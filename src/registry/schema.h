// The registry's schema as an ordered list of migrations, and the code that applies them.
//
// PRAGMA user_version records how many migrations a file has had (on PostgreSQL, the one row of
// the table schema_version). Each migration runs in its own
// transaction together with the user_version bump, so a file is always at exactly one version.
// To change the schema, append a migration; never edit one that has shipped.
#ifndef CONGVAN_REGISTRY_SCHEMA_H_
#define CONGVAN_REGISTRY_SCHEMA_H_

#include <span>

#include "base/status.h"
#include "registry/connection.h"

namespace congvan::registry {

// One step of the schema: applying it moves a file from version - 1 to version.
struct Migration {
  int version;
  const char* description;
  const char* sql;  // a script of one or more statements, no parameters
};

// The migrations of this build, in order (versions 1, 2, ...).
std::span<const Migration> Migrations();

// The same versions in PostgreSQL's dialect (schema_postgres.cc): version N brings the same
// tables as Migrations()'s version N.
std::span<const Migration> PostgresMigrations();

// The version Migrations() ends at.
int LatestSchemaVersion();

// The file's PRAGMA user_version; on PostgreSQL the schema_version row, 0 before the first
// migration.
Result<int> ReadSchemaVersion(Connection db);

// Refuses a file whose version is above `latest`: it was written by a newer congvan and this
// build does not know its tables.
Status CheckNotNewer(int found, int latest);

// Applies, in order, each migration in `migrations` above the file's version, each in one
// IMMEDIATE transaction (so two processes opening a fresh file do not both migrate it).
// `migrations` must be in `db`'s dialect: Migrations() or PostgresMigrations().
Status ApplyMigrations(Connection db, std::span<const Migration> migrations);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_SCHEMA_H_
