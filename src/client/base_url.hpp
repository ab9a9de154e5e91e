// Where a client sends its requests: "http://host[:port][/prefix]". The prefix is put before
// every vendor path, so a client can reach mediagate behind a reverse proxy or the vendors
// themselves (vendor-spec: api.polyv.net, openapi.vip.iqiyi.com, ...).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/expected.hpp"

namespace mediagate::client {

// The vendors' own hosts (vendor-spec §1.1, §2.1, §3.1). Pumpkin's production host is not
// public: ask the vendor.
inline constexpr std::string_view kPolyvBaseUrl = "http://api.polyv.net";
inline constexpr std::string_view kIqiyiBaseUrl = "http://openapi.vip.iqiyi.com";
inline constexpr std::string_view kIqiyiTestBaseUrl = "http://test-openapi.vip.iqiyi.com";

struct BaseUrl {
  std::string host;         // a name, an IPv4 address, or an IPv6 address without brackets
  std::uint16_t port = 80;  //
  std::string path_prefix;  // "" or "/a/b" (no trailing '/')

  // Accepts http://HOST[:PORT][/PREFIX[/]]; the scheme is case-insensitive, an IPv6 host is
  // written in brackets. https:// is refused with a message saying so (no TLS yet), as are
  // user info, a query or a fragment. The error is a sentence for a person.
  static core::Expected<BaseUrl, std::string> parse(std::string_view url);
  // http://host:port, no prefix.
  static BaseUrl http(std::string host, std::uint16_t port);

  // "host" when the port is 80, else "host:port" (IPv6 in brackets): the Host header.
  std::string authority() const;
  // "http://" + authority() + path_prefix.
  std::string str() const;
  // The path a request goes to: path_prefix + `path` (which starts with '/').
  std::string target(std::string_view path_and_query) const;

  friend bool operator==(const BaseUrl&, const BaseUrl&) = default;
};

}  // namespace mediagate::client
