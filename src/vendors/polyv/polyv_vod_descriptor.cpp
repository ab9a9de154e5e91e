#include "vendors/polyv/polyv_vod_descriptor.hpp"

#include <string>

#include "client/signed_request.hpp"
#include "vendors/polyv/polyv_base_url.hpp"
#include "vendors/polyv/polyv_client_envelope.hpp"
#include "vendors/polyv/polyv_vod_signer.hpp"

namespace mediagate::vendors::polyv {
namespace {

void fill_vod_generated(core::ParamMap& params, const client::GenerationSources& sources) {
  client::set_if_absent(params, "ptime", std::to_string(sources.clock.now_ms()));
}

core::Expected<client::SignatureSteps, client::ClientError> sign_vod(
    const client::SigningInput& input, std::string_view secret) {
  return client::safe_steps(polyv_vod_sign(input.params, secret));
}

}  // namespace

const client::VendorDescriptor& polyv_vod_descriptor() {
  static const client::VendorDescriptor kDescriptor{
      .name = "polyv-vod",
      .path_template = "/v2/video/{userid}/get-by-uploader",
      .default_base_url = kPolyvBaseUrl,
      .fill_generated = fill_vod_generated,
      .sign = sign_vod,
      .check_envelope = check_polyv_envelope,
      .usage = {.generates = "ptime",
                .example_secret = "tIQp4ATe9Z",
                .call_example = "--userid b0f7041324 --param pageSize=5",
                .sign_example = "--param ptime=1540780829403 --param email=test1@zzs.com "
                                "--param cataid=1 --param page=1"},
  };
  return kDescriptor;
}

}  // namespace mediagate::vendors::polyv
