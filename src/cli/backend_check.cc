#include "cli/backend_check.h"

#include <string_view>

#include "registry/pg_connection.h"

namespace congvan::cli {
namespace {

// Commands whose every registry operation runs on PostgreSQL; commands that use no registry
// (ocr, extract, repair, eval) are never refused, since they have no --db.
constexpr std::string_view kOnPostgres[] = {
    "list",         "show",         "tasks",          "task done",        "task reopen",
    "task show",    "status",       "book",           "search",           "report",
    "calendar",     "digest",       "units list",     "units add",        "units alias",
    "units import", "units activate", "units deactivate", "assign",       "user add",
    "user list",    "user disable", "user enable",    "user passwd",      "serve",
    "delete",       "restore",      "ingest",         "watch",            "enqueue",
    "worker"};

}  // namespace

Status CheckBackendSupports(const std::string& command, const std::string& db) {
  if (!registry::IsPostgresUri(db)) return Status::Ok();
  for (std::string_view ported : kOnPostgres) {
    if (command == ported) return Status::Ok();
  }
  return Status::Unsupported("lệnh \"" + command +
                             "\" chưa hỗ trợ sổ đăng ký PostgreSQL; trên PostgreSQL hiện dùng "
                             "được: list, show, tasks, task, status, book, search, report, "
                             "calendar, digest, units, assign, user, serve, delete, restore, ingest, "
                             "watch, enqueue, worker.");
}

}  // namespace congvan::cli
