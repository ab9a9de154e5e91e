// The Polyv module's settings ("polyv.*"): shared by VOD, live and group.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/config.hpp"

namespace mediagate::vendors::polyv {

struct PolyvSettings {
  static constexpr std::string_view kSection = "polyv";

  std::int64_t time_window_ms = 180'000;  // ± around server time, inclusive
  std::int64_t default_page_size = 20;
  std::int64_t max_page_size = 1000;  // larger requests are clamped
  // Per client address, counted across the three APIs (the "polyv" limit group).
  core::RateLimitSettings rate_limit;

  void describe(core::SettingFields& fields) {
    constexpr std::int64_t kMax = std::int64_t{1} << 40;
    fields.add("time_window_ms", &time_window_ms, 0, kMax);
    fields.add("default_page_size", &default_page_size, 1, 1'000'000);
    fields.add("max_page_size", &max_page_size, 1, 1'000'000);
    fields.add("rate_limit", &rate_limit);
  }
  std::optional<std::string> check() const {
    if (default_page_size > max_page_size) {
      return "polyv.default_page_size: must not exceed polyv.max_page_size";
    }
    return std::nullopt;
  }
};

}  // namespace mediagate::vendors::polyv
