// The replay guard kept in Redis: a token used on one instance is refused on every instance
// sharing the Redis (and key prefix). One Lua script reads and records the pair atomically.
#pragma once

#include <functional>
#include <string>

#include "auth/replay_guard.hpp"
#include "shared_state/async_redis_client.hpp"
#include "shared_state/fallback.hpp"
#include "shared_state/redis_client.hpp"

namespace mediagate::shared_state {

// Each (scope, token) pair is one key (replay_key: a hash of the pair, 22 characters after the
// prefix) holding the instant its use expires (by the injected clock); the script compares it
// with `now`, so expiry follows the caller's clock, not Redis's. The key's Redis TTL (lifetime
// + a margin) only reclaims memory. Any Redis failure is kUnavailable: the token is then not
// known to be recorded.
class RedisReplayGuard final : public auth::ReplayGuard {
 public:
  // `client` is not owned and must outlive the guard.
  RedisReplayGuard(RedisClient& client, std::string key_prefix);

  auth::ReplayCheck first_use(std::string_view scope, std::string_view token, core::EpochMs now,
                              std::int64_t horizon_ms) override;

 private:
  RedisClient& client_;
  std::string key_prefix_;
};

// The same guard (same keys, same commands, same meanings) through the event loop's client,
// for a caller that must not block. With `fallback` (the "local" failure policy), an outage's
// kUnavailable is decided by that guard's local memory, as its own first_use would.
class AsyncRedisReplayGuard final : public auth::AsyncReplayGuard {
 public:
  // Not owned; both must outlive the guard (`fallback` may be null).
  AsyncRedisReplayGuard(AsyncRedisClient& client, std::string key_prefix,
                        FallbackReplayGuard* fallback);

  void first_use(std::string scope, std::string token, core::EpochMs now, std::int64_t horizon_ms,
                 std::function<void(auth::ReplayCheck)> done) override;

 private:
  AsyncRedisClient& client_;
  std::string key_prefix_;
  FallbackReplayGuard* fallback_;
};

}  // namespace mediagate::shared_state
