// web_load PORT [CLIENTS] [PATH] [--one-address]: CLIENTS (default 200) clients at once against
// a `congvan serve` on 127.0.0.1:PORT, each one GET on its own connection, each from its own
// loopback address (127.0.1.1, 127.0.1.2, ...: all of 127.0.0.0/8 is this machine), as the
// clerks' machines of an office would be. Prints how many were answered 200, the 50th and 95th
// percentile of the time to the whole answer, and the other statuses. With --one-address all
// clients come from 127.0.0.1, which shows the server's per-client connection limit (503).
// bench/web_load.sh runs it against a server with a small registry.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

// One request from `from` to 127.0.0.1:port; the status of the answer, 0 when there was none.
int Get(const std::string& from, int port, const std::string& path) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  timeval limit{120, 0};  // bounded: the run always ends
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  inet_pton(AF_INET, from.c_str(), &local.sin_addr);
  sockaddr_in server{};
  server.sin_family = AF_INET;
  server.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
  int status = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) == 0 &&
      ::connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server) == 0) {
    const std::string request =
        "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
        static_cast<ssize_t>(request.size())) {
      std::string answer;
      char buf[16384];
      ssize_t n;
      while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) answer.append(buf, static_cast<size_t>(n));
      if (answer.rfind("HTTP/1.1 ", 0) == 0 && answer.size() >= 12) {
        status = std::atoi(answer.substr(9, 3).c_str());
      }
    }
  }
  ::close(fd);
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: web_load PORT [CLIENTS] [PATH] [--one-address]\n");
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const int clients = argc > 2 ? std::atoi(argv[2]) : 200;
  const std::string path = argc > 3 ? argv[3] : "/api/tasks";
  const bool one_address = argc > 4 && std::string(argv[4]) == "--one-address";
  using Clock = std::chrono::steady_clock;

  std::mutex mu;
  std::vector<double> answered_ms;
  std::map<int, int> others;  // status -> count (0: no answer)
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < clients; ++i) {
    const std::string from = one_address ? "127.0.0.1"
                                         : "127.0.1." + std::to_string(1 + i % 250) ;
    threads.emplace_back([&, from] {
      ++ready;
      while (!go) std::this_thread::yield();
      const auto start = Clock::now();
      const int status = Get(from, port, path);
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      std::lock_guard<std::mutex> lock(mu);
      if (status == 200) {
        answered_ms.push_back(ms);
      } else {
        ++others[status];
      }
    });
  }
  while (ready < clients) std::this_thread::yield();
  const auto start = Clock::now();
  go = true;
  for (std::thread& t : threads) t.join();
  const double total = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(answered_ms.begin(), answered_ms.end());
  auto percentile = [&](double p) {
    if (answered_ms.empty()) return 0.0;
    const size_t i = std::min(answered_ms.size() - 1, static_cast<size_t>(p * answered_ms.size()));
    return answered_ms[i];
  };
  std::printf("clients %d (%s)  answered %zu  p50 %.0f ms  p95 %.0f ms  max %.0f ms  "
              "(all done in %.1f s, GET %s)",
              clients, one_address ? "one address" : "one address each", answered_ms.size(),
              percentile(0.50), percentile(0.95), answered_ms.empty() ? 0.0 : answered_ms.back(),
              total, path.c_str());
  for (const auto& [status, n] : others) {
    std::printf("  %s %d", status == 0 ? "no answer" : ("status " + std::to_string(status)).c_str(), n);
  }
  std::printf("\n");
  return answered_ms.size() == static_cast<size_t>(clients) ? 0 : 1;
}
