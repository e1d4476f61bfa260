#include "cli/command_support.h"

#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace congvan::cli {

int Fail(const Status& status) {
  std::fprintf(stderr, "congvan: %s\n", status.message().c_str());
  return 1;
}

registry::TimePoint Now() { return std::chrono::system_clock::now(); }

std::string LoginName() {
  const char* user = std::getenv("USER");
  if (user != nullptr && user[0] != '\0') return user;
  const passwd* entry = getpwuid(getuid());
  return entry != nullptr && entry->pw_name != nullptr ? entry->pw_name : "unknown";
}

Result<std::unique_ptr<registry::Registry>> OpenRegistry(const Common& common) {
  return registry::Registry::Open(common.db.empty() ? registry::Registry::DefaultPath()
                                                    : common.db);
}

}  // namespace congvan::cli
