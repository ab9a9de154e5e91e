// Strict decimal parsing for request parameters: digits only (an optional leading '-' where
// allowed), no spaces, no '+', no overflow.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mediagate::core {

inline std::optional<std::int64_t> parse_int64(std::string_view text) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  if (text.front() == '+') return std::nullopt;
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

// Non-negative integer made of digits only.
inline std::optional<std::int64_t> parse_digits(std::string_view text) {
  if (text.empty() || text.front() == '-') return std::nullopt;
  return parse_int64(text);
}

}  // namespace mediagate::core
