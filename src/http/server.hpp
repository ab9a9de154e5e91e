// The HTTP/1.1 server: Boost.Beast with one C++20 coroutine per connection. It turns bytes into
// an http::Request, calls one handler (usually Router::dispatch), writes the http::Response and
// logs one access-log line per response. It knows nothing of vendors.
//
// Transport answers (small JSON bodies, connection closed afterwards):
//   request line > limits.max_request_line_bytes -> 414, header section > max_header_bytes -> 431
//   (the request line is checked first), body > max_body_bytes -> 413, malformed HTTP -> 400,
//   a handler that throws -> 500 (the connection stays usable).
// Framing (RFC 9112 §6; docs/decisions/http-conformance.md): the only transfer coding read is
// a final `chunked`; any other Transfer-Encoding, or one with Content-Length -> 400, codings
// before `chunked` -> 501, each closing the connection; Transfer-Encoding on HTTP/1.0 closes
// the connection after the answer.
// Host (RFC 9112 §3.2): missing on HTTP/1.1, given twice or not a valid uri-host[:port] -> 400
// (and close); it is otherwise not used.
// Targets in absolute form ("http://host:port/path?query", RFC 9112 §3.2.2) are served as their
// origin form (Request::path and ::query alike); with userinfo ("http://u@host/") -> 400.
// HEAD (RFC 9110 §9.3.2) is served as GET: the handler sees "GET", and the answer is written
// without its body (with the GET's Content-Length), whatever its status; Allow lists HEAD
// wherever it lists GET. The access log records "HEAD".
// Handler threads (options.handler_threads > 0; http/handler_pool.hpp): the handler runs on
// one of a fixed set of threads, not on the io thread; the connection's coroutine waits for it
// holding no thread, so that a handler blocked on a database or Redis round trip delays no
// other connection. At most handler_threads + handler_queue requests are handed over at once;
// one more is answered at once 503 {"error":"server busy"} with Retry-After: 1 (the connection
// stays open). Everything else (HEAD, keep-alive and pipelining order, the 500 for a handler
// that throws, delays, the access log, on_answered) is the same either way.
// A handler's Response may ask for a delay before it is written (an asynchronous timer: no
// thread is held) or for the connection to be reset without an answer (abort_connection).
// A delayed response also delays stop() by up to that delay, like any request in flight.
// The first request on a connection must arrive completely within limits.read_timeout_ms of
// the accept; a later one must begin within limits.keep_alive_timeout_ms of the previous
// answer (at most read_timeout_ms) and then arrive within read_timeout_ms. Otherwise the
// connection is closed without an answer (idle or slow clients).
// At limits.max_connections open connections, a client waiting in the listen backlog gets the
// place of the connection idle (waiting for a request, nothing of it received) for the
// longest time, which is closed without an answer; when none is idle the server stops
// accepting until one closes or falls idle, and further clients wait in the backlog (the
// kernel completes their handshake). docs/decisions/http-conformance.md.
//
// TLS (options.tls): the same request loop over a TLS stream (docs/operations.md "HTTPS").
//
// stop() stops accepting, closes connections that are waiting for a request (including one
// whose request has only partly arrived), lets requests already being handled finish and their
// responses be written (with `Connection: close`), then run()/join() return.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>

#include "core/config.hpp"
#include "core/expected.hpp"
#include "core/logger.hpp"
#include "http/client_address.hpp"
#include "http/router.hpp"

namespace mediagate::http {

struct ServerOptions {
  std::string host = "127.0.0.1";  // an IP address or a name that resolves
  std::uint16_t port = 0;          // 0: the kernel picks one; see Server::port()
  int threads = 1;                 // threads running the one io_context (at least 1)
  core::HttpLimits limits;
  // Threads that run the handler off the event loop, for a handler that blocks (database and
  // Redis round trips); 0: the handler runs on the io thread that read the request.
  int handler_threads = 0;
  // Requests that may wait for one of those threads; one more is answered 503 "server busy".
  std::int64_t handler_queue = 256;
  // Called by stop() (e.g. to let a client of the io_context close its idle connection, whose
  // pending read would keep the io_context running).
  std::function<void()> on_stop;
  // With handler threads: start each request on the io thread (Request::may_defer; the
  // handler's steps that block go to a handler thread, Redis is waited for on the event loop:
  // http/deferred.hpp). false: every request's handler runs on a handler thread.
  bool start_inline = true;
  bool handle_signals = false;  // SIGINT and SIGTERM call stop()
  // Peers whose X-Forwarded-For is believed (http/client_address.hpp); empty: the socket
  // peer is the client and the header is ignored. Request::remote_address and the access
  // log's "remote" carry the client's address.
  TrustedProxies trusted_proxies;
  // HTTPS when tls.enabled(): listen() loads the certificate chain and key (its error says
  // what is wrong with them), reload_tls() loads them again. Handshakes are bounded by
  // tls.max_handshakes and tls.handshake_timeout_ms (at most limits.read_timeout_ms); plain
  // HTTP sent to the port gets 400 and one line of text, other non-TLS bytes a silent close.
  core::TlsSettings tls;
  // With handle_signals: SIGHUP calls this (e.g. reload_tls() on each listener); empty: SIGHUP
  // is not handled.
  std::function<void()> on_hangup;
  // Called once per response written (not for a reset connection), on the serving thread,
  // with the request's method as received, the answer's route pattern (Response::route, empty
  // when none matched), its status and the time from the request's start to the write's end.
  // Must be cheap and thread-safe (the metrics: observe/http_request_metrics.hpp).
  std::function<void(std::string_view method, std::string_view route, unsigned status,
                     std::chrono::nanoseconds duration)>
      on_answered;
};

// Registers GET /healthz -> 200 {"status":"ok"}.
void add_health_route(Router& router);

// Why the service cannot serve yet (e.g. "store unreachable"), or nothing when it can.
using ReadinessProbe = std::function<std::optional<std::string>()>;

// Registers GET /livez -> 200 {"status":"ok"} (the process serves requests) and GET /readyz
// -> 200 {"status":"ready"}, or 503 {"status":"not_ready","reason":…} when `probe` names a
// reason (docs/operations.md, "Health").
void add_probe_routes(Router& router, ReadinessProbe probe);

class Server {
 public:
  // `handler` is called on a server thread, possibly concurrently from several threads.
  // `access_log` gets one line per response; `server_log` gets errors (no request parameters).
  // Both loggers must outlive the server.
  Server(ServerOptions options, Handler handler, core::Logger& access_log,
         core::Logger& server_log);
  ~Server();  // stop() and join()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; call once before run()/start(). The error says what failed.
  core::Expected<core::Ok, std::string> listen();
  // The bound port (useful with options.port == 0); 0 before listen().
  std::uint16_t port() const;

  // Serves on the calling thread plus threads-1 others; returns after stop().
  void run();
  // Serves on `threads` background threads; join() waits for them after stop().
  void start();
  // Waits for the threads start() began; may be called from several threads at once.
  void join();
  // Thread-safe, idempotent; may be called from a handler or before run().
  void stop();

  // Connections open now (accepted, not yet closed).
  std::int64_t open_connections() const;
  // The executor of the io_context that serves the connections (for clients whose completions
  // resume answers on it: shared_state::AsyncRedisClient).
  boost::asio::any_io_executor executor();
  // With handler threads: requests waiting for one now, and handlers running now (0 without).
  std::int64_t handler_queue_depth() const;
  std::int64_t handler_threads_busy() const;

  // Whether the listener speaks TLS (options.tls).
  bool tls() const;
  // Loads options.tls's files again: new handshakes use the new pair, open connections keep
  // theirs. On failure the current pair stays, and the error is logged and returned.
  // Thread-safe; only after listen().
  core::Expected<core::Ok, std::string> reload_tls();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mediagate::http
