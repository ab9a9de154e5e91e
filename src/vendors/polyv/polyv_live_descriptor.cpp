#include "vendors/polyv/polyv_live_descriptor.hpp"

#include <string>

#include "client/signed_request.hpp"
#include "vendors/polyv/polyv_base_url.hpp"
#include "vendors/polyv/polyv_client_envelope.hpp"
#include "vendors/polyv/polyv_live_signer.hpp"

namespace mediagate::vendors::polyv {
namespace {

void fill_live_generated(core::ParamMap& params, const client::GenerationSources& sources) {
  client::set_if_absent(params, "timestamp", std::to_string(sources.clock.now_ms()));
}

core::Expected<client::SignatureSteps, client::ClientError> sign_live(
    const client::SigningInput& input, std::string_view secret) {
  const auto digest = polyv_digest_from_params(input.params);
  if (!digest) {
    return core::unexpected(
        client::ClientError::invalid_argument("signatureMethod must be SHA256 or absent"));
  }
  return client::safe_steps(polyv_live_sign(input.params, secret, *digest));
}

}  // namespace

client::VendorDescriptor polyv_live_v3_descriptor(std::string_view name, std::string_view path) {
  return {
      .name = name,
      .path_template = path,
      .default_base_url = kPolyvBaseUrl,
      .fill_generated = fill_live_generated,
      .sign = sign_live,
      .check_envelope = check_polyv_envelope,
      .usage = {.generates = "timestamp", .caller = "appId"},
  };
}

const client::VendorDescriptor& polyv_live_descriptor() {
  static const client::VendorDescriptor kDescriptor =
      polyv_live_v3_descriptor("polyv-live", "/live/v3/channel/session/data/list");
  return kDescriptor;
}

}  // namespace mediagate::vendors::polyv
