// Polyv live v3 and group-account signature, the "MD5 sandwich" (vendor-spec §4.3, §5.3):
// the parameters except `sign`, sorted by name, concatenated as name1value1name2value2… with no
// separators, wrapped as secret + concatenation + secret, MD5 (or SHA-256 when
// signatureMethod=SHA256), uppercase hex.
//
// Which parameters go into the string is where the vendors' own SDKs differ
// (vendor-spec-breadth §2.4, docs/decisions/vendor-choices.md "Polyv canonical forms"):
//   A  blank values dropped, signatureMethod signed    (Java SDK; decisions.md; mediagate's SDK)
//   B  blank values dropped, signatureMethod left out
//   C  every value kept (an empty one as the bare key), signatureMethod signed
//   D  every value kept, signatureMethod left out     (TypeScript SDK)
// "Blank" is empty or whitespace-only, as the Java SDK's StringUtils.isBlank (String.trim()
// removes every byte <= 0x20). The server accepts a signature made in any of the four forms.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "auth/signature_trace.hpp"
#include "core/params.hpp"

namespace mediagate::vendors::polyv {

enum class PolyvDigest { kMd5, kSha256 };

inline constexpr std::string_view kSignatureMethodParam = "signatureMethod";

// One canonical form: which parameters the string to sign holds.
struct PolyvSignForm {
  bool keep_blank_values = false;     // C, D: "k=" is signed as the bare key "k"
  bool sign_signature_method = true;  // A, C: signatureMethod is signed like any parameter

  friend bool operator==(const PolyvSignForm&, const PolyvSignForm&) = default;
};

inline constexpr PolyvSignForm kPolyvFormA{false, true};
inline constexpr PolyvSignForm kPolyvFormB{false, false};
inline constexpr PolyvSignForm kPolyvFormC{true, true};
inline constexpr PolyvSignForm kPolyvFormD{true, false};
inline constexpr std::array<PolyvSignForm, 4> kPolyvSignForms = {kPolyvFormA, kPolyvFormB,
                                                                 kPolyvFormC, kPolyvFormD};

// "A", "B", "C" or "D".
std::string_view polyv_form_name(PolyvSignForm form);

// Empty, or made only of bytes <= 0x20 (what Java's String.trim() removes).
bool polyv_blank(std::string_view value);

// The digest a request asks for: `signatureMethod` absent or empty -> kMd5; exactly "SHA256" ->
// kSha256; any other value -> nothing (unsupported: the caller answers with its parameter error).
std::optional<PolyvDigest> polyv_digest_from_params(const core::ParamMap& params);

// canonical = "k1v1k2v2…" in `form`, string_to_sign = secret + canonical + secret.
auth::SignatureTrace polyv_live_sign(const core::ParamMap& params, std::string_view secret,
                                     PolyvDigest digest = PolyvDigest::kMd5,
                                     PolyvSignForm form = kPolyvFormA);

// Whether `received` is the signature of `params` with `digest` in any of the four forms
// (uppercase hex). Each distinct string is signed once and compared in constant time, whatever
// matches.
bool polyv_live_verify(const core::ParamMap& params, std::string_view secret,
                       std::string_view received, PolyvDigest digest = PolyvDigest::kMd5);

// Whether `received` is the signature of `params` in exactly `form` (constant-time compare).
bool polyv_live_verify_form(const core::ParamMap& params, std::string_view secret,
                            std::string_view received, PolyvDigest digest, PolyvSignForm form);

// The form a refused request was most likely signed in, for the sandbox's hint: a client that
// puts a blank value (other than `sign`) on the wire signs it too (only the TypeScript SDK
// sends them, and it leaves signatureMethod out: D, or C without signatureMethod); otherwise
// the documented default, A (B and D coincide with A and C without signatureMethod).
PolyvSignForm polyv_nearest_form(const core::ParamMap& params);

}  // namespace mediagate::vendors::polyv
