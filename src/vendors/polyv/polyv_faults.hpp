// Polyv's part of sandbox fault injection (endpoint/fault_injection.hpp): how an operator
// describes a Polyv error, and how it and the internal error are rendered in Polyv's envelope.
//   vendor_error: {"code": 100..599, "message": "…", "status": "…"(optional, default "error")}
//   -> HTTP status = code, {"code":code,"status":status,"message":message,"data":""}
// Fault answers are never JSONP-wrapped.
#pragma once

#include <string>

#include "endpoint/fault_injection.hpp"

namespace mediagate::vendors::polyv {

// A Polyv endpoint for the fault table; its internal error is 500 "query failed.".
endpoint::FaultEndpoint fault_endpoint(const endpoint::Context& context, std::string name,
                                       std::string pattern);

}  // namespace mediagate::vendors::polyv
