#include "vendors/polyv/polyv_live_signer.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>

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

namespace {

// Whether `form` signs the parameter `name` = `value`.
bool signed_in(PolyvSignForm form, std::string_view name, std::string_view value) {
  if (name == auth::kSignParam) return false;
  if (!form.sign_signature_method && name == kSignatureMethodParam) return false;
  return form.keep_blank_values || !polyv_blank(value);
}

// "k1v1k2v2…" of the parameters `form` signs, in the map's (sorted) order; sized once.
std::string polyv_canonical(const core::ParamMap& params, PolyvSignForm form) {
  std::size_t size = 0;
  for (const auto& [name, value] : params) {
    if (signed_in(form, name, value)) size += name.size() + value.size();
  }
  std::string canonical;
  canonical.reserve(size);
  for (const auto& [name, value] : params) {
    if (!signed_in(form, name, value)) continue;
    canonical += name;
    canonical += value;
  }
  return canonical;
}

// Whether every form signs the same parameters of `params`: none of them is `signatureMethod`
// or blank (then the four canonical strings are one).
bool forms_coincide(const core::ParamMap& params) {
  return std::none_of(params.begin(), params.end(), [](const auto& param) {
    return param.first != auth::kSignParam &&
           (param.first == kSignatureMethodParam || polyv_blank(param.second));
  });
}

// secret + canonical + secret.
std::string polyv_sandwich(std::string_view secret, std::string_view canonical) {
  std::string string_to_sign;
  string_to_sign.reserve(canonical.size() + 2 * secret.size());
  string_to_sign += secret;
  string_to_sign += canonical;
  string_to_sign += secret;
  return string_to_sign;
}

// The digest of a string to sign, uppercase hex.
std::string polyv_signature(std::string_view string_to_sign, PolyvDigest digest) {
  return auth::hex_upper(digest == PolyvDigest::kSha256 ? auth::sha256(string_to_sign)
                                                        : auth::md5(string_to_sign));
}

// Whether `received` is the signature of `canonical` (constant-time compare).
bool signs(std::string_view received, std::string_view secret, std::string_view canonical,
           PolyvDigest digest) {
  return auth::signature_matches(polyv_signature(polyv_sandwich(secret, canonical), digest),
                                 received);
}

}  // namespace

auth::SignatureTrace polyv_live_sign(const core::ParamMap& params, std::string_view secret,
                                     PolyvDigest digest, PolyvSignForm form) {
  auth::SignatureTrace trace;
  trace.canonical = polyv_canonical(params, form);
  trace.string_to_sign = polyv_sandwich(secret, trace.canonical);
  trace.string_to_sign_redacted = polyv_sandwich(auth::kRedactedSecret, trace.canonical);
  trace.signature = polyv_signature(trace.string_to_sign, digest);
  return trace;
}

bool polyv_live_verify_form(const core::ParamMap& params, std::string_view secret,
                            std::string_view received, PolyvDigest digest, PolyvSignForm form) {
  return signs(received, secret, polyv_canonical(params, form), digest);
}

bool polyv_live_verify(const core::ParamMap& params, std::string_view secret,
                       std::string_view received, PolyvDigest digest) {
  // Forms whose strings coincide (no blank value and no signatureMethod: all four) are one
  // signature, computed once. No early exit: the work done depends on the request's shape,
  // which the client sent, never on which form (if any) matched.
  if (forms_coincide(params)) {
    return signs(received, secret, polyv_canonical(params, kPolyvSignForms[0]), digest);
  }
  std::array<std::string, kPolyvSignForms.size()> canonical;
  bool matched = false;
  for (std::size_t i = 0; i < kPolyvSignForms.size(); ++i) {
    canonical[i] = polyv_canonical(params, kPolyvSignForms[i]);
    const auto seen = canonical.begin() + static_cast<std::ptrdiff_t>(i);
    if (std::find(canonical.begin(), seen, canonical[i]) != seen) continue;
    matched |= signs(received, secret, canonical[i], digest);
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
