#include "client/io_deadline.hpp"

#include <boost/asio/ip/tcp.hpp>

namespace mediagate::client::detail {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

boost::system::error_code connect_until(asio::io_context& ioc, tcp::socket& socket,
                                        const std::string& host, std::uint16_t port,
                                        std::chrono::steady_clock::time_point deadline) {
  boost::system::error_code error;
  tcp::resolver resolver(ioc);
  const auto endpoints = resolver.resolve(host, std::to_string(port), error);
  if (error) return error;
  error = asio::error::host_not_found;
  for (const auto& entry : endpoints) {
    boost::system::error_code ignored;
    socket.close(ignored);
    const auto outcome = run_until(ioc, socket, deadline, [&](auto handler) {
      socket.async_connect(entry.endpoint(),
                           [handler](boost::system::error_code ec) mutable { handler(ec, 0); });
    });
    error = outcome.error;
    if (!error) {
      socket.set_option(tcp::no_delay(true), ignored);
      return error;
    }
    if (error == asio::error::timed_out) break;
  }
  boost::system::error_code ignored;
  socket.close(ignored);
  return error;
}

}  // namespace mediagate::client::detail
