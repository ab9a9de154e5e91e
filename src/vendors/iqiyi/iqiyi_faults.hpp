// iQiyi's part of sandbox fault injection (vendors/fault_injection.hpp):
//   vendor_error: {"code": "…", "msg": "…"}  -> HTTP 200, {"code":"…","msg":"…"}
// The internal error is Q00332 系统错误. Fault answers are never JSONP-wrapped.
#pragma once

#include <string>

#include "vendors/fault_injection.hpp"

namespace mediagate::vendors::iqiyi {

FaultEndpoint fault_endpoint(std::string name, std::string pattern);

}  // namespace mediagate::vendors::iqiyi
