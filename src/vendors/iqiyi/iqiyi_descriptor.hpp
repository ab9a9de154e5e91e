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

}  // namespace mediagate::vendors::iqiyi
