// The SDK's Polyv live v3 endpoint, GET /live/v3/channel/session/data/list (vendor-spec §4):
// `--vendor polyv-live`, timestamp generated, the MD5 sandwich of polyv_live_signer (SHA-256
// with signatureMethod=SHA256).
#pragma once

#include "client/vendor_descriptor.hpp"

namespace mediagate::vendors::polyv {

const client::VendorDescriptor& polyv_live_descriptor();

// What the two live v3 session lists' descriptors share: the generated timestamp, and the
// signature in form A (blank values unsigned, signatureMethod signed; SHA-256 when
// signatureMethod=SHA256), which the server accepts among forms A-D.
void fill_live_generated(core::ParamMap& params, const client::GenerationSources& sources);
core::Expected<client::SignatureSteps, client::ClientError> sign_live(
    const client::SigningInput& input, std::string_view secret);

}  // namespace mediagate::vendors::polyv
