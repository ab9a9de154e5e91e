#include "vendors/iqiyi/get_vod_count.hpp"

#include <string>

#include "auth/iqiyi_signer.hpp"
#include "core/params.hpp"
#include "core/url_form.hpp"
#include "vendors/iqiyi/iqiyi_envelope.hpp"
#include "vendors/iqiyi/iqiyi_params.hpp"
#include "vendors/signature_hint.hpp"

namespace mediagate::vendors::iqiyi {
namespace {

constexpr std::string_view kEndpoint = "iqiyi-getVodCount";
// The replay scope of a partner's messageIds: each partnerCode has its own namespace.
constexpr std::string_view kReplayScopePrefix = "iqiyi:";

}  // namespace

http::Response GetVodCount::handle(http::Request& request) const {
  const core::EpochMs now = context_.clock.now_ms();

  // The query, and for POST the form body; a name in both is a duplicate. A POST body is only
  // read as a form: any other declared Content-Type, or a body without one, is a parameter
  // error (checked once the callback is known, so that the error can be wrapped).
  auto parsed = core::parse_params(request.query);
  if (!parsed) return error_response(kParamError);
  core::ParamMap& params = *parsed;
  bool unreadable_body = false;
  if (request.method == "POST") {
    if (is_form_content_type(request.content_type)) {
      auto fields = core::decode_form(request.body);
      if (!fields || !core::merge_params(params, *fields)) return error_response(kParamError);
    } else if (!request.content_type.empty() || !request.body.empty()) {
      unreadable_body = true;
    }
  }

  const std::string* partner_code = core::find_param(params, "partnerCode");
  auto tagged = [&](http::Response response) {
    response.log_vendor = std::string(kVendor);
    if (partner_code != nullptr) response.log_partner = *partner_code;
    return response;
  };

  const Callback callback = read_callback(params);
  if (!callback.valid) return tagged(error_response(kParamError));
  auto fail = [&](const ResultCode& result) {
    return tagged(error_response(result, callback.name));
  };
  if (unreadable_body) return fail(kParamError);

  const auto vod = read_vod_count_request(params);
  if (!vod) return fail(kParamError);

  auto key = context_.store.find_iqiyi_md5_key(vod->partner_code);
  if (!key) {
    context_.log.error("store failure", {{"endpoint", kEndpoint}, {"detail", key.error().message}});
    return fail(kSystemError);
  }
  if (!*key) return fail(kParamError);

  if (!auth::iqiyi_verify(params, **key, vod->sign)) {
    auto refused = fail(kSignError);
    if (signature_hints_enabled(context_)) {
      // Both accepted forms: `callback` signed (the first pair), and left out when one is sent.
      add_signature_hint(refused, auth::iqiyi_sign(params, **key, auth::IqiyiCallback::kSigned));
      if (core::find_param(params, auth::kCallbackParam) != nullptr) {
        add_signature_hint(refused, auth::iqiyi_sign(params, **key, auth::IqiyiCallback::kExcluded),
                           "Without-Callback");
      }
    }
    return refused;
  }

  // From here on the messageId is spent, whatever the outcome: a retry needs a new one.
  const std::string scope = std::string(kReplayScopePrefix) + vod->partner_code;
  switch (context_.replay_guard.first_use(scope, vod->message_id, now,
                                          context_.config.iqiyi.message_id_horizon_ms)) {
    case auth::ReplayCheck::kFirstUse:
      break;
    case auth::ReplayCheck::kReplay:
      return fail(kParamError);
    case auth::ReplayCheck::kUnavailable:  // an outage, not the client's fault
      context_.log.error("replay guard unavailable", {{"endpoint", kEndpoint}});
      return fail(kSystemError);
  }

  // A Xiaomi-box request (no user_id) names no user this store can resolve.
  if (!vod->user_id) return fail(kAccountError);
  auto user = context_.store.find_iqiyi_user(vod->partner_code, *vod->user_id, vod->area);
  if (!user) {
    context_.log.error("store failure",
                       {{"endpoint", kEndpoint}, {"detail", user.error().message}});
    return fail(kSystemError);
  }
  if (!*user) return fail(kAccountError);

  return tagged(vod_count_response((*user)->vod_coupons, callback.name));
}

}  // namespace mediagate::vendors::iqiyi
