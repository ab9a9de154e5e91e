#include "vendors/client_descriptors.hpp"

#include <array>

#include "vendors/iqiyi/iqiyi_descriptor.hpp"
#include "vendors/polyv/polyv_group_descriptor.hpp"
#include "vendors/polyv/polyv_live_descriptor.hpp"
#include "vendors/polyv/polyv_live_info_descriptor.hpp"
#include "vendors/polyv/polyv_vod_descriptor.hpp"
#include "vendors/pumpkin/pumpkin_descriptor.hpp"

namespace mediagate::vendors {

std::span<const client::VendorDescriptor* const> client_descriptors() {
  static const std::array<const client::VendorDescriptor*, 11> kDescriptors = {
      &polyv::polyv_vod_descriptor(),
      &polyv::polyv_live_descriptor(),
      &polyv::polyv_live_info_descriptor(),
      &polyv::polyv_group_descriptor(),
      &iqiyi::iqiyi_descriptor(),
      &pumpkin::pumpkin_descriptor(),
      &pumpkin::pumpkin_media_sync_descriptor(),
      &pumpkin::pumpkin_movie_sync_descriptor(),
      &iqiyi::iqiyi_use_vod_coupon_descriptor(),
      &iqiyi::iqiyi_query_vod_coupon_descriptor(),
      &iqiyi::iqiyi_vip_info_descriptor()};
  return kDescriptors;
}

const client::VendorDescriptor* parse_vendor(std::string_view name) {
  for (const auto* descriptor : client_descriptors()) {
    if (descriptor->name == name) return descriptor;
  }
  return nullptr;
}

}  // namespace mediagate::vendors
