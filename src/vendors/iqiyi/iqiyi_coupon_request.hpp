// What iQiyi's VOD coupon endpoints share with getVodCount (breadth spec §1.1: the same
// parameters, signature, envelope, JSONP and messageId rules): their declarations' common parts,
// as templates over each endpoint's typed call. `Call` has the members of CouponCall below.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "endpoint/endpoint.hpp"
#include "endpoint/signature_hint.hpp"
#include "vendors/iqiyi/iqiyi_envelope.hpp"
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
  if (!key) {
    endpoint::Refusal refusal =
        endpoint::refuse(endpoint::Verdict::kStoreUnavailable, kSystemErrorAnswer);
    refusal.internal = std::move(key.error().message);
    return core::unexpected(std::move(refusal));
  }
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
        .read = endpoint::read_text<&Call::message_id>,
        .valid = [](const Call& c) { return is_valid_message_id(c.message_id); },
        .invalid = kParamErrorAnswer,
        .format = "appName_UUID, more than 16 characters, unique for 24 hours"},
      P{.name = "version",
        .required = true,
        .missing = kParamErrorAnswer,
        .read = endpoint::read_text<&Call::version>,
        .valid = [](const Call& c) { return c.version == kVersion; },
        .invalid = kParamErrorAnswer,
        .format = "1.0"},
      P{.name = "partnerCode",
        .required = true,
        .missing = kParamErrorAnswer,
        .read = endpoint::read_text<&Call::partner_code>},
      P{.name = "sign",
        .required = true,
        .missing = kParamErrorAnswer,
        .read = endpoint::read_text<&Call::sign>,
        .format = "32 lowercase hex digits"},
      P{.name = "area",
        .read = endpoint::read_text<&Call::area>,
        .valid = [](const Call& c) { return c.area == "CN" || c.area == "TW"; },
        .invalid = kParamErrorAnswer,
        .format = "CN | TW",
        .fallback = "CN"},
      P{.name = "user_id", .read = endpoint::read_text<&Call::user_id>},
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

}  // namespace mediagate::vendors::iqiyi::coupon_request
