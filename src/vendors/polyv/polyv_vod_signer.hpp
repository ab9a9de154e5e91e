// Polyv VOD v2 signature (vendor-spec §2.3): every parameter except `sign` whose value is not
// empty, sorted by name, joined as name=value with '&', the secretkey appended directly,
// SHA-1, uppercase hex.
#pragma once

#include <string>
#include <string_view>

#include "auth/signature_trace.hpp"
#include "core/params.hpp"

namespace mediagate::vendors::polyv {

// canonical = "k1=v1&k2=v2…", string_to_sign = canonical + secret.
auth::SignatureTrace polyv_vod_sign(const core::ParamMap& params, std::string_view secret);

// polyv_vod_sign(params, secret).signature, computed without the rest of the trace.
std::string polyv_vod_signature(const core::ParamMap& params, std::string_view secret);

// Whether `received` is the signature of `params` (uppercase hex, constant-time compare).
bool polyv_vod_verify(const core::ParamMap& params, std::string_view secret,
                      std::string_view received);

}  // namespace mediagate::vendors::polyv
