// Document::Open: the checks every input goes through before its type-specific reader runs.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <memory>
#include <string>

#include "base/sha256.h"
#include "intake/document.h"
#include "intake/internal.h"

namespace congvan::intake {
namespace {

// Closes a file descriptor when it goes out of scope.
class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  ~FdCloser() {
    if (fd_ >= 0) ::close(fd_);
  }
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string ErrnoText(int err) { return std::strerror(err); }

std::string HumanBytes(std::uint64_t n) {
  if (n >= 1024ull * 1024 && n % (1024ull * 1024) == 0) return std::to_string(n >> 20) + " MB";
  return std::to_string(n) + " bytes";
}

// stat() before reading, so a huge file or a FIFO (which would block) is refused untouched.
Result<std::uint64_t> CheckFile(const std::string& path, const Limits& limits) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    if (err == ENOENT || err == ENOTDIR) return Status::NotFound("no such file");
    if (err == EACCES) return Status::IoError("permission denied");
    return Status::IoError("cannot stat file: " + ErrnoText(err));
  }
  if (S_ISDIR(st.st_mode)) return Status::InvalidInput("is a directory, not a file");
  if (!S_ISREG(st.st_mode)) return Status::InvalidInput("not a regular file");
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size == 0) return Status::InvalidInput("empty file (0 bytes)");
  if (limits.max_bytes > 0 && size > limits.max_bytes) {
    return Status::TooLarge("file is " + HumanBytes(size) + ", over the limit of " +
                            HumanBytes(limits.max_bytes) + " (max_bytes)");
  }
  return size;
}

// Reads the whole file; `expected` is the size stat() saw. Reading stops one byte past the
// limit, so a file that grows between stat() and read() cannot exhaust memory.
Result<std::string> ReadAll(const std::string& path, std::uint64_t expected, const Limits& limits) {
  FdCloser fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
    const int err = errno;
    if (err == EACCES || err == EPERM) return Status::IoError("permission denied");
    if (err == ENOENT) return Status::NotFound("no such file");
    return Status::IoError("cannot open file: " + ErrnoText(err));
  }
  std::string bytes;
  try {
    bytes.reserve(expected);
    char buf[1 << 16];
    for (;;) {
      const ssize_t n = ::read(fd.get(), buf, sizeof buf);
      if (n < 0) {
        if (errno == EINTR) continue;
        return Status::IoError("read failed: " + ErrnoText(errno));
      }
      if (n == 0) break;
      bytes.append(buf, static_cast<size_t>(n));
      if (limits.max_bytes > 0 && bytes.size() > limits.max_bytes) {
        return Status::TooLarge("file grew over the limit of " + HumanBytes(limits.max_bytes) +
                                " (max_bytes) while being read");
      }
    }
  } catch (const std::bad_alloc&) {
    return Status::Internal("out of memory reading the file");
  }
  if (bytes.empty()) return Status::InvalidInput("empty file (0 bytes)");
  return bytes;
}

Result<std::unique_ptr<Document>> OpenByType(FileType type, std::string bytes,
                                             const Limits& limits) {
  switch (type) {
    case FileType::kPdf: return internal::OpenPdf(std::move(bytes), limits);
    case FileType::kTiff: return internal::OpenTiff(std::move(bytes), limits);
    case FileType::kPng:
    case FileType::kJpeg:
    case FileType::kPnm:
    case FileType::kWebp: return internal::OpenImage(std::move(bytes), type);
    case FileType::kText: return internal::OpenText(bytes, limits);
    case FileType::kUnknown: break;
  }
  return Status::Unsupported(
      "unrecognised content: not a PDF, TIFF, PNG, JPEG, PNM, WebP or text file");
}

}  // namespace

Result<std::unique_ptr<Document>> Document::Open(const std::string& path, const Limits& limits) {
  Result<std::uint64_t> size = CheckFile(path, limits);
  if (!size.ok()) return size.status().WithContext(path);
  Result<std::string> bytes = ReadAll(path, *size, limits);
  if (!bytes.ok()) return bytes.status().WithContext(path);

  Source source;
  source.path = path;
  source.bytes = bytes->size();
  source.type = DetectType(*bytes);
  source.sha256 = Sha256Hex(*bytes);

  Result<std::unique_ptr<Document>> doc = Status::Internal("not opened");
  try {
    doc = OpenByType(source.type, std::move(*bytes), limits);
  } catch (const std::exception& e) {  // readers return Status; this is a last line of defence
    doc = Status::Internal(std::string("reading failed: ") + e.what());
  }
  if (!doc.ok()) return doc.status().WithContext(path);
  (*doc)->source_ = std::move(source);
  return doc;
}

namespace internal {

Status TooManyPages(int pages, int max_pages) {
  return Status::TooLarge("document has " + std::to_string(pages) +
                          " pages, over the limit of " + std::to_string(max_pages) +
                          " (max_pages)");
}

Status CheckPageIndex(int index, int page_count) {
  if (index < 0 || index >= page_count) {
    return Status::InvalidInput("page index " + std::to_string(index) +
                                " is out of range (page count " + std::to_string(page_count) +
                                ")");
  }
  return Status::Ok();
}

}  // namespace internal
}  // namespace congvan::intake
