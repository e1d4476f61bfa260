#include "cli/unit_commands.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/command_support.h"
#include "registry/assignments.h"
#include "registry/registry.h"
#include "registry/units.h"
#include "text/tokens.h"

namespace congvan::cli {
namespace {

std::optional<std::int64_t> Number(const std::string& text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("Không đọc được tệp " + path + ".");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int UnitsList(const Common& common, bool all, bool json) {
  auto reg = OpenRegistry(common);
  if (!reg.ok()) return Fail(reg.status());
  Result<std::vector<registry::Unit>> units = registry::ListUnits(**reg, all);
  if (!units.ok()) return Fail(units.status());
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const registry::Unit& u : *units) {
      out.push_back({{"id", u.id}, {"name", u.name}, {"kind", u.kind}, {"active", u.active},
                     {"aliases", u.aliases}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  if (units->empty()) std::printf("(danh mục đơn vị trống)\n");
  for (const registry::Unit& u : *units) {
    std::printf("%4lld  %s%s%s\n", static_cast<long long>(u.id), u.name.c_str(),
                u.active ? "" : "  (ngừng sử dụng)",
                u.aliases.empty() ? "" : ("  [tên khác: " + Joined(u.aliases) + "]").c_str());
  }
  return 0;
}

int UnitsAdd(const Common& common, const std::vector<std::string>& names) {
  auto reg = OpenRegistry(common);
  if (!reg.ok()) return Fail(reg.status());
  for (const std::string& name : names) {
    Result<registry::Unit> u = registry::AddUnit(**reg, name, Now());
    if (!u.ok()) return Fail(u.status());
    std::printf("unit %lld: %s\n", static_cast<long long>(u->id), u->name.c_str());
  }
  return 0;
}

int UnitsAlias(const Common& common, const std::string& unit,
               const std::vector<std::string>& aliases) {
  auto reg = OpenRegistry(common);
  if (!reg.ok()) return Fail(reg.status());
  Result<registry::Unit> u = registry::ExactUnit(**reg, unit);
  if (!u.ok()) return Fail(u.status());
  for (const std::string& alias : aliases) {
    Status s = registry::AddAlias(**reg, u->id, alias, LoginName(), Now());
    if (!s.ok()) return Fail(s);
    std::printf("unit %lld: %s = %s\n", static_cast<long long>(u->id), u->name.c_str(),
                alias.c_str());
  }
  return 0;
}

int UnitsSetActive(const Common& common, const std::string& unit, bool active) {
  auto reg = OpenRegistry(common);
  if (!reg.ok()) return Fail(reg.status());
  Result<registry::Unit> u = registry::ExactUnit(**reg, unit);
  if (!u.ok()) return Fail(u.status());
  Status s = registry::SetUnitActive(**reg, u->id, active);
  if (!s.ok()) return Fail(s);
  std::printf("unit %lld: %s %s\n", static_cast<long long>(u->id), u->name.c_str(),
              active ? "(đang sử dụng)" : "(ngừng sử dụng)");
  return 0;
}

int UnitsImport(const Common& common, const std::string& file) {
  Result<std::string> text = ReadFile(file);
  if (!text.ok()) return Fail(text.status());
  auto reg = OpenRegistry(common);
  if (!reg.ok()) return Fail(reg.status());
  Result<registry::ImportCounts> counts = registry::ImportUnits(**reg, *text, LoginName(), Now());
  if (!counts.ok()) return Fail(counts.status());
  std::printf("%d units added, %d already there, %d aliases added\n", counts->units_added,
              counts->units_existing, counts->aliases_added);
  return 0;
}

int Assign(const Common& common, const AssignCliOptions& options) {
  registry::AssignmentRequest request;
  std::string target = options.target;
  for (const char* prefix : {"nv:", "task:"}) {
    if (target.rfind(prefix, 0) == 0) {
      std::optional<std::int64_t> id = Number(target.substr(std::string(prefix).size()));
      if (!id) return Fail(Status::InvalidInput("«" + target + "» không phải số nhiệm vụ."));
      request.task_id = *id;
    }
  }
  if (!request.task_id) {
    std::optional<std::int64_t> id = Number(target);
    if (!id) {
      return Fail(Status::InvalidInput("«" + target +
                                       "» không phải số văn bản (như congvan list in) hoặc "
                                       "nv:SỐ của một nhiệm vụ."));
    }
    request.document_id = *id;
  }
  request.lead = options.lead;
  request.with = options.with;
  request.deadline = options.deadline;
  request.instruction = options.note;
  request.who = LoginName();
  auto reg = OpenRegistry(common);
  if (!reg.ok()) return Fail(reg.status());
  Result<registry::AssignmentOutcome> made = registry::Assign(**reg, request, Now());
  if (!made.ok()) return Fail(made.status());
  for (const std::string& guess : made->guesses) {
    std::fprintf(stderr, "congvan: hiểu tên đơn vị %s\n", guess.c_str());
  }
  const registry::TaskRecord& t = made->task.task;
  std::printf("task %lld: %s chủ trì%s%s (văn bản %lld)\n", static_cast<long long>(t.id),
              t.assignee.c_str(),
              t.cooperating.empty() ? "" : ("; phối hợp: " + Joined(t.cooperating)).c_str(),
              t.due_date.empty() ? "" : ("; hạn " + t.due_date).c_str(),
              static_cast<long long>(made->task.document_id));
  return 0;
}

void AddUnitCommands(CLI::App& app, Common& common, CommandTable& table) {
  struct Args {
    bool all = false, json = false;
    std::vector<std::string> names;
    std::string unit, file;
    AssignCliOptions assign;
  };
  auto a = std::make_shared<Args>();
  Common* c = &common;

  CLI::App* units = app.add_subcommand("units", "The office's directory of units (phong, ban, xa...)");
  units->require_subcommand(1);
  CLI::App* list = units->add_subcommand("list", "List the units with their other names");
  AddDbOption(list, common);
  list->add_flag("--all", a->all, "Also units no longer in use");
  list->add_flag("--json", a->json, "Print as JSON");
  table.push_back({list, [a, c] { return UnitsList(*c, a->all, a->json); }});

  CLI::App* add = units->add_subcommand("add", "Add units to the directory");
  AddDbOption(add, common);
  add->add_option("names", a->names, "Unit names, as the office writes them")->required();
  table.push_back({add, [a, c] { return UnitsAdd(*c, a->names); }});

  CLI::App* alias = units->add_subcommand(
      "alias", "Record other spellings of a unit (an OCR misreading, an abbreviation)");
  AddDbOption(alias, common);
  alias->add_option("unit", a->unit, "The unit: its name, another name or its number")->required();
  alias->add_option("aliases", a->names, "The other spellings")->required();
  table.push_back({alias, [a, c] { return UnitsAlias(*c, a->unit, a->names); }});

  for (const bool active : {true, false}) {
    CLI::App* sub = units->add_subcommand(active ? "activate" : "deactivate",
                                          active ? "Put a unit back in use"
                                                 : "Stop offering a unit (its tasks stay)");
    AddDbOption(sub, common);
    sub->add_option("unit", a->unit, "The unit: its name, another name or its number")->required();
    table.push_back({sub, [a, c, active] { return UnitsSetActive(*c, a->unit, active); }});
  }

  CLI::App* import = units->add_subcommand(
      "import", "Add the units of a list: one a line, other names after ',' ';' or a tab");
  AddDbOption(import, common);
  import->add_option("file", a->file, "The list (CSV or text, UTF-8)")->required();
  table.push_back({import, [a, c] { return UnitsImport(*c, a->file); }});

  CLI::App* assign = app.add_subcommand(
      "assign", "Assign a letter or a task to a lead unit and co-operating units");
  AddDbOption(assign, common);
  AssignCliOptions& o = a->assign;
  assign->add_option("target", o.target,
                     "A letter's number as list prints it, or nv:N for task N")
      ->required();
  assign->add_option("--lead", o.lead, "The lead unit (chu tri), from the directory")->required();
  assign->add_option("--with", o.with, "A co-operating unit (phoi hop); repeatable");
  assign->add_option("--deadline", o.deadline,
                     "Deadline, dd/mm/yyyy (default: the task's own; none for a letter)");
  assign->add_option("--note", o.note, "The leader's instruction (y kien chi dao)");
  table.push_back({assign, [a, c] { return Assign(*c, a->assign); }});
}

}  // namespace congvan::cli
