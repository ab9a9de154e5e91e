// Pumpkin's part of sandbox fault injection (endpoint/fault_injection.hpp):
//   vendor_error: {"status_code": integer, "message": "…"}
//   -> HTTP 200, {"message":…,"content":{},"status_code":…,"timestamp":"<now>","date":"<now>"}
// The internal error is 17999 生成失败,请稍后重试.
#pragma once

#include <string>

#include "endpoint/context.hpp"
#include "endpoint/fault_injection.hpp"

namespace mediagate::vendors::pumpkin {

// `context` (its clock and UTC offset) must outlive the endpoint.
endpoint::FaultEndpoint fault_endpoint(const endpoint::Context& context, std::string name,
                                       std::string pattern);

}  // namespace mediagate::vendors::pumpkin
