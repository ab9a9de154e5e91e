// Freshness of a request's own timestamp against the server's clock.
#pragma once

#include <cstdint>

#include "core/clock.hpp"

namespace mediagate::auth {

enum class WindowCheck {
  kInside,    // within the window, edges included
  kTooOld,    // further in the past than allowed
  kInFuture,  // further in the future than allowed
};

// Symmetric window: inside when |request_ms - now_ms| <= window_ms. Exactly window_ms old is
// inside, window_ms + 1 is too old (likewise in the future). A negative window counts as 0.
// Safe for any request_ms (a client may send anything that parses as int64).
WindowCheck check_window(core::EpochMs request_ms, core::EpochMs now_ms, std::int64_t window_ms);

// Asymmetric window: inside when now_ms - past_ms <= request_ms <= now_ms + future_ms.
// Pass INT64_MAX as past_ms for "any time in the past".
WindowCheck check_window(core::EpochMs request_ms, core::EpochMs now_ms, std::int64_t past_ms,
                         std::int64_t future_ms);

}  // namespace mediagate::auth
