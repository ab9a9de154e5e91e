// The routing table: every vendor's routes, registered on one router. Adding an API means
// adding its folder and one line in routes.cpp.
#pragma once

#include "http/router.hpp"
#include "vendors/vendor_context.hpp"

namespace mediagate::vendors {

void register_vendor_routes(http::Router& router, VendorContext& context);

}  // namespace mediagate::vendors
