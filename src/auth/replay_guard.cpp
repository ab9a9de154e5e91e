#include "auth/replay_guard.hpp"

#include <algorithm>
#include <limits>

namespace mediagate::auth {
namespace {

// The unambiguous key of (scope, token): "<scope length>:<scope><token>".
std::string make_key(std::string_view scope, std::string_view token) {
  std::string key = std::to_string(scope.size());
  key.reserve(key.size() + 1 + scope.size() + token.size());
  key.push_back(':');
  key += scope;
  key += token;
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

}  // namespace

InMemoryReplayGuard::InMemoryReplayGuard(ReplayGuardSettings settings) {
  const std::size_t shards = std::max<std::size_t>(1, settings.shards);
  max_entries_per_shard_ = std::max<std::size_t>(1, (settings.max_entries + shards - 1) / shards);
  shards_.reserve(shards);
  for (std::size_t i = 0; i < shards; ++i) {
    shards_.push_back(std::make_unique<Shard>());
    // Buckets for a quarter of the cap up front: the first rehashes of a busy guard (each moving
    // every live token, under the shard's lock) would otherwise land in the middle of a load.
    shards_.back()->entries.reserve(std::min<std::size_t>(max_entries_per_shard_ / 4, 1 << 16));
  }
}

InMemoryReplayGuard::~InMemoryReplayGuard() = default;

void InMemoryReplayGuard::drop_expired(Shard& shard, core::EpochMs now) {
  // An entry expiring at t still refuses its token at t (inclusive horizon).
  while (!shard.by_expiry.empty() && shard.by_expiry.begin()->first < now) {
    const auto oldest = shard.by_expiry.begin();
    shard.entries.erase(shard.entries.find(*oldest->second));
    shard.by_expiry.erase(oldest);
  }
}

ReplayCheck InMemoryReplayGuard::first_use(std::string_view scope, std::string_view token,
                                           core::EpochMs now, std::int64_t horizon_ms) {
  std::string key = make_key(scope, token);
  Shard& shard = *shards_[KeyHash{}(key) % shards_.size()];
  const std::lock_guard lock(shard.mutex);

  drop_expired(shard, now);
  // One hash lookup for both the check and the insert.
  const auto [entry, inserted] = shard.entries.insert(std::move(key));
  if (!inserted) return ReplayCheck::kReplay;
  if (shard.entries.size() > max_entries_per_shard_) {
    shard.entries.erase(entry);
    return ReplayCheck::kUnavailable;  // full: fail closed
  }

  const auto expires_at = add_saturating(now, std::max<std::int64_t>(horizon_ms, 0));
  // Expiry instants mostly grow with the clock: hinted at the end, the insert is O(1) instead of
  // a walk down a tree of every live token (still correct, and O(log n), when they do not).
  shard.by_expiry.emplace_hint(shard.by_expiry.end(), expires_at, &*entry);
  return ReplayCheck::kFirstUse;
}

std::size_t InMemoryReplayGuard::size() const {
  std::size_t total = 0;
  for (const auto& shard : shards_) {
    const std::lock_guard lock(shard->mutex);
    total += shard->entries.size();
  }
  return total;
}

void InMemoryReplayGuard::sweep(core::EpochMs now) {
  for (auto& shard : shards_) {
    const std::lock_guard lock(shard->mutex);
    drop_expired(*shard, now);
  }
}

}  // namespace mediagate::auth
