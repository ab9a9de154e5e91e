#include "vendors/iqiyi/iqiyi_routes.hpp"

namespace mediagate::vendors::iqiyi {

void register_routes(http::Router& /*router*/, VendorContext& /*context*/) {}

}  // namespace mediagate::vendors::iqiyi
