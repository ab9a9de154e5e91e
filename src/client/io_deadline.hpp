// Internal to src/client: runs one asynchronous operation on a private io_context with a
// deadline, giving blocking calls with timeouts. At the deadline the operation is cancelled
// (the socket stays open, unlike beast::tcp_stream's timeouts) and timed_out is reported.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>

namespace mediagate::client::detail {

struct IoOutcome {
  boost::system::error_code error;
  std::size_t bytes = 0;
};

// `start(handler)` starts the operation; the handler has the signature
// void(boost::system::error_code, std::size_t).
template <class Start>
IoOutcome run_until(boost::asio::io_context& ioc, boost::asio::ip::tcp::socket& socket,
                    std::chrono::steady_clock::time_point deadline, Start start) {
  std::optional<IoOutcome> outcome;
  start([&outcome](boost::system::error_code error, std::size_t bytes) {
    outcome = IoOutcome{error, bytes};
  });
  ioc.restart();
  ioc.run_until(deadline);
  if (!outcome) {
    boost::system::error_code ignored;
    socket.cancel(ignored);
    ioc.restart();
    ioc.run();  // lets the cancelled operation complete
    if (!outcome || outcome->error == boost::asio::error::operation_aborted) {
      return IoOutcome{boost::asio::error::timed_out, outcome ? outcome->bytes : 0};
    }
  }
  return *outcome;
}

// Resolves `host` and connects `socket` to the first address that answers before `deadline`.
// The resolver has no timeout of its own (numeric addresses resolve at once).
boost::system::error_code connect_until(boost::asio::io_context& ioc,
                                        boost::asio::ip::tcp::socket& socket,
                                        const std::string& host, std::uint16_t port,
                                        std::chrono::steady_clock::time_point deadline);

}  // namespace mediagate::client::detail
