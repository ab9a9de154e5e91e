#include "vendors/iqiyi/iqiyi_signer.hpp"

#include "auth/constant_time.hpp"
#include "auth/digest.hpp"
#include "auth/query_then_secret.hpp"

namespace mediagate::vendors::iqiyi {

namespace {

// Empty values are kept; `callback` is signed or left out as asked.
auto signs(IqiyiCallback callback) {
  return [callback](std::string_view name, std::string_view /*value*/) {
    return callback == IqiyiCallback::kSigned || name != kCallbackParam;
  };
}

// The signature alone (what iqiyi_sign puts in the trace's `signature`).
std::string signature_of(const core::ParamMap& params, std::string_view key,
                         IqiyiCallback callback) {
  return auth::hex_lower(auth::md5(auth::query_then_secret_text(params, key, signs(callback))));
}

}  // namespace

auth::SignatureTrace iqiyi_sign(const core::ParamMap& params, std::string_view key,
                                IqiyiCallback callback) {
  auto trace = auth::query_then_secret(params, key, signs(callback));
  trace.signature = auth::hex_lower(auth::md5(trace.string_to_sign));
  return trace;
}

bool iqiyi_verify(const core::ParamMap& params, std::string_view key, std::string_view received) {
  const bool with_callback =
      auth::signature_matches(signature_of(params, key, IqiyiCallback::kSigned), received);
  if (!params.contains(kCallbackParam)) return with_callback;
  const bool without_callback =
      auth::signature_matches(signature_of(params, key, IqiyiCallback::kExcluded), received);
  return with_callback || without_callback;
}

}  // namespace mediagate::vendors::iqiyi
