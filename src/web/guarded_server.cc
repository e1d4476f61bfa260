#include "web/guarded_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <string_view>

namespace congvan::web {
namespace {

using Clock = std::chrono::steady_clock;

// "127.0.0.1" / "::1" and the port of a socket address.
void AddressOf(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
    inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
    port = ntohs(a->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
    inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
    port = ntohs(a->sin6_port);
  }
  ip = text;
}

std::string PeerAddress(socket_t sock) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  std::string ip;
  int port = 0;
  if (getpeername(sock, reinterpret_cast<sockaddr*>(&addr), &len) == 0) AddressOf(addr, ip, port);
  return ip;
}

// Waits until `sock` is ready for `events` or `until` passes; false on timeout or error.
bool WaitFor(socket_t sock, short events, Clock::time_point until) {
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
    if (left <= 0) return false;
    pollfd fd{sock, events, 0};
    const int n = ::poll(&fd, 1, static_cast<int>(std::min<long long>(left, 1 << 30)));
    if (n < 0 && errno == EINTR) continue;
    return n > 0;
  }
}

// A connection's reads and writes, with the request's deadline: `head_seconds` from the start
// of the request, plus a second for every `min_bytes_per_second` bytes received.
class DeadlineStream : public httplib::Stream {
 public:
  DeadlineStream(socket_t sock, const ConnectionLimits& limits)
      : sock_(sock), limits_(limits), start_(Clock::now()) {}

  bool is_readable() const override {
    return begin_ < end_ || WaitFor(sock_, POLLIN, ReadUntil());
  }
  bool is_writable() const override {
    return WaitFor(sock_, POLLOUT, Clock::now() + std::chrono::seconds(limits_.io_timeout_seconds));
  }

  ssize_t read(char* ptr, size_t size) override {
    if (begin_ == end_) {
      if (!WaitFor(sock_, POLLIN, ReadUntil())) return -1;
      ssize_t n;
      do {
        n = ::recv(sock_, buffer_, sizeof buffer_, 0);
      } while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      received_ += static_cast<std::size_t>(n);
      begin_ = 0;
      end_ = static_cast<std::size_t>(n);
    }
    const std::size_t n = std::min(size, end_ - begin_);
    std::memcpy(ptr, buffer_ + begin_, n);
    begin_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    // A handler that did not read the whole body (an upload refused half way) answers with
    // "Connection: close": what follows on the connection is the rest of that body, not a
    // request, so the connection ends after this answer.
    if (std::string_view(ptr, size).find("Connection: close\r\n") != std::string_view::npos) {
      close_after_ = true;
    }
    if (!is_writable()) return -1;
    ssize_t n;
    do {
      n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (getpeername(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) AddressOf(addr, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) AddressOf(addr, ip, port);
  }
  socket_t socket() const override { return sock_; }

  // Whether the answer written said "Connection: close".
  bool close_after() const { return close_after_; }

 private:
  // The earlier of the next read's own timeout and the request's deadline.
  Clock::time_point ReadUntil() const {
    const double allowed = limits_.head_seconds +
                            static_cast<double>(received_) / limits_.min_bytes_per_second;
    const Clock::time_point deadline =
        start_ + std::chrono::milliseconds(static_cast<long long>(allowed * 1000));
    return std::min(deadline, Clock::now() + std::chrono::seconds(limits_.io_timeout_seconds));
  }

  const socket_t sock_;
  const ConnectionLimits& limits_;
  const Clock::time_point start_;
  std::size_t received_ = 0;
  char buffer_[16 * 1024];
  std::size_t begin_ = 0, end_ = 0;
  bool close_after_ = false;
};

// What a client over its connection limit gets, before the connection is closed.
std::string BusyResponse() {
  const std::string body = "Quá nhiều kết nối từ máy này cùng lúc; hãy thử lại sau.\n";
  return "HTTP/1.1 503 Service Unavailable\r\n"
         "Content-Type: text/plain; charset=utf-8\r\n"
         "Connection: close\r\n"
         "Retry-After: 5\r\n"
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

GuardedHttpServer::GuardedHttpServer(const ConnectionLimits& limits) : limits_(limits) {
  const int threads = std::max(1, limits_.threads);
  new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  set_read_timeout(limits_.io_timeout_seconds);
  set_write_timeout(limits_.io_timeout_seconds);
  set_keep_alive_timeout(limits_.keep_alive_seconds);
}

bool GuardedHttpServer::WidenBacklog() {
  const socket_t sock = svr_sock_;
  // On Linux, listen() on a listening socket changes its backlog.
  return sock != INVALID_SOCKET && ::listen(sock, limits_.backlog) == 0;
}

bool GuardedHttpServer::Enter(const std::string& address) {
  std::lock_guard<std::mutex> lock(clients_mu_);
  int& open = clients_[address];
  if (open >= limits_.max_per_client) {
    if (open == 0) clients_.erase(address);
    return false;
  }
  ++open;
  return true;
}

void GuardedHttpServer::Leave(const std::string& address) {
  std::lock_guard<std::mutex> lock(clients_mu_);
  auto it = clients_.find(address);
  if (it != clients_.end() && --it->second <= 0) clients_.erase(it);
}

bool GuardedHttpServer::process_and_close_socket(socket_t sock) {
  const std::string client = PeerAddress(sock);
  bool ret = false;
  if (!Enter(client)) {
    const std::string busy = BusyResponse();
    ::send(sock, busy.data(), busy.size(), MSG_NOSIGNAL);
  } else {
    // httplib's keep-alive loop: wait for the next request (the first one within the head
    // deadline, later ones within the keep-alive time), serve it, until the count runs out,
    // the client closes, or the server stops.
    std::size_t count = keep_alive_max_count_;
    bool first = true;
    while (svr_sock_ != INVALID_SOCKET && count > 0) {
      const auto wait = first ? std::chrono::milliseconds(static_cast<long long>(limits_.head_seconds * 1000))
                              : std::chrono::milliseconds(limits_.keep_alive_seconds * 1000);
      const Clock::time_point until = Clock::now() + wait;
      bool readable = false;
      // Short waits, so that a stopping server is noticed.
      while (!readable && svr_sock_ != INVALID_SOCKET && Clock::now() < until) {
        readable = WaitFor(sock, POLLIN, std::min(until, Clock::now() + std::chrono::milliseconds(100)));
      }
      if (!readable) break;
      first = false;
      DeadlineStream stream(sock, limits_);
      bool connection_closed = false;
      ret = process_request(stream, /*close_connection=*/count == 1, connection_closed,
                            [](httplib::Request&) {});
      if (!ret || connection_closed || stream.close_after()) break;
      --count;
    }
    Leave(client);
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

}  // namespace congvan::web
