// Helpers for the sandbox integration tests: a sandbox TestServer, the decoding of the
// signature-hint headers, and a raw request that reports a connection reset.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <string>
#include <string_view>

#include "client/http_client.hpp"
#include "core/url_form.hpp"
#include "support/test_server.hpp"

namespace mediagate::testing {

inline TestServer::Tweak sandbox_on(TestServer::Tweak more = {}) {
  return [more](core::Config& config) {
    config.sandbox = true;
    if (more) more(config);
  };
}

// Plain percent-decoding ('+' stays '+'); nothing when an escape is malformed.
using core::percent_decode;

// Every header whose (lowercase) name starts with "x-mediagate-sandbox".
inline client::HeaderList sandbox_headers(const client::ClientResponse& response) {
  client::HeaderList found;
  for (const auto& [name, value] : response.headers) {
    if (name.rfind("x-mediagate-sandbox", 0) == 0) found.emplace_back(name, value);
  }
  return found;
}

// What a raw request got back: the bytes read before the end, and whether the connection was
// reset (ECONNRESET) rather than closed in order.
struct RawOutcome {
  std::string received;
  bool reset = false;
  bool timed_out = false;
};

// Sends `request` (complete HTTP bytes) to 127.0.0.1:port on a fresh socket and reads until the
// connection ends (at most 5 s).
inline RawOutcome raw_exchange(unsigned short port, const std::string& request) {
  RawOutcome outcome;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return outcome;
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
          static_cast<ssize_t>(request.size())) {
    ::close(fd);
    return outcome;
  }
  char buffer[4096];
  for (int reads = 0; reads < 1000; ++reads) {
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n > 0) {
      outcome.received.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == ECONNRESET) outcome.reset = true;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) outcome.timed_out = true;
    break;
  }
  ::close(fd);
  return outcome;
}

}  // namespace mediagate::testing
