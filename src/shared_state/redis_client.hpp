// A small synchronous Redis client over hiredis, for the shared replay guard and rate limiter:
// a bounded pool of connections, a deadline on every step (connect, each command, waiting for
// a pooled connection), reconnection after errors, and Lua scripts run by EVALSHA (loaded
// again after NOSCRIPT, e.g. when Redis restarted). Errors are values; nothing throws.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/expected.hpp"
#include "core/logger.hpp"

struct redisContext;

namespace mediagate::shared_state {

// redis://HOST:PORT[/DB] (port default 6379, database default 0). HOST is a name or an IPv4
// address; [v6] in brackets. No credentials in the URL (settings are printed): a password
// comes from a file (shared_state.password_file).
struct RedisEndpoint {
  std::string host;
  std::uint16_t port = 6379;
  std::int64_t db = 0;
};
core::Expected<RedisEndpoint, std::string> parse_redis_url(std::string_view url);

struct RedisOptions {
  RedisEndpoint endpoint;
  std::int64_t connect_timeout_ms = 500;
  std::int64_t command_timeout_ms = 500;  // each read/write of a call, and the pool wait
  std::size_t max_connections = 16;
  // Calls made at the same time by several threads are sent together on one connection, up to
  // this many commands per batch (pipelined: one write, their replies read in order), which
  // saves Redis a receive, a send and a wake-up per command; 1: no batching, each call on its
  // own pooled connection (several in flight at once).
  std::size_t max_batch = 64;
  // After a connection failure, calls fail at once (no connect attempt) for this long, so that
  // an outage costs each request microseconds, not a timeout.
  std::int64_t retry_interval_ms = 1'000;
  // AsyncRedisClient: calls sent or waiting to be sent at once on its connection; one more
  // fails at once with kUnavailable (a bound on memory and on how long a reply can be late).
  std::size_t max_pending = 4'096;
  // The same calls' bytes at once, at most: each call's command, its EVAL fallback (the
  // script's source) and AsyncRedisClient::kCallOverheadBytes. One more fails the same way.
  std::size_t max_pending_bytes = std::size_t{8} << 20;
  // Sent with AUTH on every new connection when not empty. Never logged.
  std::string password;
  // Where outages and recoveries are reported (once each, not per call); not owned, may be null.
  core::Logger* log = nullptr;
};

// A reply, reduced to what the scripts return.
struct RedisReply {
  enum class Kind { kNil, kInteger, kString, kStatus, kArray };
  Kind kind = Kind::kNil;
  std::int64_t integer = 0;
  std::string text;  // kString, kStatus
  std::vector<RedisReply> elements;
};

// Why a call failed, a core::Error of kind kUnavailable (no connection, timeout, I/O error: the
// outcome is unknown) or kReply (Redis answered with an error, e.g. OOM with maxmemory-policy
// noeviction).
using RedisError = core::Error;

// A Lua script and its SHA-1, for EVALSHA.
class RedisScript {
 public:
  explicit RedisScript(std::string source);
  const std::string& source() const { return source_; }
  const std::string& sha1() const { return sha1_; }

 private:
  std::string source_;
  std::string sha1_;
};

// Thread-safe. Calls block their thread (like the store's) for at most the timeouts above; with
// Redis down they fail at once. Connections are opened on demand up to max_connections and reused;
// one that fails is closed, and the next call opens a new one.
//
// Batching (group commit, max_batch > 1): a call that finds no batch being sent sends, on one
// connection, every call waiting at that moment (its own first, at most max_batch), then wakes
// their threads with their replies and hands the sending to the first call that arrived
// meanwhile. A call waits for at most the batch in flight and its own, each bounded by the
// timeouts above. If a connection fails under a batch, the calls whose replies had not come
// back fail with kUnavailable (their outcome is unknown), as a single call's would.
class RedisClient {
 public:
  explicit RedisClient(RedisOptions options);
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;
  ~RedisClient();

  // One command, e.g. {"SET", key, value, "PX", "1000"}; arguments are binary-safe.
  core::Expected<RedisReply, RedisError> command(const std::vector<std::string>& argv);
  // EVALSHA script keys... args...; after NOSCRIPT, SCRIPT LOAD and once more (then EVAL).
  core::Expected<RedisReply, RedisError> eval(const RedisScript& script,
                                              const std::vector<std::string>& keys,
                                              const std::vector<std::string>& args);

  const RedisOptions& options() const { return options_; }
  // True from a connection failure until a call succeeds again.
  bool failing() const { return failing_.load(); }
  // Batches sent so far, and the calls they carried (calls ÷ batches: the mean batch).
  std::uint64_t batches_sent() const { return batches_sent_.load(); }
  std::uint64_t calls_sent() const { return calls_sent_.load(); }

 private:
  using SteadyClock = std::chrono::steady_clock;
  struct Lease {
    redisContext* context = nullptr;
    std::uint64_t generation = 0;
    bool reused = false;
  };

  core::Expected<Lease, RedisError> acquire();
  void release(Lease lease, bool healthy);
  void drop_idle_locked();  // closes the idle connections; a new generation begins
  void note_failure(std::string_view why);
  void note_success();
  core::Expected<RedisReply, RedisError> run(const std::vector<std::string>& argv);
  struct Call;
  // Sends `batch` (pipelined on one connection) and fills in each call's outcome.
  void send_batch(const std::vector<Call*>& batch);

  RedisOptions options_;
  std::mutex mutex_;
  std::condition_variable released_;
  std::vector<Lease> idle_;
  std::size_t open_ = 0;
  // Bumped by every connection failure: connections of an older generation are not reused
  // (after an outage or a restart they are dead).
  std::uint64_t generation_ = 0;
  // Transport deadlines are real time (like the HTTP read timeout), not the injected clock.
  SteadyClock::time_point retry_at_{};
  std::atomic<bool> failing_{false};
  std::atomic<std::uint64_t> batches_sent_{0};
  std::atomic<std::uint64_t> calls_sent_{0};

  // The calls waiting to be sent, oldest first, and whether a thread is sending a batch now.
  std::mutex batch_mutex_;
  std::vector<Call*> waiting_;  // under batch_mutex_
  bool sending_ = false;        // under batch_mutex_
};

}  // namespace mediagate::shared_state
