#include "vendors/polyv/polyv_live_signer.hpp"

#include <algorithm>

#include "auth/constant_time.hpp"
#include "auth/digest.hpp"

namespace mediagate::vendors::polyv {

std::string_view polyv_form_name(PolyvSignForm form) {
  if (form.keep_blank_values) return form.sign_signature_method ? "C" : "D";
  return form.sign_signature_method ? "A" : "B";
}

bool polyv_blank(std::string_view value) {
  return std::all_of(value.begin(), value.end(),
                     [](char c) { return static_cast<unsigned char>(c) <= 0x20; });
}

std::optional<PolyvDigest> polyv_digest_from_params(const core::ParamMap& params) {
  const auto method = core::non_empty_param(params, kSignatureMethodParam);
  if (!method) return PolyvDigest::kMd5;
  if (*method == "SHA256") return PolyvDigest::kSha256;
  return std::nullopt;
}

auth::SignatureTrace polyv_live_sign(const core::ParamMap& params, std::string_view secret,
                                     PolyvDigest digest, PolyvSignForm form) {
  auth::SignatureTrace trace;
  for (const auto& [name, value] : params) {
    if (name == auth::kSignParam) continue;
    if (!form.sign_signature_method && name == kSignatureMethodParam) continue;
    if (!form.keep_blank_values && polyv_blank(value)) continue;
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

bool polyv_live_verify_form(const core::ParamMap& params, std::string_view secret,
                            std::string_view received, PolyvDigest digest, PolyvSignForm form) {
  return auth::signature_matches(polyv_live_sign(params, secret, digest, form).signature, received);
}

bool polyv_live_verify(const core::ParamMap& params, std::string_view secret,
                       std::string_view received, PolyvDigest digest) {
  // No early exit: the work done does not depend on which form (if any) matched.
  bool matched = false;
  for (const auto form : kPolyvSignForms) {
    matched |= polyv_live_verify_form(params, secret, received, digest, form);
  }
  return matched;
}

PolyvSignForm polyv_nearest_form(const core::ParamMap& params) {
  const bool sends_blank = std::any_of(params.begin(), params.end(), [](const auto& param) {
    return param.first != auth::kSignParam && polyv_blank(param.second);
  });
  return sends_blank ? kPolyvFormD : kPolyvFormA;
}

}  // namespace mediagate::vendors::polyv
