#include "registry/unit_summary.h"

#include <algorithm>
#include <map>
#include <utility>

#include "registry/statement.h"
#include "registry/task_sql.h"

namespace congvan::registry {

SummaryWindow WindowFor(TimePoint now, int soon_days) {
  SummaryWindow w;
  w.now = LocalMinute(now);
  const std::string today = w.now.substr(0, 10);
  w.soon_until = IsoFromDays(DaysFromIso(today) + soon_days);
  w.month_start = today.substr(0, 8) + "01";
  return w;
}

namespace {

// Runs `sql` (parameters bound by `bind`) and passes each row to `on_row`.
template <typename Bind, typename OnRow>
Status ForEachRow(const Registry& registry, const std::string& sql, Bind bind, OnRow on_row) {
  Result<Statement> stmt = Statement::Prepare(registry.db(), sql);
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(bind(*stmt));
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    on_row(*stmt);
  }
}

// Folds the counts of every confirmed other name of a directory unit (units.h: "Phòng Nợ vụ"
// read by OCR) into the unit's own key, named as the directory writes it. Only confirmed names:
// a close guess is offered to a clerk on the directory page, not counted on its own authority.
Status MergeAliases(const Registry& registry, std::map<std::string, UnitSummary>& units) {
  std::map<std::string, std::pair<std::string, std::string>> owner;  // alias key -> unit key, name
  CONGVAN_RETURN_IF_ERROR(ForEachRow(
      registry,
      "SELECT a.alias_key, u.name_key, u.name FROM unit_aliases a JOIN units u ON u.id = a.unit_id "
      "UNION ALL SELECT name_key, name_key, name FROM units",
      [](Statement&) { return Status::Ok(); },
      [&](const Statement& stmt) {
        owner[stmt.ColumnText(0)] = {stmt.ColumnText(1), stmt.ColumnText(2)};
      }));
  std::map<std::string, UnitSummary> merged;
  for (auto& entry : units) {
    auto it = owner.find(entry.first);
    const std::string key = it == owner.end() ? entry.first : it->second.first;
    UnitSummary& into = merged[key];
    into.overdue += entry.second.overdue;
    into.due_soon += entry.second.due_soon;
    into.done_on_time += entry.second.done_on_time;
    into.done_late += entry.second.done_late;
    if (it != owner.end()) into.name = it->second.second;
  }
  units = std::move(merged);
  return Status::Ok();
}

// Tasks of one unit read to choose its name: enough to outvote a few misspellings without
// reading every row of a large unit.
constexpr int kNameSample = 20;

}  // namespace

Result<std::vector<UnitSummary>> SummarizeUnits(const Registry& registry, TimePoint now,
                                                int soon_days) {
  if (soon_days < 0 || soon_days > 366) {
    return Status::InvalidInput("Số ngày sắp đến hạn phải từ 0 đến 366.");
  }
  const SummaryWindow w = WindowFor(now, soon_days);
  std::map<std::string, UnitSummary> units;
  // Open tasks: unit_task_counts (schema version 12) holds how many of each unit's are open with
  // a deadline; those due from now on are counted through tasks_assignee_due (the coming weeks'
  // work, not the registry's history) and the rest are overdue. INDEXED BY: without statistics SQLite takes tasks_status_due for these, which walks
  // every unit's open tasks reading rows, once per unit (0.5 s at 100,000 tasks against 1 ms).
  // The conditions mirror ComputeState() (tasks.cc): due_at is the local minute of the
  // deadline, '9999-12-31T23:59' for none, so a task without one is never due.
  const std::string by_assignee_due = IndexedBy(registry.db(), "tasks_assignee_due");
  CONGVAN_RETURN_IF_ERROR(ForEachRow(
      registry,
      "SELECT c.assignee_key, c.open_dated - (SELECT count(*) FROM tasks t" + by_assignee_due +
      " WHERE t.assignee_key = c.assignee_key AND t.due_at >= ?1 "
      "AND t.due_at < '9999-12-31T23:59' AND t.status = 'open'), "
      "(SELECT count(*) FROM tasks t" + by_assignee_due +
      " WHERE t.assignee_key = c.assignee_key AND t.due_at >= ?1 "
      "AND t.due_at <= ?2 AND t.status = 'open') "
      "FROM unit_task_counts c WHERE c.open_dated > 0",
      [&](Statement& stmt) {
        CONGVAN_RETURN_IF_ERROR(stmt.BindText(1, w.now));
        return stmt.BindText(2, w.soon_until + "T23:59");
      },
      [&](const Statement& stmt) {
        UnitSummary& u = units[stmt.ColumnText(0)];
        u.overdue = static_cast<int>(stmt.ColumnInt64(1));
        u.due_soon = static_cast<int>(stmt.ColumnInt64(2));
      }));
  // Done this month: a range of tasks_done_at, not every done task.
  CONGVAN_RETURN_IF_ERROR(ForEachRow(
      registry,
      "SELECT assignee_key, " + CountWhere(registry.db(), "done_at <= due_at") + ", " +
          CountWhere(registry.db(), "done_at > due_at") + " FROM tasks" +
          IndexedBy(registry.db(), "tasks_done_at") +
          " WHERE status = 'done' AND done_at >= ?1 GROUP BY assignee_key",
      [&](Statement& stmt) { return stmt.BindText(1, w.month_start); },
      [&](const Statement& stmt) {
        UnitSummary& u = units[stmt.ColumnText(0)];
        u.done_on_time = static_cast<int>(stmt.ColumnInt64(1));
        u.done_late = static_cast<int>(stmt.ColumnInt64(2));
      }));
  CONGVAN_RETURN_IF_ERROR(MergeAliases(registry, units));
  // One statement for every unit's name, rebound per unit.
  // Ordered as tasks_assignee_due reads them, so PostgreSQL takes the same first tasks.
  Result<Statement> spelling = Statement::Prepare(
      registry.db(),
      "SELECT assignee FROM tasks WHERE assignee_key = ?1 ORDER BY due_at, document_id, position "
      "LIMIT ?2");
  if (!spelling.ok()) return spelling.status();
  CONGVAN_RETURN_IF_ERROR(spelling->BindInt64(2, kNameSample));
  std::vector<UnitSummary> out;
  for (auto& entry : units) {
    // A named variable, not a structured binding: the lambda below captures it (C++20 allows
    // capturing bindings, clang 14 does not).
    const std::string& key = entry.first;
    UnitSummary& u = entry.second;
    if (u.Total() == 0) continue;
    u.key = key;
    if (!u.name.empty()) {  // a directory unit: named as the directory writes it
      out.push_back(std::move(u));
      continue;
    }
    // The spelling most of its first tasks (by deadline) carry.
    std::map<std::string, int> spellings;
    spelling->Reset();
    CONGVAN_RETURN_IF_ERROR(spelling->BindText(1, key));
    for (;;) {
      Result<bool> row = spelling->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      ++spellings[spelling->ColumnText(0)];
    }
    int best = 0;
    for (const auto& [name, n] : spellings) {
      if (n > best) {
        best = n;
        u.name = name;
      }
    }
    out.push_back(std::move(u));
  }
  // By folded name, so "Phòng…" sorts with "phòng…"; unnamed last.
  std::stable_sort(out.begin(), out.end(), [](const UnitSummary& a, const UnitSummary& b) {
    if (a.key.empty() != b.key.empty()) return b.key.empty();
    return a.key < b.key;
  });
  return out;
}

}  // namespace congvan::registry
