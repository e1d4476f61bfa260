// How `congvan serve` is configured: where it listens, which registry it serves, who may use it.
//
// The server listens on 127.0.0.1 unless told otherwise. Any other address makes it reachable
// from the network, so it then refuses to start without at least one access token. Tokens come
// from the configuration file (several, each with the clerk's name recorded with their changes)
// or from --token (one, named "token").
#ifndef CONGVAN_WEB_OPTIONS_H_
#define CONGVAN_WEB_OPTIONS_H_

#include <cstdint>
#include <map>
#include <string>

#include "base/status.h"
#include "registry/report.h"

namespace congvan::web {

// A host and port to listen on.
struct ListenAddress {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests)
};

// Parses "127.0.0.1:8080", "0.0.0.0:80", "[::1]:8080", "localhost:8080" or ":8080" (loopback).
Result<ListenAddress> ParseListenAddress(const std::string& text);

// True for 127.0.0.0/8, ::1 and "localhost": only this machine can connect.
bool IsLoopback(const std::string& host);

struct ServerOptions {
  std::string db_path;                        // the registry file
  ListenAddress listen;
  std::map<std::string, std::string> tokens;  // secret -> name of the clerk who holds it
  std::uint64_t max_upload_bytes = 50ull * 1024 * 1024;
  // Connections one client address may hold at once; the next is answered 503. Behind a reverse
  // proxy every clerk is the proxy's address: raise it there.
  int max_connections_per_client = 8;
  // The official heading of the printable progress report (/bao-cao); the page's query can
  // fill in or change each part.
  registry::OfficialHeading report_heading;
  // The address clerks open the pages at ("https://congvan.example.vn"); when set, each event of
  // the calendar links to its letter's page there.
  std::string base_url;
};

// Reads a JSON configuration file into `options` (keys present override what is there):
//   {"db": "/srv/congvan/registry.db", "listen": "0.0.0.0:8080",
//    "tokens": {"chi-lan": "a-long-random-secret", ...}, "max_upload_mb": 50,
//    "max_connections_per_client": 8, "base_url": "https://congvan.example.vn",
//    "office": {"parent": "UBND TỈNH …", "name": "SỞ NỘI VỤ", "number": "…/BC-SNV",
//               "place": "Bình Dương"}, "digest": {...}}
// "digest" is read by `congvan digest` (notify/digest_config.h) and not checked here.
// InvalidInput (naming the file and key) for unreadable JSON, unknown keys, a token shorter
// than 16 characters or two clerks sharing one.
Status LoadConfigFile(const std::string& path, ServerOptions& options);

// OK for an http:// or https:// address without spaces, quotes or angle brackets.
Status CheckBaseUrl(const std::string& url);

// Refuses options that would be unsafe or cannot work: a non-loopback address without a token,
// a token shorter than 16 characters, an upload limit of 0.
// `accounts`: the registry has an enabled account, so every request must sign in and listening
// beyond the machine needs no token.
Status Validate(const ServerOptions& options, bool accounts = false);

}  // namespace congvan::web

#endif  // CONGVAN_WEB_OPTIONS_H_
