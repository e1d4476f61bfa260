#include "web/options.h"

#include <arpa/inet.h>

#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace congvan::web {
namespace {

// Shorter secrets can be guessed over the network.
constexpr std::size_t kMinTokenLength = 16;

Status CheckToken(const std::string& secret, const std::string& name) {
  if (secret.size() < kMinTokenLength) {
    return Status::InvalidInput("the access token of \"" + name + "\" is shorter than " +
                                std::to_string(kMinTokenLength) + " characters");
  }
  return Status::Ok();
}

Status ReadHeading(const nlohmann::json& office, registry::OfficialHeading& heading) {
  for (const auto& [key, value] : office.items()) {
    if (!value.is_string()) return Status::InvalidInput("\"" + key + "\" must be a string");
    if (key == "parent") heading.parent = value.get<std::string>();
    else if (key == "name") heading.office = value.get<std::string>();
    else if (key == "number") heading.number = value.get<std::string>();
    else if (key == "place") heading.place = value.get<std::string>();
    else return Status::InvalidInput("unknown key \"" + key + "\" (known: parent, name, number, place)");
  }
  return Status::Ok();
}

}  // namespace

Status CheckBaseUrl(const std::string& url) {
  const bool scheme = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
  if (!scheme || url.find_first_of(" \"<>\\") != std::string::npos) {
    return Status::InvalidInput("\"" + url + "\" is not an http:// or https:// address");
  }
  return Status::Ok();
}

Result<ListenAddress> ParseListenAddress(const std::string& text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos) {
    return Status::InvalidInput("--listen \"" + text + "\": expected HOST:PORT, e.g. 127.0.0.1:8080");
  }
  ListenAddress out;
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (!host.empty()) out.host = host;
  const std::string port = text.substr(colon + 1);
  int value = -1;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value < 0 ||
      value > 65535) {
    return Status::InvalidInput("--listen \"" + text + "\": the port must be a number from 0 to 65535");
  }
  out.port = value;
  if (out.host.find_first_of(" /\\") != std::string::npos) {
    return Status::InvalidInput("--listen \"" + text + "\": not a host name or address");
  }
  return out;
}

bool IsLoopback(const std::string& host) {
  if (host == "localhost" || host == "::1") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  return false;
}

Status LoadConfigFile(const std::string& path, ServerOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read the configuration file " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  nlohmann::json config = nlohmann::json::parse(buffer.str(), nullptr, false);
  if (!config.is_object()) {
    return Status::InvalidInput(path + ": not a JSON object (see docs: {\"listen\": ..., \"tokens\": {...}})");
  }
  for (const auto& [key, value] : config.items()) {
    const std::string where = path + ": \"" + key + "\"";
    if (key == "db" && value.is_string()) {
      options.db_path = value.get<std::string>();
    } else if (key == "listen" && value.is_string()) {
      Result<ListenAddress> listen = ParseListenAddress(value.get<std::string>());
      if (!listen.ok()) return listen.status().WithContext(where);
      options.listen = *listen;
    } else if (key == "tokens" && value.is_object()) {
      for (const auto& [name, secret] : value.items()) {
        if (!secret.is_string()) return Status::InvalidInput(where + ": each token must be a string");
        const std::string s = secret.get<std::string>();
        CONGVAN_RETURN_IF_ERROR(CheckToken(s, name).WithContext(path));
        if (options.tokens.count(s) != 0) {
          return Status::InvalidInput(where + ": \"" + name + "\" and \"" + options.tokens[s] +
                                      "\" share one token; give each clerk their own");
        }
        options.tokens[s] = name;
      }
    } else if (key == "max_upload_mb" && value.is_number_unsigned()) {
      options.max_upload_bytes = value.get<std::uint64_t>() * 1024 * 1024;
    } else if (key == "max_connections_per_client" && value.is_number_unsigned() &&
               value.get<std::uint64_t>() >= 1 && value.get<std::uint64_t>() <= 100000) {
      options.max_connections_per_client = value.get<int>();
    } else if (key == "base_url" && value.is_string()) {
      options.base_url = value.get<std::string>();
      CONGVAN_RETURN_IF_ERROR(CheckBaseUrl(options.base_url).WithContext(where));
    } else if (key == "office" && value.is_object()) {
      CONGVAN_RETURN_IF_ERROR(ReadHeading(value, options.report_heading).WithContext(where));
    } else if (key == "digest") {
      // The e-mail digest's settings, read by `congvan digest`.
    } else {
      return Status::InvalidInput(where + ": unknown key or wrong type (known: db, listen, "
                                  "tokens, max_upload_mb, max_connections_per_client, base_url, "
                                  "office, digest)");
    }
  }
  return Status::Ok();
}

Status Validate(const ServerOptions& options, bool accounts) {
  for (const auto& [secret, name] : options.tokens) CONGVAN_RETURN_IF_ERROR(CheckToken(secret, name));
  if (!IsLoopback(options.listen.host) && options.tokens.empty() && !accounts) {
    return Status::InvalidInput("listening on " + options.listen.host +
                                " makes the registry reachable from the network: set an access "
                                "token (--token or \"tokens\" in --config) or create an account "
                                "(congvan user add)");
  }
  if (options.max_upload_bytes == 0) return Status::InvalidInput("the upload limit must be above 0");
  return Status::Ok();
}

}  // namespace congvan::web
