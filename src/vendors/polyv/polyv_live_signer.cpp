#include "vendors/polyv/polyv_live_signer.hpp"

#include "auth/constant_time.hpp"
#include "auth/digest.hpp"

namespace mediagate::vendors::polyv {

std::optional<PolyvDigest> polyv_digest_from_params(const core::ParamMap& params) {
  const auto method = core::non_empty_param(params, kSignatureMethodParam);
  if (!method) return PolyvDigest::kMd5;
  if (*method == "SHA256") return PolyvDigest::kSha256;
  return std::nullopt;
}

auth::SignatureTrace polyv_live_sign(const core::ParamMap& params, std::string_view secret,
                                     PolyvDigest digest) {
  auth::SignatureTrace trace;
  for (const auto& [name, value] : params) {
    if (name == auth::kSignParam || value.empty()) continue;
    trace.canonical += name;
    trace.canonical += value;
  }
  trace.string_to_sign.reserve(trace.canonical.size() + 2 * secret.size());
  trace.string_to_sign += secret;
  trace.string_to_sign += trace.canonical;
  trace.string_to_sign += secret;
  trace.string_to_sign_redacted += auth::kRedactedSecret;
  trace.string_to_sign_redacted += trace.canonical;
  trace.string_to_sign_redacted += auth::kRedactedSecret;
  trace.signature =
      auth::hex_upper(digest == PolyvDigest::kSha256 ? auth::sha256(trace.string_to_sign)
                                                     : auth::md5(trace.string_to_sign));
  return trace;
}

bool polyv_live_verify(const core::ParamMap& params, std::string_view secret,
                       std::string_view received, PolyvDigest digest) {
  return auth::signature_matches(polyv_live_sign(params, secret, digest).signature, received);
}

}  // namespace mediagate::vendors::polyv
