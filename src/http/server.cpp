#include "http/server.hpp"

#include <cxxabi.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <typeinfo>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "http/request_reader.hpp"

namespace mediagate::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr auto kToken = asio::as_tuple(asio::use_awaitable);
// How long a connection that is being closed after an error answer is drained, so that the
// client reads the answer instead of a reset (its request may still be arriving).
constexpr std::chrono::milliseconds kMaxLinger{1000};
constexpr std::size_t kMaxLingerBytes = 1024 * 1024;
// What one read takes while a connection waits for the first bytes of a request.
constexpr std::size_t kFirstReadBytes = 4096;
// Connection::idle_since of a connection chosen to be closed to make room.
constexpr std::int64_t kClosingForRoom = -1;
// The access log records at most this much of a path.
constexpr std::size_t kMaxLoggedPath = 512;

using BeastResponse = bhttp::response<bhttp::string_body>;

// What the parser has not consumed yet.
std::string_view unparsed(const beast::flat_buffer& buffer) {
  const auto data = buffer.data();
  return {static_cast<const char*>(data.data()), data.size()};
}

Response json_error(unsigned status, std::string_view message) {
  Response response;
  response.status = status;
  response.body = "{\"error\":\"";
  response.body.append(message);
  response.body += "\"}";
  return response;
}

std::string exception_type_name(const std::type_info& type) {
  int status = 0;
  char* demangled = abi::__cxa_demangle(type.name(), nullptr, nullptr, &status);
  std::string name = status == 0 && demangled != nullptr ? demangled : type.name();
  std::free(demangled);  // NOLINT(cppcoreguidelines-no-malloc): owned by __cxa_demangle
  return name;
}

// RFC 9110 §9.3.2: a resource that answers GET answers HEAD; Allow says so, right after GET
// (§10.2.1).
void add_head_to_allow(Response& response) {
  for (auto& [name, value] : response.headers) {
    if (!beast::iequals(name, "allow")) continue;
    std::string methods;
    bool has_head = false;
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      const auto method = trim_whitespace(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
      if (method.empty()) continue;
      has_head = has_head || method == "HEAD";
      if (!methods.empty()) methods += ", ";
      methods.append(method);
      if (method == "GET") methods += ", HEAD";
    }
    if (!has_head) value = std::move(methods);
  }
}

}  // namespace

void add_health_route(Router& router) {
  router.add({"GET"}, "/healthz", [](Request&) {
    Response response;
    response.body = R"({"status":"ok"})";
    return response;
  });
}

class Server::Impl {
 public:
  Impl(ServerOptions options, Handler handler, core::Logger& access_log, core::Logger& server_log)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        access_log_(access_log),
        server_log_(server_log),
        ioc_(std::max(options_.threads, 1)),
        strand_(asio::make_strand(ioc_)),
        acceptor_(strand_),
        slot_timer_(strand_),
        signals_(strand_) {
    limits_.read = ReadLimits::from(options_.limits);
    limits_.read_timeout =
        std::chrono::milliseconds(std::max<std::int64_t>(1, options_.limits.read_timeout_ms));
    limits_.keep_alive_timeout =
        std::min(limits_.read_timeout, std::chrono::milliseconds(std::max<std::int64_t>(
                                           1, options_.limits.keep_alive_timeout_ms)));
    limits_.max_connections = std::max<std::int64_t>(1, options_.limits.max_connections);
  }

  ~Impl() {
    stop();
    join();
  }

  core::Expected<core::Ok, std::string> listen() {
    error_code ec;
    tcp::endpoint endpoint;
    const auto address = asio::ip::make_address(options_.host, ec);
    if (!ec) {
      endpoint = tcp::endpoint(address, options_.port);
    } else {
      tcp::resolver resolver(ioc_);
      const auto results = resolver.resolve(options_.host, std::to_string(options_.port), ec);
      if (ec || results.empty()) {
        return core::unexpected("cannot resolve listen host " + options_.host + ": " +
                                (ec ? ec.message() : std::string("no address")));
      }
      endpoint = results.begin()->endpoint();
    }
    const std::string where = options_.host + ":" + std::to_string(options_.port);
    if (acceptor_.open(endpoint.protocol(), ec); ec) {
      return core::unexpected("cannot open socket for " + where + ": " + ec.message());
    }
    if (acceptor_.set_option(asio::socket_base::reuse_address(true), ec); ec) {
      return core::unexpected("cannot set SO_REUSEADDR on " + where + ": " + ec.message());
    }
    if (acceptor_.bind(endpoint, ec); ec) {
      return core::unexpected("cannot bind " + where + ": " + ec.message());
    }
    if (acceptor_.listen(asio::socket_base::max_listen_connections, ec); ec) {
      return core::unexpected("cannot listen on " + where + ": " + ec.message());
    }
    port_ = acceptor_.local_endpoint(ec).port();
    if (options_.handle_signals) {
      signals_.add(SIGINT, ec);
      if (!ec) signals_.add(SIGTERM, ec);
      if (ec) return core::unexpected("cannot install signal handlers: " + ec.message());
      signals_.async_wait([this](const error_code& error, int) {
        if (!error) stop();
      });
    }
    asio::co_spawn(strand_, accept_loop(), [this](const std::exception_ptr& failure) {
      log_failure("accept loop failed", failure);
    });
    return core::Ok{};
  }

  std::uint16_t port() const { return port_; }

  void run() {
    start_threads(std::max(options_.threads, 1) - 1);
    run_io();
    join();
  }

  void start() { start_threads(std::max(options_.threads, 1)); }

  // Safe to call from several threads at once (e.g. a waiting main thread and a stopper).
  void join() {
    const std::lock_guard lock(threads_mutex_);
    for (auto& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
    threads_.clear();
  }

  void stop() {
    if (stopping_.exchange(true)) return;
    asio::post(strand_, [this] {
      error_code ignored;
      acceptor_.close(ignored);
      slot_timer_.cancel();
      signals_.cancel(ignored);
    });
    const std::lock_guard lock(connections_mutex_);
    for (const auto& [raw, weak] : connections_) {
      if (auto connection = weak.lock()) {
        asio::post(connection->stream.get_executor(), [connection] {
          if (connection->waiting) connection->stream.cancel();
        });
      }
    }
  }

 private:
  struct Limits {
    ReadLimits read;  // the parser's byte limits
    std::chrono::milliseconds read_timeout{0};
    std::chrono::milliseconds keep_alive_timeout{0};  // at most read_timeout
    std::int64_t max_connections = 0;
  };

  struct Connection {
    explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
    beast::tcp_stream stream;
    std::string remote_address;
    // Waiting for (the header of) the next request; only touched on the connection's strand.
    bool waiting = false;
    // While the connection is idle (waiting for a request with nothing of it received): when
    // it became idle (steady clock, ns since its epoch, > 0); kClosingForRoom once make_room()
    // chose it; 0 otherwise. Read by the accept loop, hence atomic.
    std::atomic<std::int64_t> idle_since{0};
    // Closed by make_room(); only touched on the connection's strand.
    bool closed_for_room = false;
  };

  // What the access log records about one exchange.
  struct Exchange {
    std::string method;
    std::string path;
    std::string remote;  // the client's address once the request is known; else the peer's
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  };

  void start_threads(int count) {
    const std::lock_guard lock(threads_mutex_);
    for (int i = 0; i < count; ++i) threads_.emplace_back([this] { run_io(); });
  }

  void run_io() {
    for (;;) {
      try {
        ioc_.run();
        return;
      } catch (const std::exception& e) {
        server_log_.error("server thread caught an exception",
                          {{"exception", std::string_view(exception_type_name(typeid(e)))}});
      }
    }
  }

  void log_failure(std::string_view what, const std::exception_ptr& failure) {
    if (!failure) return;
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      const std::string type = exception_type_name(typeid(e));
      server_log_.error(what, {{"exception", std::string_view(type)}});
    } catch (...) {
      server_log_.error(what, {{"exception", std::string_view("unknown")}});
    }
  }

  asio::awaitable<void> accept_loop() {
    while (!stopping_.load()) {
      if (open_connections_.load() >= limits_.max_connections) {
        // At the limit: once a client waits in the backlog, close the least recently used
        // idle connection for it (as nginx does with idle keep-alive connections), then wait
        // until a connection closes or falls idle (either cancels the timer), or stop().
        accept_blocked_.store(true);
        auto [wait_error] = co_await acceptor_.async_wait(tcp::acceptor::wait_read, kToken);
        if (wait_error && (stopping_.load() || !acceptor_.is_open())) break;
        if (open_connections_.load() < limits_.max_connections) continue;
        make_room();
        slot_timer_.expires_at(asio::steady_timer::time_point::max());
        co_await slot_timer_.async_wait(kToken);
        continue;
      }
      accept_blocked_.store(false);
      auto [ec, socket] = co_await acceptor_.async_accept(asio::make_strand(ioc_), kToken);
      if (ec) {
        if (stopping_.load() || !acceptor_.is_open()) break;
        // E.g. out of file descriptors: say so, and try again a little later.
        server_log_.error("accept failed", {{"error", std::string_view(ec.message())}});
        slot_timer_.expires_after(std::chrono::milliseconds(50));
        co_await slot_timer_.async_wait(kToken);
        continue;
      }
      ++open_connections_;
      auto connection = std::make_shared<Connection>(std::move(socket));
      error_code ignored;
      const auto remote = connection->stream.socket().remote_endpoint(ignored);
      if (!ignored) connection->remote_address = remote.address().to_string();
      connection->stream.socket().set_option(tcp::no_delay(true), ignored);
      auto executor = connection->stream.get_executor();
      asio::co_spawn(
          executor, serve(std::move(connection)),
          [this](const std::exception_ptr& failure) { log_failure("connection failed", failure); });
    }
  }

  static std::int64_t steady_now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }

  // Wakes the accept loop if it waits for room (on the acceptor's strand; no wake-up is lost:
  // the loop sets accept_blocked_ before it looks for an idle connection).
  void wake_accept_loop() {
    if (accept_blocked_.load()) asio::post(strand_, [this] { slot_timer_.cancel(); });
  }

  // On the acceptor's strand, at the limit with a client waiting: chooses the connection idle
  // for the longest time and has it closed. Nothing if none is idle, or if one chosen before
  // is still being closed (its close wakes the accept loop).
  void make_room() {
    if (closing_for_room_.load() > 0) return;
    std::shared_ptr<Connection> victim;
    std::int64_t since = 0;
    {
      const std::lock_guard lock(connections_mutex_);
      for (const auto& [raw, weak] : connections_) {
        auto connection = weak.lock();
        if (!connection) continue;
        const std::int64_t idle = connection->idle_since.load();
        if (idle > 0 && (victim == nullptr || idle < since)) {
          victim = std::move(connection);
          since = idle;
        }
      }
    }
    // It may have received a request meanwhile: then it stays, and falls idle again later.
    if (!victim || !victim->idle_since.compare_exchange_strong(since, kClosingForRoom)) return;
    ++closing_for_room_;
    asio::post(victim->stream.get_executor(), [victim] {
      if (victim->idle_since.load() == kClosingForRoom) victim->stream.cancel();
    });
  }

  // Registers the connection so that stop() can reach it; false if stop() came first.
  bool track(const std::shared_ptr<Connection>& connection) {
    const std::lock_guard lock(connections_mutex_);
    if (stopping_.load()) return false;
    connections_.emplace(connection.get(), connection);
    return true;
  }

  asio::awaitable<void> serve(std::shared_ptr<Connection> connection) {
    if (track(connection)) {
      try {
        co_await serve_requests(*connection);
      } catch (const std::exception& e) {
        const std::string type = exception_type_name(typeid(e));
        server_log_.error("connection failed", {{"exception", std::string_view(type)}});
      }
      error_code ignored;
      connection->stream.socket().close(ignored);
      const std::lock_guard lock(connections_mutex_);
      connections_.erase(connection.get());
    }
    --open_connections_;
    if (connection->closed_for_room) --closing_for_room_;
    asio::post(strand_, [this] { slot_timer_.cancel(); });
  }

  // Waits, with nothing buffered, for the first bytes of the next request until `deadline`.
  // Meanwhile the connection is idle: make_room() may close it. False if the connection is
  // to be closed (timeout, peer gone, stop() or make_room()).
  asio::awaitable<bool> await_request(Connection& connection, beast::flat_buffer& buffer,
                                      asio::steady_timer::time_point deadline) {
    connection.idle_since.store(steady_now_ns());
    wake_accept_loop();
    connection.stream.expires_at(deadline);
    auto [error, bytes] =
        co_await connection.stream.async_read_some(buffer.prepare(kFirstReadBytes), kToken);
    buffer.commit(bytes);
    if (connection.idle_since.exchange(0) == kClosingForRoom) {
      if (error) {
        connection.closed_for_room = true;  // serve() counts it closed
      } else {
        --closing_for_room_;  // a request came first: it stays; room is made elsewhere
        wake_accept_loop();
      }
    }
    co_return !error;
  }

  // Note: GCC 12 mishandles non-trivial temporaries passed to a coroutine inside a co_await
  // expression (double destruction), so arguments to co_awaited calls here are named objects
  // or trivially copyable values.
  asio::awaitable<void> serve_requests(Connection& connection) {
    auto& stream = connection.stream;
    beast::flat_buffer buffer;
    std::optional<RequestParser> parser;
    // The first request must arrive within read_timeout of the accept; a later one must begin
    // within keep_alive_timeout of the previous answer, then arrive within read_timeout.
    bool kept_alive = false;
    for (;;) {
      connection.waiting = true;
      if (stopping_.load()) co_return;
      parser.emplace();
      limits_.read.prepare_for_header(*parser);
      const auto started = asio::steady_timer::clock_type::now();
      if (buffer.size() == 0) {
        const auto wait = kept_alive ? limits_.keep_alive_timeout : limits_.read_timeout;
        const bool arrived = co_await await_request(connection, buffer, started + wait);
        if (!arrived) co_return;
      }
      if (kept_alive) {
        stream.expires_after(limits_.read_timeout);
      } else {
        stream.expires_at(started + limits_.read_timeout);
      }
      auto [read_error, header_bytes] =
          co_await bhttp::async_read_header(stream, buffer, *parser, kToken);
      connection.waiting = false;
      Exchange exchange;
      if (!parser->get().target().empty()) {
        exchange.method = std::string(parser->get().method_string());
        exchange.path = std::string(split_target(parser->get().target()).path);
      }
      unsigned refusal =
          read_error ? refusal_for_read_error(read_error, *parser, unparsed(buffer), limits_.read)
                     : refusal_for_header(*parser, limits_.read);
      if (read_error && refusal == 0) co_return;

      if (refusal == 0 && !parser->is_done()) {
        limits_.read.prepare_for_body(*parser);
        if (beast::iequals(parser->get()[bhttp::field::expect], "100-continue")) {
          static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
          auto [write_error, written] =
              co_await asio::async_write(stream, asio::buffer(kContinue), kToken);
          if (write_error) co_return;
        }
        auto [body_error, body_bytes] = co_await bhttp::async_read(stream, buffer, *parser, kToken);
        if (body_error) {
          refusal = refusal_for_read_error(body_error, *parser, unparsed(buffer), limits_.read);
          if (refusal == 0) co_return;
        }
      }
      if (refusal != 0) {
        co_await answer_and_close(connection, exchange, refusal);
        co_return;
      }

      const unsigned version = parser->get().version();
      const bool keep_alive_asked = wants_keep_alive(*parser);
      Request request = to_request(parser->release(), connection.remote_address);
      if (!options_.trusted_proxies.empty()) {
        std::vector<std::string_view> forwarded_for;
        for (const auto& [name, value] : request.headers) {
          if (name == "x-forwarded-for") forwarded_for.emplace_back(value);
        }
        request.remote_address =
            options_.trusted_proxies.client_address(connection.remote_address, forwarded_for);
      }
      exchange.remote = request.remote_address;
      // HEAD is served as GET, and answered with the GET's head alone (RFC 9110 §9.3.2).
      const bool head = request.method == "HEAD";
      if (head) request.method = "GET";
      Response response = call_handler(request);
      add_head_to_allow(response);
      if (response.delay.count() > 0) {
        asio::steady_timer delay_timer(stream.get_executor());
        delay_timer.expires_after(response.delay);
        [[maybe_unused]] auto [delay_error] = co_await delay_timer.async_wait(kToken);
      }
      if (response.abort_connection) {
        abort_connection(connection, exchange, response);
        co_return;
      }
      const bool keep_alive = keep_alive_asked && !stopping_.load();
      const bool written =
          co_await write_response(connection, exchange, response, version, keep_alive, head);
      if (!written) co_return;
      if (!keep_alive) {
        error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        co_return;
      }
      kept_alive = true;
    }
  }

  Response call_handler(Request& request) {
    try {
      Response response = handler_(request);
      if (response.status < 100 || response.status > 999) {
        server_log_.error("handler returned an invalid status",
                          {{"method", std::string_view(request.method)},
                           {"path", std::string_view(request.path)},
                           {"status", static_cast<std::int64_t>(response.status)}});
        return json_error(500, "internal error");
      }
      return response;
    } catch (const std::exception& e) {
      // Never the query, the body or the headers: they carry signatures.
      const std::string type = exception_type_name(typeid(e));
      server_log_.error("handler threw", {{"method", std::string_view(request.method)},
                                          {"path", std::string_view(request.path)},
                                          {"exception", std::string_view(type)}});
    } catch (...) {
      server_log_.error("handler threw", {{"method", std::string_view(request.method)},
                                          {"path", std::string_view(request.path)},
                                          {"exception", std::string_view("unknown")}});
    }
    return json_error(500, "internal error");
  }

  // The status line and header block of `response`, as Beast would write them (same fields,
  // same order), for statuses that carry a body.
  static std::string head_of(const Response& response, unsigned version, bool keep_alive) {
    std::string head;
    head.reserve(128 + response.content_type.size());
    head += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    head += std::to_string(response.status);
    head += ' ';
    const auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(response.status));
    head.append(reason.data(), reason.size());
    head += "\r\nServer: mediagate\r\n";
    if (!response.content_type.empty()) {
      head += "Content-Type: ";
      head += response.content_type;
      head += "\r\n";
    }
    for (const auto& [name, value] : response.headers) {
      head += name;
      head += ": ";
      head += value;
      head += "\r\n";
    }
    if (version == 10 && keep_alive) head += "Connection: keep-alive\r\n";
    if (version != 10 && !keep_alive) head += "Connection: close\r\n";
    head += "Content-Length: ";
    head += std::to_string(response.body.size());
    head += "\r\n\r\n";
    return head;
  }

  // Writes `response` and logs it; false if the connection failed. The answer to a HEAD
  // (`head_only`) is the head alone, with the Content-Length of the body it leaves out.
  asio::awaitable<bool> write_response(Connection& connection, const Exchange& exchange,
                                       const Response& response, unsigned version, bool keep_alive,
                                       bool head_only) {
    connection.stream.expires_after(limits_.read_timeout);
    const unsigned status = response.status;
    if (status >= 200 && status != 204 && status != 304) {
      // The common case, written by hand: one gathered write of the head and the body as it
      // is, without Beast's serializer or a copy of the body (docs/benchmarks.md).
      const std::string head = head_of(response, version, keep_alive);
      const std::array<asio::const_buffer, 2> buffers{
          asio::buffer(head),
          asio::buffer(response.body.data(), head_only ? 0 : response.body.size())};
      auto [ec, bytes] = co_await asio::async_write(connection.stream, buffers, kToken);
      log_access(connection, exchange, response, head_only);
      co_return !ec;
    }
    BeastResponse out;
    out.version(version == 10 ? 10 : 11);
    out.result(response.status);
    out.set(bhttp::field::server, "mediagate");
    if (!response.content_type.empty()) out.set(bhttp::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) out.insert(name, value);
    if (!head_only) out.body() = response.body;  // 1xx, 204 and 304 have none anyway
    out.keep_alive(keep_alive);
    out.prepare_payload();
    auto [ec, bytes] = co_await bhttp::async_write(connection.stream, out, kToken);
    log_access(connection, exchange, response, head_only);
    co_return !ec;
  }

  // Resets the connection without writing anything (a handler's Response::abort_connection).
  void abort_connection(Connection& connection, const Exchange& exchange,
                        const Response& response) {
    error_code ignored;
    auto& socket = connection.stream.socket();
    socket.set_option(asio::socket_base::linger(true, 0), ignored);
    socket.close(ignored);
    Response logged;
    logged.status = 0;  // no response was sent
    logged.log_vendor = response.log_vendor;
    logged.log_partner = response.log_partner;
    log_access(connection, exchange, logged);
  }

  // Answers a request that cannot be served (414, 431, 413, 400, 501) and closes the
  // connection.
  asio::awaitable<void> answer_and_close(Connection& connection, const Exchange& exchange,
                                         unsigned status) {
    const Response response = json_error(status, status == 414   ? "uri too long"
                                                 : status == 431 ? "request header fields too large"
                                                 : status == 413 ? "payload too large"
                                                 : status == 501 ? "not implemented"
                                                                 : "bad request");
    const bool head_only = exchange.method == "HEAD";
    const bool written =
        co_await write_response(connection, exchange, response, 11, false, head_only);
    auto& stream = connection.stream;
    error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    if (!written) co_return;
    // Drain what the client is still sending, so that it gets the answer and not a reset.
    // stop() may cut this short, as for a connection waiting for a request.
    connection.waiting = true;
    if (stopping_.load()) co_return;
    stream.expires_after(std::min(limits_.read_timeout, kMaxLinger));
    std::array<char, 4096> sink{};
    std::size_t drained = 0;
    while (drained < kMaxLingerBytes) {
      auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), kToken);
      if (ec) break;
      drained += n;
    }
  }

  void log_access(const Connection& connection, const Exchange& exchange, const Response& response,
                  bool head_only = false) {
    if (!access_log_.enabled()) return;
    const double latency_ms = std::chrono::duration<double, std::milli>(
                                  std::chrono::steady_clock::now() - exchange.started)
                                  .count();
    const std::string_view path = std::string_view(exchange.path).substr(0, kMaxLoggedPath);
    const std::string_view remote =
        exchange.remote.empty() ? connection.remote_address : exchange.remote;
    access_log_.info("request",
                     {{"method", std::string_view(exchange.method)},
                      {"path", path},
                      {"status", static_cast<std::int64_t>(response.status)},
                      {"latency_ms", latency_ms},
                      {"vendor", std::string_view(response.log_vendor)},
                      {"partner", std::string_view(response.log_partner)},
                      {"remote", remote},
                      {"bytes", static_cast<std::int64_t>(head_only ? 0 : response.body.size())}});
  }

  ServerOptions options_;
  Limits limits_;
  Handler handler_;
  core::Logger& access_log_;
  core::Logger& server_log_;

  std::atomic<bool> stopping_{false};
  std::atomic<std::int64_t> open_connections_{0};
  std::atomic<bool> accept_blocked_{false};        // the accept loop waits for room
  std::atomic<std::int64_t> closing_for_room_{0};  // connections make_room() is closing
  std::mutex connections_mutex_;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections_;
  std::mutex threads_mutex_;
  std::vector<std::thread> threads_;
  std::uint16_t port_ = 0;

  // Declared after everything the coroutines use, so that it is destroyed (with any
  // coroutine frames it still holds) before them; the I/O objects below go first.
  asio::io_context ioc_;
  asio::strand<asio::io_context::executor_type> strand_;  // acceptor, slot timer, signals
  tcp::acceptor acceptor_;
  asio::steady_timer slot_timer_;
  asio::signal_set signals_;
};

Server::Server(ServerOptions options, Handler handler, core::Logger& access_log,
               core::Logger& server_log)
    : impl_(
          std::make_unique<Impl>(std::move(options), std::move(handler), access_log, server_log)) {}

Server::~Server() = default;

core::Expected<core::Ok, std::string> Server::listen() {
  return impl_->listen();
}
std::uint16_t Server::port() const {
  return impl_->port();
}
void Server::run() {
  impl_->run();
}
void Server::start() {
  impl_->start();
}
void Server::join() {
  impl_->join();
}
void Server::stop() {
  impl_->stop();
}

}  // namespace mediagate::http
