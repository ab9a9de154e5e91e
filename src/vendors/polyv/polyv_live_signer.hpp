// Polyv live v3 and group-account signature, the "MD5 sandwich" (vendor-spec §4.3, §5.3):
// every parameter except `sign` whose value is not empty, sorted by name, concatenated as
// name1value1name2value2… with no separators, wrapped as secret + concatenation + secret,
// MD5 (or SHA-256 when signatureMethod=SHA256), uppercase hex. `signatureMethod` itself is
// signed like any other parameter (decisions.md).
#pragma once

#include <optional>
#include <string_view>

#include "auth/signature_trace.hpp"
#include "core/params.hpp"

namespace mediagate::vendors::polyv {

enum class PolyvDigest { kMd5, kSha256 };

inline constexpr std::string_view kSignatureMethodParam = "signatureMethod";

// The digest a request asks for: `signatureMethod` absent or empty (empty parameters do not
// exist for Polyv) -> kMd5; exactly "SHA256" -> kSha256; any other value -> nothing
// (unsupported: the caller answers with its parameter error).
std::optional<PolyvDigest> polyv_digest_from_params(const core::ParamMap& params);

// canonical = "k1v1k2v2…", string_to_sign = secret + canonical + secret.
auth::SignatureTrace polyv_live_sign(const core::ParamMap& params, std::string_view secret,
                                     PolyvDigest digest = PolyvDigest::kMd5);

// Whether `received` is the signature of `params` with `digest` (uppercase hex, constant-time).
bool polyv_live_verify(const core::ParamMap& params, std::string_view secret,
                       std::string_view received, PolyvDigest digest = PolyvDigest::kMd5);

}  // namespace mediagate::vendors::polyv
