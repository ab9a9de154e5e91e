// Where a client sends its requests: "http[s]://host[:port][/prefix]". The prefix is put before
// every vendor path, so a client can reach mediagate behind a reverse proxy or the vendors
// themselves (each VendorDescriptor's default_base_url).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/expected.hpp"

namespace mediagate::client {

struct BaseUrl {
  std::string host;         // a name, an IPv4 address, or an IPv6 address without brackets
  std::uint16_t port = 80;  // default: 80 for http, 443 for https
  bool https = false;       // TLS, the server's certificate verified (client/http_client.hpp)
  std::string path_prefix;  // "" or "/a/b" (no trailing '/')

  // Accepts http://HOST[:PORT][/PREFIX[/]] and https://...; the scheme is case-insensitive, an
  // IPv6 host is written in brackets. User info, a query or a fragment are refused. The error
  // is a sentence for a person.
  static core::Expected<BaseUrl, std::string> parse(std::string_view url);
  // http://host:port, no prefix.
  static BaseUrl http(std::string host, std::uint16_t port);

  // "host" when the port is the scheme's default, else "host:port" (IPv6 in brackets): the
  // Host header.
  std::string authority() const;
  // "http://" or "https://", authority(), path_prefix.
  std::string str() const;
  // The path a request goes to: path_prefix + `path` (which starts with '/').
  std::string target(std::string_view path_and_query) const;

  friend bool operator==(const BaseUrl&, const BaseUrl&) = default;
};

}  // namespace mediagate::client
