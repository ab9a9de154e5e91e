// The iQiyi module's settings ("iqiyi.*").
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/config.hpp"

namespace mediagate::vendors::iqiyi {

struct IqiyiSettings {
  static constexpr std::string_view kSection = "iqiyi";

  // How long a messageId stays spent (the replay horizon).
  std::int64_t message_id_horizon_ms = 24LL * 3600 * 1000;

  void describe(core::SettingFields& fields) {
    fields.add("message_id_horizon_ms", &message_id_horizon_ms, 0, std::int64_t{1} << 40);
  }
  std::optional<std::string> check() const { return std::nullopt; }
};

}  // namespace mediagate::vendors::iqiyi
