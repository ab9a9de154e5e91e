#include "shared_state/shared_state.hpp"

#include <fstream>
#include <optional>
#include <sstream>

#include "core/error.hpp"
#include "shared_state/fallback.hpp"
#include "shared_state/redis_rate_limiter.hpp"
#include "shared_state/redis_replay_guard.hpp"

namespace mediagate::shared_state {
namespace {

// The in-process replay guard: sized by shared_state.memory.replay_max_bytes, reporting to the
// server log when it is 80 % full and (once a minute) while it is full.
std::unique_ptr<auth::InMemoryReplayGuard> memory_replay_guard(const core::Config& config,
                                                               core::Logger& log) {
  auth::ReplayGuardSettings settings;
  settings.max_bytes = static_cast<std::size_t>(config.shared_state.memory.replay_max_bytes);
  settings.log = &log;
  return std::make_unique<auth::InMemoryReplayGuard>(settings);
}

}  // namespace

core::Expected<SharedState, std::string> make_shared_state(
    const core::Config& config, const std::vector<core::RateLimitGroup>& limit_groups,
    core::Logger& log) {
  const auto& settings = config.shared_state;
  SharedState state;
  std::vector<std::pair<std::string, auth::RateLimiterSettings>> limits;
  for (const auto& group : limit_groups) {
    if (!group.settings.enabled) continue;
    auth::RateLimiterSettings each;
    each.max_requests = group.settings.max_requests;
    each.window_ms = group.settings.window_ms;
    each.block_ms = group.settings.block_ms;
    limits.emplace_back(group.name, each);
  }
  if (settings.url == "memory") {
    state.replay_guard = memory_replay_guard(config, log);
    for (const auto& [name, each] : limits) {
      state.rate_limiters[name] = std::make_unique<auth::InMemoryRateLimiter>(each);
    }
    return state;
  }

  RedisOptions options;
  MG_TRY(options.endpoint,
         parse_redis_url(settings.url).transform_error(core::prefix_message("shared_state.url: ")));
  options.connect_timeout_ms = settings.connect_timeout_ms;
  options.command_timeout_ms = settings.command_timeout_ms;
  options.max_connections = static_cast<std::size_t>(settings.max_connections);
  options.max_batch = static_cast<std::size_t>(settings.max_batch);
  options.max_pending = static_cast<std::size_t>(settings.max_pending);
  options.max_pending_bytes = static_cast<std::size_t>(settings.max_pending_bytes);
  options.retry_interval_ms = settings.retry_interval_ms;
  options.log = &log;
  if (!settings.password_file.empty()) {
    std::ifstream in(settings.password_file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    options.password = text.str();
    while (!options.password.empty() &&
           (options.password.back() == '\n' || options.password.back() == '\r')) {
      options.password.pop_back();
    }
    if (!in || options.password.empty()) {
      return core::unexpected("shared_state.password_file: " + settings.password_file +
                              " cannot be read or is empty");
    }
  }
  state.redis = std::make_unique<RedisClient>(std::move(options));

  std::unique_ptr<auth::ReplayGuard> guard =
      std::make_unique<RedisReplayGuard>(*state.redis, settings.key_prefix);
  if (settings.replay_on_failure == "local") {
    auto fallback = std::make_unique<FallbackReplayGuard>(std::move(guard),
                                                          memory_replay_guard(config, log), &log);
    state.links.replay_fallback = fallback.get();
    guard = std::move(fallback);
  }
  state.replay_guard = std::move(guard);
  for (const auto& [name, each] : limits) {
    std::unique_ptr<auth::RateLimiter> limiter =
        std::make_unique<RedisRateLimiter>(*state.redis, settings.key_prefix, name, each);
    SharedState::Links::RedisLimit& limit = state.links.redis_limits[name];
    limit.settings = each;
    if (settings.rate_limit_on_failure == "local") {
      auto fallback = std::make_unique<FallbackRateLimiter>(
          std::move(limiter), std::make_unique<auth::InMemoryRateLimiter>(each), &log);
      limit.fallback = fallback.get();
      limiter = std::move(fallback);
    }
    state.rate_limiters[name] = std::move(limiter);
  }
  // Say at start-up whether Redis answers (the server starts either way).
  const auto ping = state.redis->command({"PING"});
  log.info("shared state",
           {{"backend", std::string_view{"redis"}}, {"reachable", static_cast<bool>(ping)}});
  return state;
}

AsyncSharedState make_async_shared_state(const RedisClient& redis, const SharedState::Links& links,
                                         const core::Config& config,
                                         const boost::asio::any_io_executor& executor) {
  AsyncSharedState async;
  const std::string& prefix = config.shared_state.key_prefix;
  async.redis = std::make_unique<AsyncRedisClient>(executor, redis.options());
  async.replay_guard =
      std::make_unique<AsyncRedisReplayGuard>(*async.redis, prefix, links.replay_fallback);
  for (const auto& [name, limit] : links.redis_limits) {
    async.rate_limiters[name] = std::make_unique<AsyncRedisRateLimiter>(
        *async.redis, prefix, name, limit.settings, limit.fallback);
  }
  return async;
}

}  // namespace mediagate::shared_state
