// One-time tokens (a message id or a nonce, per partner: the scope): a token may be used once
// within a horizon.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/siphash.hpp"
#include "core/clock.hpp"
#include "core/logger.hpp"

namespace mediagate::auth {

// What a replay check found. kUnavailable: the guard could not decide (its shared store is
// unreachable, or it is full); the token was not recorded and must not be accepted, but the
// client is not at fault (vendors answer their system error, not their replay error).
enum class ReplayCheck { kFirstUse, kReplay, kUnavailable };

// How full an in-memory guard is (InMemoryReplayGuard::stats; the admin API's status).
struct ReplayGuardStats {
  // Pairs remembered and still within their horizon, to the minute: a pair leaves this count
  // once the minute of its expiry has passed.
  std::size_t pairs = 0;
  // Pairs held in memory, those expired but not yet dropped included (what size() says).
  std::size_t stored = 0;
  // The most pairs the guard can remember: max_bytes' worth (or ReplayGuardSettings::max_entries).
  std::size_t capacity_pairs = 0;
  std::size_t bytes_used = 0;  // the guard's memory: tables and expiry counters
  std::size_t max_bytes = 0;
  double fill_ratio = 0;           // pairs / capacity_pairs; new tokens are refused at 1
  std::uint64_t refused_full = 0;  // new tokens refused because the guard was full
};

// The contract every backend implements (in memory here; Redis in src/shared_state).
class ReplayGuard {
 public:
  virtual ~ReplayGuard() = default;
  // kFirstUse if `token` was not used in `scope` within the horizon, and records this use so
  // that the pair is refused until now + horizon_ms (inclusive); kReplay if it is a replay.
  // Expiry follows `now` (the injected clock), never another clock. Scopes are independent.
  virtual ReplayCheck first_use(std::string_view scope, std::string_view token, core::EpochMs now,
                                std::int64_t horizon_ms) = 0;
  // The in-process memory this guard decides with, if any (nothing for a guard kept in Redis),
  // counted as of `now` (the injected clock's time).
  virtual std::optional<ReplayGuardStats> memory_stats(core::EpochMs /*now*/) {
    return std::nullopt;
  }
};

// The same check for a caller that must not block (an io thread): `done` is called once with
// the outcome, later, from a thread of the guard's choosing (or at once). Only a backend that
// waits on the network has one (Redis: src/shared_state/async_redis_replay_guard.hpp).
class AsyncReplayGuard {
 public:
  virtual ~AsyncReplayGuard() = default;
  virtual void first_use(std::string scope, std::string token, core::EpochMs now,
                         std::int64_t horizon_ms, std::function<void(ReplayCheck)> done) = 0;
};

// 256 MiB: 24 hours at 100 new tokens a second (8.64 million pairs) at 73 % full
// (docs/operations.md, "Replay memory").
inline constexpr std::size_t kDefaultReplayMaxBytes = std::size_t{256} << 20;

struct ReplayGuardSettings {
  // A cap on remembered pairs besides max_bytes (none by default; tests use small ones), split
  // evenly between the shards.
  std::size_t max_entries = std::numeric_limits<std::size_t>::max();
  // Independent locks. A small max_bytes gets fewer (at least 64 KiB each).
  std::size_t shards = 16;
  // The memory the guard may use (its tables and expiry counters), split between the shards.
  // When full, after expired pairs are dropped, NEW tokens are refused (kUnavailable: fail
  // closed) rather than forgetting live ones, which would let a replay through.
  std::size_t max_bytes = kDefaultReplayMaxBytes;
  // Where "full" (at most once a minute by the callers' clock while it lasts) and "80 % full"
  // are reported; not owned, may be null.
  core::Logger* log = nullptr;
  // The hash key; by default a random one per guard, so collisions cannot be aimed.
  std::optional<SipKey> key = std::nullopt;
};

// Thread-safe; O(1) per call. A pair is remembered as a 64-bit keyed hash (SipHash-2-4 under a
// random key) and its expiry instant: 16 bytes in an open-addressing table (linear probing) kept
// at most 3/4 full, one table per shard, grown by half when needed (docs/operations.md: about
// 21-32 bytes per pair). Pairs are also counted by the minute they expire in; once a minute has
// passed its count is known dead, and when enough are, or room is needed, the shard drops every
// expired pair in one pass over its table, in place. Expiry follows the callers' clock, to the
// millisecond, inclusive; a clock that steps back forgets nothing that had not yet expired.
class InMemoryReplayGuard final : public ReplayGuard {
 public:
  explicit InMemoryReplayGuard(ReplayGuardSettings settings = {});
  InMemoryReplayGuard(const InMemoryReplayGuard&) = delete;
  InMemoryReplayGuard& operator=(const InMemoryReplayGuard&) = delete;
  ~InMemoryReplayGuard() override;

  ReplayCheck first_use(std::string_view scope, std::string_view token, core::EpochMs now,
                        std::int64_t horizon_ms) override;
  std::optional<ReplayGuardStats> memory_stats(core::EpochMs now) override { return stats(now); }

  // Number of remembered pairs, expired ones not yet dropped included (for tests and metrics).
  std::size_t size() const;
  // Drops every entry that has expired at `now` (also done by first_use, shard by shard).
  void sweep(core::EpochMs now);
  // As counted by the last call to each shard...
  ReplayGuardStats stats() const;
  // ... or as of `now`: each shard's expiry minutes that have passed by then are counted out
  // first (as a call at `now` would; a shard already past `now` is left as it is).
  ReplayGuardStats stats(core::EpochMs now);
  // A one-way digest of this guard's hash key (the key itself never leaves the guard): tests
  // check that two guards, or two processes, do not share one.
  std::uint64_t key_id() const;

 private:
  struct Shard;

  enum class Insert { kDone, kReplay, kFull };
  Insert record(Shard& shard, std::uint64_t tag, core::EpochMs now, core::EpochMs expires_at);
  void report(Insert outcome, core::EpochMs now);

  SipKey key_;
  std::size_t max_bytes_;
  std::size_t capacity_pairs_ = 0;
  core::Logger* log_;
  std::vector<std::unique_ptr<Shard>> shards_;
  // Pairs known live in all shards (stats().pairs), kept by the shards as they change, so that
  // the 80 % warning needs no other shard's lock.
  std::atomic<std::int64_t> live_pairs_{0};
  std::atomic<std::uint64_t> refused_full_{0};
  std::atomic<bool> warned_{false};
  // When "full" was last logged (by the callers' clock); the minimum: never.
  std::atomic<core::EpochMs> full_logged_at_{std::numeric_limits<core::EpochMs>::min()};
};

}  // namespace mediagate::auth
