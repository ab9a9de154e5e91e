#include "shared_state/redis_replay_guard.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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

namespace {

using Outcome = core::Expected<RedisReply, RedisError>;

// The key and arguments of one check, as both guards send them.
struct ReplayCommand {
  std::string key;
  std::string now;
  std::string expiry;
  std::string ttl;
};

ReplayCommand replay_command(std::string_view prefix, std::string_view scope,
                             std::string_view token, core::EpochMs now, std::int64_t horizon_ms) {
  const core::EpochMs expires_at = add_saturating(now, std::max<std::int64_t>(horizon_ms, 0));
  return ReplayCommand{replay_key(prefix, scope, token), encode_stored_instant(now),
                       encode_stored_instant(expires_at), std::to_string(ttl_ms(now, expires_at))};
}

// A pair never seen (nearly every request) is recorded by a plain SET NX, which is what the
// script does when it finds no key, at a fraction of a script's cost in Redis. Only when a key
// is there does the script decide, by the injected clock, whether it still refuses.
std::vector<std::string> set_if_absent(const ReplayCommand& command) {
  return {"SET", command.key, command.expiry, "NX", "PX", command.ttl};
}

// What SET NX's reply says: the outcome, or nothing when the script must decide.
std::optional<auth::ReplayCheck> after_set(const Outcome& fresh) {
  if (!fresh) return auth::ReplayCheck::kUnavailable;
  if (fresh->kind == RedisReply::Kind::kStatus) return auth::ReplayCheck::kFirstUse;  // "OK"
  if (fresh->kind != RedisReply::Kind::kNil) return auth::ReplayCheck::kUnavailable;
  return std::nullopt;
}

auth::ReplayCheck after_script(const Outcome& reply) {
  if (!reply || reply->kind != RedisReply::Kind::kInteger) return auth::ReplayCheck::kUnavailable;
  return reply->integer == 1 ? auth::ReplayCheck::kFirstUse : auth::ReplayCheck::kReplay;
}

}  // namespace

auth::ReplayCheck RedisReplayGuard::first_use(std::string_view scope, std::string_view token,
                                              core::EpochMs now, std::int64_t horizon_ms) {
  const auto command = replay_command(key_prefix_, scope, token, now, horizon_ms);
  if (const auto decided = after_set(client_.command(set_if_absent(command)))) return *decided;
  return after_script(
      client_.eval(first_use_script(), {command.key}, {command.now, command.expiry, command.ttl}));
}

AsyncRedisReplayGuard::AsyncRedisReplayGuard(AsyncRedisClient& client, std::string key_prefix,
                                             FallbackReplayGuard* fallback)
    : client_(client), key_prefix_(std::move(key_prefix)), fallback_(fallback) {}

void AsyncRedisReplayGuard::first_use(std::string scope, std::string token, core::EpochMs now,
                                      std::int64_t horizon_ms,
                                      std::function<void(auth::ReplayCheck)> done) {
  struct Check {
    ReplayCommand command;
    std::string scope;
    std::string token;
    core::EpochMs now;
    std::int64_t horizon_ms;
    std::function<void(auth::ReplayCheck)> done;
    FallbackReplayGuard* fallback;
    void finish(auth::ReplayCheck shared) const {
      done(fallback != nullptr ? fallback->decide(shared, scope, token, now, horizon_ms) : shared);
    }
  };
  auto check = std::make_shared<Check>(
      Check{replay_command(key_prefix_, scope, token, now, horizon_ms), std::move(scope),
            std::move(token), now, horizon_ms, std::move(done), fallback_});
  client_.async_command(set_if_absent(check->command), [this, check](const Outcome& fresh) {
    if (const auto decided = after_set(fresh)) return check->finish(*decided);
    client_.async_eval(first_use_script(), {check->command.key},
                       {check->command.now, check->command.expiry, check->command.ttl},
                       [check](const Outcome& reply) { check->finish(after_script(reply)); });
  });
}

}  // namespace mediagate::shared_state
