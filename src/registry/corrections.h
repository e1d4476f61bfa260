// Corrections: a clerk's fix of a value the extraction got wrong (a misread number, a wrong
// deadline, an assignee cut short), recorded with who made it, when, and the value it replaced.
//
// Corrections are stored apart from the extracted values, keyed by the letter's SHA-256 and the
// task's position in the letter rather than by row ids, so they survive a re-extraction (the
// letter deleted and registered again gets new rows; its corrections still apply). A correction
// is written through to the live row too, so search, the task list, the report and the calendar
// see the corrected value; reading a document or tasks through ApplyCorrections() lays the
// latest correction of each field over whatever the rows hold.
#ifndef CONGVAN_REGISTRY_CORRECTIONS_H_
#define CONGVAN_REGISTRY_CORRECTIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/dates.h"
#include "registry/registry.h"
#include "registry/tasks.h"

namespace congvan::registry {

// `task_position` of a correction to a field of the letter itself.
inline constexpr int kLetterField = -1;

// Longest corrected value accepted, in bytes.
inline constexpr std::size_t kMaxCorrectionBytes = 4000;

// Limits of a corrected list (addressees, references, cooperating): items after empty ones are
// dropped, bytes of one item, and bytes of the whole value as sent.
inline constexpr std::size_t kMaxListItems = 100;
inline constexpr std::size_t kMaxListItemBytes = 500;
inline constexpr std::size_t kMaxListCorrectionBytes = 60000;

// One recorded correction.
struct Correction {
  std::int64_t id = 0;
  std::string sha256;                 // the letter
  int task_position = kLetterField;   // the task's place in the letter, or kLetterField
  std::string field;                  // a letter's or a task's field, as listed below
  std::string old_value;              // what the field held just before
  std::string new_value;
  std::string who;                    // the clerk (access token's name, or "local")
  std::string at;                     // ISO 8601 UTC
};

// The fields a clerk may correct (Correct() refuses any other). Of a letter: doc_ref, doc_type,
// issuer, issuer_parent, place, date (yyyy-mm-dd), subject, and the lists addressees and
// references. Of a task: assignee, action, due_date (yyyy-mm-dd or empty), due_time (HH:MM or
// empty), deadline_text, recurrence, and the list cooperating.

// True for the list fields (addressees, references, cooperating). A correction of one replaces
// the whole list. Its value, as typed and as stored in old_value/new_value, is the items one per
// line ("\n"-separated; "" is the empty list). When typed, ';' also separates items, a leading
// "-"/"+" and a trailing '.' are dropped, and empty items are dropped. A reference is one line
// "Kế hoạch số 67-KH/HU ngày 10/01/2022" (type and date optional; without "số" the last word is
// the number), stored in exactly the form ReferenceLine() writes.
bool IsListField(const std::string& field);

// The items of a list field's value as stored (one per line; "" has none).
std::vector<std::string> ListItems(const std::string& stored);

// One reference in the line form of a correction: "Kế hoạch số 67-KH/HU ngày 10/01/2022".
std::string ReferenceLine(const ReferenceRecord& ref);

// What to correct. `task_id` unset: a field of the letter `document_id`; set: a field of that
// task, which must belong to the letter.
struct CorrectionRequest {
  std::int64_t document_id = 0;
  std::optional<std::int64_t> task_id;
  std::string field;
  std::string value;  // dates may be typed d/m/yyyy; they are stored yyyy-mm-dd
  std::string who;
};

// Validates and records a correction and writes it through to the letter's or task's row (a
// corrected task's revision is raised so calendars update the event); a corrected list replaces
// the addressees rows (with their name keys), the refs rows (each re-linked to the registered
// letter it cites, as registration links) or tasks.cooperating, and the letter's fields_json.
// InvalidInput for an unknown field, a bad date or time, a value too long or unchanged, a list
// with too many or too long items or control characters in an item; NotFound for no such letter
// or task.
Result<Correction> Correct(Registry& registry, const CorrectionRequest& request, TimePoint now);

// Every correction of the letter with this SHA-256, oldest first.
Result<std::vector<Correction>> ListCorrections(const Registry& registry,
                                                const std::string& sha256);

// Lays the latest correction of each field over `doc` (its key fields, addressees, references
// with their links to registered letters, `fields_json` and its tasks) as read from the rows.
Status ApplyCorrections(const Registry& registry, DocumentRecord& doc);
// The same for tasks read through ListTasks() / GetTask().
Status ApplyCorrections(const Registry& registry, std::vector<TaskView>& tasks);

// Writes every recorded correction of the letter `document_id` to its rows again, oldest first;
// for a letter that has just been registered again (re-extracted). Returns how many applied.
Result<int> ReapplyCorrections(Registry& registry, std::int64_t document_id, TimePoint now);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_CORRECTIONS_H_
