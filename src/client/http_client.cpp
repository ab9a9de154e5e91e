#include "client/http_client.hpp"

#include <optional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "client/io_deadline.hpp"

namespace mediagate::client {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr std::uint32_t kMaxResponseHeader = 64 * 1024;
constexpr std::uint64_t kMaxResponseBody = 64ULL * 1024 * 1024;

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

TransportError describe(std::string_view step, const error_code& error) {
  TransportError failure;
  failure.timed_out = error == asio::error::timed_out;
  failure.message = std::string(step) + ": ";
  failure.message += failure.timed_out ? std::string("timed out") : error.message();
  return failure;
}

// Errors that mean "the server closed the kept-alive connection before answering".
bool is_stale_connection(const error_code& error) {
  return error == bhttp::error::end_of_stream || error == asio::error::eof ||
         error == asio::error::connection_reset || error == asio::error::broken_pipe ||
         error == asio::error::connection_aborted || error == asio::error::not_connected;
}

}  // namespace

class HttpClient::Impl {
 public:
  Impl(std::string host, std::uint16_t port, std::chrono::milliseconds timeout)
      : host_(std::move(host)), port_(port), timeout_(timeout), socket_(ioc_) {}

  core::Expected<ClientResponse, TransportError> request(std::string_view method,
                                                         std::string_view target,
                                                         std::string_view body,
                                                         std::string_view content_type,
                                                         const HeaderList& headers) {
    bhttp::request<bhttp::string_body> message;
    const auto verb = bhttp::string_to_verb(method);
    if (verb == bhttp::verb::unknown) {
      message.method_string(method);
    } else {
      message.method(verb);
    }
    message.target(target);
    message.version(11);
    message.set(bhttp::field::host, host_ + ":" + std::to_string(port_));
    message.set(bhttp::field::user_agent, "mediagate-client");
    if (!content_type.empty()) message.set(bhttp::field::content_type, content_type);
    for (const auto& [name, value] : headers) {
      if (beast::iequals(name, "host")) {
        message.set(bhttp::field::host, value);
      } else {
        message.insert(name, value);
      }
    }
    message.body() = std::string(body);
    message.prepare_payload();
    const bool head = verb == bhttp::verb::head;

    const bool reused = socket_.is_open();
    if (!reused) {
      if (auto error = connect()) return core::unexpected(std::move(*error));
    }
    error_code failure;
    std::string step;
    auto response = exchange(message, head, failure, step);
    if (!response && reused && is_stale_connection(failure)) {
      close();  // the server closed the idle connection: reconnect once
      if (auto error = connect()) return core::unexpected(std::move(*error));
      response = exchange(message, head, failure, step);
    }
    if (!response) {
      close();
      return core::unexpected(describe(step, failure));
    }
    return std::move(*response);
  }

  bool connected() const { return socket_.is_open(); }
  int connections_opened() const { return connections_opened_; }

  void close() {
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    buffer_.clear();
  }

 private:
  std::chrono::steady_clock::time_point deadline() const {
    return std::chrono::steady_clock::now() + timeout_;
  }

  // Nothing on success, otherwise what failed.
  std::optional<TransportError> connect() {
    buffer_.clear();
    const auto error = detail::connect_until(ioc_, socket_, host_, port_, deadline());
    if (error) {
      return describe("connect to " + host_ + ":" + std::to_string(port_), error);
    }
    ++connections_opened_;
    return std::nullopt;
  }

  std::optional<ClientResponse> exchange(bhttp::request<bhttp::string_body>& message, bool head,
                                         error_code& failure, std::string& step) {
    auto outcome = detail::run_until(ioc_, socket_, deadline(), [&](auto handler) {
      bhttp::async_write(socket_, message, std::move(handler));
    });
    if (outcome.error) {
      failure = outcome.error;
      step = "write";
      return std::nullopt;
    }
    bhttp::response_parser<bhttp::string_body> parser;
    parser.header_limit(kMaxResponseHeader);
    parser.body_limit(kMaxResponseBody);
    if (head) parser.skip(true);
    outcome = detail::run_until(ioc_, socket_, deadline(), [&](auto handler) {
      bhttp::async_read(socket_, buffer_, parser, std::move(handler));
    });
    if (outcome.error) {
      failure = outcome.error;
      step = "read";
      return std::nullopt;
    }
    auto response = parser.release();
    ClientResponse out;
    out.status = response.result_int();
    for (const auto& field : response) {
      out.headers.emplace_back(to_lower(field.name_string()), std::string(field.value()));
    }
    out.body = std::move(response.body());
    if (!response.keep_alive()) close();
    return out;
  }

  std::string host_;
  std::uint16_t port_;
  std::chrono::milliseconds timeout_;
  asio::io_context ioc_{1};
  tcp::socket socket_;
  beast::flat_buffer buffer_;
  int connections_opened_ = 0;
};

HttpClient::HttpClient(std::string host, std::uint16_t port, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>(std::move(host), port, timeout)) {}
HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

core::Expected<ClientResponse, std::string> HttpClient::request(std::string_view method,
                                                                std::string_view target,
                                                                std::string_view body,
                                                                std::string_view content_type,
                                                                const HeaderList& headers) {
  auto response = impl_->request(method, target, body, content_type, headers);
  if (!response) return core::unexpected(std::move(response.error().message));
  return std::move(response).value();
}

core::Expected<ClientResponse, TransportError> HttpClient::send(std::string_view method,
                                                                std::string_view target,
                                                                std::string_view body,
                                                                std::string_view content_type,
                                                                const HeaderList& headers) {
  return impl_->request(method, target, body, content_type, headers);
}

bool HttpClient::connected() const {
  return impl_->connected();
}
int HttpClient::connections_opened() const {
  return impl_->connections_opened();
}
void HttpClient::close() {
  impl_->close();
}

}  // namespace mediagate::client
