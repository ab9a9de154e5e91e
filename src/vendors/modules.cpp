#include "vendors/modules.hpp"

#include "vendors/import_summary_text.hpp"
#include "vendors/iqiyi/get_vod_count.hpp"
#include "vendors/iqiyi/iqiyi_admin.hpp"
#include "vendors/iqiyi/iqiyi_settings.hpp"
#include "vendors/iqiyi/query_vod_coupon.hpp"
#include "vendors/iqiyi/use_vod_coupon.hpp"
#include "vendors/iqiyi/vip_info.hpp"
#include "vendors/polyv/group_allocate_log.hpp"
#include "vendors/polyv/live_session_info_list.hpp"
#include "vendors/polyv/live_session_list.hpp"
#include "vendors/polyv/polyv_admin.hpp"
#include "vendors/polyv/polyv_envelope.hpp"
#include "vendors/polyv/polyv_settings.hpp"
#include "vendors/polyv/vod_get_by_uploader.hpp"
#include "vendors/pumpkin/media_sync.hpp"
#include "vendors/pumpkin/movie_sync.hpp"
#include "vendors/pumpkin/offline_sync.hpp"
#include "vendors/pumpkin/pumpkin_admin.hpp"
#include "vendors/pumpkin/pumpkin_settings.hpp"

namespace mediagate::vendors {

std::vector<endpoint::Route> routes() {
  return {
      polyv::vod_get_by_uploader(), polyv::live_session_list(), polyv::group_allocate_log(),
      iqiyi::get_vod_count(),       pumpkin::offline_sync(),    polyv::live_session_info_list(),
      pumpkin::media_sync(),        pumpkin::movie_sync(),      iqiyi::use_vod_coupon(),
      iqiyi::query_vod_coupon(),    iqiyi::vip_info(),
  };
}

std::vector<core::ConfigSection> config_sections() {
  return {
      core::config_section<polyv::PolyvSettings>(),
      core::config_section<iqiyi::IqiyiSettings>(),
      core::config_section<pumpkin::PumpkinSettings>(),
  };
}

std::vector<core::RateLimitGroup> rate_limit_groups(const core::Config& config) {
  return {
      {std::string(polyv::kLimitGroup), config.modules.get<polyv::PolyvSettings>().rate_limit},
  };
}

std::vector<std::span<const admin::AdminRoute>> admin_resources() {
  return {polyv::admin_account_routes(), polyv::admin_group_routes(), iqiyi::admin_routes(),
          pumpkin::admin_routes()};
}

admin::DocumentRules document_rules() {
  return {.write_counts = write_summary_members, .check = polyv::check_document_app_ids};
}

std::string_view served_apis() {
  return "Polyv VOD/live/group, iQiyi, Pumpkin";
}

}  // namespace mediagate::vendors
