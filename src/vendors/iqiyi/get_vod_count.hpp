// GET|POST /vod/coupon/getVodCount.action (seed 002, vendor-spec §3, decisions.md "iQiyi
// getVodCount" and "Limits and order of checks").
#pragma once

#include "http/message.hpp"
#include "vendors/vendor_context.hpp"

namespace mediagate::vendors::iqiyi {

inline constexpr std::string_view kGetVodCountPath = "/vod/coupon/getVodCount.action";

class GetVodCount {
 public:
  explicit GetVodCount(VendorContext& context) : context_(context) {}
  http::Response handle(http::Request& request) const;

 private:
  VendorContext& context_;
};

}  // namespace mediagate::vendors::iqiyi
