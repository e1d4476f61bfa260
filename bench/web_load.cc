// web_load HOST PORT [CLIENTS] [PATH]: CLIENTS (default 200) clients at once, each one request
// on its own connection to a running `congvan serve`; prints how many were answered (2xx) and
// the 50th and 95th percentile of the time to the answer. bench/web_load.sh runs it against a
// server with a small registry.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: web_load HOST PORT [CLIENTS] [PATH]\n");
    return 2;
  }
  const std::string host = argv[1];
  const int port = std::atoi(argv[2]);
  const int clients = argc > 3 ? std::atoi(argv[3]) : 200;
  const std::string path = argc > 4 ? argv[4] : "/api/tasks";
  using Clock = std::chrono::steady_clock;

  std::mutex mu;
  std::vector<double> answered_ms;
  std::atomic<int> failed{0};
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&] {
      httplib::Client c(host, port);
      c.set_connection_timeout(120, 0);  // bounded: the run always ends
      c.set_read_timeout(120, 0);
      c.set_keep_alive(false);
      ++ready;
      while (!go) std::this_thread::yield();
      const auto start = Clock::now();
      httplib::Result r = c.Get(path.c_str());
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      if (r && r->status >= 200 && r->status < 300) {
        std::lock_guard<std::mutex> lock(mu);
        answered_ms.push_back(ms);
      } else {
        ++failed;
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
  std::printf("clients %d  answered %zu  failed %d  p50 %.0f ms  p95 %.0f ms  max %.0f ms  "
              "(all done in %.1f s, GET %s)\n",
              clients, answered_ms.size(), failed.load(), percentile(0.50), percentile(0.95),
              answered_ms.empty() ? 0.0 : answered_ms.back(), total, path.c_str());
  return answered_ms.size() == static_cast<size_t>(clients) ? 0 : 1;
}
