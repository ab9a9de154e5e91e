// GET|POST /vod/coupon/getVodCount.action (seed 002, vendor-spec §3, decisions.md "iQiyi
// getVodCount" and "Limits and order of checks").
#pragma once

#include <string_view>

#include "endpoint/registry.hpp"

namespace mediagate::vendors::iqiyi {

inline constexpr std::string_view kGetVodCountPath = "/vod/coupon/getVodCount.action";

endpoint::Route get_vod_count();

}  // namespace mediagate::vendors::iqiyi
