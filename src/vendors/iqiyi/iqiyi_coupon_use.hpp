// One consumed iQiyi VOD coupon and the viewing right it opened (useVodCoupon,
// docs/decisions/iqiyi-coupons.md): a row of iqiyi_coupon_uses, owned by (partner_code,
// user_id, area); `id` is the store's insertion order.
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.hpp"

namespace mediagate::vendors::iqiyi {

struct IqiyiCouponUse {
  std::int64_t id = 0;
  std::string user_id;
  std::string area;  // "CN" | "TW"
  std::int64_t content_id = 0;
  core::EpochMs use_time = 0;
  core::EpochMs vod_deadline = 0;  // the end of the right: use_time + iqiyi.vod_right_ms

  friend bool operator==(const IqiyiCouponUse&, const IqiyiCouponUse&) = default;
};

}  // namespace mediagate::vendors::iqiyi
