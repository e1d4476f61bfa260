#include "registry/unit_summary.h"

#include <algorithm>
#include <map>

#include "registry/statement.h"

namespace congvan::registry {

SummaryWindow WindowFor(TimePoint now, int soon_days) {
  SummaryWindow w;
  w.now = LocalMinute(now);
  const std::string today = w.now.substr(0, 10);
  w.soon_until = IsoFromDays(DaysFromIso(today) + soon_days);
  w.month_start = today.substr(0, 8) + "01";
  return w;
}

Result<std::vector<UnitSummary>> SummarizeUnits(const Registry& registry, TimePoint now,
                                                int soon_days) {
  if (soon_days < 0 || soon_days > 366) {
    return Status::InvalidInput("Số ngày sắp đến hạn phải từ 0 đến 366.");
  }
  const SummaryWindow w = WindowFor(now, soon_days);
  // One row per spelling: the spellings of one key are merged below, where the most frequent
  // names the unit. The conditions mirror ComputeState() (tasks.cc): due_at is the local
  // minute of the deadline, '9999-12-31T23:59' for none, so a task without one is never due.
  Result<Statement> stmt = Statement::Prepare(registry.connection(), R"sql(
    SELECT assignee_key, assignee, count(*),
      sum(status = 'open' AND due_at < ?1),
      sum(status = 'open' AND due_at >= ?1 AND due_date <= ?2),
      sum(status = 'done' AND done_at >= ?3 AND done_at <= due_at),
      sum(status = 'done' AND done_at >= ?3 AND done_at > due_at)
    FROM tasks GROUP BY assignee_key, assignee)sql");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, w.now));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(2, w.soon_until));
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(3, w.month_start));
  std::map<std::string, UnitSummary> units;
  std::map<std::string, std::int64_t> name_weight;  // tasks carrying the unit's current name
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const std::string key = stmt->ColumnText(0);
    UnitSummary& u = units[key];
    u.key = key;
    const std::int64_t spelled = stmt->ColumnInt64(2);
    if (spelled > name_weight[key]) {
      name_weight[key] = spelled;
      u.name = stmt->ColumnText(1);
    }
    u.overdue += static_cast<int>(stmt->ColumnInt64(3));
    u.due_soon += static_cast<int>(stmt->ColumnInt64(4));
    u.done_on_time += static_cast<int>(stmt->ColumnInt64(5));
    u.done_late += static_cast<int>(stmt->ColumnInt64(6));
  }
  std::vector<UnitSummary> out;
  for (auto& [key, u] : units) {
    if (u.Total() > 0) out.push_back(std::move(u));
  }
  // By name as a clerk reads it: folded, so "Phòng…" sorts with "phòng…"; unnamed last.
  std::stable_sort(out.begin(), out.end(), [](const UnitSummary& a, const UnitSummary& b) {
    if (a.key.empty() != b.key.empty()) return b.key.empty();
    return a.key < b.key;
  });
  return out;
}

}  // namespace congvan::registry
