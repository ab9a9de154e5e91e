// A blocking HTTP/1.1 client for tests, the CLI and integration checks, over TCP or TLS. One
// connection, kept alive between requests and reopened once, transparently, if the server has
// closed it (a TLS session is resumed when the server allows).
// Every step (connect, write, read) has the timeout given at construction.
// Not thread-safe: use one client per thread. This header includes no Beast or Asio.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/expected.hpp"

namespace mediagate::client {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Why a request got no HTTP answer: a core::Error of kind kTransport, or kTimeout when the step's
// timeout passed; its message e.g. "connect to 127.0.0.1:1: Connection refused", "read: timed out".
using TransportError = core::Error;

struct ClientResponse {
  unsigned status = 0;
  HeaderList headers;  // names lowercased, in the order received
  std::string body;

  // The first header with this (lowercase) name, or empty.
  std::string_view header(std::string_view lowercase_name) const {
    for (const auto& [name, value] : headers) {
      if (name == lowercase_name) return value;
    }
    return {};
  }
};

// HTTPS. The server's certificate is always verified: its chain up to a trusted CA, its
// validity dates and its name (SNI is sent for a DNS name). TLS 1.2 or 1.3, ALPN http/1.1.
// A failed handshake is a TransportError naming the cause: "certificate not trusted (unknown
// issuer)", "certificate expired", "certificate name mismatch", "protocol version".
struct TlsClientOptions {
  bool enabled = false;
  // PEM file of the CAs to trust instead of the system's (Debian: ca-certificates); "" = the
  // system's trust store.
  std::string ca_file{};
  // The name the certificate must carry and SNI names; "" = the host connected to.
  std::string server_name{};
};

class HttpClient {
 public:
  HttpClient(std::string host, std::uint16_t port,
             std::chrono::milliseconds timeout = std::chrono::seconds(10),
             TlsClientOptions tls = {});
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request and reads the response. `target` is the path with its query, as sent.
  // A non-empty `content_type` is sent as Content-Type; `headers` are added as given (a Host
  // header there replaces the default "host:port"). The error describes what failed.
  core::Expected<ClientResponse, std::string> request(std::string_view method,
                                                      std::string_view target,
                                                      std::string_view body = {},
                                                      std::string_view content_type = {},
                                                      const HeaderList& headers = {});
  // The same, with the failure as a TransportError (timeouts told apart).
  core::Expected<ClientResponse, TransportError> send(std::string_view method,
                                                      std::string_view target,
                                                      std::string_view body = {},
                                                      std::string_view content_type = {},
                                                      const HeaderList& headers = {});
  core::Expected<ClientResponse, std::string> get(std::string_view target,
                                                  const HeaderList& headers = {}) {
    return request("GET", target, {}, {}, headers);
  }
  core::Expected<ClientResponse, std::string> post(std::string_view target, std::string_view body,
                                                   std::string_view content_type,
                                                   const HeaderList& headers = {}) {
    return request("POST", target, body, content_type, headers);
  }

  // Whether a connection is open (it may still have been closed by the server).
  bool connected() const;
  // How many connections have been opened so far (a reconnect counts).
  int connections_opened() const;
  // TLS: how many handshakes resumed an earlier session.
  int sessions_resumed() const;
  void close();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mediagate::client
