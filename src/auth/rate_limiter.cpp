#include "auth/rate_limiter.hpp"

#include <algorithm>
#include <limits>

namespace mediagate::auth {
namespace {

// a + b, saturating at the int64 limits (settings and clocks are trusted, but cheap to guard).
core::EpochMs add_saturating(core::EpochMs a, std::int64_t b) {
  core::EpochMs sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) {
    return b > 0 ? std::numeric_limits<core::EpochMs>::max()
                 : std::numeric_limits<core::EpochMs>::min();
  }
  return sum;
}

}  // namespace

InMemoryRateLimiter::InMemoryRateLimiter(RateLimiterSettings settings)
    : settings_(settings),
      max_keys_per_shard_(std::max<std::size_t>(1, (settings.max_keys + kShards - 1) / kShards)) {
  for (auto& shard : shards_) shard = std::make_unique<Shard>();
}

InMemoryRateLimiter::~InMemoryRateLimiter() = default;

InMemoryRateLimiter::Shard& InMemoryRateLimiter::shard_for(std::string_view key) {
  return *shards_[KeyHash{}(key) % kShards];
}

bool InMemoryRateLimiter::expired(const Entry& entry, core::EpochMs now) const {
  const bool window_over = now >= add_saturating(entry.window_start, settings_.window_ms);
  const bool block_over = now >= entry.blocked_until;
  return window_over && block_over;
}

void InMemoryRateLimiter::sweep_locked(Shard& shard, core::EpochMs now) const {
  std::erase_if(shard.entries, [&](const auto& item) { return expired(item.second, now); });
  shard.new_keys_since_sweep = 0;
  shard.next_sweep_after = std::max(kMinSweepInterval, shard.entries.size());
}

RateLimiter::Decision InMemoryRateLimiter::hit(std::string_view key, core::EpochMs now) {
  Shard& shard = shard_for(key);
  const std::lock_guard lock(shard.mutex);

  auto it = shard.entries.find(key);
  if (it == shard.entries.end()) {
    if (shard.new_keys_since_sweep >= shard.next_sweep_after) sweep_locked(shard, now);
    ++shard.new_keys_since_sweep;
    if (shard.entries.size() >= max_keys_per_shard_) return Decision{};  // full: fail open
    it = shard.entries.emplace(std::string(key), Entry{now, 0, 0}).first;
  }
  Entry& entry = it->second;

  if (entry.blocked_until != 0) {
    if (now < entry.blocked_until) return Decision{false, entry.blocked_until};
    entry = Entry{now, 0, 0};  // the block is over: start afresh
  }
  // A new window when the current one has ended (or the clock was moved back before it).
  if (now < entry.window_start || now >= add_saturating(entry.window_start, settings_.window_ms)) {
    entry = Entry{now, 0, 0};
  }
  ++entry.count;
  if (entry.count > settings_.max_requests) {
    entry.blocked_until = std::max<core::EpochMs>(add_saturating(now, settings_.block_ms), 1);
    return Decision{false, entry.blocked_until};
  }
  return Decision{};
}

std::size_t InMemoryRateLimiter::size() const {
  std::size_t total = 0;
  for (const auto& shard : shards_) {
    const std::lock_guard lock(shard->mutex);
    total += shard->entries.size();
  }
  return total;
}

void InMemoryRateLimiter::sweep(core::EpochMs now) {
  for (auto& shard : shards_) {
    const std::lock_guard lock(shard->mutex);
    sweep_locked(*shard, now);
  }
}

}  // namespace mediagate::auth
