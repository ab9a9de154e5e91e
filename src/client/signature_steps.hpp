// What `mediagate sign` and `call --explain` show of a signature: the steps, the secret never.
#pragma once

#include <string>

#include "auth/signature_trace.hpp"

namespace mediagate::client {

struct SignatureSteps {
  std::string canonical{};                // the parameters as the vendor canonicalises them
  std::string string_to_sign_redacted{};  // the bytes hashed, the secret replaced by "<secret>"
  std::string signature{};                // as it goes on the wire (before form encoding)
};

// Keeps only what may be shown of a signer's trace; the bytes that held the secret are wiped.
SignatureSteps safe_steps(auth::SignatureTrace trace);

}  // namespace mediagate::client
