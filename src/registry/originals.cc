#include "registry/originals.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <system_error>
#include <thread>

namespace congvan::registry {
namespace {

namespace fs = std::filesystem;

bool IsSha256(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// Extensions come from intake's file types; anything else is stored as ".bin" so a name in the
// store is always "<hex>.<letters>".
std::string SafeExtension(const std::string& ext) {
  if (ext.empty() || ext.size() > 8) return "bin";
  for (char c : ext) {
    if (!(c >= 'a' && c <= 'z')) return "bin";
  }
  return ext;
}

Status IoError(const std::string& what, const std::error_code& ec) {
  return Status::IoError(what + ": " + ec.message());
}

}  // namespace

Originals Originals::ForDatabase(const std::string& db_path) {
  return Originals(db_path + ".originals");
}

Result<std::string> Originals::Keep(const std::string& path, const std::string& sha256,
                                    const std::string& extension) {
  if (!IsSha256(sha256)) return Status::InvalidInput("not a SHA-256: " + sha256);
  if (Result<std::string> found = Find(sha256); found.ok()) return found;
  const fs::path folder = fs::path(dir_) / sha256.substr(0, 2);
  const fs::path target = folder / (sha256 + "." + SafeExtension(extension));
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return IoError("cannot create " + folder.string(), ec);
  // Copy under a temporary name and rename: a crash leaves a stray temporary, never a
  // half-written original under its final name.
  // Unique per process and thread: two threads keeping the same content must not share it.
  const std::size_t thread = std::hash<std::thread::id>{}(std::this_thread::get_id());
  const fs::path temp = folder / ("." + sha256 + ".tmp" + std::to_string(::getpid()) + "-" +
                                  std::to_string(thread));
  fs::copy_file(path, temp, fs::copy_options::overwrite_existing, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);  // a full disk leaves an empty or partial temporary
    return IoError("cannot keep a copy of " + path + " in " + folder.string(), ec);
  }
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ec);
    return IoError("cannot keep a copy of " + path, ec);
  }
  return target.string();
}

Result<int> Originals::RemoveStaleTemporaries() const {
  int removed = 0;
  std::error_code ec;
  if (!fs::exists(dir_, ec)) return 0;
  for (fs::directory_iterator sub(dir_, ec), end; !ec && sub != end; sub.increment(ec)) {
    std::error_code sub_ec;
    if (!sub->is_directory(sub_ec)) continue;
    for (fs::directory_iterator it(sub->path(), sub_ec); !sub_ec && it != end; it.increment(sub_ec)) {
      const std::string name = it->path().filename().string();
      // ".<64 hex>.tmp<pid>-<thread>"
      if (name.size() < 70 || name[0] != '.' || name.compare(65, 4, ".tmp") != 0) continue;
      const long pid = std::strtol(name.c_str() + 69, nullptr, 10);
      if (pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM)) continue;
      std::error_code rm_ec;
      if (fs::remove(it->path(), rm_ec)) ++removed;
    }
  }
  if (ec) return IoError("cannot list " + dir_, ec);
  return removed;
}

Result<std::string> Originals::Find(const std::string& sha256) const {
  if (!IsSha256(sha256)) return Status::InvalidInput("not a SHA-256: " + sha256);
  const fs::path folder = fs::path(dir_) / sha256.substr(0, 2);
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() > 65 && name.compare(0, 64, sha256) == 0 && name[64] == '.') {
      return it->path().string();
    }
  }
  return Status::NotFound("no stored original for " + sha256);
}

}  // namespace congvan::registry
