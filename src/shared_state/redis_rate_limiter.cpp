#include "shared_state/redis_rate_limiter.hpp"

#include <algorithm>
#include <charconv>
#include <string>
#include <utility>
#include <vector>

#include "shared_state/redis_keys.hpp"

namespace mediagate::shared_state {
namespace {

// KEYS[1]: the key's state, a hash of ws (window start), we (window end), n (count), bu (block
// end, absent when not blocked). ARGV: now, now + window, the end of a block starting now
// (instants encoded by encode_instant: string order is time order), max_requests, and the
// TTLs in ms of a window and of a block. Returns {1} (allowed) or {0, block end}.
const RedisScript& hit_script() {
  static const RedisScript kScript(R"lua(
local now = ARGV[1]
local state = redis.call('HMGET', KEYS[1], 'ws', 'we', 'n', 'bu')
local ws, we, n, bu = state[1], state[2], tonumber(state[3]), state[4]
if bu then
  if now < bu then return {0, bu} end
  ws = false
end
if (not ws) or (not we) or (not n) or now < ws or not (now < we) then
  ws, we, n = now, ARGV[2], 0
end
n = n + 1
if n > tonumber(ARGV[4]) then
  redis.call('HSET', KEYS[1], 'ws', ws, 'we', we, 'n', n, 'bu', ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[6])
  return {0, ARGV[3]}
end
if bu then redis.call('HDEL', KEYS[1], 'bu') end
redis.call('HSET', KEYS[1], 'ws', ws, 'we', we, 'n', n)
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return {1}
)lua");
  return kScript;
}

bool decode_instant(std::string_view text, core::EpochMs& out) {
  std::uint64_t biased = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), biased);
  if (ec != std::errc{} || ptr != text.data() + text.size()) return false;
  out = static_cast<core::EpochMs>(biased ^ (std::uint64_t{1} << 63));
  return true;
}

}  // namespace

RedisRateLimiter::RedisRateLimiter(RedisClient& client, std::string key_prefix, std::string name,
                                   auth::RateLimiterSettings settings)
    : client_(client),
      key_prefix_(std::move(key_prefix)),
      name_(std::move(name)),
      settings_(settings) {}

namespace {

std::vector<std::string> hit_arguments(const auth::RateLimiterSettings& settings,
                                       core::EpochMs now) {
  const core::EpochMs window_end = add_saturating(now, settings.window_ms);
  const core::EpochMs block_end =
      std::max<core::EpochMs>(add_saturating(now, settings.block_ms), 1);
  return {encode_instant(now),
          encode_instant(window_end),
          encode_instant(block_end),
          std::to_string(settings.max_requests),
          std::to_string(ttl_ms(now, window_end)),
          std::to_string(ttl_ms(now, block_end))};
}

auth::RateLimiter::Decision decision_of(const core::Expected<RedisReply, RedisError>& reply) {
  auth::RateLimiter::Decision unavailable;
  unavailable.allowed = false;
  unavailable.unavailable = true;
  if (!reply || reply->kind != RedisReply::Kind::kArray || reply->elements.empty() ||
      reply->elements[0].kind != RedisReply::Kind::kInteger) {
    return unavailable;
  }
  if (reply->elements[0].integer == 1) return auth::RateLimiter::Decision{};
  auth::RateLimiter::Decision refused;
  refused.allowed = false;
  if (reply->elements.size() < 2 ||
      !decode_instant(reply->elements[1].text, refused.blocked_until)) {
    return unavailable;
  }
  return refused;
}

}  // namespace

auth::RateLimiter::Decision RedisRateLimiter::hit(std::string_view key, core::EpochMs now) {
  return decision_of(client_.eval(hit_script(), {make_key(key_prefix_, "rate", name_, key)},
                                  hit_arguments(settings_, now)));
}

AsyncRedisRateLimiter::AsyncRedisRateLimiter(AsyncRedisClient& client, std::string key_prefix,
                                             std::string name, auth::RateLimiterSettings settings,
                                             FallbackRateLimiter* fallback)
    : client_(client),
      key_prefix_(std::move(key_prefix)),
      name_(std::move(name)),
      settings_(settings),
      fallback_(fallback) {}

void AsyncRedisRateLimiter::hit(std::string key, core::EpochMs now,
                                std::function<void(auth::RateLimiter::Decision)> done) {
  // (The Redis key first: `key` is moved into the completion below.)
  std::vector<std::string> keys{make_key(key_prefix_, "rate", name_, key)};
  auto arguments = hit_arguments(settings_, now);
  client_.async_eval(hit_script(), keys, arguments,
                     [fallback = fallback_, key = std::move(key), now,
                      done = std::move(done)](const core::Expected<RedisReply, RedisError>& reply) {
                       const auto decision = decision_of(reply);
                       done(fallback != nullptr ? fallback->decide(decision, key, now) : decision);
                     });
}

}  // namespace mediagate::shared_state
