// What a running endpoint may use: the store, the clock, the settings, the logger and the
// shared request memory (rate limits, replay). Built once by the composition root
// (src/cli/app.cpp) and shared by every endpoint of every vendor module.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "auth/rate_limiter.hpp"
#include "auth/replay_guard.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/logger.hpp"
#include "store/store.hpp"

namespace mediagate::endpoint {

class FaultTable;
class Observer;
class PageCache;

struct Context {
  store::Store& store;
  const core::Clock& clock;
  const core::Config& config;
  core::Logger& log;
  auth::ReplayGuard& replay_guard;
  // Per-client limiters by limit group (an endpoint declares the group it counts against; the
  // endpoints of one group share one limiter). A group without a limiter is not limited.
  std::map<std::string, auth::RateLimiter*, std::less<>> rate_limiters = {};
  // Sandbox fault injection (endpoint/fault_injection.hpp); nullptr outside sandbox mode.
  FaultTable* faults = nullptr;
  // Rendered list pages (endpoint/page_cache.hpp); nullptr when page caching is off.
  PageCache* pages = nullptr;
  // The request journal and metrics (endpoint/observer.hpp); nullptr: nothing observes.
  Observer* observer = nullptr;
  // replay_guard's check for an answer started on the io thread, waited for on the event loop;
  // nullptr: such an answer gives replay_guard's check to a handler thread when it would block.
  auth::AsyncReplayGuard* async_replay = nullptr;
  // rate_limiters' counterparts for answers started on the io thread, by group (those kept in
  // Redis); a group without one gives its limiter's count to a handler thread when it would
  // block.
  std::map<std::string, auth::AsyncRateLimiter*, std::less<>> async_rate_limiters = {};

  // The asynchronous limiter of `group`, or nullptr.
  auth::AsyncRateLimiter* async_rate_limiter(std::string_view group) const {
    const auto it = async_rate_limiters.find(group);
    return it == async_rate_limiters.end() ? nullptr : it->second;
  }
  // The limiter of `group`, or nullptr.
  auth::RateLimiter* rate_limiter(std::string_view group) const {
    const auto it = rate_limiters.find(group);
    return it == rate_limiters.end() ? nullptr : it->second;
  }
};

}  // namespace mediagate::endpoint
