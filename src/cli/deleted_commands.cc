#include "cli/deleted_commands.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "cli/command_support.h"
#include "registry/deletions.h"
#include "registry/registry.h"

namespace congvan::cli {

int DeleteLetter(const Common& common, std::int64_t id) {
  auto reg = OpenRegistry(common);
  if (!reg.ok()) return Fail(reg.status());
  Result<registry::Deletion> d =
      registry::DeleteLetter(**reg, id, LoginName(), std::chrono::system_clock::now());
  if (!d.ok()) return Fail(d.status());
  std::printf("deleted %lld %s (restore: congvan restore %lld)\n", static_cast<long long>(id),
              d->doc_ref.c_str(), static_cast<long long>(id));
  return 0;
}

int RestoreLetter(const Common& common, std::int64_t id) {
  auto reg = OpenRegistry(common);
  if (!reg.ok()) return Fail(reg.status());
  if (id == 0) {
    Result<std::vector<registry::Deletion>> deleted = registry::ListDeleted(**reg);
    if (!deleted.ok()) return Fail(deleted.status());
    if (deleted->empty()) std::printf("no deleted letters\n");
    for (const registry::Deletion& d : *deleted) {
      std::printf("%6lld  %-20s  %s  %s  %s\n", static_cast<long long>(d.former_id),
                  d.doc_ref.c_str(), d.deleted_at.c_str(), d.deleted_by.c_str(), d.subject.c_str());
    }
    return 0;
  }
  Result<std::int64_t> restored =
      registry::RestoreLetter(**reg, id, LoginName(), std::chrono::system_clock::now());
  if (!restored.ok()) return Fail(restored.status());
  std::printf("restored %lld as %lld\n", static_cast<long long>(id),
              static_cast<long long>(*restored));
  return 0;
}

void AddDeletionCommands(CLI::App& app, Common& common, CommandTable& table) {
  auto id = std::make_shared<std::int64_t>(0);
  Common* c = &common;
  CLI::App* del = app.add_subcommand(
      "delete", "Delete a letter registered by mistake (kept for restore; the original file stays)");
  AddDbOption(del, common);
  del->add_option("id", *id, "Document number, as printed by ingest and list")->required();
  table.push_back({del, [id, c] { return DeleteLetter(*c, *id); }});

  CLI::App* restore = app.add_subcommand(
      "restore", "Restore a deleted letter by the number it had; without one, list deleted letters");
  AddDbOption(restore, common);
  restore->add_option("id", *id, "The deleted letter's former document number");
  table.push_back({restore, [id, c] { return RestoreLetter(*c, *id); }});
}

}  // namespace congvan::cli
