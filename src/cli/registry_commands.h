// The registry commands: search, the task list, task status changes, the progress
// report and the deadline calendar. Like commands.h, each returns the exit status (0 success,
// 1 failure already printed as one line on stderr). These are the only functions here that
// read the system clock and $USER; the library takes both as arguments.
#ifndef CONGVAN_CLI_REGISTRY_COMMANDS_H_
#define CONGVAN_CLI_REGISTRY_COMMANDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace congvan::cli {

// congvan search [--db F] QUERY [--json] [--limit N]
int Search(const Common& common, const std::string& query, bool json, int limit = 20);

// congvan tasks [--db F] [--assignee X] [--issuer X] [--due-before D] [--status S]
//               [--limit N] [--json|--csv]
struct TasksOptions {
  std::string assignee;
  std::string issuer;
  std::string due_before;  // yyyy-mm-dd or d/m/yyyy: deadline strictly before this day
  std::string status;      // trong-han, qua-han, hoan-thanh-dung-han, hoan-thanh-qua-han, …
  int limit = 0;           // 0: all
  bool json = false;
  bool csv = false;
};
int Tasks(const Common& common, const TasksOptions& options);

// congvan task done ID [--note TEXT] / congvan task reopen ID [--note TEXT]
int TaskDone(const Common& common, std::int64_t id, const std::string& note);
int TaskReopen(const Common& common, std::int64_t id, const std::string& note);
// congvan task show ID: the task and its history.
int TaskShow(const Common& common, std::int64_t id);

// congvan report [--db F] [--from D] [--to D] [--issuer X] [--format md|csv|html] [-o FILE]
struct ReportCliOptions {
  std::string from, to, issuer;
  std::string format = "md";
  std::string output;  // empty: standard output
  // The official heading (registry::OfficialHeading); none without an office name.
  std::string office, parent_office, number, place;
};
int Report(const Common& common, const ReportCliOptions& options);

// congvan book [--db F] [--year Y] [--from D] [--to D] [--format md|csv|html|xlsx] [-o FILE]:
// the register of incoming letters (registry/book.h). xlsx needs -o.
struct BookCliOptions {
  int year = 0;  // 0: every year
  std::string from, to;
  std::string format = "md";
  std::string output;  // empty: standard output
};
int Book(const Common& common, const BookCliOptions& options);

// congvan calendar [--db F] -o FILE.ics [--assignee X] [--from D] [--to D]
//                  [--alarm DAYS]... [--todo]
struct CalendarCliOptions {
  std::string output;                    // required
  std::string assignee, from, to;
  std::vector<int> alarms = {3, 1};      // --alarm, days before; --alarm 0 alone: at the deadline
  bool no_alarms = false;                // --no-alarms
  bool todo = false;                     // --todo: VTODO instead of VEVENT
  std::string base_url;                  // --base-url: events link to their letter's page
};
int Calendar(const Common& common, const CalendarCliOptions& options);

}  // namespace congvan::cli

#endif  // CONGVAN_CLI_REGISTRY_COMMANDS_H_
