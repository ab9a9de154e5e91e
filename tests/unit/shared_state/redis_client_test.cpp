// The Redis client layer: URL parsing, key and instant encodings, timeouts with an unreachable
// or silent server (no Redis needed), and, with the test Redis, scripts, TTLs, prefixes and
// sharing between clients (as between instances).
#include "shared_state/redis_client.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <random>
#include <thread>
#include <vector>

#include "shared_state/redis_keys.hpp"
#include "shared_state/redis_rate_limiter.hpp"
#include "shared_state/redis_replay_guard.hpp"
#include "support/redis_env.hpp"
#include "unit/shared_state/local_servers.hpp"
#include "unit/shared_state/test_redis.hpp"

namespace mediagate::shared_state {
namespace {

using test_servers::closed_port;
using test_servers::SilentServer;

using std::chrono::milliseconds;
using std::chrono::steady_clock;
constexpr core::EpochMs kStart = 1'700'000'000'000;

TEST(RedisUrl, ParsesHostPortAndDatabase) {
  auto a = parse_redis_url("redis://127.0.0.1:6380/2");
  ASSERT_TRUE(a) << a.error();
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 6380);
  EXPECT_EQ(a->db, 2);
  auto b = parse_redis_url("redis://cache.internal");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->host, "cache.internal");
  EXPECT_EQ(b->port, 6379);
  EXPECT_EQ(b->db, 0);
  auto c = parse_redis_url("redis://[::1]:7000/");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->host, "::1");
  EXPECT_EQ(c->port, 7000);
  for (const char* bad :
       {"memory", "redis://", "redis://:6379", "redis://h:0", "redis://h:65536", "redis://h:x",
        "redis://h:/1", "redis://h/-1", "redis://h/a", "http://h:1", "redis://[::1:1"}) {
    EXPECT_FALSE(parse_redis_url(bad)) << bad;
  }
  const auto secret = parse_redis_url("redis://user:hunter2@h:1");
  ASSERT_FALSE(secret);
  EXPECT_EQ(secret.error().find("hunter2"), std::string::npos);  // never echoed
}

TEST(RedisKeys, InstantEncodingKeepsTheOrder) {
  std::vector<core::EpochMs> instants = {
      std::numeric_limits<std::int64_t>::min(), -1'000, -1, 0, 1, kStart, kStart + 1,
      std::numeric_limits<std::int64_t>::max()};
  std::mt19937_64 random(42);
  for (int i = 0; i < 200; ++i) instants.push_back(static_cast<std::int64_t>(random()));
  std::sort(instants.begin(), instants.end());
  for (std::size_t i = 0; i + 1 < instants.size(); ++i) {
    const auto a = encode_instant(instants[i]);
    const auto b = encode_instant(instants[i + 1]);
    EXPECT_EQ(a.size(), 20u);
    if (instants[i] < instants[i + 1]) {
      EXPECT_LT(a, b) << instants[i] << " " << instants[i + 1];
    } else {
      EXPECT_EQ(a, b);
    }
  }
}

TEST(RedisKeys, TtlCoversTheLifetimeWithinBounds) {
  EXPECT_EQ(ttl_ms(kStart, kStart + 1'000), 61'000);
  EXPECT_EQ(ttl_ms(kStart, kStart), 60'000);
  EXPECT_EQ(ttl_ms(kStart, kStart - 5), 60'000);
  const auto max = std::numeric_limits<std::int64_t>::max();
  const auto min = std::numeric_limits<std::int64_t>::min();
  EXPECT_EQ(ttl_ms(min, max), std::int64_t{1} << 40);
  EXPECT_EQ(ttl_ms(max, min), 60'000);
}

TEST(RedisKeys, KeysAreUnambiguous) {
  EXPECT_NE(make_key("p:", "replay", "ab", "c"), make_key("p:", "replay", "a", "bc"));
  EXPECT_EQ(make_key("p:", "replay", "iqiyi:X", "m1"), "p:replay:7:iqiyi:Xm1");
}

TEST(RedisClient, UnreachableRedisFailsFastAndThenWithoutTrying) {
  RedisOptions options;
  options.endpoint = RedisEndpoint{"127.0.0.1", closed_port(), 0};
  options.retry_interval_ms = 60'000;
  RedisClient client(options);
  const auto started = steady_clock::now();
  const auto first = client.command({"PING"});
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().kind, RedisError::Kind::kUnavailable);
  EXPECT_TRUE(client.failing());
  const auto second = client.command({"PING"});
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().message.find("retrying later"), std::string::npos);
  EXPECT_LT(steady_clock::now() - started, milliseconds(500));

  RedisReplayGuard guard(client, "p:");
  EXPECT_EQ(guard.first_use("s", "t", kStart, 1'000), auth::ReplayCheck::kUnavailable);
  RedisRateLimiter limiter(client, "p:", "polyv", auth::RateLimiterSettings{1, 1'000, 1'000});
  const auto decision = limiter.hit("k", kStart);
  EXPECT_FALSE(decision.allowed);
  EXPECT_TRUE(decision.unavailable);
}

TEST(RedisClient, ASilentServerTimesOutWithinTheCommandTimeout) {
  const SilentServer silent;
  ASSERT_NE(silent.port, 0);
  RedisOptions options;
  options.endpoint = RedisEndpoint{"127.0.0.1", silent.port, 0};
  options.command_timeout_ms = 200;
  options.retry_interval_ms = 0;  // try again every time: each call must still end in time
  RedisClient client(options);
  for (int i = 0; i < 3; ++i) {
    const auto started = steady_clock::now();
    const auto reply = client.command({"PING"});
    const auto took = steady_clock::now() - started;
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().kind, RedisError::Kind::kUnavailable);
    EXPECT_GE(took, milliseconds(150));
    EXPECT_LT(took, milliseconds(1'000)) << reply.error().message;
  }
}

// Calls made at the same time while a batch waits on the silent server: each still ends within
// the batch in flight and its own (two command timeouts), none hangs.
TEST(RedisClient, CallsWaitingBehindAStuckBatchEndInBoundedTime) {
  const SilentServer silent;
  ASSERT_NE(silent.port, 0);
  RedisOptions options;
  options.endpoint = RedisEndpoint{"127.0.0.1", silent.port, 0};
  options.command_timeout_ms = 200;
  options.retry_interval_ms = 0;
  RedisClient client(options);
  std::atomic<int> failed{0};
  std::atomic<std::int64_t> longest_ms{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] {
      const auto started = steady_clock::now();
      const auto reply = client.command({"PING"});
      const auto took =
          std::chrono::duration_cast<milliseconds>(steady_clock::now() - started).count();
      if (!reply && reply.error().kind == RedisError::Kind::kUnavailable) ++failed;
      std::int64_t seen = longest_ms.load();
      while (took > seen && !longest_ms.compare_exchange_weak(seen, took)) {
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failed.load(), 6);
  // A connect (accepted from the backlog at once) and a read timeout per batch; a call waits for
  // at most two batches.
  EXPECT_LT(longest_ms.load(), 1'000);
}

class RedisLive : public ::testing::Test {
 protected:
  void SetUp() override {
    MEDIAGATE_NEED_REDIS_OPTIONS(options);
    options_ = options;
    options_.retry_interval_ms = 0;
    client_ = std::make_unique<RedisClient>(options_);
    prefix_ = testing::fresh_redis_prefix();
  }
  RedisOptions options_;
  std::unique_ptr<RedisClient> client_;
  std::string prefix_;
};

TEST_F(RedisLive, CommandsAndReplies) {
  const auto pong = client_->command({"PING"});
  ASSERT_TRUE(pong) << pong.error().message;
  EXPECT_EQ(pong->kind, RedisReply::Kind::kStatus);
  EXPECT_EQ(pong->text, "PONG");
  const std::string key = prefix_ + "k";
  const std::string binary("a\0b\r\n", 5);
  ASSERT_TRUE(client_->command({"SET", key, binary}));
  const auto got = client_->command({"GET", key});
  ASSERT_TRUE(got);
  EXPECT_EQ(got->kind, RedisReply::Kind::kString);
  EXPECT_EQ(got->text, binary);
  const auto error = client_->command({"INCR", key});
  ASSERT_FALSE(error);
  EXPECT_EQ(error.error().kind, RedisError::Kind::kReply);
  EXPECT_FALSE(client_->failing());  // an error reply is not an outage
  ASSERT_TRUE(client_->command({"DEL", key}));
}

TEST_F(RedisLive, ScriptsAreLoadedAgainAfterAFlush) {
  const RedisScript script("return {KEYS[1], ARGV[1], 7}");
  auto reply = client_->eval(script, {"k"}, {"v"});
  ASSERT_TRUE(reply) << reply.error().message;
  ASSERT_EQ(reply->elements.size(), 3u);
  EXPECT_EQ(reply->elements[0].text, "k");
  EXPECT_EQ(reply->elements[2].integer, 7);
  ASSERT_TRUE(client_->command({"SCRIPT", "FLUSH"}));
  reply = client_->eval(script, {"k2"}, {"v2"});
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_EQ(reply->elements[1].text, "v2");
}

TEST_F(RedisLive, ReplayKeysHaveATtlAndThePrefix) {
  RedisReplayGuard guard(*client_, prefix_);
  ASSERT_EQ(guard.first_use("scope", "token", kStart, 5'000), auth::ReplayCheck::kFirstUse);
  const auto ttl = client_->command({"PTTL", replay_key(prefix_, "scope", "token")});
  ASSERT_TRUE(ttl);
  EXPECT_GT(ttl->integer, 60'000);
  EXPECT_LE(ttl->integer, 65'000);
  RedisRateLimiter limiter(*client_, prefix_, "polyv", auth::RateLimiterSettings{1, 1'000, 9'000});
  limiter.hit("10.0.0.1", kStart);
  limiter.hit("10.0.0.1", kStart);  // blocked: the key lives as long as the block
  const auto rate_ttl = client_->command({"PTTL", make_key(prefix_, "rate", "polyv", "10.0.0.1")});
  ASSERT_TRUE(rate_ttl);
  EXPECT_GT(rate_ttl->integer, 60'000);
  EXPECT_LE(rate_ttl->integer, 69'000);
}

TEST_F(RedisLive, TwoClientsShareStateLikeTwoInstances) {
  RedisClient other_client(options_);
  RedisReplayGuard a(*client_, prefix_);
  RedisReplayGuard b(other_client, prefix_);
  EXPECT_EQ(a.first_use("pumpkin:TEST_PID", "nonce", kStart, 900'000),
            auth::ReplayCheck::kFirstUse);
  EXPECT_EQ(b.first_use("pumpkin:TEST_PID", "nonce", kStart + 1, 900'000),
            auth::ReplayCheck::kReplay);
  // Another prefix (another deployment) is independent.
  RedisReplayGuard elsewhere(other_client, prefix_ + "other:");
  EXPECT_EQ(elsewhere.first_use("pumpkin:TEST_PID", "nonce", kStart, 900'000),
            auth::ReplayCheck::kFirstUse);

  const auth::RateLimiterSettings limits{3, 10'000, 60'000};
  RedisRateLimiter la(*client_, prefix_, "polyv", limits);
  RedisRateLimiter lb(other_client, prefix_, "polyv", limits);
  EXPECT_TRUE(la.hit("ip", kStart).allowed);
  EXPECT_TRUE(lb.hit("ip", kStart).allowed);
  EXPECT_TRUE(la.hit("ip", kStart).allowed);
  const auto refused = lb.hit("ip", kStart);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.blocked_until, kStart + 60'000);
  EXPECT_FALSE(la.hit("ip", kStart + 30'000).allowed);
}

TEST_F(RedisLive, ThePoolIsBoundedAndServesEveryThread) {
  options_.max_connections = 2;
  RedisClient small(options_);
  RedisRateLimiter limiter(small, prefix_, "pool", auth::RateLimiterSettings{400, 10'000, 1});
  std::atomic<int> allowed{0};
  std::atomic<int> unavailable{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        const auto decision = limiter.hit("k", kStart);
        if (decision.allowed) ++allowed;
        if (decision.unavailable) ++unavailable;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(unavailable.load(), 0);
  EXPECT_EQ(allowed.load(), 400);  // 8 threads over 2 connections: each waited its turn
}

// Threads calling at the same time share batches on one connection, and every call gets its own
// reply, error replies included, in a batch with others' successes.
TEST_F(RedisLive, ConcurrentCallsAreBatchedAndEachGetsItsOwnReply) {
  for (const std::size_t max_batch : {std::size_t{64}, std::size_t{3}, std::size_t{1}}) {
    options_.max_batch = max_batch;
    RedisClient client(options_);
    const std::string text_key = prefix_ + "text";
    ASSERT_TRUE(client.command({"SET", text_key, "not a number"}));
    constexpr int kThreads = 8;
    constexpr int kCalls = 150;
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kCalls; ++i) {
          const std::string value = std::to_string(t) + ":" + std::to_string(i);
          if (i % 5 == 4) {  // an error reply among the others'
            const auto error = client.command({"INCR", text_key});
            if (error || error.error().kind != RedisError::Kind::kReply) ++wrong;
            continue;
          }
          const auto echoed = client.command({"ECHO", value});
          if (!echoed || echoed->kind != RedisReply::Kind::kString || echoed->text != value) {
            ++wrong;
          }
          const auto counted = client.command({"INCR", prefix_ + "n" + std::to_string(t)});
          if (!counted || counted->integer != i - i / 5 + 1) ++wrong;
        }
      });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(wrong.load(), 0) << "max_batch " << max_batch;
    EXPECT_FALSE(client.failing());
    const std::uint64_t calls = client.calls_sent();
    EXPECT_EQ(calls, 1u + kThreads * (kCalls / 5 * 9));
    if (max_batch == 1) {
      EXPECT_EQ(client.batches_sent(), calls);
    } else {
      EXPECT_LT(client.batches_sent(), calls) << "max_batch " << max_batch;
      EXPECT_GE(client.batches_sent() * max_batch, calls);
    }
    for (int t = 0; t < kThreads; ++t) {
      ASSERT_TRUE(client.command({"DEL", prefix_ + "n" + std::to_string(t)}));
    }
  }
}

}  // namespace
}  // namespace mediagate::shared_state
