// The SDK's Polyv group endpoint, GET /v2/group/account/list-allocate-log (vendor-spec §5):
// `--vendor polyv-group`, timestamp generated, the MD5 sandwich of polyv_live_signer
// (signatureMethod is no switch there).
#pragma once

#include "client/vendor_descriptor.hpp"

namespace mediagate::vendors::polyv {

const client::VendorDescriptor& polyv_group_descriptor();

}  // namespace mediagate::vendors::polyv
