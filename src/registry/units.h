// The office's directory of units (phòng, ban, xã…) that work is assigned to, with the other
// spellings of their names.
//
// A name typed by a clerk or read from a letter names a unit when, folded (text/tokens.h: case
// and marks dropped), it equals the unit's name or one of its confirmed aliases, or when it is a
// close OCR variant of the name: the same kind word ("Phòng", "Ban", "Xã", "Văn phòng"…) followed
// by words a small edit distance away ("Phòng Nợ vụ" for "Phòng Nội vụ"), with no other unit as
// close. A close match is a guess; a clerk confirms it by storing the spelling as an alias, after
// which it is an exact match.
#ifndef CONGVAN_REGISTRY_UNITS_H_
#define CONGVAN_REGISTRY_UNITS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/dates.h"
#include "registry/registry.h"

namespace congvan::registry {

// Longest unit name or alias accepted, in bytes.
inline constexpr std::size_t kMaxUnitNameBytes = 200;

struct Unit {
  std::int64_t id = 0;
  std::string name;                  // as the office writes it: "Phòng Nội vụ"
  std::string kind;                  // folded kind word: "phong", "van phong", "xa"…
  bool active = true;                // inactive units are kept but offered and matched no more
  std::vector<std::string> aliases;  // confirmed other spellings, oldest first
  std::string created_at;            // ISO 8601 UTC
};

// The folded kind word of a unit name: the longest known kind at its start ("văn phòng",
// "trung tâm", "ủy ban nhân dân", "phòng", "ban", "xã"…), else its first word; "" for no words.
std::string UnitKind(const text::Folder& folder, const std::string& name);

// Every unit (inactive ones too when `with_inactive`), by folded name, with their aliases.
Result<std::vector<Unit>> ListUnits(const Registry& registry, bool with_inactive = true);

// The unit with this id, or NotFound.
Result<Unit> GetUnit(const Registry& registry, std::int64_t id);

// Adds a unit. InvalidInput for an empty, too long or control-character name; AlreadyExists
// (Vietnamese message naming it) when a unit or an alias already folds to the same key.
Result<Unit> AddUnit(Registry& registry, const std::string& name, TimePoint now);

// Stores `alias` as another spelling of the unit `unit_id`. InvalidInput for a bad name;
// AlreadyExists when it already names this or another unit; NotFound for no such unit.
Status AddAlias(Registry& registry, std::int64_t unit_id, const std::string& alias,
                const std::string& who, TimePoint now);

// Makes a unit active or inactive. NotFound for no such unit.
Status SetUnitActive(Registry& registry, std::int64_t unit_id, bool active);

// How a name matched a unit.
enum class MatchKind {
  kName,   // the unit's name, folded
  kAlias,  // a confirmed alias, folded
  kClose,  // a close OCR variant (not confirmed)
};

struct UnitMatch {
  Unit unit;
  MatchKind kind = MatchKind::kName;
  int distance = 0;  // edit distance of the folded words after the kind word (kClose)
};

// The active unit `name` names, or nullopt. Two units folding alike (or an alias of one folding
// like the name of another) match neither: the caller should ask.
Result<std::optional<UnitMatch>> MatchUnit(const Registry& registry, const std::string& name);

// Like MatchUnit, for a name a clerk typed: NotFound with one Vietnamese line naming the closest
// active units ("Không có đơn vị «X» trong danh mục; gần nhất: «Phòng Nội vụ»."), and a close
// match accepted (the caller may tell the clerk which unit it took).
Result<UnitMatch> ResolveUnit(const Registry& registry, const std::string& name);

// The unit `name` names exactly: its number, its name or one of its other names (marks and case
// aside; inactive units too). NotFound otherwise, naming the unit it is closest to ("Không có đơn
// vị «X» trong danh mục; có phải «Phòng Nội vụ»?"): changing the directory, or the unit that
// decides what an account may see, never takes a near miss.
Result<Unit> ExactUnit(const Registry& registry, const std::string& name);

// Adds the units of a list, one per line: the name, then optionally its aliases after ',' ';'
// or a tab ("Phòng Nội vụ;Phòng Nợ vụ"; a cell in double quotes keeps its commas). Empty lines, lines starting with '#' and a first line
// that is a heading ("Tên đơn vị", "ten", "name") are skipped, a UTF-8 BOM too. Units already
// there get the new aliases; nothing is written when a line is bad (InvalidInput naming it).
struct ImportCounts {
  int units_added = 0;
  int units_existing = 0;
  int aliases_added = 0;
};
Result<ImportCounts> ImportUnits(Registry& registry, const std::string& text,
                                 const std::string& who, TimePoint now);

// A spelling found in the tasks that is a close variant of a unit but not yet its alias, for a
// clerk to confirm ("Phòng Nợ vụ" in 3 tasks → "Phòng Nội vụ").
struct AliasSuggestion {
  std::string spelling;  // as one task writes it
  int tasks = 0;         // tasks whose assignee folds to it
  Unit unit;
};
// At most `limit` suggestions, most tasks first.
Result<std::vector<AliasSuggestion>> SuggestAliases(const Registry& registry, int limit = 50);

// The edit distance (insertions, deletions, substitutions of bytes) between two folded strings.
int EditDistance(const std::string& a, const std::string& b);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_UNITS_H_
