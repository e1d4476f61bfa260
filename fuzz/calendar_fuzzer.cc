// The iCalendar writer's inputs: tasks as the registry holds them, every field taken from the
// fuzzer's bytes (deadlines, times and recurrences that no extraction would write included).
// Any tasks give a calendar that libical parses back, or a refusal, never a crash.
//
// Input: a first byte of options, then lines; each run of 12 lines is one task: assignee,
// action, due date, due time, deadline as written, recurrence, status, done at, letter number,
// subject, path, issuer.
#include <libical/ical.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "calendar/calendar.h"
#include "registry/tasks.h"

namespace {

std::vector<std::string> Lines(const uint8_t* data, size_t size) {
  std::vector<std::string> lines;
  std::string line;
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == '\n') {
      lines.push_back(line);
      line.clear();
    } else {
      line.push_back(static_cast<char>(data[i]));
    }
  }
  lines.push_back(line);
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  congvan::calendar::Options options;
  options.todo = data[0] & 1;
  options.alarm_days_before = {static_cast<int>(data[0] >> 1) % 40 - 8, 1};
  options.event_minutes = data[0] % 7 * 45 - 45;
  const std::vector<std::string> lines = Lines(data + 1, size - 1);
  constexpr size_t kFields = 12;
  std::vector<congvan::registry::TaskView> tasks;
  for (size_t at = 0; at < lines.size() && tasks.size() < 64; at += kFields) {
    auto field = [&](size_t k) { return at + k < lines.size() ? lines[at + k] : std::string(); };
    congvan::registry::TaskView view;
    view.task.id = static_cast<std::int64_t>(tasks.size()) + 1;
    view.task.assignee = field(0);
    view.task.action = field(1);
    view.task.due_date = field(2);
    view.task.due_time = field(3);
    view.task.deadline_text = field(4);
    view.task.recurrence = field(5);
    view.task.status = field(6);
    view.task.done_at = field(7);
    view.task.revision = static_cast<int>(at % 5);
    view.position = static_cast<int>(tasks.size());
    view.document_id = 1;
    view.sha256 = "5f2b9c0e7a1d4b3c8e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d";
    view.doc_ref = field(8);
    view.subject = field(9);
    view.path = field(10);
    view.issuer = field(11);
    view.state = static_cast<congvan::registry::TaskState>(at / kFields % 4);
    (void)congvan::calendar::RRuleFor(view.task.recurrence);  // only that it returns
    tasks.push_back(std::move(view));
  }
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1688000000));
  auto ics = congvan::calendar::ToICalendar(tasks, options, now);
  if (!ics.ok()) return 0;
  // What was written must read back as a calendar.
  icalcomponent* parsed = icalparser_parse_string(ics->c_str());
  if (parsed == nullptr) {
    std::fprintf(stderr, "libical cannot read back:\n%s\n", ics->c_str());
    std::abort();
  }
  icalcomponent_free(parsed);
  return 0;
}
