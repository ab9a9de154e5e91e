#include "shared_state/redis_rate_limiter.hpp"

#include <algorithm>
#include <charconv>

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

auth::RateLimiter::Decision RedisRateLimiter::hit(std::string_view key, core::EpochMs now) {
  Decision unavailable;
  unavailable.allowed = false;
  unavailable.unavailable = true;

  const core::EpochMs window_end = add_saturating(now, settings_.window_ms);
  const core::EpochMs block_end =
      std::max<core::EpochMs>(add_saturating(now, settings_.block_ms), 1);
  const auto reply =
      client_.eval(hit_script(), {make_key(key_prefix_, "rate", name_, key)},
                   {encode_instant(now), encode_instant(window_end), encode_instant(block_end),
                    std::to_string(settings_.max_requests), std::to_string(ttl_ms(now, window_end)),
                    std::to_string(ttl_ms(now, block_end))});
  if (!reply || reply->kind != RedisReply::Kind::kArray || reply->elements.empty() ||
      reply->elements[0].kind != RedisReply::Kind::kInteger) {
    return unavailable;
  }
  if (reply->elements[0].integer == 1) return Decision{};
  Decision refused;
  refused.allowed = false;
  if (reply->elements.size() < 2 ||
      !decode_instant(reply->elements[1].text, refused.blocked_until)) {
    return unavailable;
  }
  return refused;
}

}  // namespace mediagate::shared_state
