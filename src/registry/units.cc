#include "registry/units.h"


#include <algorithm>
#include <charconv>
#include <map>
#include <utility>

#include "registry/statement.h"
#include "text/tokens.h"

namespace congvan::registry {
namespace {

// Kind words of unit names, folded; a longer kind comes before a shorter one it starts with
// ("ban chi huy" before "ban"), since the first that fits is taken.
constexpr const char* kKinds[] = {
    "uy ban nhan dan", "ban chi huy", "ban quan ly", "doan thanh nien", "hoi dong",
    "van phong", "trung tam", "thanh tra", "thi tran", "chi cuc", "chi nhanh", "cong an",
    "benh vien", "ubnd", "phong", "ban", "xa", "phuong", "so", "cuc", "vu", "doi", "to",
    "hoi", "truong", "tram",
};

std::string Trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// A name as stored: trimmed, runs of spaces made one.
std::string CleanName(const std::string& raw) {
  std::string out;
  for (char c : Trim(raw)) {
    const bool space = c == ' ' || c == '\t';
    if (space && !out.empty() && out.back() == ' ') continue;
    out += space ? ' ' : c;
  }
  return out;
}

Result<std::string> CheckedName(const text::Folder& folder, const std::string& raw) {
  const std::string name = CleanName(raw);
  if (std::any_of(name.begin(), name.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
    return Status::InvalidInput("Tên đơn vị chứa ký tự điều khiển.");
  }
  if (name.size() > kMaxUnitNameBytes) {
    return Status::InvalidInput("Tên đơn vị dài quá " + std::to_string(kMaxUnitNameBytes) +
                                " byte.");
  }
  if (folder.Key(name).empty()) return Status::InvalidInput("Tên đơn vị trống.");
  return name;
}

// The folded words after the kind word: what a close variant is compared on.
std::string AfterKind(const std::string& key, const std::string& kind) {
  if (kind.empty() || key.size() <= kind.size()) return "";
  return key.substr(kind.size() + 1);
}

// Edits a close variant may have: one in a short name, two in a long one. OCR misreads a mark
// or a letter or two; more than that is another unit ("Phòng Tư pháp", "Phòng Tài chính").
int CloseThreshold(const std::string& rest) { return rest.size() <= 8 ? 1 : 2; }

// Shortest words a close match is judged on: a name of two letters is too short to guess.
constexpr std::size_t kMinCloseBytes = 3;

// Every unit with its aliases, read once per match: a directory holds tens or hundreds.
Result<std::vector<Unit>> ReadUnits(Connection db, bool with_inactive) {
  std::vector<Unit> units;
  std::map<std::int64_t, std::size_t> at;
  Result<Statement> stmt = Statement::Prepare(
      db, "SELECT id, name, kind, active, created_at FROM units ORDER BY name_key, id");
  if (!stmt.ok()) return stmt.status();
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    Unit u;
    u.id = stmt->ColumnInt64(0);
    u.name = stmt->ColumnText(1);
    u.kind = stmt->ColumnText(2);
    u.active = stmt->ColumnInt64(3) != 0;
    u.created_at = stmt->ColumnText(4);
    if (!u.active && !with_inactive) continue;
    at[u.id] = units.size();
    units.push_back(std::move(u));
  }
  Result<Statement> aliases =
      Statement::Prepare(db, "SELECT unit_id, alias FROM unit_aliases ORDER BY id");
  if (!aliases.ok()) return aliases.status();
  for (;;) {
    Result<bool> row = aliases->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    auto it = at.find(aliases->ColumnInt64(0));
    if (it != at.end()) units[it->second].aliases.push_back(aliases->ColumnText(1));
  }
  return units;
}

// The unit (any, active or not) a folded key names exactly, through its name or an alias.
Result<std::optional<Unit>> UnitWithKey(Connection db, const text::Folder& folder,
                                        const std::string& key) {
  Result<std::vector<Unit>> units = ReadUnits(db, true);
  if (!units.ok()) return units.status();
  for (const Unit& u : *units) {
    if (folder.Key(u.name) == key) return std::optional<Unit>(u);
    for (const std::string& a : u.aliases) {
      if (folder.Key(a) == key) return std::optional<Unit>(u);
    }
  }
  return std::optional<Unit>();
}

Status InsertAlias(Connection db, const text::Folder& folder, std::int64_t unit_id,
                   const std::string& alias, const std::string& who, TimePoint now) {
  Result<Statement> insert = Statement::Prepare(
      db, "INSERT INTO unit_aliases (unit_id, alias, alias_key, who, at) "
          "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!insert.ok()) return insert.status();
  CONGVAN_RETURN_IF_ERROR(insert->BindInt64(1, unit_id));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(2, alias));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(3, folder.Key(alias)));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(4, who));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(5, UtcTimestamp(now)));
  return insert->Run();
}

// AddAlias inside the caller's transaction. `quiet_if_same`: an alias the unit already has is
// no error (an import run twice).
Result<bool> AddAliasIn(Connection db, const text::Folder& folder, const Unit& unit,
                        const std::string& raw, const std::string& who, TimePoint now,
                        bool quiet_if_same) {
  Result<std::string> alias = CheckedName(folder, raw);
  if (!alias.ok()) return alias.status();
  Result<std::optional<Unit>> owner = UnitWithKey(db, folder, folder.Key(*alias));
  if (!owner.ok()) return owner.status();
  if (owner->has_value()) {
    if ((*owner)->id == unit.id && quiet_if_same) return false;
    if ((*owner)->id == unit.id) {
      return Status::AlreadyExists("«" + *alias + "» đã là tên của đơn vị «" + unit.name + "».");
    }
    return Status::AlreadyExists("«" + *alias + "» đã là tên của đơn vị khác: «" +
                                 (*owner)->name + "».");
  }
  CONGVAN_RETURN_IF_ERROR(InsertAlias(db, folder, unit.id, *alias, who, now));
  return true;
}

Result<Unit> InsertUnit(Connection db, const text::Folder& folder, const std::string& name,
                        TimePoint now) {
  Result<Statement> insert = Statement::Prepare(
      db, "INSERT INTO units (name, name_key, kind, active, created_at) VALUES (?1, ?2, ?3, 1, ?4)" +
              InsertReturningId(db));
  if (!insert.ok()) return insert.status();
  Unit u;
  u.name = name;
  u.kind = UnitKind(folder, name);
  u.created_at = UtcTimestamp(now);
  CONGVAN_RETURN_IF_ERROR(insert->BindText(1, u.name));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(2, folder.Key(u.name)));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(3, u.kind));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(4, u.created_at));
  Result<std::int64_t> id = RunInsert(db, *insert);
  if (!id.ok()) return id.status();
  u.id = *id;
  return u;
}

// The closest active units to a folded key by edit distance of the whole key, at most `n`.
std::vector<std::string> Closest(const text::Folder& folder, const std::vector<Unit>& units,
                                 const std::string& key, std::size_t n) {
  std::vector<std::pair<int, std::string>> scored;
  for (const Unit& u : units) scored.push_back({EditDistance(key, folder.Key(u.name)), u.name});
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < n; ++i) out.push_back(scored[i].second);
  return out;
}

// MatchUnit over units already read; `ambiguous` is set when several units name `key` alike.
std::optional<UnitMatch> MatchIn(const text::Folder& folder, const std::vector<Unit>& units,
                                 const std::string& name, bool* ambiguous) {
  *ambiguous = false;
  const std::string key = folder.Key(name);
  if (key.empty()) return std::nullopt;
  std::vector<UnitMatch> exact;
  for (const Unit& u : units) {
    if (folder.Key(u.name) == key) exact.push_back({u, MatchKind::kName, 0});
  }
  if (exact.empty()) {
    for (const Unit& u : units) {
      for (const std::string& a : u.aliases) {
        if (folder.Key(a) == key) exact.push_back({u, MatchKind::kAlias, 0});
      }
    }
  }
  if (exact.size() == 1) return exact.front();
  if (exact.size() > 1) {
    *ambiguous = true;
    return std::nullopt;
  }
  // A close variant: same kind word, the words after it a few edits away from the name's (or
  // an alias's), and no other unit as close.
  const std::string kind = UnitKind(folder, name);
  const std::string rest = AfterKind(key, kind);
  if (rest.size() < kMinCloseBytes) return std::nullopt;
  std::optional<UnitMatch> best;
  bool tied = false;
  for (const Unit& u : units) {
    if (u.kind != kind) continue;
    std::vector<std::string> spellings = u.aliases;
    spellings.insert(spellings.begin(), u.name);
    int unit_best = -1;
    for (const std::string& s : spellings) {
      const std::string their_rest = AfterKind(folder.Key(s), kind);
      if (their_rest.size() < kMinCloseBytes) continue;
      const int d = EditDistance(rest, their_rest);
      if (d <= CloseThreshold(their_rest) && (unit_best < 0 || d < unit_best)) unit_best = d;
    }
    if (unit_best < 0) continue;
    if (!best || unit_best < best->distance) {
      best = UnitMatch{u, MatchKind::kClose, unit_best};
      tied = false;
    } else if (unit_best == best->distance) {
      tied = true;
    }
  }
  if (tied) {
    *ambiguous = true;
    return std::nullopt;
  }
  return best;
}

// The cells of one line of a unit list: separated by ',' ';' or a tab, trimmed, empty ones
// dropped; a cell in double quotes (as spreadsheets write a name holding a comma) keeps its
// separators, and "" inside it is one quote.
std::vector<std::string> SplitListLine(const std::string& line) {
  std::vector<std::string> fields;
  std::string cell;
  bool quoted = false;
  auto flush = [&fields, &cell] {
    std::string trimmed = Trim(cell);
    if (!trimmed.empty()) fields.push_back(std::move(trimmed));
    cell.clear();
  };
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"' && Trim(cell).empty()) {
      cell.clear();
      quoted = true;
    } else if (c == ',' || c == ';' || c == '\t') {
      flush();
    } else {
      cell += c;
    }
  }
  flush();
  return fields;
}

}  // namespace

int EditDistance(const std::string& a, const std::string& b) {
  std::vector<int> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const int above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string UnitKind(const text::Folder& folder, const std::string& name) {
  const std::string key = folder.Key(name);
  if (key.empty()) return "";
  for (const char* kind : kKinds) {
    const std::string k = kind;
    if (key == k || key.rfind(k + " ", 0) == 0) return k;
  }
  return key.substr(0, key.find(' '));
}

Result<std::vector<Unit>> ListUnits(const Registry& registry, bool with_inactive) {
  return ReadUnits(registry.db(), with_inactive);
}

Result<Unit> GetUnit(const Registry& registry, std::int64_t id) {
  Result<std::vector<Unit>> units = ReadUnits(registry.db(), true);
  if (!units.ok()) return units.status();
  for (const Unit& u : *units) {
    if (u.id == id) return u;
  }
  return Status::NotFound("Không có đơn vị số " + std::to_string(id) + ".");
}

Result<Unit> AddUnit(Registry& registry, const std::string& raw, TimePoint now) {
  const text::Folder& folder = registry.folder();
  Result<std::string> name = CheckedName(folder, raw);
  if (!name.ok()) return name.status();
  const Connection db = registry.db();
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
  if (!tx.ok()) return tx.status();
  Result<std::optional<Unit>> existing = UnitWithKey(db, folder, folder.Key(*name));
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) {
    return Status::AlreadyExists("Đã có đơn vị «" + (*existing)->name + "» trong danh mục.");
  }
  Result<Unit> unit = InsertUnit(db, folder, *name, now);
  if (!unit.ok()) return unit.status();
  CONGVAN_RETURN_IF_ERROR(tx->Commit());
  return unit;
}

Status AddAlias(Registry& registry, std::int64_t unit_id, const std::string& alias,
                const std::string& who, TimePoint now) {
  const Connection db = registry.db();
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
  if (!tx.ok()) return tx.status();
  Result<Unit> unit = GetUnit(registry, unit_id);
  if (!unit.ok()) return unit.status();
  Result<bool> added = AddAliasIn(db, registry.folder(), *unit, alias, who, now, false);
  if (!added.ok()) return added.status();
  return tx->Commit();
}

Status SetUnitActive(Registry& registry, std::int64_t unit_id, bool active) {
  Result<Statement> update =
      Statement::Prepare(registry.db(), "UPDATE units SET active = ?2 WHERE id = ?1");
  if (!update.ok()) return update.status();
  CONGVAN_RETURN_IF_ERROR(update->BindInt64(1, unit_id));
  CONGVAN_RETURN_IF_ERROR(update->BindInt64(2, active ? 1 : 0));
  CONGVAN_RETURN_IF_ERROR(update->Run());
  if (update->Changes() == 0) {
    return Status::NotFound("Không có đơn vị số " + std::to_string(unit_id) + ".");
  }
  return Status::Ok();
}

Result<std::optional<UnitMatch>> MatchUnit(const Registry& registry, const std::string& name) {
  Result<std::vector<Unit>> units = ReadUnits(registry.db(), false);
  if (!units.ok()) return units.status();
  bool ambiguous = false;
  return MatchIn(registry.folder(), *units, name, &ambiguous);
}

Result<UnitMatch> ResolveUnit(const Registry& registry, const std::string& raw) {
  const std::string name = CleanName(raw);
  if (registry.folder().Key(name).empty()) return Status::InvalidInput("Chưa nhập tên đơn vị.");
  Result<std::vector<Unit>> units = ReadUnits(registry.db(), false);
  if (!units.ok()) return units.status();
  bool ambiguous = false;
  std::optional<UnitMatch> match = MatchIn(registry.folder(), *units, name, &ambiguous);
  if (match) return *match;
  if (units->empty()) {
    return Status::NotFound("Danh mục đơn vị còn trống; thêm «" + name +
                            "» vào danh mục trước (congvan units add, hoặc trang Đơn vị).");
  }
  const std::vector<std::string> closest =
      Closest(registry.folder(), *units, registry.folder().Key(name), 2);
  std::string list;
  for (const std::string& c : closest) list += (list.empty() ? "«" : ", «") + c + "»";
  if (ambiguous) {
    return Status::NotFound("«" + name + "» giống nhiều đơn vị: " + list + "; hãy chọn một.");
  }
  return Status::NotFound("Không có đơn vị «" + name + "» trong danh mục; gần nhất: " + list +
                          ".");
}

Result<ImportCounts> ImportUnits(Registry& registry, const std::string& text,
                                 const std::string& who, TimePoint now) {
  const text::Folder& folder = registry.folder();
  const Connection db = registry.db();
  Result<Transaction> tx = Transaction::Begin(db, Transaction::Mode::kImmediate);
  if (!tx.ok()) return tx.status();
  ImportCounts counts;
  std::string body = text;
  if (body.rfind("\xEF\xBB\xBF", 0) == 0) body.erase(0, 3);
  std::size_t start = 0;
  int line_number = 0;
  while (start <= body.size()) {
    const std::size_t end = std::min(body.find('\n', start), body.size());
    const std::string line = Trim(body.substr(start, end - start));
    start = end + 1;
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields = SplitListLine(line);
    if (fields.empty()) continue;
    const std::string heading = folder.Key(fields[0]);
    if (counts.units_added + counts.units_existing == 0 &&
        (heading == "ten don vi" || heading == "ten" || heading == "name" || heading == "don vi")) {
      continue;
    }
    const std::string where = "Dòng " + std::to_string(line_number) + ": ";
    Result<std::string> name = CheckedName(folder, fields[0]);
    if (!name.ok()) return Status::InvalidInput(where + name.status().message());
    Result<std::optional<Unit>> existing = UnitWithKey(db, folder, folder.Key(*name));
    if (!existing.ok()) return existing.status();
    Unit unit;
    if (existing->has_value()) {
      unit = **existing;
      ++counts.units_existing;
    } else {
      Result<Unit> added = InsertUnit(db, folder, *name, now);
      if (!added.ok()) return added.status();
      unit = *added;
      ++counts.units_added;
    }
    for (std::size_t i = 1; i < fields.size(); ++i) {
      Result<bool> alias = AddAliasIn(db, folder, unit, fields[i], who, now, true);
      if (!alias.ok()) return Status(alias.status().code(), where + alias.status().message());
      if (*alias) ++counts.aliases_added;
    }
  }
  CONGVAN_RETURN_IF_ERROR(tx->Commit());
  return counts;
}

Result<std::vector<AliasSuggestion>> SuggestAliases(const Registry& registry, int limit) {
  Result<std::vector<Unit>> units = ReadUnits(registry.db(), false);
  if (!units.ok()) return units.status();
  std::vector<AliasSuggestion> out;
  if (units->empty()) return out;
  // The distinct assignee keys (schema version 5) with how many tasks carry each and one
  // spelling; a few hundred rows even in a large registry. The orders are those SQLite's
  // indexes give (name_keys' key, tasks_assignee_due), written out for PostgreSQL.
  Result<Statement> stmt = Statement::Prepare(
      registry.db(),
      "SELECT k.key, (SELECT count(*) FROM tasks WHERE assignee_key = k.key), "
      "(SELECT assignee FROM tasks WHERE assignee_key = k.key "
      "ORDER BY due_at, document_id, position LIMIT 1) "
      "FROM name_keys k WHERE k.kind = 'assignee' AND k.key <> '' ORDER BY k.key");
  if (!stmt.ok()) return stmt.status();
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const int tasks = static_cast<int>(stmt->ColumnInt64(1));
    if (tasks == 0) continue;  // a key no task carries any more (name_keys keeps them)
    const std::string spelling = stmt->ColumnText(2);
    bool ambiguous = false;
    std::optional<UnitMatch> match = MatchIn(registry.folder(), *units, spelling, &ambiguous);
    if (!match || match->kind != MatchKind::kClose) continue;
    out.push_back({spelling, tasks, match->unit});
  }
  std::stable_sort(out.begin(), out.end(), [](const AliasSuggestion& a, const AliasSuggestion& b) {
    return a.tasks > b.tasks;
  });
  if (limit > 0 && out.size() > static_cast<std::size_t>(limit)) out.resize(limit);
  return out;
}

Result<Unit> ExactUnit(const Registry& registry, const std::string& name) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), id);
  if (ec == std::errc() && end == name.data() + name.size() && id > 0) return GetUnit(registry, id);
  Result<std::vector<Unit>> units = ListUnits(registry, true);
  if (!units.ok()) return units.status();
  const std::string key = registry.folder().Key(name);
  for (const Unit& u : *units) {
    if (registry.folder().Key(u.name) == key) return u;
    for (const std::string& a : u.aliases) {
      if (registry.folder().Key(a) == key) return u;
    }
  }
  Result<UnitMatch> close = ResolveUnit(registry, name);
  if (!close.ok()) return close.status();
  return Status::NotFound("Không có đơn vị «" + name + "» trong danh mục; có phải «" + close->unit.name + "»?");
}

}  // namespace congvan::registry
