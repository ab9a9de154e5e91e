#include "auth/time_window.hpp"

#include <algorithm>

namespace mediagate::auth {

WindowCheck check_window(core::EpochMs request_ms, core::EpochMs now_ms, std::int64_t window_ms) {
  return check_window(request_ms, now_ms, window_ms, window_ms);
}

WindowCheck check_window(core::EpochMs request_ms, core::EpochMs now_ms, std::int64_t past_ms,
                         std::int64_t future_ms) {
  past_ms = std::max<std::int64_t>(past_ms, 0);
  future_ms = std::max<std::int64_t>(future_ms, 0);
  std::int64_t difference = 0;  // request_ms - now_ms
  if (__builtin_sub_overflow(request_ms, now_ms, &difference)) {
    // The true difference is beyond int64: far in the future when request_ms is the larger.
    return request_ms > now_ms ? WindowCheck::kInFuture : WindowCheck::kTooOld;
  }
  if (difference > future_ms) return WindowCheck::kInFuture;
  // -difference <= past_ms, written so that negating INT64_MIN cannot overflow.
  if (difference < 0 && difference < -past_ms) return WindowCheck::kTooOld;
  return WindowCheck::kInside;
}

}  // namespace mediagate::auth
