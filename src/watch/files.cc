#include "watch/files.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>

namespace congvan::watch {
namespace {

namespace fs = std::filesystem;

// An open file descriptor, closed when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  bool ok() const { return fd_ >= 0; }
  // Closes now and reports the error close() gives (which matters after writing).
  int Close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

// "scan (2).pdf" for "scan.pdf" and n = 2; "notes (2)" for a name without extension.
std::string NumberedName(const fs::path& name, int n) {
  const std::string suffix = " (" + std::to_string(n) + ")";
  return name.stem().string() + suffix + name.extension().string();
}

// Copies `from` to a new file `to`, synced to disk; AlreadyExists when `to` exists.
Status CopySynced(const std::string& from, const std::string& to) {
  Fd in(::open(from.c_str(), O_RDONLY | O_CLOEXEC));
  if (!in.ok()) return Status::IoError(Errno("cannot read " + from));
  Fd out(::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (!out.ok() && errno == EEXIST) return Status::AlreadyExists(to);
  if (!out.ok()) return Status::IoError(Errno("cannot create " + to));
  std::array<char, 1 << 16> buffer;
  for (;;) {
    const ssize_t n = ::read(in.get(), buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::IoError(Errno("cannot read " + from));
    if (n == 0) break;
    for (ssize_t done = 0; done < n;) {
      const ssize_t w = ::write(out.get(), buffer.data() + done, n - done);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) {
        ::unlink(to.c_str());
        return Status::IoError(Errno("cannot write " + to));
      }
      done += w;
    }
  }
  if (::fsync(out.get()) != 0 || out.Close() != 0) {
    ::unlink(to.c_str());
    return Status::IoError(Errno("cannot write " + to));
  }
  return Status::Ok();
}

// Renames without replacing an existing file: EEXIST when `to` is there. Falls back to a check
// then rename on file systems without RENAME_NOREPLACE (only the watcher writes these folders).
int RenameNoReplace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return -1;
  struct stat st;
  if (::lstat(to.c_str(), &st) == 0) {
    errno = EEXIST;
    return -1;
  }
  return ::rename(from.c_str(), to.c_str());
}

}  // namespace

bool MatchesAny(const std::string& name, const std::vector<std::string>& patterns) {
  for (const std::string& pattern : patterns) {
    if (::fnmatch(pattern.c_str(), name.c_str(), 0) == 0) return true;
  }
  return false;
}

std::optional<FileStamp> StampOf(const std::string& path) {
  struct stat st;
  // lstat: a symbolic link dropped into the folder is not followed, so nobody can make the
  // watcher register (and move) a file from elsewhere on the machine.
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return FileStamp{static_cast<std::int64_t>(st.st_size),
                   static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

std::optional<bool> IsOpenForWriting(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW));
  if (!fd.ok()) return std::nullopt;
  if (::fcntl(fd.get(), F_SETLEASE, F_RDLCK) == 0) {
    ::fcntl(fd.get(), F_SETLEASE, F_UNLCK);
    return false;
  }
  if (errno == EAGAIN || errno == EBUSY) return true;
  return std::nullopt;  // EACCES, EINVAL: leases are not available here
}

Result<std::string> Sha256OfFile(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.ok()) return Status::IoError(Errno("cannot read " + path));
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (ctx == nullptr || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
    return Status::Internal("OpenSSL could not start a SHA-256");
  }
  std::array<char, 1 << 16> buffer;
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::IoError(Errno("cannot read " + path));
    if (n == 0) break;
    EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(n));
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx.get(), digest.data(), &len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xf];
  }
  return hex;
}

std::string MonthFolder(const std::string& processed_dir, std::time_t when) {
  std::tm local{};
  ::localtime_r(&when, &local);
  char month[32];
  std::snprintf(month, sizeof month, "%04d/%02d", local.tm_year + 1900, local.tm_mon + 1);
  return (fs::path(processed_dir) / month).string();
}

std::string FreeName(const std::string& dir, const std::string& name) {
  const fs::path base(name);
  std::string candidate = (fs::path(dir) / base).string();
  struct stat st;
  for (int n = 2; ::lstat(candidate.c_str(), &st) == 0; ++n) {
    candidate = (fs::path(dir) / NumberedName(base, n)).string();
  }
  return candidate;
}

Status MoveNoReplace(const std::string& from, const std::string& to) {
  std::error_code ec;
  const std::string dir = fs::path(to).parent_path().string();
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError("cannot create the folder " + dir + ": " + ec.message());
  if (RenameNoReplace(from, to) == 0) return Status::Ok();
  if (errno == EEXIST) return Status::AlreadyExists(to + " exists");
  if (errno != EXDEV) return Status::IoError(Errno("cannot move " + from + " to " + dir));
  CONGVAN_RETURN_IF_ERROR(CopySynced(from, to));
  if (::unlink(from.c_str()) != 0) {
    return Status::IoError(Errno("copied to " + to + " but cannot remove " + from));
  }
  return Status::Ok();
}

Status WriteOneLineFile(const std::string& path, const std::string& line) {
  std::string text = line;
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  text += '\n';
  const std::string temporary = path + ".tmp";
  {
    Fd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd.ok()) return Status::IoError(Errno("cannot write " + path));
    if (::write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size()) ||
        fd.Close() != 0) {
      ::unlink(temporary.c_str());
      return Status::IoError(Errno("cannot write " + path));
    }
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    return Status::IoError(Errno("cannot write " + path));
  }
  return Status::Ok();
}

}  // namespace congvan::watch
