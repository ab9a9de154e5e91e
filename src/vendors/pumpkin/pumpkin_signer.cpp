#include "vendors/pumpkin/pumpkin_signer.hpp"

#include <openssl/crypto.h>

#include <array>
#include <string>

#include "auth/constant_time.hpp"
#include "auth/digest.hpp"
#include "core/url_form.hpp"

namespace mediagate::vendors::pumpkin {

core::ParamMap pumpkin_signed_set(const core::ParamMap& request_params,
                                  std::string_view action_path) {
  static constexpr std::array<std::string_view, 5> kSignedNames = {"pid", "version", "timestamp",
                                                                   "signature_nonce", "format"};
  core::ParamMap signed_set;
  for (const auto name : kSignedNames) {
    if (const auto* value = core::find_param(request_params, name)) {
      signed_set.emplace(name, *value);
    }
  }
  signed_set.insert_or_assign(std::string(kActionParam), std::string(action_path));
  return signed_set;
}

auth::SignatureTrace pumpkin_sign(const core::ParamMap& signed_set, std::string_view method,
                                  std::string_view secret) {
  auth::SignatureTrace trace;
  bool first = true;
  for (const auto& [name, value] : signed_set) {
    if (name == auth::kSignParam) continue;
    if (!first) trace.canonical.push_back('&');
    first = false;
    trace.canonical += core::rfc3986_encode(name);
    trace.canonical.push_back('=');
    trace.canonical += core::rfc3986_encode(value);
  }
  trace.string_to_sign = core::rfc3986_encode(method);
  trace.string_to_sign += '&';
  trace.string_to_sign += core::rfc3986_encode("/");
  trace.string_to_sign += '&';
  trace.string_to_sign += core::rfc3986_encode(trace.canonical);
  trace.string_to_sign_redacted = trace.string_to_sign;  // the secret is only the HMAC key

  std::string key(secret);
  key.push_back('&');
  trace.signature = auth::base64_encode(auth::hmac_sha1(key, trace.string_to_sign));
  OPENSSL_cleanse(key.data(), key.size());
  return trace;
}

bool pumpkin_verify(const core::ParamMap& signed_set, std::string_view method,
                    std::string_view secret, std::string_view received) {
  return auth::signature_matches(pumpkin_sign(signed_set, method, secret).signature, received);
}

core::ParamMap pumpkin_received_set(const core::ParamMap& request_params,
                                    std::string_view action_path) {
  core::ParamMap signed_set = request_params;
  signed_set.erase(std::string(auth::kSignParam));
  signed_set.insert_or_assign(std::string(kActionParam), std::string(action_path));
  return signed_set;
}

bool pumpkin_verify_any(const core::ParamMap& request_params, std::string_view action_path,
                        std::string_view method, std::string_view secret,
                        std::string_view received) {
  const bool fixed =
      pumpkin_verify(pumpkin_signed_set(request_params, action_path), method, secret, received);
  const bool every =
      pumpkin_verify(pumpkin_received_set(request_params, action_path), method, secret, received);
  return fixed | every;  // both computed, no short circuit
}

}  // namespace mediagate::vendors::pumpkin
