#include "client/signature_steps.hpp"

#include <openssl/crypto.h>

#include <utility>

namespace mediagate::client {

SignatureSteps safe_steps(auth::SignatureTrace trace) {
  SignatureSteps steps{std::move(trace.canonical), std::move(trace.string_to_sign_redacted),
                       std::move(trace.signature)};
  if (!trace.string_to_sign.empty()) {
    OPENSSL_cleanse(trace.string_to_sign.data(), trace.string_to_sign.size());
  }
  return steps;
}

}  // namespace mediagate::client
