#include "vendors/polyv/polyv_routes.hpp"

#include <memory>

#include "vendors/polyv/vod_get_by_uploader.hpp"

namespace mediagate::vendors::polyv {

void register_routes(http::Router& router, VendorContext& context) {
  auto vod = std::make_shared<VodGetByUploader>(context);
  router.add({"GET"}, "/v2/video/{userid}/get-by-uploader",
             [vod](http::Request& request) { return vod->handle(request); });
}

}  // namespace mediagate::vendors::polyv
