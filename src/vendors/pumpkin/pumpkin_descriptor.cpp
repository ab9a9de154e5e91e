#include "vendors/pumpkin/pumpkin_descriptor.hpp"

#include <string>

#include "client/json_fields.hpp"
#include "client/signed_request.hpp"
#include "vendors/pumpkin/pumpkin_signer.hpp"

namespace mediagate::vendors::pumpkin {
namespace {

constexpr std::size_t kNonceLength = 10;  // the demo's Random.getRandom(10, ...)

constexpr client::VendorUsage kUsage{
    .generates = "timestamp, signature_nonce, format, version, action",
    .caller = "pid",
    .signing =
        "the method (GET or POST) is part of the string to sign; --path PATH is signed as "
        "`action` (default: the endpoint's own path, /media/offline_sync, /media/sync or "
        "/movie/sync), the signed set being pid, version, timestamp, signature_nonce, "
        "format, action; --sign-all signs every --param as given instead (the demo's "
        "generic helper; the server accepts either)"};

template <const std::string_view* Path>
void fill_pumpkin_generated(core::ParamMap& params, const client::GenerationSources& sources) {
  client::set_if_absent(params, "timestamp", std::to_string(sources.clock.now_ms()));
  if (params.find("signature_nonce") == params.end()) {
    params.emplace("signature_nonce", sources.nonces.alphanumeric(kNonceLength));
  }
  client::set_if_absent(params, "format", "JSON");
  client::set_if_absent(params, "version", "v1");
  client::set_if_absent(params, "action", std::string(*Path));
}

// The server's fixed set (pid, version, timestamp, signature_nonce, format, action = the path
// signed), or every parameter as given (the demo's generic helper, vector P3 of vendor-spec
// §1.4).
template <const std::string_view* Path>
core::Expected<client::SignatureSteps, client::ClientError> sign_pumpkin(
    const client::SigningInput& input, std::string_view secret) {
  if (input.sign_all) return client::safe_steps(pumpkin_sign(input.params, input.method, secret));
  const auto signed_set =
      pumpkin_signed_set(input.params, input.signed_path.empty() ? *Path : input.signed_path);
  return client::safe_steps(pumpkin_sign(signed_set, input.method, secret));
}

// status_code 200 is success.
core::Expected<core::Ok, client::ClientError> check_pumpkin_envelope(
    const client::VendorDescriptor& self, const boost::json::object& envelope,
    const client::ClientResponse& response) {
  const auto code = client::detail::integer_field(envelope, "status_code");
  const auto* message = client::detail::string_field(envelope, "message");
  if (!code || message == nullptr) {
    return core::unexpected(client::detail::not_an_envelope(self.name, response));
  }
  if (*code != 200) {
    return core::unexpected(client::ClientError::vendor(
        std::to_string(*code), std::string(*message), response.status, response.body));
  }
  return core::Ok{};
}

}  // namespace

const client::VendorDescriptor& pumpkin_descriptor() {
  static const client::VendorDescriptor kDescriptor{
      .name = "pumpkin",
      .path_template = kPumpkinPath,
      .default_base_url = "",
      .signs_given_path = true,
      .fill_generated = fill_pumpkin_generated<&kPumpkinPath>,
      .sign = sign_pumpkin<&kPumpkinPath>,
      .check_envelope = check_pumpkin_envelope,
      .usage = kUsage,
  };
  return kDescriptor;
}

const client::VendorDescriptor& pumpkin_media_sync_descriptor() {
  static const client::VendorDescriptor kDescriptor{
      .name = "pumpkin-media-sync",
      .path_template = kPumpkinMediaSyncPath,
      .default_base_url = "",
      .signs_given_path = true,
      .fill_generated = fill_pumpkin_generated<&kPumpkinMediaSyncPath>,
      .sign = sign_pumpkin<&kPumpkinMediaSyncPath>,
      .check_envelope = check_pumpkin_envelope,
      .usage = kUsage,
  };
  return kDescriptor;
}

const client::VendorDescriptor& pumpkin_movie_sync_descriptor() {
  static const client::VendorDescriptor kDescriptor{
      .name = "pumpkin-movie-sync",
      .path_template = kPumpkinMovieSyncPath,
      .default_base_url = "",
      .signs_given_path = true,
      .fill_generated = fill_pumpkin_generated<&kPumpkinMovieSyncPath>,
      .sign = sign_pumpkin<&kPumpkinMovieSyncPath>,
      .check_envelope = check_pumpkin_envelope,
      .usage = kUsage,
  };
  return kDescriptor;
}

}  // namespace mediagate::vendors::pumpkin
