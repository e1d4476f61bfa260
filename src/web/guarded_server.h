// GuardedHttpServer: cpp-httplib's server with the limits a server open to an office network
// needs, which httplib's own settings do not give.
//
// httplib hands each connection to one thread of a fixed pool and reads a request with a
// timeout per read only: a client that sends one header line every few seconds holds its thread
// for ever, and a handful of them leave no thread for anyone else. Here each connection reads
// its request under a deadline that grows only with the bytes actually received (a request head
// must arrive within `head_seconds`; a body must keep coming at `min_bytes_per_second`), one
// client address holds at most `max_per_client` connections at once (the next one is answered
// 503 at once), and the listen backlog is raised to fit the pool, so that a burst of clients
// waits in the kernel's queue instead of having its connections dropped and retried seconds
// later.
#ifndef CONGVAN_WEB_GUARDED_SERVER_H_
#define CONGVAN_WEB_GUARDED_SERVER_H_

#include <httplib.h>

#include <cstddef>
#include <map>
#include <mutex>
#include <string>

namespace congvan::web {

struct ConnectionLimits {
  int threads = 32;               // connections served at once
  int backlog = 512;              // connections waiting for accept()
  int max_per_client = 8;         // connections at once from one client address
  double head_seconds = 10;       // time for a request line and its headers
  double min_bytes_per_second = 64 * 1024;  // a body slower than this on average is dropped
  int io_timeout_seconds = 5;     // one read or write waiting for the network
  int keep_alive_seconds = 2;     // an idle kept-alive connection is closed after this
};

class GuardedHttpServer : public httplib::Server {
 public:
  explicit GuardedHttpServer(const ConnectionLimits& limits);

  // After bind_to_port / bind_to_any_port: sets the listening socket's backlog to
  // limits.backlog (httplib's own is 5). Returns false when the socket refuses.
  bool WidenBacklog();

 private:
  // Overrides httplib's per-connection loop (the same keep-alive loop, with the limits above).
  bool process_and_close_socket(socket_t sock) override;

  // Counts the connections of each client address; false when `address` has too many.
  bool Enter(const std::string& address);
  void Leave(const std::string& address);

  const ConnectionLimits limits_;
  std::mutex clients_mu_;
  std::map<std::string, int> clients_;  // address -> open connections
};

}  // namespace congvan::web

#endif  // CONGVAN_WEB_GUARDED_SERVER_H_
