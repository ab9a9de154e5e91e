// The Pumpkin module's settings ("pumpkin.*").
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/config.hpp"

namespace mediagate::vendors::pumpkin {

struct PumpkinSettings {
  static constexpr std::string_view kSection = "pumpkin";

  std::int64_t window_ms = 12LL * 3600 * 1000;       // how far back a sync may reach
  std::int64_t future_tolerance_ms = 180'000;        // a timestamp this far ahead is accepted
  std::int64_t nonce_horizon_ms = 15LL * 60 * 1000;  // how long a nonce stays spent
  std::int64_t batch_window_ms = 30LL * 60 * 1000;   // a /media/sync batch: this before timestamp

  void describe(core::SettingFields& fields) {
    constexpr std::int64_t kMax = std::int64_t{1} << 40;
    fields.add("window_ms", &window_ms, 1, kMax);
    fields.add("future_tolerance_ms", &future_tolerance_ms, 0, kMax);
    fields.add("nonce_horizon_ms", &nonce_horizon_ms, 0, kMax);
    fields.add("batch_window_ms", &batch_window_ms, 1, kMax);
  }
  std::optional<std::string> check() const { return std::nullopt; }
};

}  // namespace mediagate::vendors::pumpkin
