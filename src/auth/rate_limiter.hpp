// Per-key request rate limiting (decisions.md, "rate limit"): more than max_requests requests
// within window_ms block the key for block_ms. Every request counts, malformed ones included; the
// (max_requests + 1)th request within the window is refused and starts the block.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"

namespace mediagate::auth {

// The contract every backend implements (in memory here; Redis in src/shared_state).
class RateLimiter {
 public:
  struct Decision {
    bool allowed = true;
    core::EpochMs blocked_until = 0;  // when refused: the instant the block ends
    // The limiter could not decide (its shared store is unreachable); `allowed` is false. Not
    // the client's fault: vendors answer their system error, not their rate-limit error.
    bool unavailable = false;
  };

  virtual ~RateLimiter() = default;
  // Counts one request of `key` (e.g. a client IP) at `now` and says whether it may proceed.
  // Windows and blocks follow `now` (the injected clock), never another clock.
  virtual Decision hit(std::string_view key, core::EpochMs now) = 0;
};

// The same count for a caller that must not block (an io thread): `done` is called once with
// the decision, later, from a thread of the limiter's choosing (or at once). Only a backend that
// waits on the network has one (Redis: src/shared_state/redis_rate_limiter.hpp).
class AsyncRateLimiter {
 public:
  virtual ~AsyncRateLimiter() = default;
  virtual void hit(std::string key, core::EpochMs now,
                   std::function<void(RateLimiter::Decision)> done) = 0;
};

struct RateLimiterSettings {
  std::int64_t max_requests = 1500;  // allowed per window; the next one starts the block
  std::int64_t window_ms = 10'000;
  std::int64_t block_ms = 300'000;
  // Hard cap on tracked keys. While it is reached, requests of NEW keys are allowed without
  // being tracked until a sweep frees room (fail open: a limiter must not refuse unrelated
  // clients because of a flood of addresses); keys already tracked keep being limited.
  std::size_t max_keys = std::size_t{1} << 20;
};

// Fixed window per key: a window opens at the key's first request (or the first after the
// previous window or block ended) and lasts window_ms. Thread-safe (keys are spread over
// sharded mutexes). Memory is bounded: entries whose window and block have both ended are
// dropped by a sweep of the shard, run when a new key arrives and the shard has seen as many
// new keys since its last sweep as it kept then (amortised O(1) per request); max_keys caps
// what is still live.
class InMemoryRateLimiter final : public RateLimiter {
 public:
  explicit InMemoryRateLimiter(RateLimiterSettings settings);
  InMemoryRateLimiter(const InMemoryRateLimiter&) = delete;
  InMemoryRateLimiter& operator=(const InMemoryRateLimiter&) = delete;
  ~InMemoryRateLimiter() override;

  Decision hit(std::string_view key, core::EpochMs now) override;

  // Number of tracked keys (for tests and metrics).
  std::size_t size() const;
  // Drops every entry that has expired at `now` (also done automatically; see above).
  void sweep(core::EpochMs now);

 private:
  static constexpr std::size_t kShards = 16;
  static constexpr std::size_t kMinSweepInterval = 64;

  struct Entry {
    core::EpochMs window_start = 0;
    std::int64_t count = 0;
    core::EpochMs blocked_until = 0;  // 0: not blocked
  };
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept {
      return std::hash<std::string_view>{}(key);
    }
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, Entry, KeyHash, std::equal_to<>> entries;
    std::size_t new_keys_since_sweep = 0;
    std::size_t next_sweep_after = kMinSweepInterval;
  };

  bool expired(const Entry& entry, core::EpochMs now) const;
  void sweep_locked(Shard& shard, core::EpochMs now) const;
  Shard& shard_for(std::string_view key);

  RateLimiterSettings settings_;
  std::size_t max_keys_per_shard_;
  std::array<std::unique_ptr<Shard>, kShards> shards_;
};

}  // namespace mediagate::auth
