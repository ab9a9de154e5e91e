// What a vendor dialect may use: the store, the clock, the settings and the shared request
// memory (rate limits, replay). Built once by the composition root (src/cli/app.cpp).
#pragma once

#include "auth/rate_limiter.hpp"
#include "auth/replay_guard.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/logger.hpp"
#include "store/store.hpp"

namespace mediagate::vendors {

class FaultTable;
class PageCache;

struct VendorContext {
  store::Store& store;
  const core::Clock& clock;
  const core::Config& config;
  core::Logger& log;
  // All Polyv endpoints share one per-IP limiter; nullptr when rate limiting is off.
  auth::RateLimiter* polyv_rate_limiter;
  auth::ReplayGuard& replay_guard;
  // Sandbox fault injection (vendors/fault_injection.hpp); nullptr outside sandbox mode.
  FaultTable* faults = nullptr;
  // Rendered list pages (vendors/page_cache.hpp); nullptr when page caching is off.
  PageCache* pages = nullptr;
};

}  // namespace mediagate::vendors
