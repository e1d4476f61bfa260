// StopSignals: SIGTERM and SIGINT turned into a readable file descriptor (signalfd), so the
// watcher's loop notices them between two events and stops cleanly instead of dying mid-file.
//
// Create it before any thread starts: the signals are blocked in the creating thread and every
// thread started after inherits that, so no thread is killed by them. SIGIO is blocked too: it
// is what the kernel would send if a writer opened a file during the instant the watcher holds a
// read lease on it (files.h, IsOpenForWriting). The previous mask is restored on destruction.
#ifndef CONGVAN_WATCH_STOP_SIGNALS_H_
#define CONGVAN_WATCH_STOP_SIGNALS_H_

#include <signal.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "base/status.h"

namespace congvan::watch {


class StopSignals {
 public:
  static Result<std::unique_ptr<StopSignals>> Create();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // Readable once a stop signal arrived.
  int fd() const { return fd_; }

  // The name of the signal that arrived ("SIGTERM"), consuming it; "" when none is pending.
  // Once a signal is taken, stopping() is true.
  std::string Take();

  // True once a stop signal was taken: work in progress that can be given up (a page being
  // read, pipeline::Options::stop) watches this flag.
  const std::atomic<bool>& stopping() const { return stopping_; }

 private:
  StopSignals(int fd, sigset_t previous) : fd_(fd), previous_(previous) {}
  int fd_;
  sigset_t previous_;
  std::atomic<bool> stopping_{false};
};

// What `congvan watch` and `congvan serve` do after a stop signal, on a thread of its own: the
// work in hand may go on for `finish_seconds` (a letter being read is usually finished); then
// `give_up` is set, so pages still being read are given up (pipeline::Options::stop; the file
// stays for the next start); and if the program has still not finished `exit_seconds` after
// that (a call stuck where no flag is looked at), the process exits with status 1. Destroying
// the guard, once the program has finished in order, ends it.
class ShutdownGuard {
 public:
  ShutdownGuard(const StopSignals& signals, std::atomic<bool>& give_up,
                double finish_seconds = 5, double exit_seconds = 5);
  ~ShutdownGuard();
  ShutdownGuard(const ShutdownGuard&) = delete;
  ShutdownGuard& operator=(const ShutdownGuard&) = delete;

 private:
  void Watch(double finish_seconds, double exit_seconds);
  // Waits until the program finished (true) or `seconds` passed (false).
  bool FinishedWithin(double seconds);

  const StopSignals& signals_;
  std::atomic<bool>& give_up_;
  std::atomic<bool> finished_{false};
  std::thread thread_;
};

}  // namespace congvan::watch

#endif  // CONGVAN_WATCH_STOP_SIGNALS_H_
