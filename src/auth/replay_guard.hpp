// One-time tokens (iQiyi messageId per partnerCode, Pumpkin signature_nonce per pid): a token
// may be used once within a horizon.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/clock.hpp"

namespace mediagate::auth {

// What a replay check found. kUnavailable: the guard could not decide (its shared store is
// unreachable, or it is full); the token was not recorded and must not be accepted, but the
// client is not at fault (vendors answer their system error, not their replay error).
enum class ReplayCheck { kFirstUse, kReplay, kUnavailable };

// The contract every backend implements (in memory here; Redis in src/shared_state).
class ReplayGuard {
 public:
  virtual ~ReplayGuard() = default;
  // kFirstUse if `token` was not used in `scope` within the horizon, and records this use so
  // that the pair is refused until now + horizon_ms (inclusive); kReplay if it is a replay.
  // Expiry follows `now` (the injected clock), never another clock. Scopes are independent.
  virtual ReplayCheck first_use(std::string_view scope, std::string_view token, core::EpochMs now,
                                std::int64_t horizon_ms) = 0;
};

struct ReplayGuardSettings {
  // Hard cap on remembered (scope, token) pairs. When full, after expired entries are dropped,
  // NEW tokens are refused (kUnavailable: fail closed) rather than forgetting live ones, which
  // would let a replay through. Size it well above peak rate × horizon.
  std::size_t max_entries = std::size_t{1} << 20;
  // Independent locks; the cap is split evenly between them.
  std::size_t shards = 16;
};

// Thread-safe; O(log n) per call. Each entry is indexed by its expiry, so expired entries are
// dropped (oldest first) by the calls that find them expired: memory follows the live set.
class InMemoryReplayGuard final : public ReplayGuard {
 public:
  explicit InMemoryReplayGuard(ReplayGuardSettings settings = {});
  InMemoryReplayGuard(const InMemoryReplayGuard&) = delete;
  InMemoryReplayGuard& operator=(const InMemoryReplayGuard&) = delete;
  ~InMemoryReplayGuard() override;

  ReplayCheck first_use(std::string_view scope, std::string_view token, core::EpochMs now,
                        std::int64_t horizon_ms) override;

  // Number of remembered pairs, expired ones not yet dropped included (for tests and metrics).
  std::size_t size() const;
  // Drops every entry that has expired at `now` (also done by first_use, shard by shard).
  void sweep(core::EpochMs now);

 private:
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept {
      return std::hash<std::string_view>{}(key);
    }
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_set<std::string, KeyHash, std::equal_to<>> entries;
    // Expiry instant -> the entry's key (owned by `entries`, whose nodes never move).
    std::multimap<core::EpochMs, const std::string*> by_expiry;
  };

  static void drop_expired(Shard& shard, core::EpochMs now);

  std::size_t max_entries_per_shard_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace mediagate::auth
