// The SDK's Polyv VOD v2 endpoint, GET /v2/video/{userid}/get-by-uploader (vendor-spec §2):
// `mediagate sign/call --vendor polyv-vod`, ptime generated, the SHA1 rule of polyv_vod_signer.
#pragma once

#include "client/vendor_descriptor.hpp"

namespace mediagate::vendors::polyv {

const client::VendorDescriptor& polyv_vod_descriptor();

}  // namespace mediagate::vendors::polyv
