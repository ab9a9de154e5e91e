#include "vendors/polyv/polyv_vod_signer.hpp"

#include "auth/constant_time.hpp"
#include "auth/digest.hpp"
#include "auth/query_then_secret.hpp"

namespace mediagate::vendors::polyv {

auth::SignatureTrace polyv_vod_sign(const core::ParamMap& params, std::string_view secret) {
  // Empty values are left out.
  auto trace = auth::query_then_secret(params, secret,
                                       [](auto, std::string_view value) { return !value.empty(); });
  trace.signature = auth::hex_upper(auth::sha1(trace.string_to_sign));
  return trace;
}

bool polyv_vod_verify(const core::ParamMap& params, std::string_view secret,
                      std::string_view received) {
  return auth::signature_matches(polyv_vod_sign(params, secret).signature, received);
}

}  // namespace mediagate::vendors::polyv
