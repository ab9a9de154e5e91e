// The event-loop Redis client: deadlines with an unreachable, a silent and a vanishing server
// (no Redis needed), its bound on calls waiting, and, with the test Redis, replies, scripts,
// many coroutines' calls pipelined on one connection, and an idle connection closed by Redis.
#include "shared_state/async_redis_client.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "support/redis_env.hpp"
#include "unit/shared_state/local_servers.hpp"
#include "unit/shared_state/test_redis.hpp"

namespace mediagate::shared_state {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;
using std::chrono::steady_clock;
using test_servers::closed_port;
using test_servers::SilentServer;
using Outcome = AsyncRedisClient::Outcome;
// Arguments are named, not braced lists, inside coroutines: GCC 12 cannot keep a braced list's
// array across a co_await ("array used as initializer").
const std::vector<std::string> kPing{"PING"};

// Runs `bodies` as coroutines on `io` until each has ended (the client's own read of an open
// connection stays pending: run() alone would not return).
void run_all(asio::io_context& io,
             const std::vector<std::function<asio::awaitable<void>()>>& bodies) {
  std::size_t left = bodies.size();
  std::exception_ptr failure;
  for (const auto& body : bodies) {
    asio::co_spawn(io, body, [&](std::exception_ptr e) {
      if (e) failure = e;
      if (--left == 0) io.stop();
    });
  }
  if (left > 0) io.run();
  io.restart();
  if (failure) std::rethrow_exception(failure);
}

void run(asio::io_context& io, std::function<asio::awaitable<void>()> body) {
  run_all(io, {std::move(body)});
}

// `count` copies of `body` (given its index) at once.
void run_many(asio::io_context& io, int count,
              const std::function<asio::awaitable<void>(int)>& body) {
  std::vector<std::function<asio::awaitable<void>()>> bodies;
  for (int i = 0; i < count; ++i) bodies.emplace_back([&body, i] { return body(i); });
  run_all(io, bodies);
}

asio::awaitable<void> sleep_for(milliseconds duration) {
  asio::steady_timer timer(co_await asio::this_coro::executor, duration);
  co_await timer.async_wait(asio::use_awaitable);
}

std::int64_t ms_since(steady_clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(steady_clock::now() - start).count();
}

TEST(AsyncRedisClient, AnUnreachableServerFailsThenCallsFailAtOnceUntilTheRetry) {
  asio::io_context io;
  RedisOptions options;
  options.endpoint = RedisEndpoint{"127.0.0.1", closed_port(), 0};
  options.retry_interval_ms = 60'000;
  AsyncRedisClient client(io.get_executor(), options);
  run(io, [&]() -> asio::awaitable<void> {
    const auto started = steady_clock::now();
    const Outcome first = co_await client.async_command(kPing, asio::use_awaitable);
    EXPECT_LT(ms_since(started), 1'000);
    EXPECT_FALSE(first);
    if (!first) {
      EXPECT_EQ(first.error().kind, RedisError::Kind::kUnavailable);
      EXPECT_NE(first.error().message.find("connect"), std::string::npos) << first.error().message;
    }
    EXPECT_TRUE(client.failing());
    const auto again = steady_clock::now();
    const Outcome second = co_await client.async_command(kPing, asio::use_awaitable);
    EXPECT_LT(ms_since(again), 50);
    EXPECT_FALSE(second);
    if (!second) {
      EXPECT_EQ(second.error().message, std::string("redis: retrying later"));
    }
  });
  EXPECT_EQ(client.pending(), 0u);
}

TEST(AsyncRedisClient, CallsToASilentServerEndWithinTheCommandTimeout) {
  const SilentServer silent;
  ASSERT_NE(silent.port, 0);
  asio::io_context io;
  RedisOptions options;
  options.endpoint = RedisEndpoint{"127.0.0.1", silent.port, 0};
  options.command_timeout_ms = 200;
  options.retry_interval_ms = 0;  // try again every time: each call must still end in time
  AsyncRedisClient client(io.get_executor(), options);
  // One at a time, then twenty at once: each ends within its own deadline.
  run(io, [&]() -> asio::awaitable<void> {
    for (int i = 0; i < 3; ++i) {
      const auto started = steady_clock::now();
      const Outcome reply = co_await client.async_command(kPing, asio::use_awaitable);
      const auto took = ms_since(started);
      EXPECT_FALSE(reply);
      if (!reply) {
        EXPECT_EQ(reply.error().kind, RedisError::Kind::kUnavailable);
      }
      EXPECT_GE(took, 150);
      EXPECT_LT(took, 1'000);
    }
  });
  int failed = 0;
  std::int64_t longest = 0;
  const auto started = steady_clock::now();
  run_many(io, 20, [&](int) -> asio::awaitable<void> {
    const Outcome reply = co_await client.async_command(kPing, asio::use_awaitable);
    if (!reply && reply.error().kind == RedisError::Kind::kUnavailable) ++failed;
    longest = std::max(longest, ms_since(started));
  });
  EXPECT_EQ(failed, 20);
  EXPECT_GE(longest, 150);
  EXPECT_LT(longest, 1'000);
  EXPECT_EQ(client.pending(), 0u);
}

TEST(AsyncRedisClient, CallsBeyondMaxPendingFailAtOnce) {
  const SilentServer silent;
  ASSERT_NE(silent.port, 0);
  asio::io_context io;
  RedisOptions options;
  options.endpoint = RedisEndpoint{"127.0.0.1", silent.port, 0};
  options.command_timeout_ms = 300;
  options.max_pending = 5;
  AsyncRedisClient client(io.get_executor(), options);
  std::vector<std::int64_t> refused_after;
  int timed_out = 0;
  const auto started = steady_clock::now();
  run_many(io, 8, [&](int) -> asio::awaitable<void> {
    const Outcome reply = co_await client.async_command(kPing, asio::use_awaitable);
    EXPECT_FALSE(reply);
    if (reply) co_return;
    EXPECT_EQ(reply.error().kind, RedisError::Kind::kUnavailable);
    if (reply.error().message.find("max_pending") != std::string::npos) {
      refused_after.push_back(ms_since(started));
    } else {
      ++timed_out;
    }
  });
  ASSERT_EQ(refused_after.size(), 3u);
  for (const auto ms : refused_after) EXPECT_LT(ms, 100);
  EXPECT_EQ(timed_out, 5);
  EXPECT_EQ(client.pending(), 0u);
}

TEST(AsyncRedisClient, CallsBeyondMaxPendingBytesFailAtOnceAndTheBytesAreCounted) {
  const SilentServer silent;
  ASSERT_NE(silent.port, 0);
  asio::io_context io;
  // Each call: a 1 000-byte value in its command plus the bookkeeping; room for three of them.
  const std::vector<std::string> set = {"SET", "k", std::string(1'000, 'v')};
  std::string encoded;
  append_command(encoded, set);
  const std::size_t per_call = encoded.size() + AsyncRedisClient::kCallOverheadBytes;
  RedisOptions options;
  options.endpoint = RedisEndpoint{"127.0.0.1", silent.port, 0};
  options.command_timeout_ms = 300;
  options.max_pending_bytes = 3 * per_call + per_call / 2;
  AsyncRedisClient client(io.get_executor(), options);
  std::vector<std::int64_t> refused_after;
  std::size_t most_bytes = 0;
  int timed_out = 0;
  const auto started = steady_clock::now();
  run_many(io, 5, [&](int) -> asio::awaitable<void> {
    const Outcome reply = co_await client.async_command(set, asio::use_awaitable);
    most_bytes = std::max(most_bytes, client.pending_bytes());
    EXPECT_FALSE(reply);
    if (reply) co_return;
    EXPECT_EQ(reply.error().kind, RedisError::Kind::kUnavailable);
    if (reply.error().message == "redis: too many bytes waiting (shared_state.max_pending_bytes)") {
      refused_after.push_back(ms_since(started));
    } else {
      ++timed_out;
    }
  });
  ASSERT_EQ(refused_after.size(), 2u);
  for (const auto ms : refused_after) EXPECT_LT(ms, 100);
  EXPECT_EQ(timed_out, 3);
  // While the two refused calls completed, the three others were outstanding.
  EXPECT_EQ(most_bytes, 3 * per_call);
  EXPECT_EQ(client.pending_bytes(), 0u);
  EXPECT_EQ(client.pending(), 0u);
}

TEST(AsyncRedisClient, CallsInFlightEndWhenTheClientIsDestroyed) {
  const SilentServer silent;
  ASSERT_NE(silent.port, 0);
  asio::io_context io;
  RedisOptions options;
  options.endpoint = RedisEndpoint{"127.0.0.1", silent.port, 0};
  options.command_timeout_ms = 5'000;
  auto client = std::make_unique<AsyncRedisClient>(io.get_executor(), options);
  std::vector<std::string> messages;
  const auto started = steady_clock::now();
  run_many(io, 4, [&](int i) -> asio::awaitable<void> {
    if (i == 3) {  // the last one destroys the client while the others wait
      co_await sleep_for(milliseconds(100));
      client.reset();
      co_return;
    }
    const Outcome reply = co_await client->async_command(kPing, asio::use_awaitable);
    if (!reply) messages.push_back(reply.error().message);
  });
  EXPECT_LT(ms_since(started), 1'000);  // not the 5 s timeout
  ASSERT_EQ(messages.size(), 3u);
  for (const auto& message : messages) EXPECT_EQ(message, "redis: closed");
}

class AsyncRedisLive : public ::testing::Test {
 protected:
  void SetUp() override {
    MEDIAGATE_NEED_REDIS_OPTIONS(options);
    options_ = options;
    options_.retry_interval_ms = 0;
    client_ = std::make_unique<AsyncRedisClient>(io_.get_executor(), options_);
    prefix_ = mediagate::testing::fresh_redis_prefix();
  }
  // One call, run to its end.
  Outcome call(const std::vector<std::string>& argv) {
    std::optional<Outcome> outcome;
    run(io_, [&]() -> asio::awaitable<void> {
      outcome = co_await client_->async_command(argv, asio::use_awaitable);
    });
    return std::move(*outcome);
  }
  asio::io_context io_;
  RedisOptions options_;
  std::unique_ptr<AsyncRedisClient> client_;
  std::string prefix_;
};

TEST_F(AsyncRedisLive, CommandsAndReplies) {
  const auto pong = call({"PING"});
  ASSERT_TRUE(pong) << pong.error().message;
  EXPECT_EQ(pong->kind, RedisReply::Kind::kStatus);
  EXPECT_EQ(pong->text, "PONG");
  const std::string key = prefix_ + "k";
  const std::string binary("a\0b\r\n*1\r\n", 9);
  ASSERT_TRUE(call({"SET", key, binary}));
  const auto got = call({"GET", key});
  ASSERT_TRUE(got);
  EXPECT_EQ(got->kind, RedisReply::Kind::kString);
  EXPECT_EQ(got->text, binary);
  const auto missing = call({"GET", key + "-none"});
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->kind, RedisReply::Kind::kNil);
  const auto error = call({"INCR", key});
  ASSERT_FALSE(error);
  EXPECT_EQ(error.error().kind, RedisError::Kind::kReply);
  EXPECT_FALSE(client_->failing());       // an error reply is not an outage
  const auto after = call({"DEL", key});  // the connection still works after an error reply
  ASSERT_TRUE(after);
  EXPECT_EQ(after->integer, 1);
}

TEST_F(AsyncRedisLive, ScriptsRunAgainAfterAFlush) {
  const RedisScript script("return {KEYS[1], ARGV[1], 7}");
  auto eval = [&](const std::string& key, const std::string& arg) {
    std::optional<Outcome> outcome;
    run(io_, [&]() -> asio::awaitable<void> {
      const std::vector<std::string> keys{key};
      const std::vector<std::string> args{arg};
      outcome = co_await client_->async_eval(script, keys, args, asio::use_awaitable);
    });
    return std::move(*outcome);
  };
  auto reply = eval("k", "v");
  ASSERT_TRUE(reply) << reply.error().message;
  ASSERT_EQ(reply->elements.size(), 3u);
  EXPECT_EQ(reply->elements[0].text, "k");
  EXPECT_EQ(reply->elements[2].integer, 7);
  ASSERT_TRUE(call({"SCRIPT", "FLUSH"}));
  reply = eval("k2", "v2");
  ASSERT_TRUE(reply) << reply.error().message;
  ASSERT_EQ(reply->elements.size(), 3u);
  EXPECT_EQ(reply->elements[1].text, "v2");
  // Loaded again by the EVAL: the next one goes by its SHA-1 alone.
  const auto exists = call({"SCRIPT", "EXISTS", script.sha1()});
  ASSERT_TRUE(exists);
  ASSERT_EQ(exists->elements.size(), 1u);
  EXPECT_EQ(exists->elements[0].integer, 1);
}

// 64 coroutines each count their own key up 50 times, all at once on one connection: every
// reply is its caller's (the counts go 1, 2, 3, ... for each), and calls share writes.
TEST_F(AsyncRedisLive, ManyCoroutinesEachGetTheirOwnReplies) {
  constexpr int kCallers = 64;
  constexpr int kCalls = 50;
  int wrong = 0;
  int done = 0;
  run_many(io_, kCallers, [&](int caller) -> asio::awaitable<void> {
    const std::string key = prefix_ + "n" + std::to_string(caller);
    for (int i = 1; i <= kCalls; ++i) {
      // Every fifth call is an error reply among the others' successes.
      if (i % 5 == 0) {
        const std::vector<std::string> hget{"HGET", key, "f"};
        const Outcome error = co_await client_->async_command(hget, asio::use_awaitable);
        if (error || error.error().kind != RedisError::Kind::kReply) ++wrong;
      }
      const std::vector<std::string> incr{"INCR", key};
      const Outcome reply = co_await client_->async_command(incr, asio::use_awaitable);
      if (!reply || reply->kind != RedisReply::Kind::kInteger || reply->integer != i) ++wrong;
    }
    ++done;
  });
  EXPECT_EQ(done, kCallers);
  EXPECT_EQ(wrong, 0);
  const std::uint64_t calls = kCallers * (kCalls + kCalls / 5);
  EXPECT_EQ(client_->calls_sent(), calls);
  EXPECT_LT(client_->batches_sent(), calls / 4);  // pipelined: far fewer writes than calls
  EXPECT_EQ(client_->pending(), 0u);
  for (int caller = 0; caller < kCallers; ++caller) {
    ASSERT_TRUE(call({"DEL", prefix_ + "n" + std::to_string(caller)}));
  }
}

// Redis closes a connection nothing is waiting on (its idle timeout, CLIENT KILL, a restart
// between calls): the next call opens a new one and succeeds; it is not an outage.
TEST_F(AsyncRedisLive, AnIdleConnectionClosedByRedisIsOpenedAgain) {
  const auto id = call({"CLIENT", "ID"});
  ASSERT_TRUE(id) << id.error().message;
  RedisClient other(options_);
  const auto killed = other.command({"CLIENT", "KILL", "ID", std::to_string(id->integer)});
  ASSERT_TRUE(killed) << killed.error().message;
  EXPECT_EQ(killed->integer, 1);
  run(io_, []() -> asio::awaitable<void> { co_await sleep_for(milliseconds(100)); });
  const auto after = call({"CLIENT", "ID"});
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_NE(after->integer, id->integer);
  EXPECT_FALSE(client_->failing());
}

}  // namespace
}  // namespace mediagate::shared_state
