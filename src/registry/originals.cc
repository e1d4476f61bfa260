#include "registry/originals.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <system_error>
#include <fstream>
#include <iterator>
#include <thread>

#include "base/sha256.h"
#include "registry/hex_bytes.h"
#include "registry/pg_connection.h"
#include "registry/registry.h"
#include "registry/statement.h"

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

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read " + path + ": " + std::strerror(errno));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::IoError("cannot read " + path);
  return bytes;
}

// Puts a copy into the folder store `dir` as "ab/<sha256>.<ext>", written by `write` under a
// temporary name and renamed: a crash leaves a stray temporary, never a half-written original
// under its final name.
template <typename Write>
Result<std::string> StoreInFolder(const std::string& dir, const std::string& sha256,
                                  const std::string& extension, const std::string& what,
                                  Write write) {
  const fs::path folder = fs::path(dir) / sha256.substr(0, 2);
  const fs::path target = folder / (sha256 + "." + SafeExtension(extension));
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return IoError("cannot create " + folder.string(), ec);
  // Unique per process and thread: two threads keeping the same content must not share it.
  const std::size_t thread = std::hash<std::thread::id>{}(std::this_thread::get_id());
  const fs::path temp = folder / ("." + sha256 + ".tmp" + std::to_string(::getpid()) + "-" +
                                  std::to_string(thread));
  write(temp, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);  // a full disk leaves an empty or partial temporary
    return IoError("cannot keep a copy of " + what + " in " + folder.string(), ec);
  }
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ec);
    return IoError("cannot keep a copy of " + what, ec);
  }
  return target.string();
}

}  // namespace

Originals Originals::ForDatabase(const std::string& db_path) {
  return Originals(db_path + ".originals");
}

Originals Originals::ForRegistry(Registry& registry, const std::string& cache_dir) {
  if (!registry.is_postgres()) return ForDatabase(registry.path());
  return Originals(cache_dir.empty() ? DefaultCacheDir() : cache_dir, registry.db().postgres());
}

std::string Originals::DefaultCacheDir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && xdg[0] == '/') {
    return std::string(xdg) + "/congvan/originals";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0') {
    return std::string(home) + "/.cache/congvan/originals";
  }
  return "/tmp/congvan-originals-" + std::to_string(::getuid());
}

Result<std::string> Originals::Keep(const std::string& path, const std::string& sha256,
                                    const std::string& extension) {
  if (!IsSha256(sha256)) return Status::InvalidInput("not a SHA-256: " + sha256);
  if (in_database()) return KeepInDatabase(path, sha256, extension);
  if (Result<std::string> found = FindInFolder(sha256); found.ok()) return found;
  return StoreInFolder(dir_, sha256, extension, path,
                       [&](const fs::path& temp, std::error_code& ec) {
                         fs::copy_file(path, temp, fs::copy_options::overwrite_existing, ec);
                       });
}

Result<std::string> Originals::KeepInDatabase(const std::string& path, const std::string& sha256,
                                              const std::string& extension) {
  Result<std::int64_t> kept = [&]() -> Result<std::int64_t> {
    Result<Statement> stmt = Statement::Prepare(db_, "SELECT count(*) FROM originals WHERE sha256 = ?1");
    if (!stmt.ok()) return stmt.status();
    CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, sha256));
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    return stmt->ColumnInt64(0);
  }();
  if (!kept.ok()) return kept.status();
  if (*kept > 0) return sha256;  // kept before: a duplicate costs no upload
  Result<std::string> bytes = ReadWholeFile(path);
  if (!bytes.ok()) return bytes.status();
  if (Sha256Hex(*bytes) != sha256) {
    return Status::IoError(path + " changed while it was being registered; it is read again later");
  }
  // Sent as hexadecimal text, since every parameter travels as text; another machine keeping
  // the same content at the same moment makes this a no-op (ON CONFLICT).
  Result<Statement> insert = Statement::Prepare(
      db_, "INSERT INTO originals (sha256, extension, size, content, kept_at) "
           "VALUES (?1, ?2, ?3, decode(?4, 'hex'), "
           "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')) "
           "ON CONFLICT (sha256) DO NOTHING");
  if (!insert.ok()) return insert.status();
  CONGVAN_RETURN_IF_ERROR(insert->BindText(1, sha256));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(2, SafeExtension(extension)));
  CONGVAN_RETURN_IF_ERROR(insert->BindInt64(3, static_cast<std::int64_t>(bytes->size())));
  CONGVAN_RETURN_IF_ERROR(insert->BindText(4, BytesToHex(*bytes)));
  CONGVAN_RETURN_IF_ERROR(insert->Run());
  return sha256;
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
  if (Result<std::string> found = FindInFolder(sha256); found.ok() || !in_database()) {
    return found;
  }
  // Not in this machine's cache yet: read it from the database once.
  Result<Statement> stmt =
      Statement::Prepare(db_, "SELECT extension FROM originals WHERE sha256 = ?1");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, sha256));
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no stored original for " + sha256);
  const std::string extension = stmt->ColumnText(0);
  Result<std::string> bytes = Read(sha256);
  if (!bytes.ok()) return bytes.status();
  // The cache holds letters: readable by this account only.
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return IoError("cannot create " + dir_, ec);
  fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::replace, ec);
  return StoreInFolder(dir_, sha256, extension, sha256,
                       [&](const fs::path& temp, std::error_code& write_ec) {
                         std::ofstream out(temp, std::ios::binary | std::ios::trunc);
                         out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
                         out.close();
                         if (!out) write_ec = std::make_error_code(std::errc::io_error);
                       });
}

Result<std::string> Originals::Read(const std::string& sha256) const {
  if (!IsSha256(sha256)) return Status::InvalidInput("not a SHA-256: " + sha256);
  if (!in_database()) {
    Result<std::string> path = FindInFolder(sha256);
    if (!path.ok()) return path.status();
    return ReadWholeFile(*path);
  }
  Result<Statement> stmt =
      Statement::Prepare(db_, "SELECT encode(content, 'hex') FROM originals WHERE sha256 = ?1");
  if (!stmt.ok()) return stmt.status();
  CONGVAN_RETURN_IF_ERROR(stmt->BindText(1, sha256));
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no stored original for " + sha256);
  return HexToBytes(stmt->ColumnText(0), "original from the database");
}

Result<std::string> Originals::FindInFolder(const std::string& sha256) const {
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
