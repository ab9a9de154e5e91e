// iQiyi VIP open API signature (vendor-spec §3.3): every parameter except `sign`, empty values
// KEPT (as "name="), sorted by name, joined as name=value with '&', the key appended directly,
// MD5, lowercase hex. Whether `callback` is signed is unknown, so the server accepts both
// (decisions.md).
#pragma once

#include <string_view>

#include "auth/signature_trace.hpp"
#include "core/params.hpp"

namespace mediagate::vendors::iqiyi {

inline constexpr std::string_view kCallbackParam = "callback";

enum class IqiyiCallback {
  kSigned,    // `callback`, when present, is signed like any other parameter
  kExcluded,  // `callback` is left out of the signature
};

// canonical = "k1=v1&k2=v2…", string_to_sign = canonical + key.
auth::SignatureTrace iqiyi_sign(const core::ParamMap& params, std::string_view key,
                                IqiyiCallback callback = IqiyiCallback::kSigned);

// Whether `received` is the signature of `params` computed with `callback` signed or without it
// (lowercase hex, constant-time; both candidates are always compared).
bool iqiyi_verify(const core::ParamMap& params, std::string_view key, std::string_view received);

}  // namespace mediagate::vendors::iqiyi
