#include "shared_state/redis_keys.hpp"

#include <algorithm>
#include <array>
#include <limits>

#include "auth/digest.hpp"

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

std::string encode_stored_instant(core::EpochMs instant) {
  if (instant >= 0 && instant < (std::int64_t{1} << 53)) return std::to_string(instant);
  return encode_instant(instant);
}

std::string replay_key(std::string_view prefix, std::string_view scope, std::string_view token) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string message;
  message.reserve(8 + scope.size() + token.size());
  auto length = static_cast<std::uint64_t>(scope.size());
  for (int i = 0; i < 8; ++i, length >>= 8) message.push_back(static_cast<char>(length & 0xff));
  message += scope;
  message += token;
  const std::string digest = auth::sha256(message);
  std::string key;
  key.reserve(prefix.size() + 2 + 22);
  key += prefix;
  key += "r:";
  // 16 bytes: five 3-byte groups (4 characters each), then one byte (2 characters).
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(digest[i]); };
  for (std::size_t i = 0; i < 15; i += 3) {
    const std::uint32_t group = (std::uint32_t{byte(i)} << 16) | (std::uint32_t{byte(i + 1)} << 8) |
                                std::uint32_t{byte(i + 2)};
    for (int shift = 18; shift >= 0; shift -= 6) key += kAlphabet[(group >> shift) & 63];
  }
  const std::size_t last = byte(15);
  key += kAlphabet[last >> 2U];
  key += kAlphabet[(last & 3U) << 4U];
  return key;
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
