#include "vendors/polyv/polyv_vod_signer.hpp"

#include "auth/constant_time.hpp"
#include "auth/digest.hpp"
#include "auth/query_then_secret.hpp"

namespace mediagate::vendors::polyv {

namespace {

// Empty values are left out.
bool signs_value(std::string_view /*name*/, std::string_view value) {
  return !value.empty();
}

}  // namespace

auth::SignatureTrace polyv_vod_sign(const core::ParamMap& params, std::string_view secret) {
  auto trace = auth::query_then_secret(params, secret, signs_value);
  trace.signature = auth::hex_upper(auth::sha1(trace.string_to_sign));
  return trace;
}

std::string polyv_vod_signature(const core::ParamMap& params, std::string_view secret) {
  return auth::hex_upper(auth::sha1(auth::query_then_secret_text(params, secret, signs_value)));
}

bool polyv_vod_verify(const core::ParamMap& params, std::string_view secret,
                      std::string_view received) {
  return auth::signature_matches(polyv_vod_signature(params, secret), received);
}

}  // namespace mediagate::vendors::polyv
