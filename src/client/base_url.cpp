#include "client/base_url.hpp"

#include <cctype>

namespace mediagate::client {
namespace {

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

bool is_host_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || c == '-' || c == '.' || c == '_';
}

}  // namespace

core::Expected<BaseUrl, std::string> BaseUrl::parse(std::string_view url) {
  constexpr std::string_view kHttp = "http://";
  constexpr std::string_view kHttps = "https://";
  const bool https = starts_with_nocase(url, kHttps);
  if (!https && !starts_with_nocase(url, kHttp)) {
    return core::unexpected("base URL must start with http:// or https://: '" + std::string(url) +
                            "'");
  }
  std::string_view rest = url.substr(https ? kHttps.size() : kHttp.size());
  if (rest.find_first_of("?#") != std::string_view::npos) {
    return core::unexpected(std::string("base URL must not have a query or a fragment"));
  }
  const auto slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
  if (authority.find('@') != std::string_view::npos) {
    return core::unexpected(std::string("base URL must not carry user info"));
  }

  BaseUrl out;
  out.https = https;
  out.port = https ? 443 : 80;
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) {
      return core::unexpected(std::string("base URL: unterminated IPv6 address"));
    }
    out.host = std::string(authority.substr(1, close - 1));
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return core::unexpected(std::string("base URL: bad authority"));
      port_text = after.substr(1);
      if (port_text.empty()) return core::unexpected(std::string("base URL: empty port"));
    }
    for (const char c : out.host) {
      if (std::isxdigit(static_cast<unsigned char>(c)) == 0 && c != ':' && c != '.') {
        return core::unexpected(std::string("base URL: bad IPv6 address"));
      }
    }
  } else {
    const auto colon = authority.find(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) return core::unexpected(std::string("base URL: empty port"));
    }
    for (const char c : out.host) {
      if (!is_host_char(c)) {
        return core::unexpected("base URL: bad host '" + out.host + "'");
      }
    }
  }
  if (out.host.empty()) return core::unexpected(std::string("base URL: no host"));
  if (!port_text.empty()) {
    std::uint32_t port = 0;
    for (const char c : port_text) {
      if (c < '0' || c > '9' || port_text.size() > 5) {
        return core::unexpected("base URL: bad port '" + std::string(port_text) + "'");
      }
      port = port * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (port == 0 || port > 65535) {
      return core::unexpected("base URL: bad port '" + std::string(port_text) + "'");
    }
    out.port = static_cast<std::uint16_t>(port);
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  out.path_prefix = std::string(path);
  return out;
}

BaseUrl BaseUrl::http(std::string host, std::uint16_t port) {
  BaseUrl out;
  out.host = std::move(host);
  out.port = port;
  return out;
}

std::string BaseUrl::authority() const {
  // Appends only: GCC 12 at -O3 misreports `"[" + host` as an overlapping memcpy (-Wrestrict).
  std::string out;
  const bool ipv6 = host.find(':') != std::string::npos;
  if (ipv6) out.push_back('[');
  out.append(host);
  if (ipv6) out.push_back(']');
  if (port != (https ? 443 : 80)) {
    out.push_back(':');
    out.append(std::to_string(port));
  }
  return out;
}

std::string BaseUrl::str() const {
  std::string out = https ? "https://" : "http://";
  out.append(authority());
  out.append(path_prefix);
  return out;
}

std::string BaseUrl::target(std::string_view path_and_query) const {
  return path_prefix + std::string(path_and_query);
}

}  // namespace mediagate::client
