#include "vendors/polyv/polyv_group_descriptor.hpp"

#include <string>

#include "client/signed_request.hpp"
#include "vendors/polyv/polyv_base_url.hpp"
#include "vendors/polyv/polyv_client_envelope.hpp"
#include "vendors/polyv/polyv_live_signer.hpp"

namespace mediagate::vendors::polyv {
namespace {

void fill_group_generated(core::ParamMap& params, const client::GenerationSources& sources) {
  client::set_if_absent(params, "timestamp", std::to_string(sources.clock.now_ms()));
}

core::Expected<client::SignatureSteps, client::ClientError> sign_group(
    const client::SigningInput& input, std::string_view secret) {
  // The group's sign is the MD5 sandwich; signatureMethod is no switch there.
  return client::safe_steps(polyv_live_sign(input.params, secret, PolyvDigest::kMd5));
}

}  // namespace

const client::VendorDescriptor& polyv_group_descriptor() {
  static const client::VendorDescriptor kDescriptor{
      .name = "polyv-group",
      .path_template = "/v2/group/account/list-allocate-log",
      .default_base_url = kPolyvBaseUrl,
      .fill_generated = fill_group_generated,
      .sign = sign_group,
      .check_envelope = check_polyv_envelope,
      .usage = {.generates = "timestamp", .caller = "appId"},
  };
  return kDescriptor;
}

}  // namespace mediagate::vendors::polyv
