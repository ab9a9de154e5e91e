// A Redis client for the event loop. A call suspends its caller (a coroutine, or any Asio
// completion token) instead of blocking a thread: the commands of every call made while the
// connection is busy go out together in the next write (pipelined), and each reply completes its
// own call, in order. One connection, opened on demand and again after a failure; the same
// deadlines and failure meanings as RedisClient (connect and command timeouts; kUnavailable when
// the outcome is unknown, kReply when Redis answered with an error; after a failure, calls fail
// at once for retry_interval_ms).
//
// Thread-safe: calls may be made from any thread; the client's own work runs on a strand of the
// executor it is given, and each call completes through its completion handler's executor (a
// coroutine resumes where it was). Callers run on the same io_context (a call in flight does not
// keep another io_context's run() going). Destroy it before its io_context; calls still in
// flight then complete with kUnavailable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>

#include "shared_state/redis_client.hpp"
#include "shared_state/redis_protocol.hpp"

namespace mediagate::shared_state {

class AsyncRedisClient {
 public:
  using Outcome = core::Expected<RedisReply, RedisError>;

  AsyncRedisClient(const boost::asio::any_io_executor& executor, RedisOptions options);
  AsyncRedisClient(const AsyncRedisClient&) = delete;
  AsyncRedisClient& operator=(const AsyncRedisClient&) = delete;
  ~AsyncRedisClient();

  // One command, e.g. {"SET", key, value, "NX", "PX", "1000"}; completes with void(Outcome).
  template <class Token>
  auto async_command(const std::vector<std::string>& argv, Token&& token) {
    std::string command;  // encoded now: the token may start the call later (lazily)
    append_command(command, argv);
    return boost::asio::async_initiate<Token, void(Outcome)>(
        [this](auto handler, std::string encoded) {
          submit(std::move(encoded), {}, Handler(std::move(handler)));
        },
        token, std::move(command));
  }

  // EVALSHA script keys... args...; after NOSCRIPT (a restarted or flushed Redis), EVAL with the
  // source, which also loads the script again. Completes with void(Outcome).
  template <class Token>
  auto async_eval(const RedisScript& script, const std::vector<std::string>& keys,
                  const std::vector<std::string>& args, Token&& token) {
    auto [by_sha, by_source] = encode_eval(script, keys, args);
    return boost::asio::async_initiate<Token, void(Outcome)>(
        [this](auto handler, std::string command, std::string fallback) {
          submit(std::move(command), std::move(fallback), Handler(std::move(handler)));
        },
        token, std::move(by_sha), std::move(by_source));
  }

  // Closes the connection as soon as no call is outstanding (at once when none is), and again
  // after each later call, so that the connection's pending read does not keep its io_context
  // running once the server stops. Calls made meanwhile are served as before.
  void close_when_idle();

  const RedisOptions& options() const { return options_; }
  // True from a connection failure until a call succeeds again.
  bool failing() const;
  // Writes made so far, and the calls they carried (calls ÷ writes: the mean batch).
  std::uint64_t batches_sent() const;
  std::uint64_t calls_sent() const;
  // Calls sent or waiting to be sent now (at most options().max_pending).
  std::size_t pending() const;
  // Their bytes (at most options().max_pending_bytes): commands, fallbacks, and per call
  // kCallOverheadBytes for its bookkeeping and its completion handler.
  std::size_t pending_bytes() const;
  static constexpr std::size_t kCallOverheadBytes = 256;

 private:
  using Handler = boost::asio::any_completion_handler<void(Outcome)>;
  static std::pair<std::string, std::string> encode_eval(const RedisScript& script,
                                                         const std::vector<std::string>& keys,
                                                         const std::vector<std::string>& args);
  // `command` encoded; `fallback`, when not empty, is sent instead after a NOSCRIPT reply.
  // Refused at once (kUnavailable) beyond max_pending calls or max_pending_bytes.
  void submit(std::string command, std::string fallback, Handler handler);

  struct State;
  RedisOptions options_;
  std::shared_ptr<State> state_;
};

}  // namespace mediagate::shared_state
