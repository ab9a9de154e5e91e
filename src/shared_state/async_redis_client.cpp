#include "shared_state/async_redis_client.hpp"

#include <hiredis/hiredis.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <deque>
#include <optional>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>

namespace mediagate::shared_state {

namespace asio = boost::asio;
using asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;
using boost::system::error_code;

namespace {

// One call on its way. `internal` calls (AUTH, SELECT on a new connection) have no handler:
// their error reply fails the connection.
struct Pending {
  std::string command;
  std::string fallback;  // sent instead after a NOSCRIPT reply, when not empty
  std::optional<asio::any_completion_handler<void(AsyncRedisClient::Outcome)>> handler;
  SteadyClock::time_point deadline;
  std::size_t bytes = 0;  // counted in State::pending_bytes while its handler waits
  std::string internal;   // what the internal command is, for the log ("AUTH refused")
};

struct ReaderDeleter {
  void operator()(redisReader* reader) const { redisReaderFree(reader); }
};

}  // namespace

// Everything below runs on `strand`, except the counters (atomics, read anywhere).
struct AsyncRedisClient::State : std::enable_shared_from_this<State> {
  using Handler = AsyncRedisClient::Handler;
  State(const asio::any_io_executor& executor, RedisOptions settings)
      : strand(asio::make_strand(executor)),
        options(std::move(settings)),
        resolver(strand),
        socket(strand),
        timer(strand) {}

  enum class Link { kClosed, kConnecting, kOpen };

  asio::strand<asio::any_io_executor> strand;
  const RedisOptions options;
  tcp::resolver resolver;
  tcp::socket socket;
  asio::steady_timer timer;
  std::unique_ptr<redisReader, ReaderDeleter> reader;
  Link link = Link::kClosed;
  // Bumped whenever the connection is closed: a completion of an older one finds it changed.
  std::uint64_t connection = 0;
  std::deque<Pending> queued;  // not written yet, oldest first
  std::deque<Pending> sent;    // written (or being written): the replies come in this order
  std::string writing;         // the bytes of the write in flight
  bool write_in_flight = false;
  bool timer_armed = false;
  bool closed = false;      // the client is gone
  bool idle_close = false;  // close_when_idle() was called
  SteadyClock::time_point retry_at{};
  std::array<char, std::size_t{16} * 1024> read_buffer{};

  std::atomic<bool> failing{false};
  std::atomic<std::uint64_t> batches{0};
  std::atomic<std::uint64_t> calls{0};
  std::atomic<std::size_t> pending{0};
  std::atomic<std::size_t> pending_bytes{0};

  // Completes `call`'s caller with `outcome`, from a handler of its own on the strand (never
  // inline here: the caller may call again at once), through the caller's executor.
  void complete(Pending& call, Outcome outcome) {
    if (!call.handler) return;
    pending.fetch_sub(1, std::memory_order_relaxed);
    pending_bytes.fetch_sub(call.bytes, std::memory_order_relaxed);
    deliver(strand, std::move(*call.handler), std::move(outcome));
    call.handler.reset();
  }

  static void deliver(const asio::strand<asio::any_io_executor>& on, Handler handler,
                      Outcome outcome) {
    asio::post(on, [handler = std::move(handler), outcome = std::move(outcome)]() mutable {
      auto executor = asio::get_associated_executor(handler);
      asio::dispatch(executor,
                     [handler = std::move(handler), outcome = std::move(outcome)]() mutable {
                       std::move(handler)(std::move(outcome));
                     });
    });
  }

  void submit(Pending call) {
    if (closed) return complete(call, core::unexpected(RedisError::unavailable("redis: closed")));
    const auto now = SteadyClock::now();
    if (link == Link::kClosed && now < retry_at) {
      return complete(call, core::unexpected(RedisError::unavailable("redis: retrying later")));
    }
    call.deadline = now + std::chrono::milliseconds(options.command_timeout_ms);
    if (link != Link::kOpen) call.deadline += std::chrono::milliseconds(options.connect_timeout_ms);
    queued.push_back(std::move(call));
    arm_timer();
    if (link == Link::kClosed) return connect();
    if (link == Link::kOpen) flush();
  }

  void connect() {
    link = Link::kConnecting;
    const std::uint64_t attempt = connection;
    resolver.async_resolve(options.endpoint.host, std::to_string(options.endpoint.port),
                           [self = shared_from_this(), attempt](
                               error_code ec, const tcp::resolver::results_type& found) {
                             if (attempt != self->connection) return;
                             if (ec) return self->fail("redis: resolve: " + ec.message());
                             asio::async_connect(
                                 self->socket, found,
                                 [self, attempt](error_code connect_ec, const tcp::endpoint&) {
                                   if (attempt != self->connection) return;
                                   if (connect_ec) {
                                     return self->fail("redis: connect: " + connect_ec.message());
                                   }
                                   self->opened();
                                 });
                           });
  }

  void opened() {
    error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    reader.reset(redisReaderCreate());
    if (!reader) return fail("redis: cannot allocate a reader");
    link = Link::kOpen;
    const auto deadline =
        SteadyClock::now() + std::chrono::milliseconds(options.command_timeout_ms);
    // Sent ahead of the calls waiting, in this order: SELECT is pushed first, AUTH before it.
    if (options.endpoint.db != 0) {
      Pending select;
      const std::string db = std::to_string(options.endpoint.db);
      append_command(select.command, {"SELECT", db});
      select.deadline = deadline;
      select.internal = "SELECT " + db + " failed";
      queued.push_front(std::move(select));
    }
    if (!options.password.empty()) {
      Pending auth;
      append_command(auth.command, {"AUTH", options.password});
      auth.deadline = deadline;
      auth.internal = "AUTH refused";
      queued.push_front(std::move(auth));
    }
    read();
    flush();
  }

  // Writes every call waiting, in one write, unless a write is in flight.
  void flush() {
    if (write_in_flight || queued.empty() || link != Link::kOpen) return;
    writing.clear();
    std::uint64_t count = 0;
    while (!queued.empty()) {
      writing += queued.front().command;
      if (queued.front().internal.empty()) ++count;
      sent.push_back(std::move(queued.front()));
      queued.pop_front();
    }
    batches.fetch_add(1, std::memory_order_relaxed);
    calls.fetch_add(count, std::memory_order_relaxed);
    write_in_flight = true;
    asio::async_write(
        socket, asio::buffer(writing),
        [self = shared_from_this(), attempt = connection](error_code ec, std::size_t) {
          if (attempt != self->connection) return;
          self->write_in_flight = false;
          if (ec) return self->fail("redis: write: " + ec.message());
          self->flush();
        });
  }

  void read() {
    socket.async_read_some(
        asio::buffer(read_buffer),
        [self = shared_from_this(), attempt = connection](error_code ec, std::size_t bytes) {
          if (attempt != self->connection) return;
          if (ec) {
            // Closed while nothing was asked (Redis's idle timeout, a restart between calls):
            // not an outage; the next call opens a new connection.
            if (self->sent.empty() && self->queued.empty()) return self->close();
            return self->fail("redis: read: " + ec.message());
          }
          if (!self->take(bytes)) return;
          if (self->idle_close && self->idle()) return self->close_when_idle();
          self->read();
        });
  }

  // Feeds `bytes` read to the parser and completes a call per reply. False when the connection
  // failed meanwhile.
  bool take(std::size_t bytes) {
    if (redisReaderFeed(reader.get(), read_buffer.data(), bytes) != REDIS_OK) {
      fail("redis: cannot parse a reply");
      return false;
    }
    for (;;) {
      void* raw = nullptr;
      if (redisReaderGetReply(reader.get(), &raw) != REDIS_OK) {
        fail(std::string("redis: bad reply: ") + reader->errstr);
        return false;
      }
      if (raw == nullptr) return true;
      const std::unique_ptr<redisReply, void (*)(void*)> reply(static_cast<redisReply*>(raw),
                                                               freeReplyObject);
      if (sent.empty()) {
        fail("redis: a reply nobody asked for");
        return false;
      }
      Pending call = std::move(sent.front());
      sent.pop_front();
      if (reply->type != REDIS_REPLY_ERROR) {
        note_success();
        complete(call, to_reply(*reply));
        continue;
      }
      std::string message(reply->str, reply->len);
      if (!call.internal.empty()) {
        fail("redis: " + call.internal);
        return false;
      }
      if (!call.fallback.empty() && message.rfind("NOSCRIPT", 0) == 0) {
        call.command = std::move(call.fallback);
        call.fallback.clear();
        call.deadline = SteadyClock::now() + std::chrono::milliseconds(options.command_timeout_ms);
        queued.push_back(std::move(call));
        flush();
        continue;
      }
      // An error reply (OOM under noeviction, a wrong database) is the operator's business.
      if (options.log != nullptr) {
        options.log->error("redis error reply", {{"detail", std::string_view{message}}});
      }
      complete(call, core::unexpected(RedisError::reply(std::move(message))));
    }
  }

  // Keeps the timer on the earliest deadline of the calls outstanding.
  void arm_timer() {
    if (timer_armed) return;
    std::optional<SteadyClock::time_point> earliest;
    for (const auto* calls_of : {&sent, &queued}) {
      if (!calls_of->empty() && (!earliest || calls_of->front().deadline < *earliest)) {
        earliest = calls_of->front().deadline;
      }
    }
    if (!earliest) return;
    timer_armed = true;
    timer.expires_at(*earliest);
    timer.async_wait([self = shared_from_this()](error_code) {
      self->timer_armed = false;
      self->check_deadlines();
    });
  }

  void check_deadlines() {
    if (closed) return;
    const auto now = SteadyClock::now();
    // Calls are answered in order: the oldest call sent, or waiting, late means every one after
    // it waits behind it. (The internal calls put in front have a later deadline: check both.)
    for (const auto* calls_of : {&sent, &queued}) {
      for (const auto& call : *calls_of) {
        if (call.deadline <= now) {
          return fail(link == Link::kOpen ? "redis: no reply before the timeout"
                                          : "redis: connect: timed out");
        }
        if (calls_of == &sent) break;  // later sent ones have later deadlines
      }
    }
    arm_timer();
  }

  bool idle() const { return sent.empty() && queued.empty(); }

  void close_when_idle() {
    idle_close = true;
    if (!idle()) return;
    close();
    timer.cancel();
  }

  // Closes the connection without failing anything (nothing was outstanding).
  void close() {
    ++connection;
    error_code ignored;
    resolver.cancel();
    socket.close(ignored);
    reader.reset();
    link = Link::kClosed;
    write_in_flight = false;
  }

  // The connection failed: it is closed, every call outstanding fails with `why`, and calls fail
  // at once for retry_interval_ms.
  void fail(const std::string& why) {
    close();
    retry_at = SteadyClock::now() + std::chrono::milliseconds(options.retry_interval_ms);
    std::deque<Pending> outstanding;
    outstanding.swap(sent);
    for (auto& call : queued) outstanding.push_back(std::move(call));
    queued.clear();
    for (auto& call : outstanding) complete(call, core::unexpected(RedisError::unavailable(why)));
    if (!failing.exchange(true) && options.log != nullptr) {
      const std::string address =
          options.endpoint.host + ":" + std::to_string(options.endpoint.port);
      options.log->error("redis unavailable", {{"address", std::string_view{address}},
                                               {"detail", std::string_view{why}},
                                               {"retry_in_ms", options.retry_interval_ms}});
    }
  }

  void note_success() {
    if (failing.load(std::memory_order_relaxed) && failing.exchange(false) &&
        options.log != nullptr) {
      const std::string address =
          options.endpoint.host + ":" + std::to_string(options.endpoint.port);
      options.log->info("redis answers again", {{"address", std::string_view{address}}});
    }
  }

  void shut_down() {
    if (closed) return;
    fail("redis: closed");
    closed = true;
    timer.cancel();
  }
};

AsyncRedisClient::AsyncRedisClient(const asio::any_io_executor& executor, RedisOptions options)
    : options_(std::move(options)), state_(std::make_shared<State>(executor, options_)) {}

AsyncRedisClient::~AsyncRedisClient() {
  asio::dispatch(state_->strand, [state = state_] { state->shut_down(); });
}

std::pair<std::string, std::string> AsyncRedisClient::encode_eval(
    const RedisScript& script, const std::vector<std::string>& keys,
    const std::vector<std::string>& args) {
  std::vector<std::string> argv = evalsha_argv(script, keys, args);
  std::pair<std::string, std::string> encoded;
  append_command(encoded.first, argv);
  argv[0] = "EVAL";
  argv[1] = script.source();
  append_command(encoded.second, argv);
  return encoded;
}

void AsyncRedisClient::submit(std::string command, std::string fallback, Handler handler) {
  Pending call;
  call.command = std::move(command);
  call.fallback = std::move(fallback);
  call.handler.emplace(std::move(handler));
  call.bytes = call.command.size() + call.fallback.size() + kCallOverheadBytes;
  // Counted here, in the caller's thread, so that the bounds hold however many calls race.
  const char* refused = nullptr;
  if (state_->pending.fetch_add(1, std::memory_order_relaxed) >= options_.max_pending) {
    refused = "redis: too many calls waiting (shared_state.max_pending)";
  } else if (state_->pending_bytes.fetch_add(call.bytes, std::memory_order_relaxed) + call.bytes >
             options_.max_pending_bytes) {
    state_->pending_bytes.fetch_sub(call.bytes, std::memory_order_relaxed);
    refused = "redis: too many bytes waiting (shared_state.max_pending_bytes)";
  }
  if (refused != nullptr) {
    state_->pending.fetch_sub(1, std::memory_order_relaxed);
    State::deliver(state_->strand, std::move(*call.handler),
                   core::unexpected(RedisError::unavailable(refused)));
    return;
  }
  asio::dispatch(state_->strand, [state = state_, call = std::move(call)]() mutable {
    state->submit(std::move(call));
  });
}

void AsyncRedisClient::close_when_idle() {
  asio::dispatch(state_->strand, [state = state_] { state->close_when_idle(); });
}

bool AsyncRedisClient::failing() const {
  return state_->failing.load();
}
std::uint64_t AsyncRedisClient::batches_sent() const {
  return state_->batches.load();
}
std::uint64_t AsyncRedisClient::calls_sent() const {
  return state_->calls.load();
}
std::size_t AsyncRedisClient::pending() const {
  return state_->pending.load();
}
std::size_t AsyncRedisClient::pending_bytes() const {
  return state_->pending_bytes.load();
}

}  // namespace mediagate::shared_state
