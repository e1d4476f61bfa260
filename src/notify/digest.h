// The daily reminder a unit receives by e-mail: its overdue tasks and those due within the next
// few days, each with its letter and, when the pages have an address, a link to the letter.
// In Vietnamese; a text and an HTML alternative of one message (mime.h), sent over SMTP
// (smtp.h) to the addresses the configuration gives each unit.
#ifndef CONGVAN_NOTIFY_DIGEST_H_
#define CONGVAN_NOTIFY_DIGEST_H_

#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "notify/mime.h"
#include "notify/smtp.h"
#include "registry/dates.h"
#include "registry/registry.h"
#include "registry/tasks.h"

namespace congvan::notify {

// What `congvan digest` reads from the "digest" object of the configuration file (the JSON file
// `congvan serve --config` takes), with "db" and "base_url" beside it:
//   {"db": "...", "base_url": "https://congvan.example.vn",
//    "digest": {"server": "mail.example.vn", "port": 587, "starttls": true,
//               "user": "congvan", "password": "…", "from": "congvan@example.vn",
//               "days": 3, "to": {"Phòng Nội vụ": "noivu@example.vn",
//                                 "Phòng Tài chính": ["a@example.vn", "b@example.vn"]}}}
struct DigestConfig {
  std::string db_path;
  std::string base_url;
  SmtpSettings smtp;
  std::string from;
  int days = 3;
  // Folded unit name (text/tokens.h) -> addresses: matched to the tasks' assignees by folded
  // name, so the configuration's case and marks need not agree with the letters'.
  std::map<std::string, std::vector<std::string>> to;
};

// Reads `path` (InvalidInput naming the file and key for a bad value; keys other than "db",
// "base_url" and "digest" belong to `congvan serve` and are skipped).
Result<DigestConfig> LoadDigestConfig(const std::string& path);

// One unit's reminder.
struct UnitDigest {
  std::string key;   // folded assignee
  std::string name;  // as most of its tasks write it
  std::vector<registry::TaskView> overdue;   // most overdue first
  std::vector<registry::TaskView> due_soon;  // earliest deadline first
};

// The units with an overdue task or one due from now to `days` days after today (local), by
// folded name; tasks without an assignee are left out (nobody to remind).
Result<std::vector<UnitDigest>> CollectDigests(const registry::Registry& registry,
                                               registry::TimePoint now, int days);

// The unit's message: subject, text and HTML in Vietnamese; links to the letters under
// `base_url` when it is set. `to` may be empty (a dry run for a unit with no address).
MailMessage DigestMessage(const UnitDigest& digest, const DigestConfig& config,
                          const std::vector<std::string>& to, registry::TimePoint now);

// The addresses configured for a unit (by folded name), or none.
std::vector<std::string> AddressesFor(const DigestConfig& config, const std::string& unit_key);

}  // namespace congvan::notify

#endif  // CONGVAN_NOTIFY_DIGEST_H_
