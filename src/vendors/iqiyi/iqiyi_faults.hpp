// iQiyi's part of sandbox fault injection (endpoint/fault_injection.hpp):
//   vendor_error: {"code": "…", "msg": "…"}  -> HTTP 200, {"code":"…","msg":"…"}
// The internal error is Q00332 系统错误. Fault answers are never JSONP-wrapped.
#pragma once

#include <string>

#include "endpoint/fault_injection.hpp"

namespace mediagate::vendors::iqiyi {

endpoint::FaultEndpoint fault_endpoint(const endpoint::Context& context, std::string name,
                                       std::string pattern);

}  // namespace mediagate::vendors::iqiyi
