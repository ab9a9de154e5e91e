#include "vendors/modules.hpp"

#include "vendors/iqiyi/get_vod_count.hpp"
#include "vendors/polyv/group_allocate_log.hpp"
#include "vendors/polyv/live_session_list.hpp"
#include "vendors/polyv/vod_get_by_uploader.hpp"
#include "vendors/pumpkin/offline_sync.hpp"

namespace mediagate::vendors {

std::vector<endpoint::Route> routes() {
  return {
      polyv::vod_get_by_uploader(), polyv::live_session_list(), polyv::group_allocate_log(),
      iqiyi::get_vod_count(),       pumpkin::offline_sync(),
  };
}

}  // namespace mediagate::vendors
