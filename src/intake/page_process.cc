// Reading a PDF page in a child process, under a deadline and a memory limit.
//
// Why a child process: poppler cannot be interrupted. A page holding an image that declares
// 1,000,000 x 1,000,000 pixels keeps its Splash scaler (and even its text extraction, which
// skips the image's bytes one by one) busy for hours, whatever resolution is asked for; a
// MediaBox of a kilometre asks for gigabytes. Scanning the PDF's objects before rendering
// catches the plain cases (pdf_scan.cc), but not an image inside a compressed content stream or
// one whose size is an indirect object, nor whatever the next hostile file finds. A thread
// cannot be killed; a process can. So each page is read by a forked child with RLIMIT_AS (memory
// beyond what the parent already maps), RLIMIT_CPU and no core dumps, while the parent waits on a
// pipe for at most `Limits::page_seconds` and kills it when time is up or the program is
// stopping. The child hands back the finished Page (text, overlays, pixels) through the pipe.
//
// fork() without exec() keeps the parsed document and costs a few milliseconds, but the child
// inherits only the forking thread: a lock another thread held at that instant stays held. The
// libraries the child uses are poppler (whose global state is guarded by PopplerMutex(), held by
// every call into poppler in the parent and across fork()), Leptonica and malloc (made safe
// across fork by glibc). Anything else that could still deadlock the child ends at the deadline
// like any other stuck page.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <leptonica/allheaders.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>

#include "intake/internal.h"

namespace congvan::intake::internal {
namespace {

using Clock = std::chrono::steady_clock;

// --- The message the child writes: its length (8 bytes), then a page or an error. ---

enum class Kind : std::uint8_t { kPage = 1, kError = 2 };

void Put(std::string& out, const void* p, size_t n) {
  out.append(static_cast<const char*>(p), n);
}
template <typename T>
void PutValue(std::string& out, T v) {
  Put(out, &v, sizeof v);
}
void PutString(std::string& out, std::string_view s) {
  PutValue<std::uint64_t>(out, s.size());
  out.append(s);
}

// Reads values back from a message, failing (not crashing) on one that is cut short.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  template <typename T>
  bool Value(T& v) {
    if (data_.size() < sizeof v) return false;
    std::memcpy(&v, data_.data(), sizeof v);
    data_.remove_prefix(sizeof v);
    return true;
  }
  bool String(std::string& s) {
    std::uint64_t n = 0;
    if (!Value(n) || data_.size() < n) return false;
    s.assign(data_.data(), n);
    data_.remove_prefix(n);
    return true;
  }
  bool Bytes(void* dst, size_t n) {
    if (data_.size() < n) return false;
    std::memcpy(dst, data_.data(), n);
    data_.remove_prefix(n);
    return true;
  }

 private:
  std::string_view data_;
};

std::string EncodeError(const Status& status) {
  std::string out;
  PutValue(out, Kind::kError);
  PutValue(out, static_cast<std::int32_t>(status.code()));
  PutString(out, status.message());
  return out;
}

// Pixels cross the pipe row-word by row-word as Leptonica holds them; a colour-mapped image
// (never made by the PDF reader) is refused rather than half copied.
std::string EncodePage(const Page& page) {
  std::string out;
  PutValue(out, Kind::kPage);
  PutValue(out, static_cast<std::int32_t>(page.origin));
  PutValue(out, static_cast<std::int32_t>(page.dpi));
  PutString(out, page.text);
  PutValue<std::uint64_t>(out, page.overlays.size());
  for (const std::string& o : page.overlays) PutString(out, o);
  Pix* pix = page.image.get();
  const bool has_image = pix != nullptr && pixGetColormap(pix) == nullptr;
  PutValue<std::uint8_t>(out, has_image ? 1 : 0);
  if (has_image) {
    PutValue<std::int32_t>(out, pixGetWidth(pix));
    PutValue<std::int32_t>(out, pixGetHeight(pix));
    PutValue<std::int32_t>(out, pixGetDepth(pix));
    PutValue<std::int32_t>(out, pixGetSpp(pix));
    PutValue<std::int32_t>(out, pixGetXRes(pix));
    PutValue<std::int32_t>(out, pixGetYRes(pix));
    const size_t bytes = static_cast<size_t>(pixGetWpl(pix)) * 4 * pixGetHeight(pix);
    Put(out, pixGetData(pix), bytes);
  }
  return out;
}

Result<Page> DecodeMessage(int index, std::string_view message) {
  Reader in(message);
  Kind kind{};
  if (!in.Value(kind)) return Status::Internal("empty answer from the PDF page reader");
  if (kind == Kind::kError) {
    std::int32_t code = 0;
    std::string text;
    if (!in.Value(code) || !in.String(text)) return Status::Internal("garbled PDF page error");
    return Status(static_cast<Code>(code), std::move(text));
  }
  Page page;
  page.index = index;
  std::int32_t origin = 0, dpi = 0;
  std::uint64_t overlays = 0;
  std::uint8_t has_image = 0;
  bool ok = in.Value(origin) && in.Value(dpi) && in.String(page.text) && in.Value(overlays);
  for (std::uint64_t i = 0; ok && i < overlays; ++i) {
    ok = in.String(page.overlays.emplace_back());
  }
  ok = ok && in.Value(has_image);
  if (ok && has_image) {
    std::int32_t w = 0, h = 0, d = 0, spp = 0, xres = 0, yres = 0;
    ok = in.Value(w) && in.Value(h) && in.Value(d) && in.Value(spp) && in.Value(xres) &&
         in.Value(yres) && w > 0 && h > 0;
    if (ok) {
      page.image = AdoptPix(pixCreateNoInit(w, h, d));
      if (page.image == nullptr) return Status::Internal("out of memory receiving a PDF page");
      Pix* pix = page.image.get();
      pixSetSpp(pix, spp);
      pixSetResolution(pix, xres, yres);
      ok = in.Bytes(pixGetData(pix), static_cast<size_t>(pixGetWpl(pix)) * 4 * h);
    }
  }
  if (!ok) return Status::Internal("garbled PDF page from the page reader");
  page.origin = static_cast<PageOrigin>(origin);
  page.dpi = dpi;
  return page;
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// The virtual memory this process maps now, from /proc/self/statm (read without stdio).
std::uint64_t MappedBytes() {
  const int fd = ::open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char buf[128] = {};
  const ssize_t n = ::read(fd, buf, sizeof buf - 1);
  ::close(fd);
  if (n <= 0) return 0;
  const std::uint64_t pages = std::strtoull(buf, nullptr, 10);
  return pages * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

// In the child: limits, quiet stderr, only the pipe left open, then the page, then _exit.
[[noreturn]] void RunChild(int out_fd, pid_t parent, const Limits& limits,
                           const std::function<Result<Page>()>& read) {
  // Dies with the thread that forked it (the parent always reaps a child before going on, so
  // this only fires when the parent itself is killed), rather than running to its CPU limit.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(1);
  const rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  if (limits.page_memory_bytes > 0) {
    const rlim_t cap = MappedBytes() + limits.page_memory_bytes;
    const rlimit as{cap, cap};
    setrlimit(RLIMIT_AS, &as);
  }
  if (limits.page_seconds > 0) {
    // CPU time, a backstop for the parent's wall-clock deadline (SIGXCPU ends the child).
    const auto cpu = static_cast<rlim_t>(std::ceil(limits.page_seconds)) + 1;
    const rlimit limit{cpu, cpu + 1};
    setrlimit(RLIMIT_CPU, &limit);
  }
  // poppler and libpng complain on stderr about what they find in a broken file; the parent
  // reports the page's failure in one line instead.
  const int null_fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (null_fd >= 0) ::dup2(null_fd, STDERR_FILENO);
  // Keep no other descriptor: a socket, a registry file or another child's pipe held here
  // would stay open as long as this child lives.
  if (out_fd > 3) ::close_range(3, static_cast<unsigned>(out_fd) - 1, 0);
  ::close_range(static_cast<unsigned>(out_fd) + 1, ~0u, 0);

  std::string message;
  try {
    Result<Page> page = read();
    message = page.ok() ? EncodePage(*page) : EncodeError(page.status());
  } catch (const std::bad_alloc&) {
    message = EncodeError(Status::TooLarge("page needs more memory than allowed"));
  } catch (const std::exception& e) {
    message = EncodeError(Status::Internal(std::string("PDF reader failed: ") + e.what()));
  }
  std::string framed;
  PutValue<std::uint64_t>(framed, message.size());
  const bool written = WriteAll(out_fd, framed) && WriteAll(out_fd, message);
  ::_exit(written ? 0 : 1);
}

// Why a child that sent no answer ended, in words for the clerk.
std::string ChildDeath(int wait_status) {
  if (WIFSIGNALED(wait_status)) {
    const int sig = WTERMSIG(wait_status);
    if (sig == SIGXCPU) return "dùng quá thời gian xử lý cho phép";
    if (sig == SIGSEGV || sig == SIGBUS) return "bộ đọc PDF gặp lỗi và dừng (tệp hỏng)";
    if (sig == SIGABRT || sig == SIGKILL) return "cần quá nhiều bộ nhớ hoặc tệp hỏng";
    return "bộ đọc PDF dừng do tín hiệu " + std::to_string(sig);
  }
  return "bộ đọc PDF dừng mà không trả kết quả (tệp hỏng hoặc cần quá nhiều bộ nhớ)";
}

// Closes a descriptor when it goes out of scope.
struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

// The parent's side: reads the child's answer until it is complete, the deadline passes or a
// stop is asked for; the child is always reaped before returning.
Result<Page> AwaitChild(pid_t child, int in_fd, int index, const Limits& limits) {
  const bool timed = limits.page_seconds > 0;
  const Clock::time_point deadline =
      Clock::now() + std::chrono::milliseconds(static_cast<std::int64_t>(limits.page_seconds * 1000));
  std::string data;
  std::uint64_t expected = 0;
  bool have_length = false;
  auto kill_and_reap = [child] {
    ::kill(child, SIGKILL);
    int st = 0;
    while (::waitpid(child, &st, 0) < 0 && errno == EINTR) {
    }
  };
  char buf[1 << 16];
  for (;;) {
    if (limits.stop != nullptr && limits.stop->load()) {
      kill_and_reap();
      return Status::Cancelled("bỏ dở vì chương trình đang dừng");
    }
    // Short waits so that a stop is noticed within a tenth of a second.
    int wait_ms = 100;
    if (timed) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) {
        kill_and_reap();
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%g", limits.page_seconds);
        return Status::TooLarge(std::string("không đọc xong trong ") + seconds +
                                " giây (tệp PDF hỏng hoặc cố ý gây treo)");
      }
      wait_ms = static_cast<int>(std::min<std::int64_t>(wait_ms, left));
    }
    pollfd fd{in_fd, POLLIN, 0};
    const int ready = ::poll(&fd, 1, wait_ms);
    if (ready < 0 && errno != EINTR) {
      kill_and_reap();
      return Status::Internal(std::string("poll failed: ") + std::strerror(errno));
    }
    if (ready <= 0) continue;
    const ssize_t n = ::read(in_fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n > 0) data.append(buf, static_cast<size_t>(n));
    if (!have_length && data.size() >= sizeof expected) {
      std::memcpy(&expected, data.data(), sizeof expected);
      have_length = true;
    }
    if (have_length && data.size() >= sizeof expected + expected) break;
    if (n <= 0) {  // the child closed the pipe before a whole answer: it died
      int st = 0;
      while (::waitpid(child, &st, 0) < 0 && errno == EINTR) {
      }
      return Status::InvalidInput("không đọc được trang: " + ChildDeath(st));
    }
  }
  // The answer is complete; the child is exiting.
  int st = 0;
  while (::waitpid(child, &st, 0) < 0 && errno == EINTR) {
  }
  return DecodeMessage(index, std::string_view(data).substr(sizeof expected, expected));
}

}  // namespace

std::mutex& PopplerMutex() {
  static std::mutex mu;
  return mu;
}

Result<Page> ReadPageInChild(int index, const Limits& limits,
                             const std::function<Result<Page>()>& read) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    return Status::Internal(std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  FdCloser in{fds[0]};
  FdCloser out{fds[1]};
  pid_t child;
  const pid_t parent = ::getpid();
  {
    std::lock_guard<std::mutex> lock(PopplerMutex());
    child = ::fork();
    if (child == 0) RunChild(fds[1], parent, limits, read);
  }
  if (child < 0) return Status::Internal(std::string("cannot fork: ") + std::strerror(errno));
  ::close(out.fd);  // the parent only reads; EOF then means the child is gone
  out.fd = -1;
  return AwaitChild(child, in.fd, index, limits);
}

}  // namespace congvan::intake::internal
