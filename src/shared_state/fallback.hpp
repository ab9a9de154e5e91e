// The "local" failure policy: a shared backend, and this process's own memory for while the
// shared one is unavailable. Decisions go back to the shared backend as soon as it answers.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "auth/rate_limiter.hpp"
#include "auth/replay_guard.hpp"
#include "core/logger.hpp"

namespace mediagate::shared_state {

// Tracks whether the fallback is in use and logs each switch once (a warning when falling
// back, info when the shared backend answers again), never once per request.
class FallbackState {
 public:
  FallbackState(core::Logger* log, std::string what) : log_(log), what_(std::move(what)) {}
  void shared_failed();
  void shared_answered();
  bool using_local() const { return local_.load(); }

 private:
  core::Logger* log_;
  std::string what_;
  std::atomic<bool> local_{false};
};

// Replay protection while the shared guard is down is per instance: a token used on another
// instance, or before the outage, can be replayed here (docs/operations.md).
class FallbackReplayGuard final : public auth::ReplayGuard {
 public:
  FallbackReplayGuard(std::unique_ptr<auth::ReplayGuard> shared,
                      std::unique_ptr<auth::ReplayGuard> local, core::Logger* log);
  auth::ReplayCheck first_use(std::string_view scope, std::string_view token, core::EpochMs now,
                              std::int64_t horizon_ms) override;
  // The policy applied to the shared guard's outcome `shared` (got elsewhere, e.g. through the
  // event loop): `shared` unless kUnavailable, then the local memory's check.
  auth::ReplayCheck decide(auth::ReplayCheck shared, std::string_view scope, std::string_view token,
                           core::EpochMs now, std::int64_t horizon_ms);
  // The local memory's (what decides while the shared guard is down).
  std::optional<auth::ReplayGuardStats> memory_stats(core::EpochMs now) override {
    return local_->memory_stats(now);
  }
  bool using_local() const { return state_.using_local(); }

 private:
  std::unique_ptr<auth::ReplayGuard> shared_;
  std::unique_ptr<auth::ReplayGuard> local_;
  FallbackState state_;
};

// While the shared limiter is down each instance counts only its own requests.
class FallbackRateLimiter final : public auth::RateLimiter {
 public:
  FallbackRateLimiter(std::unique_ptr<auth::RateLimiter> shared,
                      std::unique_ptr<auth::RateLimiter> local, core::Logger* log);
  Decision hit(std::string_view key, core::EpochMs now) override;
  // The policy applied to the shared limiter's decision `shared` (got elsewhere, e.g. through
  // the event loop): `shared` unless unavailable, then the local memory's.
  Decision decide(const Decision& shared, std::string_view key, core::EpochMs now);
  bool using_local() const { return state_.using_local(); }

 private:
  std::unique_ptr<auth::RateLimiter> shared_;
  std::unique_ptr<auth::RateLimiter> local_;
  FallbackState state_;
};

}  // namespace mediagate::shared_state
