#include "auth/polyv_vod_signer.hpp"

#include "auth/constant_time.hpp"
#include "auth/digest.hpp"

namespace mediagate::auth {

SignatureTrace polyv_vod_sign(const core::ParamMap& params, std::string_view secret) {
  SignatureTrace trace;
  bool first = true;
  for (const auto& [name, value] : params) {
    if (name == kSignParam || value.empty()) continue;
    if (!first) trace.canonical.push_back('&');
    first = false;
    trace.canonical += name;
    trace.canonical.push_back('=');
    trace.canonical += value;
  }
  trace.string_to_sign = trace.canonical;
  trace.string_to_sign += secret;
  trace.string_to_sign_redacted = trace.canonical;
  trace.string_to_sign_redacted += kRedactedSecret;
  trace.signature = hex_upper(sha1(trace.string_to_sign));
  return trace;
}

bool polyv_vod_verify(const core::ParamMap& params, std::string_view secret,
                      std::string_view received) {
  return signature_matches(polyv_vod_sign(params, secret).signature, received);
}

}  // namespace mediagate::auth
