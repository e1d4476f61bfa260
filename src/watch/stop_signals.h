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

#include <memory>
#include <string>

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
  std::string Take();

 private:
  StopSignals(int fd, sigset_t previous) : fd_(fd), previous_(previous) {}
  int fd_;
  sigset_t previous_;
};

}  // namespace congvan::watch

#endif  // CONGVAN_WATCH_STOP_SIGNALS_H_
