// Pumpkin's part of sandbox fault injection (vendors/fault_injection.hpp):
//   vendor_error: {"status_code": integer, "message": "…"}
//   -> HTTP 200, {"message":…,"content":{},"status_code":…,"timestamp":"<now>","date":"<now>"}
// The internal error is 17999 生成失败,请稍后重试.
#pragma once

#include <string>

#include "vendors/fault_injection.hpp"
#include "vendors/vendor_context.hpp"

namespace mediagate::vendors::pumpkin {

// `context` (its clock and UTC offset) must outlive the endpoint.
FaultEndpoint fault_endpoint(const VendorContext& context, std::string name, std::string pattern);

}  // namespace mediagate::vendors::pumpkin
