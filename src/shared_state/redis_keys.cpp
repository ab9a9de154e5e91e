#include "shared_state/redis_keys.hpp"

#include <algorithm>
#include <limits>

namespace mediagate::shared_state {
namespace {

constexpr std::int64_t kTtlMarginMs = 60'000;
constexpr std::int64_t kMaxTtlMs = std::int64_t{1} << 40;

}  // namespace

std::string encode_instant(core::EpochMs instant) {
  const auto biased = static_cast<std::uint64_t>(instant) ^ (std::uint64_t{1} << 63);
  std::string digits = std::to_string(biased);
  return std::string(20 - digits.size(), '0') + digits;
}

core::EpochMs add_saturating(core::EpochMs a, std::int64_t b) {
  core::EpochMs sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) {
    return b > 0 ? std::numeric_limits<core::EpochMs>::max()
                 : std::numeric_limits<core::EpochMs>::min();
  }
  return sum;
}

std::int64_t ttl_ms(core::EpochMs now, core::EpochMs until) {
  std::int64_t lifetime = 0;
  if (__builtin_sub_overflow(until, now, &lifetime)) lifetime = until > now ? kMaxTtlMs : 0;
  return std::clamp<std::int64_t>(add_saturating(std::max<std::int64_t>(lifetime, 0), kTtlMarginMs),
                                  1, kMaxTtlMs);
}

std::string make_key(std::string_view prefix, std::string_view kind, std::string_view part,
                     std::string_view rest) {
  std::string key;
  key.reserve(prefix.size() + kind.size() + part.size() + rest.size() + 24);
  key += prefix;
  key += kind;
  key.push_back(':');
  key += std::to_string(part.size());
  key.push_back(':');
  key += part;
  key += rest;
  return key;
}

}  // namespace mediagate::shared_state
