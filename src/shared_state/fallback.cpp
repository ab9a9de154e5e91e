#include "shared_state/fallback.hpp"

namespace mediagate::shared_state {

void FallbackState::shared_failed() {
  if (!local_.exchange(true) && log_ != nullptr) {
    log_->warn("shared state unavailable: using this instance's memory",
               {{"for", std::string_view{what_}}});
  }
}

void FallbackState::shared_answered() {
  if (local_.exchange(false) && log_ != nullptr) {
    log_->info("shared state answers again: local memory no longer used",
               {{"for", std::string_view{what_}}});
  }
}

FallbackReplayGuard::FallbackReplayGuard(std::unique_ptr<auth::ReplayGuard> shared,
                                         std::unique_ptr<auth::ReplayGuard> local,
                                         core::Logger* log)
    : shared_(std::move(shared)), local_(std::move(local)), state_(log, "replay guard") {}

auth::ReplayCheck FallbackReplayGuard::first_use(std::string_view scope, std::string_view token,
                                                 core::EpochMs now, std::int64_t horizon_ms) {
  return decide(shared_->first_use(scope, token, now, horizon_ms), scope, token, now, horizon_ms);
}

auth::ReplayCheck FallbackReplayGuard::decide(auth::ReplayCheck shared, std::string_view scope,
                                              std::string_view token, core::EpochMs now,
                                              std::int64_t horizon_ms) {
  if (shared != auth::ReplayCheck::kUnavailable) {
    state_.shared_answered();
    return shared;
  }
  state_.shared_failed();
  return local_->first_use(scope, token, now, horizon_ms);
}

FallbackRateLimiter::FallbackRateLimiter(std::unique_ptr<auth::RateLimiter> shared,
                                         std::unique_ptr<auth::RateLimiter> local,
                                         core::Logger* log)
    : shared_(std::move(shared)), local_(std::move(local)), state_(log, "rate limiter") {}

auth::RateLimiter::Decision FallbackRateLimiter::hit(std::string_view key, core::EpochMs now) {
  return decide(shared_->hit(key, now), key, now);
}

auth::RateLimiter::Decision FallbackRateLimiter::decide(const Decision& shared,
                                                        std::string_view key, core::EpochMs now) {
  if (!shared.unavailable) {
    state_.shared_answered();
    return shared;
  }
  state_.shared_failed();
  return local_->hit(key, now);
}

}  // namespace mediagate::shared_state
