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
  // How long the viewing right a used VOD coupon opens lasts (seed 002's FAQ: 48 hours from the
  // use).
  std::int64_t vod_right_ms = 48LL * 3600 * 1000;
  // The most unspent coupons one queryVodCoupon or vip/info answer lists (the uses are all
  // listed); getVodCount's count is never capped.
  std::int64_t coupon_list_max = 1000;

  void describe(core::SettingFields& fields) {
    fields.add("message_id_horizon_ms", &message_id_horizon_ms, 0, std::int64_t{1} << 40);
    fields.add("vod_right_ms", &vod_right_ms, 1, std::int64_t{1} << 40);
    fields.add("coupon_list_max", &coupon_list_max, 0, std::int64_t{1} << 20);
  }
  std::optional<std::string> check() const { return std::nullopt; }
};

}  // namespace mediagate::vendors::iqiyi
