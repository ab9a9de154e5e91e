// The SDK's Polyv live v3 session list of the Java SDK, GET /live/v3/channel/session/list
// (vendor-spec-breadth §2): `--vendor polyv-live-info`, signed and generated as polyv-live.
#pragma once

#include "client/vendor_descriptor.hpp"

namespace mediagate::vendors::polyv {

const client::VendorDescriptor& polyv_live_info_descriptor();

}  // namespace mediagate::vendors::polyv
