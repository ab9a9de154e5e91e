#include "vendors/iqiyi/iqiyi_signer.hpp"

#include "auth/constant_time.hpp"
#include "auth/digest.hpp"

namespace mediagate::vendors::iqiyi {

auth::SignatureTrace iqiyi_sign(const core::ParamMap& params, std::string_view key,
                                IqiyiCallback callback) {
  auth::SignatureTrace trace;
  bool first = true;
  for (const auto& [name, value] : params) {
    if (name == auth::kSignParam) continue;
    if (callback == IqiyiCallback::kExcluded && name == kCallbackParam) continue;
    if (!first) trace.canonical.push_back('&');
    first = false;
    trace.canonical += name;
    trace.canonical.push_back('=');
    trace.canonical += value;
  }
  trace.string_to_sign = trace.canonical;
  trace.string_to_sign += key;
  trace.string_to_sign_redacted = trace.canonical;
  trace.string_to_sign_redacted += auth::kRedactedSecret;
  trace.signature = auth::hex_lower(auth::md5(trace.string_to_sign));
  return trace;
}

bool iqiyi_verify(const core::ParamMap& params, std::string_view key, std::string_view received) {
  const bool with_callback =
      auth::signature_matches(iqiyi_sign(params, key, IqiyiCallback::kSigned).signature, received);
  if (!params.contains(kCallbackParam)) return with_callback;
  const bool without_callback = auth::signature_matches(
      iqiyi_sign(params, key, IqiyiCallback::kExcluded).signature, received);
  return with_callback || without_callback;
}

}  // namespace mediagate::vendors::iqiyi
