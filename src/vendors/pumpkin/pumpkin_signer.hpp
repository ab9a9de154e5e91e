// Pumpkin Movie signature, Aliyun-POP style (vendor-spec §1.3):
//   canonical     = pe(k1)=pe(v1)&pe(k2)=pe(v2)&…   (keys sorted by byte order)
//   stringToSign  = pe(METHOD) & pe("/") & pe(canonical)
//   sign          = Base64(HMAC-SHA1(key = secret + "&", stringToSign))
// where pe is RFC 3986 percent-encoding (core::rfc3986_encode). The server does not sign what
// it received but a fixed set built by pumpkin_signed_set (decisions.md).
#pragma once

#include <string_view>

#include "auth/signature_trace.hpp"
#include "core/params.hpp"

namespace mediagate::vendors::pumpkin {

inline constexpr std::string_view kActionParam = "action";

// The set the server signs: `pid`, `version`, `timestamp`, `signature_nonce`, `format` where
// present in `request_params` (an empty value counts as present), plus `action` = `action_path`
// always, whatever the client sent as `action` (or whether it sent one). Every other parameter
// (`sign`, extras such as `mode`) is ignored.
core::ParamMap pumpkin_signed_set(const core::ParamMap& request_params,
                                  std::string_view action_path);

// Signs every entry of `signed_set` except `sign`. `method` is used as given ("GET", "POST").
auth::SignatureTrace pumpkin_sign(const core::ParamMap& signed_set, std::string_view method,
                                  std::string_view secret);

// Whether `received` is the signature (case-sensitive Base64, constant-time compare).
bool pumpkin_verify(const core::ParamMap& signed_set, std::string_view method,
                    std::string_view secret, std::string_view received);

// The other set the demo's generic helper produces (vendor-spec-breadth §4): every received
// parameter except `sign`, with `action` = `action_path` whatever the client sent.
core::ParamMap pumpkin_received_set(const core::ParamMap& request_params,
                                    std::string_view action_path);

// Whether `received` signs either the fixed set (pumpkin_signed_set) or every received parameter
// (pumpkin_received_set) (docs/decisions/pumpkin-breadth.md). Both are always computed, so the
// time taken does not say which one failed.
bool pumpkin_verify_any(const core::ParamMap& request_params, std::string_view action_path,
                        std::string_view method, std::string_view secret,
                        std::string_view received);

}  // namespace mediagate::vendors::pumpkin
