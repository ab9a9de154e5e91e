// Builds the replay guard and the Polyv rate limiter that core::SharedStateSettings asks for:
// in this process ("memory") or in Redis ("redis://…"), with the configured failure policy.
#pragma once

#include <memory>
#include <string>

#include "auth/rate_limiter.hpp"
#include "auth/replay_guard.hpp"
#include "core/config.hpp"
#include "core/expected.hpp"
#include "core/logger.hpp"
#include "shared_state/redis_client.hpp"

namespace mediagate::shared_state {

struct SharedState {
  std::unique_ptr<RedisClient> redis;  // null for "memory"; used by the two below
  std::unique_ptr<auth::ReplayGuard> replay_guard;
  std::unique_ptr<auth::RateLimiter> polyv_rate_limiter;  // null when rate limiting is off
};

// Start-up errors (a malformed URL) are returned; an unreachable Redis is not one: the server
// starts, and the failure policy applies until Redis answers. `log` must outlive the result.
core::Expected<SharedState, std::string> make_shared_state(const core::Config& config,
                                                           core::Logger& log);

}  // namespace mediagate::shared_state
