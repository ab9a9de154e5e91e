#pragma once

#include "http/router.hpp"
#include "vendors/vendor_context.hpp"

namespace mediagate::vendors::iqiyi {

void register_routes(http::Router& router, VendorContext& context);

}  // namespace mediagate::vendors::iqiyi
