#include "vendors/iqiyi/iqiyi_signer.hpp"

#include "auth/constant_time.hpp"
#include "auth/digest.hpp"
#include "auth/query_then_secret.hpp"

namespace mediagate::vendors::iqiyi {

auth::SignatureTrace iqiyi_sign(const core::ParamMap& params, std::string_view key,
                                IqiyiCallback callback) {
  // Empty values are kept; `callback` is signed or left out as asked.
  auto trace = auth::query_then_secret(params, key, [callback](std::string_view name, auto) {
    return callback == IqiyiCallback::kSigned || name != kCallbackParam;
  });
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
