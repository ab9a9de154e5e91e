// A raw TCP connection for tests of malformed or oversized input: send arbitrary bytes, read
// whatever comes back until the peer closes or a timeout passes. Includes no Beast or Asio.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/expected.hpp"

namespace mediagate::client {

struct RawReadResult {
  std::string bytes;    // everything received
  bool closed = false;  // the peer closed (or reset) the connection; false: the timeout passed
};

class RawConnection {
 public:
  // Connects within `timeout`.
  static core::Expected<RawConnection, std::string> open(
      const std::string& host, std::uint16_t port,
      std::chrono::milliseconds timeout = std::chrono::seconds(5));
  ~RawConnection();
  RawConnection(RawConnection&&) noexcept;
  RawConnection& operator=(RawConnection&&) noexcept;
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Writes all of `bytes` (within `timeout`); fails if the peer has gone.
  core::Expected<core::Ok, std::string> send(
      std::string_view bytes, std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // Reads until the peer closes the connection or `timeout` has passed, whichever is first.
  RawReadResult read_until_close(std::chrono::milliseconds timeout);
  // Reads until `delimiter` has been received (everything read so far is returned, including
  // bytes after the delimiter), the peer closes, or `timeout` passes.
  RawReadResult read_until(std::string_view delimiter, std::chrono::milliseconds timeout);
  // Half-closes: no more bytes will be sent; the peer sees end of stream.
  void shutdown_send();
  void close();

 private:
  class Impl;
  explicit RawConnection(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace mediagate::client
