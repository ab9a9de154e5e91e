#include "client/raw_connection.hpp"

#include <array>

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include "client/io_deadline.hpp"

namespace mediagate::client {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

class RawConnection::Impl {
 public:
  asio::io_context ioc{1};
  tcp::socket socket{ioc};

  // Reads until `done(received)` holds, the peer closes, or `timeout` passes.
  template <class Done>
  RawReadResult read(std::chrono::milliseconds timeout, Done done) {
    RawReadResult result;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::array<char, 16 * 1024> chunk{};
    while (!done(result.bytes)) {
      if (!socket.is_open()) {
        result.closed = true;
        break;
      }
      const auto outcome = detail::run_until(ioc, socket, deadline, [&](auto handler) {
        socket.async_read_some(asio::buffer(chunk), std::move(handler));
      });
      result.bytes.append(chunk.data(), outcome.bytes);
      if (outcome.error == asio::error::timed_out) break;
      if (outcome.error) {
        result.closed = true;  // end of stream, reset, or any other end of the connection
        break;
      }
    }
    return result;
  }
};

RawConnection::RawConnection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RawConnection::~RawConnection() = default;
RawConnection::RawConnection(RawConnection&&) noexcept = default;
RawConnection& RawConnection::operator=(RawConnection&&) noexcept = default;

core::Expected<RawConnection, std::string> RawConnection::open(const std::string& host,
                                                               std::uint16_t port,
                                                               std::chrono::milliseconds timeout) {
  auto impl = std::make_unique<Impl>();
  const auto error = detail::connect_until(impl->ioc, impl->socket, host, port,
                                           std::chrono::steady_clock::now() + timeout);
  if (error) {
    return core::unexpected("connect to " + host + ":" + std::to_string(port) + ": " +
                            error.message());
  }
  return RawConnection(std::move(impl));
}

core::Expected<core::Ok, std::string> RawConnection::send(std::string_view bytes,
                                                          std::chrono::milliseconds timeout) {
  if (!impl_->socket.is_open()) return core::unexpected(std::string("not connected"));
  const auto outcome = detail::run_until(
      impl_->ioc, impl_->socket, std::chrono::steady_clock::now() + timeout, [&](auto handler) {
        asio::async_write(impl_->socket, asio::buffer(bytes.data(), bytes.size()),
                          std::move(handler));
      });
  if (outcome.error) return core::unexpected("send: " + outcome.error.message());
  return core::Ok{};
}

RawReadResult RawConnection::read_until_close(std::chrono::milliseconds timeout) {
  return impl_->read(timeout, [](const std::string&) { return false; });
}

RawReadResult RawConnection::read_until(std::string_view delimiter,
                                        std::chrono::milliseconds timeout) {
  return impl_->read(timeout, [delimiter](const std::string& received) {
    return received.find(delimiter) != std::string::npos;
  });
}

void RawConnection::shutdown_send() {
  error_code ignored;
  impl_->socket.shutdown(tcp::socket::shutdown_send, ignored);
}

void RawConnection::close() {
  error_code ignored;
  impl_->socket.close(ignored);
}

}  // namespace mediagate::client
