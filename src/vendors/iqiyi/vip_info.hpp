// GET|POST /vip/info.action (权益查询接口, IQ-info; breadth spec §1.4): the coupon part of the
// entitlement query (vip_type coupon, and vod for the rights coupons opened). Flat envelope
// {code, msg, data}, no messageId.
#pragma once

#include <string_view>

#include "endpoint/registry.hpp"

namespace mediagate::vendors::iqiyi {

inline constexpr std::string_view kVipInfoPath = "/vip/info.action";

endpoint::Route vip_info();

}  // namespace mediagate::vendors::iqiyi
