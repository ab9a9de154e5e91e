#include "vendors/polyv/polyv_routes.hpp"

#include <memory>

#include "vendors/polyv/group_allocate_log.hpp"
#include "vendors/polyv/live_session_list.hpp"
#include "vendors/polyv/vod_get_by_uploader.hpp"

namespace mediagate::vendors::polyv {

void register_routes(http::Router& router, VendorContext& context) {
  auto vod = std::make_shared<VodGetByUploader>(context);
  router.add({"GET"}, "/v2/video/{userid}/get-by-uploader",
             [vod](http::Request& request) { return vod->handle(request); });
  auto live = std::make_shared<LiveSessionList>(context);
  router.add({"GET"}, "/live/v3/channel/session/data/list",
             [live](http::Request& request) { return live->handle(request); });
  auto group = std::make_shared<GroupAllocateLog>(context);
  router.add({"GET"}, "/v2/group/account/list-allocate-log",
             [group](http::Request& request) { return group->handle(request); });
}

}  // namespace mediagate::vendors::polyv
