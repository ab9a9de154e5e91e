// What a signer computed, step by step. Every signer returns one, so the server can verify,
// the client can sign, and the sandbox can show an integrator where their signature differs.
#pragma once

#include <string>
#include <string_view>

namespace mediagate::auth {

// The parameter that carries the signature; no vendor signs it.
inline constexpr std::string_view kSignParam = "sign";

// Stands in for the secret in SignatureTrace::string_to_sign_redacted.
inline constexpr std::string_view kRedactedSecret = "<secret>";

struct SignatureTrace {
  // The parameters as the vendor canonicalises them (sorted, filtered, joined). Never contains
  // the secret, so it is safe to show to an integrator (sandbox mode) or to log at debug level.
  std::string canonical;
  // The exact bytes that are hashed. MAY CONTAIN THE SECRET (a rule may append it, or wrap
  // the canonical string in it): never log it, never send it to a client.
  std::string string_to_sign;
  // string_to_sign with every place where the signer inserted the secret replaced by
  // kRedactedSecret ("<secret>"); safe to show. Equal to string_to_sign where the secret is
  // only the MAC key.
  std::string string_to_sign_redacted;
  // The signature as the vendor writes it (hex case or Base64 alphabet included).
  std::string signature;
};

}  // namespace mediagate::auth
