// A tiny HTTP server for the client tests, on 127.0.0.1 port 0 in a background thread.
// (unit_client links only mediagate_client, so the project's server is not available here;
// Beast and Asio are, through mediagate_beast_asio.)
// It answers every request with an echo of what it received, in a fixed text format.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace mediagate::client::testing {

struct TestServerOptions {
  bool close_after_each = false;  // close after each response, without saying so
  bool never_answer = false;      // read requests, answer nothing
};

class TestServer {
 public:
  explicit TestServer(TestServerOptions options = {})
      : options_(options), acceptor_(ioc_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    boost::asio::co_spawn(ioc_, accept_loop(), boost::asio::detached);
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~TestServer() {
    ioc_.stop();
    thread_.join();
  }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  int connections() const { return connections_.load(); }
  int requests() const { return requests_.load(); }

 private:
  static constexpr auto kToken = boost::asio::as_tuple(boost::asio::use_awaitable);

  boost::asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [error, socket] = co_await acceptor_.async_accept(kToken);
      if (error) co_return;
      ++connections_;
      boost::asio::co_spawn(ioc_, session(std::move(socket)), boost::asio::detached);
    }
  }

  boost::asio::awaitable<void> session(boost::asio::ip::tcp::socket socket) {
    namespace http = boost::beast::http;
    boost::beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> request;
      auto [read_error, read] = co_await http::async_read(socket, buffer, request, kToken);
      if (read_error) co_return;
      ++requests_;
      if (options_.never_answer) continue;
      http::response<http::string_body> response;
      response.version(11);
      const std::string target(request.target());
      response.result(target == "/status/404" ? 404u : 200u);
      response.set("X-Reply", "Yes");
      response.set(http::field::content_type, "text/plain");
      response.body() = std::string(request.method_string()) + " " + target + "\n" +
                        std::string(request[http::field::host]) + "\n" +
                        std::string(request[http::field::content_type]) + "\n" +
                        std::string(request["X-Test"]) + "\n" + request.body();
      response.keep_alive(request.keep_alive());
      response.prepare_payload();
      auto [write_error, written] = co_await http::async_write(socket, response, kToken);
      if (write_error || options_.close_after_each || !request.keep_alive()) {
        boost::system::error_code ignored;
        socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
        socket.close(ignored);
        co_return;
      }
    }
  }

  TestServerOptions options_;
  boost::asio::io_context ioc_{1};
  boost::asio::ip::tcp::acceptor acceptor_;
  std::atomic<int> connections_{0};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

}  // namespace mediagate::client::testing
