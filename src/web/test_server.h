// Test support for the web tests: a real server on a free local port, run on its own thread.
#ifndef CONGVAN_WEB_TEST_SERVER_H_
#define CONGVAN_WEB_TEST_SERVER_H_

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <thread>

#include "web/server.h"
#include "web/test_letters.h"

namespace congvan::web::test {

// A running server; stopped and joined when the object dies. A server that cannot start is a
// test failure.
class RunningServer {
 public:
  explicit RunningServer(const ServerOptions& options) {
    Result<std::unique_ptr<Server>> created = Server::Create(options, OneWorker());
    if (!created.ok()) {
      ADD_FAILURE() << created.status().message();
      return;
    }
    server_ = std::move(*created);
    thread_ = std::thread([this] { (void)server_->Run(); });
  }
  // A server on the registry `db`, on a free port.
  explicit RunningServer(const std::string& db) : RunningServer(OnDb(db)) {}
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;
  ~RunningServer() {
    if (server_ == nullptr) return;
    server_->Stop();
    thread_.join();
  }

  // A client of the server; uploads are read by the real pipeline, so it waits long.
  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(120, 0);
    return c;
  }
  int port() const { return server_->port(); }

  // The header a write needs: the session's CSRF token.
  httplib::Headers Csrf() const {
    const std::string token =
        nlohmann::json::parse(Client().Get("/api/session")->body)["csrf_token"].get<std::string>();
    return {{"X-CSRF-Token", token}};
  }

 private:
  static ServerOptions OnDb(const std::string& db) {
    ServerOptions o;
    o.db_path = db;
    o.listen.port = 0;
    return o;
  }

  std::unique_ptr<Server> server_;
  std::thread thread_;
};

}  // namespace congvan::web::test

#endif  // CONGVAN_WEB_TEST_SERVER_H_
