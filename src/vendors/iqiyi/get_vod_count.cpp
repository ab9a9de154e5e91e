#include "vendors/iqiyi/get_vod_count.hpp"

#include <string>

#include "core/json_writer.hpp"
#include "vendors/iqiyi/iqiyi_envelope.hpp"
#include "vendors/iqiyi/iqiyi_faults.hpp"
#include "vendors/iqiyi/iqiyi_params.hpp"
#include "vendors/iqiyi/iqiyi_repository.hpp"
#include "vendors/iqiyi/iqiyi_settings.hpp"
#include "vendors/iqiyi/iqiyi_signer.hpp"

namespace mediagate::vendors::iqiyi {
namespace {

using endpoint::Refusal;
using endpoint::Verdict;

struct VodCountCall {
  std::string_view message_id;
  std::string_view version;
  std::string_view partner_code;
  std::string_view sign;
  std::string_view area = kDefaultArea;
  std::optional<std::string_view> user_id;
  bool xiaomi_box = false;  // is_login, dev_mac or cp_data sent (a set-top box names no user)
};

using Key = std::string;  // the partner's MD5 key

bool mark_xiaomi_box(VodCountCall& call, std::string_view) {
  call.xiaomi_box = true;
  return true;
}

endpoint::Outcome<Key> find_key(endpoint::Context& context, const VodCountCall& call) {
  auto key = iqiyi_repository(context.store).find_md5_key(call.partner_code);
  if (!key) {
    Refusal refusal = endpoint::refuse(Verdict::kStoreUnavailable, kSystemErrorAnswer);
    refusal.internal = std::move(key.error().message);
    return core::unexpected(std::move(refusal));
  }
  if (!*key) {
    return core::unexpected(
        endpoint::refuse(Verdict::kUnknownCredential, kParamErrorAnswer, "partnerCode"));
  }
  return std::move(**key);
}

endpoint::Outcome<std::string> serve(endpoint::Context& context, const VodCountCall& call,
                                     const Key&, const endpoint::Reply&) {
  // A Xiaomi-box request (no user_id) names no user this store can resolve.
  if (!call.user_id) {
    return core::unexpected(endpoint::refuse(Verdict::kRejected, kAccountErrorAnswer, "user_id"));
  }
  auto user =
      iqiyi_repository(context.store).find_user(call.partner_code, *call.user_id, call.area);
  if (!user) {
    Refusal refusal = endpoint::refuse(Verdict::kStoreUnavailable, kSystemErrorAnswer);
    refusal.internal = std::move(user.error().message);
    return core::unexpected(std::move(refusal));
  }
  if (!*user) {
    return core::unexpected(endpoint::refuse(Verdict::kRejected, kAccountErrorAnswer, "user_id"));
  }
  core::JsonWriter w;
  w.begin_object().field("sendGiftSize", (*user)->vod_coupons).end_object();
  return std::move(w).str();
}

}  // namespace

endpoint::Route get_vod_count() {
  using P = endpoint::Parameter<VodCountCall>;
  static const endpoint::Endpoint<VodCountCall, Key> kEndpoint{
      .name = "iqiyi-vod-count",
      .log_vendor = kVendor,
      .pattern = kGetVodCountPath,
      .methods = {"GET", "POST"},
      .summary = "How many VOD coupons an iQiyi VIP user has",
      .partner = "partnerCode",
      // A POST body is only read as a form: any other declared Content-Type, or a body without
      // one, is a parameter error, answered once the callback is known.
      .reads_form_body = true,
      .undecodable = kParamErrorAnswer,
      .unreadable_body = kParamErrorAnswer,
      .callback_param = "callback",
      .bad_callback = kParamErrorAnswer,
      .parameters =
          {
              P{.name = "messageId",
                .required = true,
                .missing = kParamErrorAnswer,
                .read = endpoint::read_text<&VodCountCall::message_id>,
                .valid = [](const VodCountCall& c) { return is_valid_message_id(c.message_id); },
                .invalid = kParamErrorAnswer,
                .format = "appName_UUID, more than 16 characters, unique for 24 hours"},
              P{.name = "version",
                .required = true,
                .missing = kParamErrorAnswer,
                .read = endpoint::read_text<&VodCountCall::version>,
                .valid = [](const VodCountCall& c) { return c.version == kVersion; },
                .invalid = kParamErrorAnswer,
                .format = "1.0"},
              P{.name = "partnerCode",
                .required = true,
                .missing = kParamErrorAnswer,
                .read = endpoint::read_text<&VodCountCall::partner_code>},
              P{.name = "sign",
                .required = true,
                .missing = kParamErrorAnswer,
                .read = endpoint::read_text<&VodCountCall::sign>,
                .format = "32 lowercase hex digits"},
              P{.name = "area",
                .read = endpoint::read_text<&VodCountCall::area>,
                .valid = [](const VodCountCall& c) { return c.area == "CN" || c.area == "TW"; },
                .invalid = kParamErrorAnswer,
                .format = "CN | TW",
                .fallback = "CN"},
              P{.name = "user_id", .read = endpoint::read_text<&VodCountCall::user_id>},
              P{.name = "is_login", .read = mark_xiaomi_box},
              P{.name = "dev_mac", .read = mark_xiaomi_box},
              P{.name = "cp_data", .read = mark_xiaomi_box},
              P{.name = "callback", .format = "JavaScript identifier path"},
          },
      .rules = {{.holds = [](const VodCountCall& c) { return c.user_id || c.xiaomi_box; },
                 .broken = kParamErrorAnswer,
                 .description = "user_id is required unless is_login, dev_mac or cp_data is "
                                "sent (不是小米盒子,必传)"}},
      .find_credential = find_key,
      .signature = {.verify =
                        [](const core::ParamMap& params, const VodCountCall& call, const Key& key) {
                          return vendors::iqiyi::iqiyi_verify(params, key, call.sign);
                        },
                    .explain =
                        [](http::Response& response, const core::ParamMap& params,
                           const VodCountCall&, const Key& key) {
                          // Both accepted forms: `callback` signed (the first pair), and left out
                          // when one is sent.
                          endpoint::add_signature_hint(
                              response, vendors::iqiyi::iqiyi_sign(
                                            params, key, vendors::iqiyi::IqiyiCallback::kSigned));
                          if (core::find_param(params, vendors::iqiyi::kCallbackParam) != nullptr) {
                            endpoint::add_signature_hint(
                                response,
                                vendors::iqiyi::iqiyi_sign(
                                    params, key, vendors::iqiyi::IqiyiCallback::kExcluded),
                                "Without-Callback");
                          }
                        },
                    .mismatch = kSignErrorAnswer,
                    .parameter = "sign",
                    .signed_set = "every parameter but sign, empty values kept; callback "
                                  "either signed or left out (both are accepted)",
                    .rule =
                        "MD5 of the parameters but sign, sorted, k=v joined by &, then the key; "
                        "lowercase hex; with or without callback"},
      // From here on the messageId is spent, whatever the outcome: a retry needs a new one.
      .replay =
          endpoint::Replay<VodCountCall>{
              .scope_prefix = "iqiyi:",
              .scope = &VodCountCall::partner_code,
              .token = &VodCountCall::message_id,
              .scope_parameter = "partnerCode",
              .token_parameter = "messageId",
              .horizon_ms =
                  [](const core::Config& c) {
                    return c.modules.get<IqiyiSettings>().message_id_horizon_ms;
                  },
              .replayed = kParamErrorAnswer,
              .unavailable = kSystemErrorAnswer},
      .serve = serve,
      .credential_refusals = {endpoint::refuse(Verdict::kUnknownCredential, kParamErrorAnswer,
                                               "partnerCode"),
                              endpoint::refuse(Verdict::kStoreUnavailable, kSystemErrorAnswer)},
      .domain_refusals = {endpoint::refuse(Verdict::kRejected, kAccountErrorAnswer, "user_id"),
                          endpoint::refuse(Verdict::kStoreUnavailable, kSystemErrorAnswer)},
      .data_example = R"({"sendGiftSize":3})",
      .render_success = render_success,
      .render_refusal = render_refusal,
      .fault_profile = fault_endpoint,
  };
  return endpoint::route(kEndpoint);
}

}  // namespace mediagate::vendors::iqiyi
