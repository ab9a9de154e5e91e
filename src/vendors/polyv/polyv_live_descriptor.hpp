// The SDK's Polyv live v3 endpoint, GET /live/v3/channel/session/data/list (vendor-spec §4):
// `--vendor polyv-live`, timestamp generated, the MD5 sandwich of polyv_live_signer (SHA-256
// with signatureMethod=SHA256).
#pragma once

#include "client/vendor_descriptor.hpp"

namespace mediagate::vendors::polyv {

const client::VendorDescriptor& polyv_live_descriptor();

// A live v3 session list's descriptor at `path` (both lists share it but for name and path): the
// generated timestamp, and the signature in form A (blank values unsigned, signatureMethod signed;
// SHA-256 when signatureMethod=SHA256), which the server accepts among forms A-D.
client::VendorDescriptor polyv_live_v3_descriptor(std::string_view name, std::string_view path);

}  // namespace mediagate::vendors::polyv
