#pragma once

#include "http/router.hpp"
#include "vendors/vendor_context.hpp"

namespace mediagate::vendors::polyv {

// Polyv VOD v2, live v3 and group-account endpoints.
void register_routes(http::Router& router, VendorContext& context);

}  // namespace mediagate::vendors::polyv
