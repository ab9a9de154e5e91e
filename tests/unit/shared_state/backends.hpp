// The backends the replay-guard and rate-limiter contracts run against: in memory and Redis.
// A typed test's SetUp calls set_up() (which skips the test when Redis is not configured).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "auth/rate_limiter.hpp"
#include "auth/replay_guard.hpp"
#include "shared_state/redis_client.hpp"
#include "shared_state/redis_rate_limiter.hpp"
#include "shared_state/redis_replay_guard.hpp"
#include "support/redis_env.hpp"

namespace mediagate::shared_state {

struct MemoryBackend {
  static constexpr const char* kName = "memory";
  bool ready() const { return true; }
  void set_up() {}
  std::unique_ptr<auth::ReplayGuard> replay_guard() {
    return std::make_unique<auth::InMemoryReplayGuard>();
  }
  std::unique_ptr<auth::RateLimiter> rate_limiter(auth::RateLimiterSettings settings) {
    return std::make_unique<auth::InMemoryRateLimiter>(settings);
  }
};

// Each object made has its own key namespace, like a new in-memory object.
struct RedisBackend {
  static constexpr const char* kName = "redis";
  bool ready() const { return client != nullptr; }
  void set_up() {
    MEDIAGATE_NEED_REDIS(url);
    auto endpoint = parse_redis_url(url);
    ASSERT_TRUE(endpoint) << endpoint.error();
    RedisOptions options;
    options.endpoint = *endpoint;
    options.max_connections = 8;
    client = std::make_unique<RedisClient>(options);
  }
  std::unique_ptr<auth::ReplayGuard> replay_guard() {
    return std::make_unique<RedisReplayGuard>(*client, testing::fresh_redis_prefix());
  }
  std::unique_ptr<auth::RateLimiter> rate_limiter(auth::RateLimiterSettings settings) {
    return std::make_unique<RedisRateLimiter>(*client, testing::fresh_redis_prefix(), "test",
                                              settings);
  }
  std::unique_ptr<RedisClient> client;
};

struct BackendName {
  template <class T>
  static std::string GetName(int) {
    return T::kName;
  }
};

using Backends = ::testing::Types<MemoryBackend, RedisBackend>;

}  // namespace mediagate::shared_state
