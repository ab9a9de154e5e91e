// The rate limiter kept in Redis: a key's requests are counted across every instance sharing
// the Redis (and key prefix). Same semantics as auth::InMemoryRateLimiter (decisions.md,
// "rate limit"): a fixed window opens at a key's first request; the (max_requests + 1)th request
// within it is refused and starts a block of block_ms; after the block, a fresh window.
#pragma once

#include <functional>
#include <string>

#include "auth/rate_limiter.hpp"
#include "shared_state/async_redis_client.hpp"
#include "shared_state/fallback.hpp"
#include "shared_state/redis_client.hpp"

namespace mediagate::shared_state {

// One hash per key (window start and end, count, block end), read and updated by one Lua
// script, so concurrent instances count exactly. Instants come from the caller's `now`; the
// key's Redis TTL only reclaims memory. A Redis failure is Decision{unavailable = true}.
class RedisRateLimiter final : public auth::RateLimiter {
 public:
  // `client` is not owned and must outlive the limiter. `name` separates limiters that share
  // a prefix (the limit group's name).
  RedisRateLimiter(RedisClient& client, std::string key_prefix, std::string name,
                   auth::RateLimiterSettings settings);

  Decision hit(std::string_view key, core::EpochMs now) override;

 private:
  RedisClient& client_;
  std::string key_prefix_;
  std::string name_;
  auth::RateLimiterSettings settings_;
};

// The same limiter (same key, script and meanings) through the event loop's client, for a
// caller that must not block. With `fallback` (the "local" failure policy), an outage is decided
// by that limiter's local memory, as its own hit would.
class AsyncRedisRateLimiter final : public auth::AsyncRateLimiter {
 public:
  // Not owned; both must outlive the limiter (`fallback` may be null).
  AsyncRedisRateLimiter(AsyncRedisClient& client, std::string key_prefix, std::string name,
                        auth::RateLimiterSettings settings, FallbackRateLimiter* fallback);

  void hit(std::string key, core::EpochMs now,
           std::function<void(auth::RateLimiter::Decision)> done) override;

 private:
  AsyncRedisClient& client_;
  std::string key_prefix_;
  std::string name_;
  auth::RateLimiterSettings settings_;
  FallbackRateLimiter* fallback_;
};

}  // namespace mediagate::shared_state
