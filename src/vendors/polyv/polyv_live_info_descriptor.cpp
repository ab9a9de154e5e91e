#include "vendors/polyv/polyv_live_info_descriptor.hpp"

#include "vendors/polyv/polyv_base_url.hpp"
#include "vendors/polyv/polyv_client_envelope.hpp"
#include "vendors/polyv/polyv_live_descriptor.hpp"

namespace mediagate::vendors::polyv {

const client::VendorDescriptor& polyv_live_info_descriptor() {
  static const client::VendorDescriptor kDescriptor{
      .name = "polyv-live-info",
      .path_template = "/live/v3/channel/session/list",
      .default_base_url = kPolyvBaseUrl,
      .fill_generated = fill_live_generated,
      .sign = sign_live,
      .check_envelope = check_polyv_envelope,
      .usage = {.generates = "timestamp", .caller = "appId"},
  };
  return kDescriptor;
}

}  // namespace mediagate::vendors::polyv
