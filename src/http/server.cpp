#include "http/server.hpp"

#include "http/tls_context.hpp"

#include <cxxabi.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <deque>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <span>
#include <string_view>
#include <thread>
#include <tuple>
#include <typeinfo>
#include <unordered_map>
#include <utility>
#include <vector>

#include <openssl/ssl.h>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/read_size.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "core/blocking.hpp"
#include "http/deferred.hpp"
#include "http/handler_pool.hpp"
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
constexpr std::size_t kMaxLingerBytes = std::size_t{1024} * 1024;
// What one read takes while a connection waits for the first bytes of a request.
constexpr std::size_t kFirstReadBytes = 4096;
// What one read of the rest of a request takes at most (as Beast's http::async_read).
constexpr std::size_t kMaxReadBytes = 65536;
// Connection::idle_since of a connection chosen to be closed to make room.
constexpr std::int64_t kClosingForRoom = -1;
// The access log records at most this much of a path.
constexpr std::size_t kMaxLoggedPath = 512;

// The first byte of a TLS record carrying a handshake message (a ClientHello, to begin with).
constexpr unsigned char kTlsHandshakeRecord = 0x16;
// What a client that speaks plain HTTP to the TLS port is told (as nginx does), then closed.
constexpr std::string_view kPlainHttpToTlsPort =
    "The plain HTTP request was sent to an HTTPS port: use https://\n";

// A connection's TLS layer, over the connection's own TCP socket (its watchdog and cancel()
// apply beneath TLS).
using TlsStream = beast::ssl_stream<tcp::socket&>;
using BeastResponse = bhttp::response<bhttp::string_body>;

// What the parser has not consumed yet.
std::string_view unparsed(const beast::flat_buffer& buffer) {
  const auto data = buffer.data();
  return {static_cast<const char*>(data.data()), data.size()};
}

std::string exception_type_name(const std::type_info& type) {
  int status = 0;
  char* demangled = abi::__cxa_demangle(type.name(), nullptr, nullptr, &status);
  std::string name = status == 0 && demangled != nullptr ? demangled : type.name();
  std::free(demangled);  // NOLINT(cppcoreguidelines-no-malloc): owned by __cxa_demangle
  return name;
}

// Whether the first bytes on a connection look like an HTTP request line (a method in capitals,
// then a space), rather than a TLS record or noise.
bool looks_like_http(const beast::flat_buffer& buffer) {
  const auto data = buffer.data();
  const std::string_view input(static_cast<const char*>(data.data()), data.size());
  std::size_t letters = 0;
  for (const char c : input) {
    if (c == ' ') return letters > 0;
    if (c < 'A' || c > 'Z' || ++letters > 20) return false;
  }
  return letters > 0;
}

// At most `limit` TLS handshakes at once on a listener; more wait, first come first served,
// until a place is free, their deadline passes, or close(). Thread-safe.
class HandshakeSlots {
 public:
  explicit HandshakeSlots(std::int64_t limit) : free_(std::max<std::int64_t>(limit, 1)) {}

  // True once the caller has a place (it must call release()), false at the deadline or close().
  asio::awaitable<bool> acquire(asio::any_io_executor executor,
                                asio::steady_timer::time_point deadline) {
    auto waiter = std::make_shared<Waiter>(executor);
    {
      const std::lock_guard lock(mutex_);
      if (closed_) co_return false;
      if (free_ > 0) {
        --free_;
        co_return true;
      }
      waiter->timer.expires_at(deadline);
      waiters_.push_back(waiter);
    }
    [[maybe_unused]] auto [ec] = co_await waiter->timer.async_wait(kToken);
    const std::lock_guard lock(mutex_);
    if (waiter->granted) co_return true;
    waiters_.erase(std::remove(waiters_.begin(), waiters_.end(), waiter), waiters_.end());
    co_return false;
  }

  void release() {
    const std::lock_guard lock(mutex_);
    if (waiters_.empty()) {
      ++free_;
      return;
    }
    auto next = std::move(waiters_.front());
    waiters_.pop_front();
    next->granted = true;
    asio::post(next->timer.get_executor(), [next] { next->timer.cancel(); });
  }

  // Wakes every waiter without a place; later acquire() calls fail at once.
  void close() {
    const std::lock_guard lock(mutex_);
    closed_ = true;
    for (const auto& waiter : waiters_) {
      asio::post(waiter->timer.get_executor(), [waiter] { waiter->timer.cancel(); });
    }
  }

 private:
  struct Waiter {
    explicit Waiter(const asio::any_io_executor& executor) : timer(executor) {}
    asio::steady_timer timer;
    bool granted = false;  // under mutex_
  };
  std::mutex mutex_;
  std::int64_t free_;
  bool closed_ = false;
  std::deque<std::shared_ptr<Waiter>> waiters_;
};

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

void add_probe_routes(Router& router, ReadinessProbe probe) {
  router.add({"GET"}, "/livez", [](Request&) {
    Response response;
    response.body = R"({"status":"ok"})";
    return response;
  });
  router.add({"GET"}, "/readyz", [probe = std::move(probe)](Request&) {
    Response response;
    const auto reason = probe ? probe() : std::nullopt;
    if (!reason) {
      response.body = R"({"status":"ready"})";
      return response;
    }
    response.status = 503;
    response.body = R"({"status":"not_ready","reason":)";
    core::append_json_string(response.body, *reason);
    response.body += '}';
    return response;
  });
}

class Server::Impl {
 public:
  std::int64_t open_connections() const { return open_connections_.load(); }
  asio::any_io_executor executor() { return ioc_.get_executor(); }
  std::int64_t handler_queue_depth() const {
    return pool_ ? static_cast<std::int64_t>(pool_->queued()) : 0;
  }
  std::int64_t handler_threads_busy() const {
    return pool_ ? static_cast<std::int64_t>(pool_->busy()) : 0;
  }

  Impl(ServerOptions options, Handler handler, core::Logger& access_log, core::Logger& server_log)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        access_log_(access_log),
        server_log_(server_log),
        ioc_(std::max(options_.threads, 1)),
        strand_(asio::make_strand(ioc_)),
        acceptor_(strand_),
        slot_timer_(strand_),
        signals_(strand_),
        tls_enabled_(options_.tls.enabled()),
        handshake_slots_(options_.tls.max_handshakes) {
    if (options_.handler_threads > 0) {
      pool_ = std::make_unique<HandlerPool>(
          static_cast<std::size_t>(options_.handler_threads),
          static_cast<std::size_t>(std::max<std::int64_t>(0, options_.handler_queue)));
    }
    limits_.read = ReadLimits::from(options_.limits);
    limits_.read_timeout =
        std::chrono::milliseconds(std::max<std::int64_t>(1, options_.limits.read_timeout_ms));
    limits_.keep_alive_timeout =
        std::min(limits_.read_timeout, std::chrono::milliseconds(std::max<std::int64_t>(
                                           1, options_.limits.keep_alive_timeout_ms)));
    limits_.max_connections = std::max<std::int64_t>(1, options_.limits.max_connections);
    limits_.handshake_timeout = std::min(
        limits_.read_timeout,
        std::chrono::milliseconds(std::max<std::int64_t>(1, options_.tls.handshake_timeout_ms)));
  }

  ~Impl() {
    stop();
    join();
  }

  core::Expected<core::Ok, std::string> listen() {
    if (tls_enabled_) {
      MG_TRY(auto context, make_server_tls_context(options_.tls));
      warn_about_key_file();
      const std::lock_guard lock(tls_mutex_);
      tls_context_ = std::move(context);
    }
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
      if (!ec && options_.on_hangup) signals_.add(SIGHUP, ec);
      if (ec) return core::unexpected("cannot install signal handlers: " + ec.message());
      await_signal();
    }
    asio::co_spawn(strand_, accept_loop(), [this](const std::exception_ptr& failure) {
      log_failure("accept loop failed", failure);
    });
    return core::Ok{};
  }

  std::uint16_t port() const { return port_; }

  bool tls() const { return tls_enabled_; }

  // New handshakes use the new pair; connections already open keep theirs. A pair that cannot
  // be used leaves the current one in place and is reported (never the key's content).
  core::Expected<core::Ok, std::string> reload_tls() {
    if (!tls_enabled_) return core::unexpected(std::string("this listener does not use TLS"));
    auto context = make_server_tls_context(options_.tls);
    if (!context) {
      server_log_.error("TLS reload failed: the previous certificate stays in use",
                        {{"error", std::string_view(context.error())}});
      return core::unexpected(context.error());
    }
    warn_about_key_file();
    {
      const std::lock_guard lock(tls_mutex_);
      tls_context_ = std::move(*context);
    }
    server_log_.info("TLS certificate reloaded",
                     {{"cert_file", std::string_view(options_.tls.cert_file)}});
    return core::Ok{};
  }

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
    if (options_.on_stop) options_.on_stop();
    handshake_slots_.close();
    asio::post(strand_, [this] {
      error_code ignored;
      acceptor_.close(ignored);
      slot_timer_.cancel();
      signals_.cancel(ignored);
    });
    const std::lock_guard lock(connections_mutex_);
    for (const auto& [raw, weak] : connections_) {
      if (auto connection = weak.lock()) {
        asio::post(connection->transport.get_executor(), [connection] {
          error_code ignored;
          if (connection->waiting) connection->transport.cancel(ignored);
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
    std::chrono::milliseconds handshake_timeout{0};  // at most read_timeout
  };

  struct Connection {
    explicit Connection(tcp::socket socket)
        : transport(std::move(socket)), watchdog(transport.get_executor()) {}
    // The TCP connection. Requests are read and answered on it, or on a TLS stream over it
    // (TlsStream): the same code, a template over the stream. A plain socket rather than
    // Beast's tcp_stream, whose per-operation machinery (a shared state and a wrapping
    // operation per read and per write) only serves timeouts that `deadline` and the watchdog
    // replace (docs/benchmarks.md, session 14).
    tcp::socket transport;
    // When the connection is closed unless the read or write under way has ended (max: no
    // read or write is under way, e.g. while the handler runs). Set by set_deadline(); the
    // watchdog (watch()) closes the socket once it has passed.
    asio::steady_timer::time_point deadline = asio::steady_timer::time_point::max();
    asio::steady_timer watchdog;
    bool finished = false;  // serve() is done: the watchdog ends
    std::string remote_address;
    // Waiting for (the header of) the next request; only touched on the connection's strand.
    bool waiting = false;
    // While the connection is idle (waiting for a request with nothing of it received): when
    // it became idle (steady clock, ns since its epoch, > 0); kClosingForRoom once make_room()
    // chose it; 0 otherwise. Read by the accept loop, hence atomic.
    std::atomic<std::int64_t> idle_since{0};
    // Closed by make_room(); only touched on the connection's strand.
    bool closed_for_room = false;
    // The head of the answer being written (write_response()), kept for the next one.
    std::string head;
  };

  // What the access log records about one exchange: views into the request (once the handler
  // has returned) or into the parser's message (a refusal), which outlive the answer's write.
  struct Exchange {
    std::string_view method;  // as received ("HEAD" for a HEAD served as GET)
    std::string_view path;
    std::string_view remote;  // the client's address once the request is known; else the peer's
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  };

  // SIGINT and SIGTERM stop the server; SIGHUP (when options_.on_hangup is set) calls it.
  void await_signal() {
    signals_.async_wait([this](const error_code& error, int signal) {
      if (error) return;
      if (signal == SIGHUP) {
        options_.on_hangup();
        await_signal();
        return;
      }
      stop();
    });
  }

  void warn_about_key_file() {
    if (auto warning = key_file_permission_warning(options_.tls.key_file)) {
      server_log_.warn("TLS key file permissions", {{"warning", std::string_view(*warning)}});
    }
  }

  std::shared_ptr<asio::ssl::context> tls_context() {
    const std::lock_guard lock(tls_mutex_);
    return tls_context_;
  }

  // The connection is closed at `deadline` unless the read or write under way ends first (or a
  // later deadline is set). The watchdog's timer is moved only when the deadline comes earlier
  // than it is set for; a later one is taken up when it fires. So a busy keep-alive connection
  // costs no timer operation per request, where Beast's per-operation timeouts cost a schedule,
  // a cancel and a completion per read and per write (docs/benchmarks.md, session 13).
  static void set_deadline(Connection& connection, asio::steady_timer::time_point deadline) {
    connection.deadline = deadline;
    if (deadline < connection.watchdog.expiry()) connection.watchdog.cancel();
  }
  static void set_deadline_after(Connection& connection, std::chrono::milliseconds timeout) {
    set_deadline(connection, asio::steady_timer::clock_type::now() + timeout);
  }
  // No read or write under way (the handler runs, or a fault's delay): no deadline.
  static void clear_deadline(Connection& connection) {
    connection.deadline = asio::steady_timer::time_point::max();
  }

  // Closes the connection's socket once its deadline has passed; ends with serve().
  static asio::awaitable<void> watch(std::shared_ptr<Connection> connection) {
    Connection& watched = *connection;
    while (!watched.finished) {
      watched.watchdog.expires_at(watched.deadline);
      [[maybe_unused]] auto [ec] = co_await watched.watchdog.async_wait(kToken);
      if (watched.finished) break;
      if (watched.deadline != asio::steady_timer::time_point::max() &&
          asio::steady_timer::clock_type::now() >= watched.deadline) {
        error_code ignored;
        watched.transport.close(ignored);  // what is under way ends with an error
        break;
      }
    }
  }

  asio::awaitable<void> close_write(Connection& connection, tcp::socket& /*stream*/) {
    error_code ignored;
    connection.transport.shutdown(tcp::socket::shutdown_send, ignored);
    co_return;
  }

  // TLS: close_notify (waiting a little for the client's), then the TCP FIN.
  asio::awaitable<void> close_write(Connection& connection, TlsStream& stream) {
    set_deadline_after(connection, std::min(limits_.read_timeout, kMaxLinger));
    [[maybe_unused]] auto [ec] = co_await stream.async_shutdown(kToken);
    error_code ignored;
    connection.transport.shutdown(tcp::socket::shutdown_send, ignored);
  }

  // A connection to the TLS listener: its first bytes must be a TLS handshake record. Plain
  // HTTP gets 400 and a line saying so; anything else is closed without a word. The handshake
  // (within limits.handshake_timeout of the accept) waits for one of tls.max_handshakes places,
  // so that a flood of handshakes cannot starve the connections already established; then the
  // requests are served exactly as over TCP.
  asio::awaitable<void> serve_tls(Connection& connection) {
    const auto context = tls_context();
    const auto deadline = asio::steady_timer::clock_type::now() + limits_.handshake_timeout;
    connection.waiting = true;  // stop() closes a connection that is not yet serving a request
    if (stopping_.load()) co_return;
    set_deadline(connection, deadline);
    beast::flat_buffer hello;
    auto [read_error, bytes] =
        co_await connection.transport.async_read_some(hello.prepare(kFirstReadBytes), kToken);
    hello.commit(bytes);
    if (read_error || hello.size() == 0) co_return;
    if (*static_cast<const unsigned char*>(hello.data().data()) != kTlsHandshakeRecord) {
      if (looks_like_http(hello)) co_await refuse_plain_http(connection);
      co_return;
    }
    const bool placed =
        co_await handshake_slots_.acquire(connection.transport.get_executor(), deadline);
    if (!placed) co_return;
    TlsStream stream(connection.transport, *context);
    auto [handshake_error, used] =
        co_await stream.async_handshake(asio::ssl::stream_base::server, hello.data(), kToken);
    handshake_slots_.release();
    if (handshake_error) co_return;
    co_await serve_requests(connection, stream);
    // A client that sent close_notify gets one back (it then keeps its session resumable);
    // otherwise the connection ends quietly. Either way the session stays in the cache.
    SSL* ssl = stream.native_handle();
    if ((SSL_get_shutdown(ssl) & (SSL_RECEIVED_SHUTDOWN | SSL_SENT_SHUTDOWN)) ==
        SSL_RECEIVED_SHUTDOWN) {
      set_deadline_after(connection, std::min(limits_.read_timeout, kMaxLinger));
      [[maybe_unused]] auto [ec] = co_await stream.async_shutdown(kToken);
    }
    SSL_set_shutdown(ssl, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
  }

  // Plain HTTP on the TLS port: 400 with one line of text, then close.
  asio::awaitable<void> refuse_plain_http(Connection& connection) {
    Exchange exchange;
    Response response;
    response.status = 400;
    response.content_type = "text/plain";
    response.body = std::string(kPlainHttpToTlsPort);
    co_await write_response(connection, connection.transport, exchange, response, 11, false, false);
    error_code ignored;
    connection.transport.shutdown(tcp::socket::shutdown_send, ignored);
    // Drain briefly, so that the client reads the answer rather than a reset.
    co_await drain(connection);
  }

  // Reads and drops what the client still sends, up to kMaxLingerBytes and for the read
  // timeout (at most kMaxLinger). It reads the raw transport: beneath TLS, once its
  // close_notify is sent, what still arrives is not data.
  asio::awaitable<void> drain(Connection& connection) {
    set_deadline_after(connection, std::min(limits_.read_timeout, kMaxLinger));
    std::array<char, 4096> sink{};
    std::size_t drained = 0;
    while (drained < kMaxLingerBytes) {
      auto [ec, n] = co_await connection.transport.async_read_some(asio::buffer(sink), kToken);
      if (ec) break;
      drained += n;
    }
  }

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
      auto [ec, socket] = co_await acceptor_.async_accept(connection_executor(), kToken);
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
      const auto remote = connection->transport.remote_endpoint(ignored);
      if (!ignored) connection->remote_address = remote.address().to_string();
      connection->transport.set_option(tcp::no_delay(true), ignored);
      auto executor = connection->transport.get_executor();
      asio::co_spawn(
          executor, serve(std::move(connection)),
          [this](const std::exception_ptr& failure) { log_failure("connection failed", failure); });
    }
  }

  // The executor of a new connection's socket, timers and coroutine. With several threads
  // running the io_context a strand keeps one connection's handlers in turn; with one thread
  // they are in turn already, and the strand would only cost (a shared state, a lock and
  // type-erased copies per completion: docs/benchmarks.md).
  asio::any_io_executor connection_executor() {
    if (std::max(options_.threads, 1) == 1) return ioc_.get_executor();
    return asio::make_strand(ioc_);
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
    asio::post(victim->transport.get_executor(), [victim] {
      error_code ignored;
      if (victim->idle_since.load() == kClosingForRoom) victim->transport.cancel(ignored);
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
      asio::co_spawn(connection->transport.get_executor(), watch(connection), asio::detached);
      try {
        if (tls_enabled_) {
          co_await serve_tls(*connection);
        } else {
          co_await serve_requests(*connection, connection->transport);
        }
      } catch (const std::exception& e) {
        const std::string type = exception_type_name(typeid(e));
        server_log_.error("connection failed", {{"exception", std::string_view(type)}});
      }
      connection->finished = true;
      connection->watchdog.cancel();
      error_code ignored;
      connection->transport.close(ignored);
      const std::lock_guard lock(connections_mutex_);
      connections_.erase(connection.get());
    }
    --open_connections_;
    if (connection->closed_for_room) --closing_for_room_;
    asio::post(strand_, [this] { slot_timer_.cancel(); });
  }

  // The connection is idle from here until the first bytes of its next request: make_room()
  // may close it meanwhile.
  void idle_begins(Connection& connection) {
    connection.idle_since.store(steady_now_ns());
    wake_accept_loop();
  }
  // The wait for the next request ended (`arrived`: with bytes). False if the connection is
  // to be closed (timeout, peer gone, stop() or make_room()).
  bool idle_ends(Connection& connection, bool arrived) {
    if (connection.idle_since.exchange(0) == kClosingForRoom) {
      if (!arrived) {
        connection.closed_for_room = true;  // serve() counts it closed
      } else {
        --closing_for_room_;  // a request came first: it stays; room is made elsewhere
        wake_accept_loop();
      }
    }
    return arrived;
  }

  // Note: GCC 12 mishandles non-trivial temporaries passed to a coroutine inside a co_await
  // expression (double destruction), so arguments to co_awaited calls here are named objects
  // or trivially copyable values.
  template <class Stream>
  asio::awaitable<void> serve_requests(Connection& connection, Stream& stream) {
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
        // Nothing buffered: wait for the first bytes of the next request until the deadline
        // (here rather than in a coroutine of its own: one frame less per request).
        const auto wait = kept_alive ? limits_.keep_alive_timeout : limits_.read_timeout;
        idle_begins(connection);
        set_deadline(connection, started + wait);
        auto [wait_error, first_bytes] =
            co_await stream.async_read_some(buffer.prepare(kFirstReadBytes), kToken);
        buffer.commit(first_bytes);
        if (!idle_ends(connection, !wait_error)) co_return;
      }
      if (kept_alive) {
        set_deadline_after(connection, limits_.read_timeout);
      } else {
        set_deadline(connection, started + limits_.read_timeout);
      }
      // A request already in the buffer (the common case: it came with the first bytes) is
      // parsed here, without an asynchronous operation.
      std::optional<error_code> parsed = parse_buffered(*parser, buffer, false);
      if (!parsed) parsed = co_await read_request(stream, buffer, *parser, false);
      const error_code read_error = *parsed;
      connection.waiting = false;
      Exchange exchange;
      HeaderFacts facts = read_error ? HeaderFacts{} : HeaderFacts::of(parser->get());
      unsigned refusal =
          read_error ? refusal_for_read_error(read_error, *parser, unparsed(buffer), limits_.read)
                     : refusal_for_header(*parser, facts, limits_.read);
      if (read_error && refusal == 0) co_return;

      if (refusal == 0 && !parser->is_done()) {
        limits_.read.prepare_for_body(*parser);
        if (beast::iequals(facts.expect, "100-continue")) {
          static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
          auto [write_error, written] =
              co_await asio::async_write(stream, asio::buffer(kContinue), kToken);
          if (write_error) co_return;
        }
        const error_code body_error = co_await read_request(stream, buffer, *parser, true);
        if (body_error) {
          refusal = refusal_for_read_error(body_error, *parser, unparsed(buffer), limits_.read);
          if (refusal == 0) co_return;
        }
        facts = HeaderFacts::of(parser->get());  // with a chunked body's trailer fields
      }
      if (refusal != 0) {
        if (!parser->get().target().empty()) {
          exchange.method = parser->get().method_string();
          exchange.path = split_target(parser->get().target()).path;
        }
        co_await answer_and_close(connection, stream, exchange, refusal);
        co_return;
      }

      const unsigned version = parser->get().version();
      const bool keep_alive_asked = wants_keep_alive(*parser, facts);
      Request request = to_request(parser->release(), connection.remote_address, facts);
      if (!options_.trusted_proxies.empty()) {
        std::vector<std::string_view> forwarded_for;
        for (const auto& [name, value] : request.headers) {
          if (name == "x-forwarded-for") forwarded_for.emplace_back(value);
        }
        request.remote_address =
            options_.trusted_proxies.client_address(connection.remote_address, forwarded_for);
      }
      request.received = exchange.started;
      // HEAD is served as GET, and answered with the GET's head alone (RFC 9110 §9.3.2).
      const bool head = request.method == "HEAD";
      if (head) request.method = "GET";
      // Inline without handler threads: no coroutine frame of its own for the call. (Not a
      // conditional expression: GCC 12 destroys a co_await's result twice in one.) Nothing is
      // read or written meanwhile: no deadline, until the answer is written.
      clear_deadline(connection);
      Response response;
      if (pool_ && options_.start_inline) {
        request.may_defer = true;
        {
          const core::NoBlockingHere io_thread;
          response = call_handler(request);
        }
        // (A deferred answer's result is an answer; looped all the same, so that a handler that
        // defers again is finished rather than written as an empty placeholder.)
        while (response.deferred) response = co_await finish_deferred(request, std::move(response));
      } else if (pool_) {
        response = co_await handle_on_pool(request);
      } else {
        response = call_handler(request);
      }
      // Set once the handler, which may change the request, has returned.
      exchange.method = head ? std::string_view("HEAD") : std::string_view(request.method);
      exchange.path = request.path;
      exchange.remote = request.remote_address;
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
      const bool written = co_await write_response(connection, stream, exchange, response, version,
                                                   keep_alive, head);
      if (!written) co_return;
      if (!keep_alive) {
        co_await close_write(connection, stream);
        co_return;
      }
      kept_alive = true;
    }
  }

  // Reads into `buffer` and feeds the parser until the header (`whole`: the whole message) is
  // parsed, with the outcome of Beast's http::async_read_header (async_read): the same reads
  // (read_size's 64 KiB at most), the same errors (end_of_stream when the client leaves
  // between requests, the parser's at the end of the stream), without its layers of composed
  // operations and the post that completes one without reading.
  template <class Stream>
  static asio::awaitable<error_code> read_request(Stream& stream, beast::flat_buffer& buffer,
                                                  RequestParser& parser, bool whole) {
    for (;;) {
      if (auto parsed = parse_buffered(parser, buffer, whole)) co_return *parsed;
      const std::size_t size = beast::read_size(buffer, kMaxReadBytes);
      if (size == 0) co_return bhttp::error::buffer_overflow;
      auto [ec, bytes] = co_await stream.async_read_some(buffer.prepare(size), kToken);
      buffer.commit(bytes);
      if (ec == asio::error::eof) {
        if (!parser.got_some()) co_return bhttp::error::end_of_stream;
        error_code end;
        parser.put_eof(end);  // a message that ends with the stream is complete, or an error
        co_return end;
      }
      if (ec) co_return ec;
    }
  }

  // The handler's answer from a handler thread (this coroutine waits for it holding no thread).
  asio::awaitable<Response> handle_on_pool(Request& request) {
    const std::function<Response()> call = [this, &request] { return handler_(request); };
    std::optional<Response> response;
    std::exception_ptr failure;
    try {
      response = co_await pool_->run(call);
    } catch (...) {
      failure = std::current_exception();
    }
    if (failure) co_return handler_failed(request, failure);
    if (!response) co_return server_busy();
    co_return checked(request, std::move(*response));
  }

  // Hands the pool's threads to a deferred answer (http/deferred.hpp).
  class PoolServices final : public DeferredServices {
   public:
    PoolServices(HandlerPool& pool, asio::any_io_executor executor)
        : pool_(pool), executor_(std::move(executor)) {}
    void offload(std::function<void()> job, std::function<void(bool)> then) override {
      auto handed = std::make_unique<OffloadJob>(std::move(job), std::move(then), executor_);
      if (auto refused = pool_.try_submit(std::move(handed))) {
        static_cast<OffloadJob&>(*refused).finish(false);
      }
    }

   private:
    // The job, then `then` posted to the io executor (kept busy meanwhile).
    class OffloadJob final : public HandlerPool::Job {
     public:
      OffloadJob(std::function<void()> job, std::function<void(bool)> then,
                 const asio::any_io_executor& executor)
          : job_(std::move(job)),
            then_(std::move(then)),
            work_(asio::prefer(executor, asio::execution::outstanding_work.tracked)) {}
      void call() noexcept override {
        job_();
        job_ = nullptr;
      }
      void resume() noexcept override { finish(true); }
      void finish(bool ran) {
        auto work = std::move(work_);
        asio::post(work, [then = std::move(then_), ran] { then(ran); });
      }

     private:
      std::function<void()> job_;
      std::function<void(bool)> then_;
      asio::any_io_executor work_;
    };

    HandlerPool& pool_;
    asio::any_io_executor executor_;
  };

  // The answer `placeholder` defers, finished (this coroutine waits holding no thread).
  asio::awaitable<Response> finish_deferred(Request& request, Response placeholder) {
    const auto deferred = std::move(placeholder.deferred);
    PoolServices services(*pool_, co_await asio::this_coro::executor);
    DeferredResult result =
        co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(DeferredResult)>(
            [&](auto handler) {
              auto waiting = std::make_shared<decltype(handler)>(std::move(handler));
              deferred->start(request, services, [waiting](DeferredResult done) {
                auto executor = asio::get_associated_executor(*waiting);
                asio::post(executor, [waiting, done = std::move(done)]() mutable {
                  std::move (*waiting)(std::move(done));
                });
              });
            },
            asio::use_awaitable);
    if (result.failure) co_return handler_failed(request, result.failure);
    if (!result.response) co_return server_busy();
    Response response = checked(request, std::move(*result.response));
    if (response.route.empty()) response.route = placeholder.route;
    co_return response;
  }

  Response call_handler(Request& request) {
    try {
      return checked(request, handler_(request));
    } catch (...) {
      return handler_failed(request, std::current_exception());
    }
  }

  // A handler's answer, or 500 when its status is not one.
  Response checked(const Request& request, Response response) {
    if (response.status >= 100 && response.status <= 999) return response;
    server_log_.error("handler returned an invalid status",
                      {{"method", std::string_view(request.method)},
                       {"path", std::string_view(request.path)},
                       {"status", static_cast<std::int64_t>(response.status)}});
    return transport_error(500, "internal error");
  }

  // A handler that threw: 500, and the exception's type (never its text) in the server log.
  Response handler_failed(const Request& request, const std::exception_ptr& failure) {
    std::string type = "unknown";
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      // Never the query, the body or the headers: they carry signatures.
      type = exception_type_name(typeid(e));
    } catch (...) {
    }
    server_log_.error("handler threw", {{"method", std::string_view(request.method)},
                                        {"path", std::string_view(request.path)},
                                        {"exception", std::string_view(type)}});
    return transport_error(500, "internal error");
  }

  // Every handler thread busy and handler_queue requests waiting already.
  static Response server_busy() {
    Response response = transport_error(503, "server busy");
    response.headers.emplace_back("Retry-After", "1");
    return response;
  }

  // Appends the decimal digits of `value`.
  static void append_number(std::string& out, std::uint64_t value) {
    std::array<char, 20> digits{};
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
    out.append(digits.data(), end);
  }

  // The status line and header block of `response`, as Beast would write them (same fields,
  // same order), for statuses that carry a body, into `head` (cleared first: the connection's
  // buffer, whose capacity serves every answer on it).
  static void head_of(std::string& head, const Response& response, unsigned version,
                      bool keep_alive) {
    using namespace std::string_view_literals;  // every constant appended with its length
    head.clear();
    head.reserve(128 + response.content_type.size());
    head += version == 10 ? "HTTP/1.0 "sv : "HTTP/1.1 "sv;
    append_number(head, response.status);
    head += ' ';
    const auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(response.status));
    head.append(reason.data(), reason.size());
    head += "\r\nServer: mediagate\r\n"sv;
    if (!response.content_type.empty()) {
      head += "Content-Type: "sv;
      head += response.content_type;
      head += "\r\n"sv;
    }
    for (const auto& [name, value] : response.headers) {
      head += name;
      head += ": "sv;
      head += value;
      head += "\r\n"sv;
    }
    if (version == 10 && keep_alive) head += "Connection: keep-alive\r\n"sv;
    if (version != 10 && !keep_alive) head += "Connection: close\r\n"sv;
    head += "Content-Length: "sv;
    append_number(head, response.body_size());
    head += "\r\n\r\n"sv;
  }

  // Writes `response` and logs it; false if the connection failed. The answer to a HEAD
  // (`head_only`) is the head alone, with the Content-Length of the body it leaves out.
  template <class Stream>
  asio::awaitable<bool> write_response(Connection& connection, Stream& stream,
                                       const Exchange& exchange, const Response& response,
                                       unsigned version, bool keep_alive, bool head_only) {
    set_deadline_after(connection, limits_.read_timeout);
    const unsigned status = response.status;
    if (status >= 200 && status != 204 && status != 304) {
      // The common case, written by hand: one gathered write of the head and the body as it
      // is, without Beast's serializer or a copy of the body (docs/benchmarks.md).
      std::string& head = connection.head;
      head_of(head, response, version, keep_alive);
      const auto [body, shared, tail] = response.body_parts();
      error_code ec;
      if (head_only || (shared.empty() && tail.empty())) {
        const std::array<asio::const_buffer, 2> buffers{
            asio::buffer(head), asio::buffer(body.data(), head_only ? 0 : body.size())};
        std::tie(ec, std::ignore) = co_await asio::async_write(stream, buffers, kToken);
      } else {
        // A body with a shared part (a kept page, not copied): asio's async_write would copy
        // more than two buffers into a 64-entry array at every step, so the parts go out in
        // write_some steps of their own, each a gathered write of what is left.
        std::array<asio::const_buffer, 4> parts{asio::buffer(head), asio::buffer(body),
                                                asio::buffer(shared), asio::buffer(tail)};
        std::size_t first = 0;
        while (!ec) {
          while (first < parts.size() && parts[first].size() == 0) ++first;
          if (first == parts.size()) break;
          std::size_t written = 0;
          std::tie(ec, written) = co_await stream.async_write_some(
              std::span<const asio::const_buffer>(parts).subspan(first), kToken);
          for (; first < parts.size() && written >= parts[first].size(); ++first) {
            written -= parts[first].size();
          }
          if (first < parts.size()) parts[first] += written;
        }
      }
      log_access(connection, exchange, response, head_only);
      co_return !ec;
    }
    BeastResponse out;
    out.version(version == 10 ? 10 : 11);
    out.result(response.status);
    out.set(bhttp::field::server, "mediagate");
    if (!response.content_type.empty()) out.set(bhttp::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) out.insert(name, value);
    if (!head_only) out.body() = response.whole_body();  // 1xx, 204 and 304 have none anyway
    out.keep_alive(keep_alive);
    out.prepare_payload();
    auto [ec, bytes] = co_await bhttp::async_write(stream, out, kToken);
    log_access(connection, exchange, response, head_only);
    co_return !ec;
  }

  // Resets the connection without writing anything (a handler's Response::abort_connection).
  void abort_connection(Connection& connection, const Exchange& exchange,
                        const Response& response) {
    error_code ignored;
    auto& socket = connection.transport;
    socket.set_option(asio::socket_base::linger(true, 0), ignored);
    socket.close(ignored);
    Response logged;
    logged.status = 0;  // no response was sent
    logged.log_vendor = response.log_vendor;
    logged.log_partner = response.log_partner;
    logged.route = response.route;
    log_access(connection, exchange, logged);
  }

  // Answers a request that cannot be served (414, 431, 413, 400, 501) and closes the
  // connection.
  template <class Stream>
  asio::awaitable<void> answer_and_close(Connection& connection, Stream& stream,
                                         const Exchange& exchange, unsigned status) {
    const Response response =
        transport_error(status, status == 414   ? "uri too long"
                                : status == 431 ? "request header fields too large"
                                : status == 413 ? "payload too large"
                                : status == 501 ? "not implemented"
                                                : "bad request");
    const bool head_only = exchange.method == "HEAD";
    const bool written =
        co_await write_response(connection, stream, exchange, response, 11, false, head_only);
    if (!written) {
      error_code ignored;
      connection.transport.shutdown(tcp::socket::shutdown_send, ignored);
      co_return;
    }
    co_await close_write(connection, stream);
    // Drain what the client is still sending, so that it gets the answer and not a reset.
    // stop() may cut this short, as for a connection waiting for a request.
    connection.waiting = true;
    if (stopping_.load()) co_return;
    co_await drain(connection);
  }

  void log_access(const Connection& connection, const Exchange& exchange, const Response& response,
                  bool head_only = false) {
    const bool measured = options_.on_answered && response.status != 0;
    if (!measured && !access_log_.enabled()) return;
    const auto took = std::chrono::steady_clock::now() - exchange.started;  // one read for both
    if (measured) options_.on_answered(exchange.method, response.route, response.status, took);
    if (!access_log_.enabled()) return;
    const double latency_ms = std::chrono::duration<double, std::milli>(took).count();
    const std::string_view path = exchange.path.substr(0, kMaxLoggedPath);
    const std::string_view remote =
        exchange.remote.empty() ? connection.remote_address : exchange.remote;
    access_log_.info("request",
                     {{"method", exchange.method},
                      {"path", path},
                      {"status", static_cast<std::int64_t>(response.status)},
                      {"latency_ms", latency_ms},
                      {"vendor", std::string_view(response.log_vendor)},
                      {"partner", std::string_view(response.log_partner)},
                      {"remote", remote},
                      {"bytes", static_cast<std::int64_t>(head_only ? 0 : response.body_size())}});
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

  // The handler threads (options_.handler_threads > 0). Destroyed before the io_context:
  // after join() no call is left, and its threads end before the executors they resume go.
  std::unique_ptr<HandlerPool> pool_;

  const bool tls_enabled_;
  HandshakeSlots handshake_slots_;
  std::mutex tls_mutex_;
  std::shared_ptr<asio::ssl::context> tls_context_;  // under tls_mutex_; replaced by reload_tls()
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
std::int64_t Server::open_connections() const {
  return impl_->open_connections();
}
boost::asio::any_io_executor Server::executor() {
  return impl_->executor();
}
std::int64_t Server::handler_queue_depth() const {
  return impl_->handler_queue_depth();
}
std::int64_t Server::handler_threads_busy() const {
  return impl_->handler_threads_busy();
}
bool Server::tls() const {
  return impl_->tls();
}
core::Expected<core::Ok, std::string> Server::reload_tls() {
  return impl_->reload_tls();
}

}  // namespace mediagate::http
