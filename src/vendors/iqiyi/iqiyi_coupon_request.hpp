// What iQiyi's endpoints share (breadth spec §1.1: getVodCount's parameters, signature, envelope,
// JSONP and messageId rules, which the VOD coupon endpoints take over): their declarations'
// common parts, as templates over each endpoint's typed call. `Call` is CouponCall below or
// derives from it (vip/info's: has the members find_key and signature read).
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "endpoint/endpoint.hpp"
#include "endpoint/signature_hint.hpp"
#include "vendors/iqiyi/iqiyi_coupons.hpp"
#include "vendors/iqiyi/iqiyi_envelope.hpp"
#include "vendors/iqiyi/iqiyi_faults.hpp"
#include "vendors/iqiyi/iqiyi_params.hpp"
#include "vendors/iqiyi/iqiyi_repository.hpp"
#include "vendors/iqiyi/iqiyi_settings.hpp"
#include "vendors/iqiyi/iqiyi_signer.hpp"

namespace mediagate::vendors::iqiyi::coupon_request {

using Key = std::string;  // the partner's MD5 key

// getVodCount's parameters as a call's members.
struct CouponCall {
  static constexpr std::string_view kPartnerParam = "partnerCode";
  std::string_view message_id;
  std::string_view version;
  std::string_view partner_code;
  std::string_view sign;
  std::string_view area = kDefaultArea;
  std::optional<std::string_view> user_id;
  bool xiaomi_box = false;  // is_login, dev_mac or cp_data sent (a set-top box names no user)
};

// A decimal iQiyi content id (useVodCoupon's contentId, vip/info's content_id): digits only, 1 to
// 18 of them, above 0; nothing otherwise.
inline std::optional<std::int64_t> parse_content_id(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

// A store failure: system error, `detail` for the operator's log.
inline endpoint::Refusal store_failure(std::string detail) {
  endpoint::Refusal refusal =
      endpoint::refuse(endpoint::Verdict::kStoreUnavailable, kSystemErrorAnswer);
  refusal.internal = std::move(detail);
  return refusal;
}

// No such user for the partner (and area), or a Xiaomi-box request, which names no user this
// store can resolve: account error on user_id.
inline endpoint::Refusal unknown_user() {
  return endpoint::refuse(endpoint::Verdict::kRejected, kAccountErrorAnswer, "user_id");
}

// The user's coupons, or the refusal when the store fails or the user is unknown.
inline endpoint::Outcome<CouponHoldings> find_holdings(endpoint::Context& context,
                                                       std::string_view partner_code,
                                                       std::string_view user_id,
                                                       std::string_view area) {
  auto holdings = coupon_holdings(context.store, partner_code, user_id, area);
  if (!holdings) return core::unexpected(store_failure(std::move(holdings.error().message)));
  if (!*holdings) return core::unexpected(unknown_user());
  return std::move(**holdings);
}

template <class Call>
bool mark_xiaomi_box(Call& call, std::string_view) {
  call.xiaomi_box = true;
  return true;
}

// The partner's key by the call's `partner_code`, read from Call::kPartnerParam (partnerCode, or
// vip/info's partner).
template <class Call>
endpoint::Outcome<Key> find_key(endpoint::Context& context, const Call& call) {
  auto key = iqiyi_repository(context.store).find_md5_key(call.partner_code);
  if (!key) return core::unexpected(store_failure(std::move(key.error().message)));
  if (!*key) {
    return core::unexpected(endpoint::refuse(endpoint::Verdict::kUnknownCredential,
                                             kParamErrorAnswer, Call::kPartnerParam));
  }
  return std::move(**key);
}

// getVodCount's parameters, in its order.
template <class Call>
std::vector<endpoint::Parameter<Call>> parameters() {
  using P = endpoint::Parameter<Call>;
  return {
      P{.name = "messageId",
        .required = true,
        .missing = kParamErrorAnswer,
        .read = endpoint::read_text<&Call::message_id, Call>,
        .valid = [](const Call& c) { return is_valid_message_id(c.message_id); },
        .invalid = kParamErrorAnswer,
        .format = "appName_UUID, more than 16 characters, unique for 24 hours"},
      P{.name = "version",
        .required = true,
        .missing = kParamErrorAnswer,
        .read = endpoint::read_text<&Call::version, Call>,
        .valid = [](const Call& c) { return c.version == kVersion; },
        .invalid = kParamErrorAnswer,
        .format = "1.0"},
      P{.name = "partnerCode",
        .required = true,
        .missing = kParamErrorAnswer,
        .read = endpoint::read_text<&Call::partner_code, Call>},
      P{.name = "sign",
        .required = true,
        .missing = kParamErrorAnswer,
        .read = endpoint::read_text<&Call::sign, Call>,
        .format = "32 lowercase hex digits"},
      P{.name = "area",
        .read = endpoint::read_text<&Call::area, Call>,
        .valid = [](const Call& c) { return c.area == "CN" || c.area == "TW"; },
        .invalid = kParamErrorAnswer,
        .format = "CN | TW",
        .fallback = "CN"},
      P{.name = "user_id", .read = endpoint::read_text<&Call::user_id, Call>},
      P{.name = "is_login", .read = mark_xiaomi_box<Call>},
      P{.name = "dev_mac", .read = mark_xiaomi_box<Call>},
      P{.name = "cp_data", .read = mark_xiaomi_box<Call>},
      P{.name = "callback", .format = "JavaScript identifier path"},
  };
}

template <class Call>
std::vector<endpoint::Rule<Call>> rules() {
  return {{.holds = [](const Call& c) { return c.user_id || c.xiaomi_box; },
           .broken = kParamErrorAnswer,
           .description = "user_id is required unless is_login, dev_mac or cp_data is "
                          "sent (不是小米盒子,必传)"}};
}

// The MD5 rule with or without `callback` (decisions.md "iQiyi getVodCount").
template <class Call>
endpoint::Signature<Call, Key> signature() {
  return {
      .verify = [](const core::ParamMap& params, const Call& call,
                   const Key& key) { return iqiyi_verify(params, key, call.sign); },
      .explain =
          [](http::Response& response, const core::ParamMap& params, const Call&, const Key& key) {
            endpoint::add_signature_hint(response, iqiyi_sign(params, key, IqiyiCallback::kSigned));
            if (core::find_param(params, kCallbackParam) != nullptr) {
              endpoint::add_signature_hint(
                  response, iqiyi_sign(params, key, IqiyiCallback::kExcluded), "Without-Callback");
            }
          },
      .mismatch = kSignErrorAnswer,
      .parameter = "sign",
      .signed_set =
          "every parameter but sign, empty values kept; callback either signed or "
          "left out (both are accepted)",
      .rule =
          "MD5 of the parameters but sign, sorted, k=v joined by &, then the key; "
          "lowercase hex; with or without callback"};
}

// One messageId space per partner, shared with getVodCount (breadth spec §1.5 rule 6).
template <class Call>
endpoint::Replay<Call> replay() {
  return {.scope_prefix = "iqiyi:",
          .scope = &Call::partner_code,
          .token = &Call::message_id,
          .scope_parameter = "partnerCode",
          .token_parameter = "messageId",
          .horizon_ms =
              [](const core::Config& c) {
                return c.modules.get<IqiyiSettings>().message_id_horizon_ms;
              },
          .replayed = kParamErrorAnswer,
          .unavailable = kSystemErrorAnswer};
}

// An iQiyi endpoint's declaration but its parameters, rules, replay check, serve, data example
// and success envelope: GET or POST form, every body or callback fault a parameter error, the
// partner's MD5 key found by `partner` (partnerCode, or vip/info's partner), and the refusals
// every iQiyi endpoint can give (unknown partner, unknown user, store failure).
template <class Call>
endpoint::Endpoint<Call, Key> coupon_endpoint(std::string_view name, std::string_view pattern,
                                              std::string_view summary) {
  using endpoint::Verdict;
  return endpoint::Endpoint<Call, Key>{
      .name = name,
      .log_vendor = kVendor,
      .pattern = pattern,
      .methods = {"GET", "POST"},
      .summary = summary,
      .partner = Call::kPartnerParam,
      // A POST body is only read as a form: any other declared Content-Type, or a body without
      // one, is a parameter error, answered once the callback is known.
      .reads_form_body = true,
      .undecodable = kParamErrorAnswer,
      .unreadable_body = kParamErrorAnswer,
      .callback_param = "callback",
      .bad_callback = kParamErrorAnswer,
      .find_credential = find_key<Call>,
      .signature = signature<Call>(),
      .credential_refusals = {endpoint::refuse(Verdict::kUnknownCredential, kParamErrorAnswer,
                                               Call::kPartnerParam),
                              endpoint::refuse(Verdict::kStoreUnavailable, kSystemErrorAnswer)},
      .domain_refusals = {unknown_user(),
                          endpoint::refuse(Verdict::kStoreUnavailable, kSystemErrorAnswer)},
      .render_refusal = render_refusal,
      .fault_profile = fault_endpoint,
  };
}

// coupon_endpoint with getVodCount's parameters, rule and messageId check: getVodCount,
// useVodCoupon (which adds contentId) and queryVodCoupon.
template <class Call>
endpoint::Endpoint<Call, Key> vod_count_endpoint(std::string_view name, std::string_view pattern,
                                                 std::string_view summary) {
  auto declared = coupon_endpoint<Call>(name, pattern, summary);
  declared.parameters = parameters<Call>();
  declared.rules = rules<Call>();
  // From here on the messageId is spent, whatever the outcome: a retry needs a new one.
  declared.replay = replay<Call>();
  return declared;
}

}  // namespace mediagate::vendors::iqiyi::coupon_request
