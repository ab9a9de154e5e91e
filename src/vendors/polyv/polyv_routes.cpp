#include "vendors/polyv/polyv_routes.hpp"

#include <memory>

#include "vendors/fault_injection.hpp"
#include "vendors/polyv/group_allocate_log.hpp"
#include "vendors/polyv/live_session_list.hpp"
#include "vendors/polyv/polyv_faults.hpp"
#include "vendors/polyv/vod_get_by_uploader.hpp"

namespace mediagate::vendors::polyv {

void register_routes(http::Router& router, VendorContext& context) {
  // Each route under its fault-injection name (sandbox mode; a no-op otherwise).
  auto add = [&](std::string name, std::string pattern, http::Handler handler) {
    auto wrapped =
        with_faults(context, fault_endpoint(std::move(name), pattern), std::move(handler));
    router.add({"GET"}, std::move(pattern), std::move(wrapped));
  };
  auto vod = std::make_shared<VodGetByUploader>(context);
  add("polyv-vod", "/v2/video/{userid}/get-by-uploader",
      [vod](http::Request& request) { return vod->handle(request); });
  auto live = std::make_shared<LiveSessionList>(context);
  add("polyv-live", "/live/v3/channel/session/data/list",
      [live](http::Request& request) { return live->handle(request); });
  auto group = std::make_shared<GroupAllocateLog>(context);
  add("polyv-group", "/v2/group/account/list-allocate-log",
      [group](http::Request& request) { return group->handle(request); });
}

}  // namespace mediagate::vendors::polyv
