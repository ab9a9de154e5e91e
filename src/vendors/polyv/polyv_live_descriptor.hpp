// The SDK's Polyv live v3 endpoint, GET /live/v3/channel/session/data/list (vendor-spec §4):
// `--vendor polyv-live`, timestamp generated, the MD5 sandwich of polyv_live_signer (SHA-256
// with signatureMethod=SHA256).
#pragma once

#include "client/vendor_descriptor.hpp"

namespace mediagate::vendors::polyv {

const client::VendorDescriptor& polyv_live_descriptor();

}  // namespace mediagate::vendors::polyv
