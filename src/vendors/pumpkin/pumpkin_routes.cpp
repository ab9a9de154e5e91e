#include "vendors/pumpkin/pumpkin_routes.hpp"

namespace mediagate::vendors::pumpkin {

void register_routes(http::Router& /*router*/, VendorContext& /*context*/) {}

}  // namespace mediagate::vendors::pumpkin
