#include "vendors/iqiyi/iqiyi_routes.hpp"

#include <memory>
#include <string>

#include "vendors/fault_injection.hpp"
#include "vendors/iqiyi/get_vod_count.hpp"
#include "vendors/iqiyi/iqiyi_faults.hpp"

namespace mediagate::vendors::iqiyi {

void register_routes(http::Router& router, VendorContext& context) {
  auto vod_count = std::make_shared<GetVodCount>(context);
  router.add(
      {"GET", "POST"}, std::string(kGetVodCountPath),
      with_faults(context, fault_endpoint("iqiyi-vod-count", std::string(kGetVodCountPath)),
                  [vod_count](http::Request& request) { return vod_count->handle(request); }));
}

}  // namespace mediagate::vendors::iqiyi
