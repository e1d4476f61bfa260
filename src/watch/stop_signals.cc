#include "watch/stop_signals.h"

#include <pthread.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

namespace congvan::watch {

Result<std::unique_ptr<StopSignals>> StopSignals::Create() {
  sigset_t stop, previous;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  sigset_t blocked = stop;
  sigaddset(&blocked, SIGIO);
  if (pthread_sigmask(SIG_BLOCK, &blocked, &previous) != 0) {
    return Status::Internal("cannot block SIGTERM and SIGINT");
  }
  const int fd = ::signalfd(-1, &stop, SFD_NONBLOCK | SFD_CLOEXEC);
  if (fd < 0) {
    const std::string why = std::strerror(errno);
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return Status::Internal("cannot create a signalfd: " + why);
  }
  return std::unique_ptr<StopSignals>(new StopSignals(fd, previous));
}

StopSignals::~StopSignals() {
  ::close(fd_);
  // A second SIGTERM during shutdown, or a SIGIO from a lease, must not kill the process the
  // moment the signals are unblocked again: consume whatever is pending first.
  sigset_t pending;
  sigemptyset(&pending);
  for (int s : {SIGTERM, SIGINT, SIGIO}) sigaddset(&pending, s);
  const timespec zero{0, 0};
  while (sigtimedwait(&pending, nullptr, &zero) > 0) {
  }
  pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

std::string StopSignals::Take() {
  signalfd_siginfo info{};
  if (::read(fd_, &info, sizeof info) != static_cast<ssize_t>(sizeof info)) return "";
  stopping_ = true;
  if (info.ssi_signo == SIGTERM) return "SIGTERM";
  if (info.ssi_signo == SIGINT) return "SIGINT";
  return "signal " + std::to_string(info.ssi_signo);
}

ShutdownGuard::ShutdownGuard(const StopSignals& signals, std::atomic<bool>& give_up,
                             double finish_seconds, double exit_seconds)
    : signals_(signals), give_up_(give_up) {
  thread_ = std::thread([this, finish_seconds, exit_seconds] { Watch(finish_seconds, exit_seconds); });
}

ShutdownGuard::~ShutdownGuard() {
  finished_ = true;
  thread_.join();
}

bool ShutdownGuard::FinishedWithin(double seconds) {
  const auto until = std::chrono::steady_clock::now() +
                     std::chrono::milliseconds(static_cast<long>(seconds * 1000));
  while (!finished_) {
    if (seconds >= 0 && std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

void ShutdownGuard::Watch(double finish_seconds, double exit_seconds) {
  while (!finished_ && !signals_.stopping()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (FinishedWithin(finish_seconds)) return;
  give_up_ = true;
  if (FinishedWithin(exit_seconds)) return;
  std::fprintf(stderr, "congvan: still busy %g s after the stop signal; exiting without waiting\n",
               finish_seconds + exit_seconds);
  std::fflush(stderr);
  ::_exit(1);
}

}  // namespace congvan::watch
