#include "vendors/polyv/polyv_live_info_descriptor.hpp"

#include "vendors/polyv/polyv_live_descriptor.hpp"

namespace mediagate::vendors::polyv {

const client::VendorDescriptor& polyv_live_info_descriptor() {
  static const client::VendorDescriptor kDescriptor =
      polyv_live_v3_descriptor("polyv-live-info", "/live/v3/channel/session/list");
  return kDescriptor;
}

}  // namespace mediagate::vendors::polyv
