// Conversions between epoch milliseconds and the vendors' "yyyy-MM-dd HH:mm:ss" wall-clock
// strings at a fixed UTC offset (UTC+8 by default, see decisions.md).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace mediagate::core {

inline constexpr int kShanghaiOffsetMinutes = 8 * 60;

// "2019-05-14 14:41:51" for the given instant at the given offset (seconds truncated toward -inf).
std::string format_wall_time(EpochMs at, int offset_minutes);

// The same text in a value, without a heap allocation (for pages that format one per item).
struct WallTimeText {
  std::array<char, 32> chars{};
  std::size_t size = 0;
  std::string_view view() const { return {chars.data(), size}; }
};
WallTimeText wall_time_text(EpochMs at, int offset_minutes);

// Parses exactly "yyyy-MM-dd HH:mm:ss" (19 characters), validating ranges (month 1-12,
// day within month, hour < 24, ...). Returns the instant, or nothing.
std::optional<EpochMs> parse_wall_time(std::string_view text, int offset_minutes);

// Parses exactly "yyyy-MM-dd" as midnight of that day.
std::optional<EpochMs> parse_wall_date(std::string_view text, int offset_minutes);

}  // namespace mediagate::core
