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
#include "shared_state/redis_client.hpp"

namespace mediagate::shared_state {

struct SharedState {
  std::unique_ptr<RedisClient> redis;  // null for "memory"; used by the two below
  std::unique_ptr<auth::ReplayGuard> replay_guard;
  // One per enabled rate-limit group, by the group's name (its Redis keys carry the name too).
  std::map<std::string, std::unique_ptr<auth::RateLimiter>, std::less<>> rate_limiters;
};

// Start-up errors (a malformed URL) are returned; an unreachable Redis is not one: the server
// starts, and the failure policy applies until Redis answers. `log` must outlive the result.
core::Expected<SharedState, std::string> make_shared_state(
    const core::Config& config, const std::vector<core::RateLimitGroup>& limit_groups,
    core::Logger& log);

}  // namespace mediagate::shared_state
