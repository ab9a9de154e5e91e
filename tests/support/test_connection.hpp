// A small blocking POSIX-socket client for the server tests: it sends exactly the bytes it is
// given (so tests can send malformed or oversized requests) and reads responses with timeouts.
// (unit_http links only mediagate_http, so the project's client is not available there; the
// HTTP conformance tests use it too, since the client would not send what they need.)
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mediagate::http::testing {

struct TestResponse {
  unsigned status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased
  std::string body;

  std::string header(std::string_view lowercase_name) const {
    for (const auto& [name, value] : headers) {
      if (name == lowercase_name) return value;
    }
    return {};
  }
};

struct Drained {
  std::string bytes;
  bool closed = false;  // the server closed (or reset) the connection before the timeout
};

class TestConnection {
 public:
  using Clock = std::chrono::steady_clock;

  explicit TestConnection(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      close();
      return;
    }
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~TestConnection() { close(); }
  TestConnection(const TestConnection&) = delete;
  TestConnection& operator=(const TestConnection&) = delete;

  bool connected() const { return fd_ >= 0; }

  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (sent < 0 && errno == EINTR) continue;
      if (sent <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
  }

  // One response (the server always sends Content-Length); nullopt on timeout or close.
  // `without_body`: the answer to a HEAD request, whose Content-Length announces a body that
  // is not sent.
  std::optional<TestResponse> read_response(
      std::chrono::milliseconds timeout = std::chrono::seconds(5), bool without_body = false) {
    const auto deadline = Clock::now() + timeout;
    std::size_t end = std::string::npos;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill(deadline)) return std::nullopt;
    }
    TestResponse response;
    const std::string head = buffer_.substr(0, end);
    std::size_t line_end = head.find("\r\n");
    const std::string status_line = head.substr(0, line_end);
    if (status_line.size() < 12) return std::nullopt;
    response.status = static_cast<unsigned>(std::atoi(status_line.substr(9, 3).c_str()));
    std::size_t content_length = 0;
    while (line_end != std::string::npos) {
      const std::size_t start = line_end + 2;
      line_end = head.find("\r\n", start);
      const std::string line =
          head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
      const auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      for (char& c : name) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      if (name == "content-length") content_length = std::stoul(value);
      response.headers.emplace_back(std::move(name), std::move(value));
    }
    // A 1xx response has no body, nor has the answer to a HEAD.
    if (response.status < 200 || without_body) content_length = 0;
    while (buffer_.size() < end + 4 + content_length) {
      if (!fill(deadline)) return std::nullopt;
    }
    response.body = buffer_.substr(end + 4, content_length);
    buffer_.erase(0, end + 4 + content_length);
    return response;
  }

  // The answer to a HEAD request: the head only.
  std::optional<TestResponse> read_head_response(
      std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    return read_response(timeout, true);
  }

  // Everything until the server closes, or until the timeout.
  Drained read_until_close(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (fill(deadline)) {
    }
    Drained drained{std::move(buffer_), closed_};
    buffer_.clear();
    return drained;
  }

  void shutdown_send() {
    if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
  }

  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  // Reads what is available before `deadline`; false on timeout or close.
  bool fill(Clock::time_point deadline) {
    if (fd_ < 0 || closed_) return false;
    for (;;) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return false;
      pollfd entry{fd_, POLLIN, 0};
      const int ready = ::poll(&entry, 1, static_cast<int>(left));
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) return false;
      char chunk[16 * 1024];
      const ssize_t received = ::recv(fd_, chunk, sizeof chunk, 0);
      if (received < 0 && errno == EINTR) continue;
      if (received <= 0) {
        closed_ = true;
        return false;
      }
      buffer_.append(chunk, static_cast<std::size_t>(received));
      return true;
    }
  }

  int fd_ = -1;
  bool closed_ = false;
  std::string buffer_;
};

// "GET target HTTP/1.1" with a Host header and `extra` header lines (each ending in CRLF).
inline std::string get_request(std::string_view target, std::string_view extra = {}) {
  std::string request = "GET ";
  request.append(target);
  request += " HTTP/1.1\r\nHost: test\r\n";
  request.append(extra);
  request += "\r\n";
  return request;
}

}  // namespace mediagate::http::testing
