#include "vendors/polyv/polyv_vod_signer.hpp"

#include "auth/constant_time.hpp"
#include "auth/digest.hpp"

namespace mediagate::vendors::polyv {

auth::SignatureTrace polyv_vod_sign(const core::ParamMap& params, std::string_view secret) {
  auth::SignatureTrace trace;
  bool first = true;
  for (const auto& [name, value] : params) {
    if (name == auth::kSignParam || value.empty()) continue;
    if (!first) trace.canonical.push_back('&');
    first = false;
    trace.canonical += name;
    trace.canonical.push_back('=');
    trace.canonical += value;
  }
  trace.string_to_sign = trace.canonical;
  trace.string_to_sign += secret;
  trace.string_to_sign_redacted = trace.canonical;
  trace.string_to_sign_redacted += auth::kRedactedSecret;
  trace.signature = auth::hex_upper(auth::sha1(trace.string_to_sign));
  return trace;
}

bool polyv_vod_verify(const core::ParamMap& params, std::string_view secret,
                      std::string_view received) {
  return auth::signature_matches(polyv_vod_sign(params, secret).signature, received);
}

}  // namespace mediagate::vendors::polyv
