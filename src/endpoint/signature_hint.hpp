// Sandbox mode's help for integrators whose signature is refused: the vendor's error response
// (status and body unchanged, byte for byte) additionally carries, in response headers, what the
// server signed:
//   X-Mediagate-Sandbox-Canonical       the canonical parameter string (SignatureTrace::canonical)
//   X-Mediagate-Sandbox-String-To-Sign  the string to sign, the secret replaced by "<secret>"
//                                       (SignatureTrace::string_to_sign_redacted)
// A dialect that accepts several signatures (e.g. a parameter signed or not) adds one pair per
// candidate, the later ones with a suffix naming the variant (e.g. "…-Without-Callback").
//
// Never sent: the secret, the unredacted string to sign, and the expected signature itself.
// The expected signature would make the sandbox a signing oracle: anyone able to reach the
// endpoint could send any request with a wrong `sign`, read the right one and replay the request,
// with no knowledge of the secret. The canonical string and the redacted string to sign let an
// integrator who holds the secret find where their own computation differs, and reveal nothing
// the request did not already contain.
//
// Values are encoded so that any byte string is a safe header value: every byte outside visible
// ASCII (0x21-0x7E), i.e. controls, space, DEL and all non-ASCII bytes such as UTF-8 Chinese, and
// '%' itself, is written as %XX (uppercase hex); every other byte is itself. Decoding is plain
// percent-decoding ('+' is a literal plus, not a space) and yields the exact bytes.
// See docs/sandbox.md.
#pragma once

#include <string>
#include <string_view>

#include "auth/signature_trace.hpp"
#include "endpoint/context.hpp"
#include "http/message.hpp"

namespace mediagate::endpoint {

inline constexpr std::string_view kCanonicalHeader = "X-Mediagate-Sandbox-Canonical";
inline constexpr std::string_view kStringToSignHeader = "X-Mediagate-Sandbox-String-To-Sign";

// The header-safe form of `bytes` described above.
std::string encode_header_value(std::string_view bytes);

// Adds the canonical and redacted string-to-sign headers of `trace` to `response`; with a
// non-empty `variant` the header names end in "-" + variant.
void add_signature_hint(http::Response& response, const auth::SignatureTrace& trace,
                        std::string_view variant = {});

// Whether signature hints are sent (sandbox mode).
inline bool signature_hints_enabled(const Context& context) {
  return context.config.sandbox;
}

}  // namespace mediagate::endpoint
