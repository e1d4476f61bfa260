// The web server behind `congvan serve`: the clerks' pages (search, tasks, a letter with its
// scan, upload, calendar) and the JSON API under /api/, over one registry file.
//
// Requests are served on cpp-httplib's thread pool; each leases its own SQLite connection
// (registry_pool.h). Uploads run through the same Pipeline as `congvan ingest`, one at a time.
// Access rules (tokens, CSRF, Host) are in access.h; nothing a request names is opened as a
// path: documents are found by id, their originals by the SHA-256 the registry holds, assets
// by exact name in the embedded table.
#ifndef CONGVAN_WEB_SERVER_H_
#define CONGVAN_WEB_SERVER_H_

#include <memory>
#include <string>

#include "base/status.h"
#include "pipeline/pipeline.h"
#include "web/options.h"

namespace congvan::web {

class Server {
 public:
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Checks the options (Validate), opens the registry once (creating or upgrading it, so a bad
  // file is reported now rather than on the first request) and binds the address. `pipeline`
  // is used for uploads; the Pipeline itself is created on the first upload.
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& options,
                                                const pipeline::Options& pipeline);

  // The port bound (the one chosen when the options asked for port 0).
  int port() const;

  // "http://127.0.0.1:8080", as a clerk would type it.
  std::string url() const;

  // Serves requests until Stop() is called (from another thread). Returns an error only when
  // the listening loop could not run.
  Status Run();

  // Makes Run() return; waits for the loop to have started, so it is safe right after Run()
  // was started on another thread.
  void Stop();

 private:
  class Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace congvan::web

#endif  // CONGVAN_WEB_SERVER_H_
