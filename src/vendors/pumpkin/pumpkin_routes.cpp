#include "vendors/pumpkin/pumpkin_routes.hpp"

#include <memory>
#include <string>

#include "vendors/fault_injection.hpp"
#include "vendors/pumpkin/offline_sync.hpp"
#include "vendors/pumpkin/pumpkin_faults.hpp"

namespace mediagate::vendors::pumpkin {

void register_routes(http::Router& router, VendorContext& context) {
  auto offline_sync = std::make_shared<OfflineSync>(context);
  router.add(
      {"GET"}, std::string(kOfflineSyncPath),
      with_faults(
          context, fault_endpoint(context, "pumpkin-offline-sync", std::string(kOfflineSyncPath)),
          [offline_sync](http::Request& request) { return offline_sync->handle(request); }));
}

}  // namespace mediagate::vendors::pumpkin
