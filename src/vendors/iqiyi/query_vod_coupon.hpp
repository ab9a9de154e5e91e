// GET|POST /vod/coupon/queryVodCoupon.action (点播券查询接口; nothing but its title is public:
// breadth spec §1.3, docs/decisions/iqiyi-coupons.md).
#pragma once

#include <string_view>

#include "endpoint/registry.hpp"

namespace mediagate::vendors::iqiyi {

inline constexpr std::string_view kQueryVodCouponPath = "/vod/coupon/queryVodCoupon.action";

endpoint::Route query_vod_coupon();

}  // namespace mediagate::vendors::iqiyi
