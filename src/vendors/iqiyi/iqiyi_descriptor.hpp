// The SDK's iQiyi VIP endpoint, GET or POST /vod/coupon/getVodCount.action (vendor-spec §3):
// `mediagate sign/call --vendor iqiyi`, messageId (appName_UUID) and version generated, the MD5
// rule of iqiyi_signer with `callback` signed.
#pragma once

#include <string_view>

#include "client/vendor_descriptor.hpp"

namespace mediagate::vendors::iqiyi {

// iQiyi's own hosts (vendor-spec §3.1), for ClientOptions::base_url.
inline constexpr std::string_view kIqiyiBaseUrl = "http://openapi.vip.iqiyi.com";
inline constexpr std::string_view kIqiyiTestBaseUrl = "http://test-openapi.vip.iqiyi.com";

const client::VendorDescriptor& iqiyi_descriptor();
// The VOD coupon family (docs/decisions/iqiyi-coupons.md): useVodCoupon and queryVodCoupon as
// getVodCount (messageId and version generated), vip/info with nothing generated (it takes
// partner, user_id, user_type, vip_type).
const client::VendorDescriptor& iqiyi_use_vod_coupon_descriptor();
const client::VendorDescriptor& iqiyi_query_vod_coupon_descriptor();
const client::VendorDescriptor& iqiyi_vip_info_descriptor();

}  // namespace mediagate::vendors::iqiyi
