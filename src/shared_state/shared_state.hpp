// Builds the replay guard and the modules' rate limiters that core::SharedStateSettings asks for:
// in this process ("memory") or in Redis ("redis://…"), with the configured failure policy.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "auth/rate_limiter.hpp"
#include "auth/replay_guard.hpp"
#include "core/config.hpp"
#include "core/expected.hpp"
#include "core/logger.hpp"
#include "shared_state/async_redis_client.hpp"
#include "shared_state/fallback.hpp"
#include "shared_state/redis_client.hpp"

namespace mediagate::shared_state {

struct SharedState {
  std::unique_ptr<RedisClient> redis;  // null for "memory"; used by the two below
  std::unique_ptr<auth::ReplayGuard> replay_guard;
  // What make_async_shared_state needs of the objects above (they own what it points to).
  struct Links {
    // replay_guard itself when it is the "local" failure policy's (else null): the
    // asynchronous guard decides outages by the same memory.
    FallbackReplayGuard* replay_fallback = nullptr;
    // For each rate limiter in Redis, by group: its settings and, with the "local" failure
    // policy, the limiter itself.
    struct RedisLimit {
      auth::RateLimiterSettings settings;
      FallbackRateLimiter* fallback = nullptr;
    };
    std::map<std::string, RedisLimit, std::less<>> redis_limits;
  };
  Links links;
  // One per enabled rate-limit group, by the group's name (its Redis keys carry the name too).
  std::map<std::string, std::unique_ptr<auth::RateLimiter>, std::less<>> rate_limiters;
};

// Start-up errors (a malformed URL) are returned; an unreachable Redis is not one: the server
// starts, and the failure policy applies until Redis answers. `log` must outlive the result.
core::Expected<SharedState, std::string> make_shared_state(
    const core::Config& config, const std::vector<core::RateLimitGroup>& limit_groups,
    core::Logger& log);

// For "redis://" shared state: the event-loop client on `executor`, with the pooled client
// `redis`'s settings, and the replay guard and rate limiters through it, the counterparts of
// the SharedState's whose `links` are given (same keys, same failure policies, sharing their
// local memory), for answers started on an io thread. Destroy it before `executor`'s io_context
// and before that SharedState's objects.
struct AsyncSharedState {
  std::unique_ptr<AsyncRedisClient> redis;
  std::unique_ptr<auth::AsyncReplayGuard> replay_guard;
  std::map<std::string, std::unique_ptr<auth::AsyncRateLimiter>, std::less<>> rate_limiters;
};
AsyncSharedState make_async_shared_state(const RedisClient& redis, const SharedState::Links& links,
                                         const core::Config& config,
                                         const boost::asio::any_io_executor& executor);

}  // namespace mediagate::shared_state
