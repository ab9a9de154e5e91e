// The rate limiter kept in Redis: a key's requests are counted across every instance sharing
// the Redis (and key prefix). Same semantics as auth::InMemoryRateLimiter (decisions.md,
// "rate limit"): a fixed window opens at a key's first request; the (max_requests + 1)th request
// within it is refused and starts a block of block_ms; after the block, a fresh window.
#pragma once

#include <string>

#include "auth/rate_limiter.hpp"
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

}  // namespace mediagate::shared_state
