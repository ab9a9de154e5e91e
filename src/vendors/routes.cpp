#include "vendors/routes.hpp"

#include "vendors/iqiyi/iqiyi_routes.hpp"
#include "vendors/polyv/polyv_routes.hpp"
#include "vendors/pumpkin/pumpkin_routes.hpp"

namespace mediagate::vendors {

void register_vendor_routes(http::Router& router, VendorContext& context) {
  polyv::register_routes(router, context);
  iqiyi::register_routes(router, context);
  pumpkin::register_routes(router, context);
}

}  // namespace mediagate::vendors
