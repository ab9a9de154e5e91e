#include "shared_state/redis_replay_guard.hpp"

#include <algorithm>

#include "shared_state/redis_keys.hpp"

namespace mediagate::shared_state {
namespace {

// KEYS[1]: the pair. ARGV[1]: now; ARGV[2]: the instant this use expires (both encoded by
// encode_instant, so that string order is time order); ARGV[3]: the key's TTL in ms.
// A recorded use refuses the token up to and including its expiry instant.
const RedisScript& first_use_script() {
  static const RedisScript script(R"lua(
local recorded = redis.call('GET', KEYS[1])
if recorded and not (recorded < ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
)lua");
  return script;
}

}  // namespace

RedisReplayGuard::RedisReplayGuard(RedisClient& client, std::string key_prefix)
    : client_(client), key_prefix_(std::move(key_prefix)) {}

auth::ReplayCheck RedisReplayGuard::first_use(std::string_view scope, std::string_view token,
                                              core::EpochMs now, std::int64_t horizon_ms) {
  const core::EpochMs expires_at = add_saturating(now, std::max<std::int64_t>(horizon_ms, 0));
  const auto reply = client_.eval(
      first_use_script(), {make_key(key_prefix_, "replay", scope, token)},
      {encode_instant(now), encode_instant(expires_at), std::to_string(ttl_ms(now, expires_at))});
  if (!reply || reply->kind != RedisReply::Kind::kInteger) return auth::ReplayCheck::kUnavailable;
  return reply->integer == 1 ? auth::ReplayCheck::kFirstUse : auth::ReplayCheck::kReplay;
}

}  // namespace mediagate::shared_state
