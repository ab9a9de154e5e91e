// The backends the replay-guard and rate-limiter contracts run against: in memory, Redis, and
// Redis through the event loop.
// A typed test's SetUp calls set_up() (which skips the test when Redis is not configured).
#pragma once

#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "auth/rate_limiter.hpp"
#include "auth/replay_guard.hpp"
#include "shared_state/async_redis_client.hpp"
#include "shared_state/redis_client.hpp"
#include "shared_state/redis_rate_limiter.hpp"
#include "shared_state/redis_replay_guard.hpp"
#include "support/redis_env.hpp"
#include "unit/shared_state/test_redis.hpp"

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
    MEDIAGATE_NEED_REDIS_OPTIONS(options);
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

// The event-loop counterparts (AsyncRedisReplayGuard, AsyncRedisRateLimiter), each call waited
// for by its caller: the contracts hold for them too. The io_context runs on a thread of its
// own, so that the concurrent tests' threads wait for their own answers.
struct EventLoopRedisBackend {
  static constexpr const char* kName = "redis_event_loop";
  EventLoopRedisBackend() = default;
  EventLoopRedisBackend(const EventLoopRedisBackend&) = delete;
  EventLoopRedisBackend& operator=(const EventLoopRedisBackend&) = delete;
  ~EventLoopRedisBackend() {
    client.reset();
    work.reset();
    io.stop();
    if (runner.joinable()) runner.join();
  }
  bool ready() const { return client != nullptr; }
  void set_up() {
    MEDIAGATE_NEED_REDIS_OPTIONS(options);
    client = std::make_unique<AsyncRedisClient>(io.get_executor(), options);
    runner = std::thread([this] { io.run(); });
  }

  class Guard final : public auth::ReplayGuard {
   public:
    explicit Guard(std::unique_ptr<auth::AsyncReplayGuard> async) : async_(std::move(async)) {}
    auth::ReplayCheck first_use(std::string_view scope, std::string_view token, core::EpochMs now,
                                std::int64_t horizon_ms) override {
      std::promise<auth::ReplayCheck> answered;
      async_->first_use(std::string(scope), std::string(token), now, horizon_ms,
                        [&answered](auth::ReplayCheck check) { answered.set_value(check); });
      return answered.get_future().get();
    }

   private:
    std::unique_ptr<auth::AsyncReplayGuard> async_;
  };
  class Limiter final : public auth::RateLimiter {
   public:
    explicit Limiter(std::unique_ptr<auth::AsyncRateLimiter> async) : async_(std::move(async)) {}
    Decision hit(std::string_view key, core::EpochMs now) override {
      std::promise<Decision> answered;
      async_->hit(std::string(key), now,
                  [&answered](Decision decision) { answered.set_value(decision); });
      return answered.get_future().get();
    }

   private:
    std::unique_ptr<auth::AsyncRateLimiter> async_;
  };

  std::unique_ptr<auth::ReplayGuard> replay_guard() {
    return std::make_unique<Guard>(
        std::make_unique<AsyncRedisReplayGuard>(*client, testing::fresh_redis_prefix(), nullptr));
  }
  std::unique_ptr<auth::RateLimiter> rate_limiter(auth::RateLimiterSettings settings) {
    return std::make_unique<Limiter>(std::make_unique<AsyncRedisRateLimiter>(
        *client, testing::fresh_redis_prefix(), "test", settings, nullptr));
  }

  boost::asio::io_context io;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work{
      io.get_executor()};
  std::thread runner;
  std::unique_ptr<AsyncRedisClient> client;
};

struct BackendName {
  template <class T>
  static std::string GetName(int) {
    return T::kName;
  }
};

using Backends = ::testing::Types<MemoryBackend, RedisBackend, EventLoopRedisBackend>;

}  // namespace mediagate::shared_state
