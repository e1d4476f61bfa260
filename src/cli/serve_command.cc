#include "cli/serve_command.h"

#include <poll.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "cli/command_support.h"
#include "registry/originals.h"
#include "registry/pg_connection.h"
#include "registry/registry.h"
#include "watch/stop_signals.h"
#include "web/options.h"
#include "web/server.h"

namespace congvan::cli {
namespace {

struct ServeArgs {
  std::string listen;
  std::string config;
  std::string token;
  std::uint64_t max_upload_mb = 0;  // 0: the configuration's or the default
};

// The options from the configuration file first, then the command line over them.
Result<web::ServerOptions> BuildOptions(const Common& common, const ServeArgs& args) {
  web::ServerOptions options;
  if (!args.config.empty()) CONGVAN_RETURN_IF_ERROR(web::LoadConfigFile(args.config, options));
  if (!common.db.empty()) options.db_path = common.db;
  if (options.db_path.empty()) options.db_path = registry::Registry::DefaultPath();
  if (!args.listen.empty()) {
    Result<web::ListenAddress> listen = web::ParseListenAddress(args.listen);
    if (!listen.ok()) return listen.status();
    options.listen = *listen;
  }
  if (!args.token.empty()) options.tokens[args.token] = "token";
  if (args.max_upload_mb > 0) options.max_upload_bytes = args.max_upload_mb * 1024 * 1024;
  return options;
}

int Serve(const Common& common, const ServeArgs& args) {
  Result<web::ServerOptions> options = BuildOptions(common, args);
  if (!options.ok()) return Fail(options.status());
  // Before any server thread exists, so that every thread inherits the blocked signals and
  // SIGINT/SIGTERM arrive here as a readable descriptor.
  Result<std::unique_ptr<watch::StopSignals>> signals = watch::StopSignals::Create();
  if (!signals.ok()) return Fail(signals.status());
  // What an earlier run left when the disk filled or it was killed; a failure here is harmless.
  // A PostgreSQL registry has no originals folder beside it (uploading is refused there).
  const bool postgres = registry::IsPostgresUri(options->db_path);
  if (!postgres) (void)registry::Originals::ForDatabase(options->db_path).RemoveStaleTemporaries();
  // Set a few seconds after a stop: an upload still being read is given up
  // (watch::ShutdownGuard).
  std::atomic<bool> give_up{false};
  pipeline::Options pipeline_options = common.pipeline;
  pipeline_options.stop = &give_up;
  Result<std::unique_ptr<web::Server>> server = web::Server::Create(*options, pipeline_options);
  if (!server.ok()) return Fail(server.status());
  web::Server& s = **server;
  Status run_status;
  std::atomic<bool> finished{false};
  std::thread loop([&] {
    run_status = s.Run();
    finished = true;
  });
  const std::string shown = postgres ? registry::RedactedUri(options->db_path) : options->db_path;
  std::printf("listening on %s (registry %s)\n", s.url().c_str(), shown.c_str());
  std::fflush(stdout);
  {
    watch::ShutdownGuard guard(**signals, give_up);
    // Wait for a stop signal, checking twice a second that the server is still serving.
    pollfd fd{(*signals)->fd(), POLLIN, 0};
    while (!finished && poll(&fd, 1, 500) <= 0) {
    }
    if (!finished) {
      std::fprintf(stderr, "congvan: %s, stopping\n", (*signals)->Take().c_str());
      s.Stop();
    }
    loop.join();
  }
  return run_status.ok() ? 0 : Fail(run_status);
}

}  // namespace

void AddServeCommands(CLI::App& app, Common& common, CommandTable& table) {
  auto a = std::make_shared<ServeArgs>();
  Common* c = &common;
  CLI::App* serve = app.add_subcommand("serve", "Serve the web page for clerks (search, tasks, corrections, upload, calendar)");
  AddDbOption(serve, common);
  serve->add_option("--listen", a->listen,
                    "HOST:PORT to listen on (default 127.0.0.1:8080; any other address needs a token)");
  serve->add_option("--config", a->config,
                    "JSON configuration: {\"db\", \"listen\", \"tokens\": {name: secret}, \"max_upload_mb\", "
                    "\"base_url\", \"office\": {parent, name, number, place}, \"digest\"}");
  serve->add_option("--token", a->token, "Access token (at least 16 characters) required from every client");
  serve->add_option("--max-upload-mb", a->max_upload_mb, "Largest upload accepted (default 50)");
  table.push_back({serve, [a, c] { return Serve(*c, *a); }});
}

}  // namespace congvan::cli
