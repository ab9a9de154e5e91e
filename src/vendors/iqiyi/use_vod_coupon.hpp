// GET|POST /vod/coupon/useVodCoupon.action (点播券使用接口; behaviour: seed 002's FAQ; wire
// details: breadth spec §1.2, docs/decisions/iqiyi-coupons.md).
#pragma once

#include <string_view>

#include "endpoint/registry.hpp"

namespace mediagate::vendors::iqiyi {

inline constexpr std::string_view kUseVodCouponPath = "/vod/coupon/useVodCoupon.action";

endpoint::Route use_vod_coupon();

}  // namespace mediagate::vendors::iqiyi
