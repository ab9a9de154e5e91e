#include "shared_state/redis_replay_guard.hpp"

#include <algorithm>
#include <string>

#include "shared_state/redis_keys.hpp"

namespace mediagate::shared_state {
namespace {

// KEYS[1]: the pair. ARGV[1]: now; ARGV[2]: the instant this use expires (both encoded by
// encode_stored_instant: decimal digits in [0, 2^53), which Lua's doubles hold exactly, else
// 20 digits whose string order is time order, from 0 on at or above "09223372036854775808");
// ARGV[3]: the key's TTL in ms. A recorded use refuses the token up to and including its
// expiry instant.
const RedisScript& first_use_script() {
  static const RedisScript kScript(R"lua(
local function earlier(a, b)
  local wide_a, wide_b = #a == 20, #b == 20
  if not wide_a and not wide_b then return tonumber(a) < tonumber(b) end
  if wide_a and wide_b then return a < b end
  if wide_a then return a < '09223372036854775808' end
  return not (b < '09223372036854775808')
end
local recorded = redis.call('GET', KEYS[1])
if recorded and not earlier(recorded, ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
)lua");
  return kScript;
}

}  // namespace

RedisReplayGuard::RedisReplayGuard(RedisClient& client, std::string key_prefix)
    : client_(client), key_prefix_(std::move(key_prefix)) {}

auth::ReplayCheck RedisReplayGuard::first_use(std::string_view scope, std::string_view token,
                                              core::EpochMs now, std::int64_t horizon_ms) {
  const core::EpochMs expires_at = add_saturating(now, std::max<std::int64_t>(horizon_ms, 0));
  const std::string key = replay_key(key_prefix_, scope, token);
  const std::string expiry = encode_stored_instant(expires_at);
  const std::string ttl = std::to_string(ttl_ms(now, expires_at));
  // A pair never seen (nearly every request) is recorded by a plain SET NX, which is what the
  // script does when it finds no key, at a fraction of a script's cost in Redis. Only when a key
  // is there does the script decide, by the injected clock, whether it still refuses.
  const auto fresh = client_.command({"SET", key, expiry, "NX", "PX", ttl});
  if (!fresh) return auth::ReplayCheck::kUnavailable;
  if (fresh->kind == RedisReply::Kind::kStatus) return auth::ReplayCheck::kFirstUse;  // "OK"
  if (fresh->kind != RedisReply::Kind::kNil) return auth::ReplayCheck::kUnavailable;
  const auto reply =
      client_.eval(first_use_script(), {key}, {encode_stored_instant(now), expiry, ttl});
  if (!reply || reply->kind != RedisReply::Kind::kInteger) return auth::ReplayCheck::kUnavailable;
  return reply->integer == 1 ? auth::ReplayCheck::kFirstUse : auth::ReplayCheck::kReplay;
}

}  // namespace mediagate::shared_state
