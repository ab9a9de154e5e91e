// What every Pumpkin GET endpoint of the partner demo shares (vendor-spec §1, vendor-spec-breadth
// §4, decisions.md "Pumpkin offline_sync"): the common parameters (pid, timestamp,
// signature_nonce, sign, format, version), freshness, the partner and its allowed actions, the
// signature over the fixed set or over every received parameter with action = the path, the
// nonce, and the success envelope. A declaration adds its path, its own parameters and its
// domain call.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_writer.hpp"
#include "endpoint/endpoint.hpp"
#include "vendors/pumpkin/pumpkin_envelope.hpp"
#include "vendors/pumpkin/pumpkin_faults.hpp"
#include "vendors/pumpkin/pumpkin_model.hpp"

namespace mediagate::vendors::pumpkin {

inline constexpr std::string_view kGetMethod = "GET";
inline constexpr std::string_view kJsonFormat = "JSON";  // the only format; absent means JSON
inline constexpr std::string_view kVersionV1 = "v1";     // the only version; absent means v1

// A Pumpkin GET request, as the parameters' readers fill it.
struct PumpkinCall {
  std::string_view pid;
  std::string_view nonce;
  std::string_view sign;
  core::EpochMs timestamp = 0;
  std::string_view format = kJsonFormat;
  std::string_view version = kVersionV1;
  std::string_view mode;  // /media/sync only; empty = absent
};

using Partner = vendors::pumpkin::PumpkinPartner;

// pid, timestamp, signature_nonce, sign (required), format, version (optional, one value each).
std::vector<endpoint::Parameter<PumpkinCall>> common_parameters();

// Any age (the timestamp ends a window), not too far ahead (pumpkin.future_tolerance_ms).
endpoint::Freshness<PumpkinCall> common_freshness();

// The nonce, once per pid per pumpkin.nonce_horizon_ms.
endpoint::Replay<PumpkinCall> common_replay();

// For the documents: what the partner lookup refuses (an unknown pid, one not allowed the
// path, a store failure), and the domain call's one refusal (a store failure).
std::vector<endpoint::Refusal> credential_refusals();
std::vector<endpoint::Refusal> store_refusals();

// The store failed: 17999, with `detail` for the operator's log.
endpoint::Refusal store_failure(std::string detail);

// The pid is known and may call `action`.
endpoint::Outcome<Partner> find_partner_for(endpoint::Context& context, const PumpkinCall& call,
                                            std::string_view action);

// The received sign (spaces back to '+') matches the fixed set or every received parameter,
// both with action = `action`.
bool verify_for(const core::ParamMap& params, const PumpkinCall& call, const Partner& partner,
                std::string_view action);
void explain_for(http::Response& response, const core::ParamMap& params, const Partner& partner,
                 std::string_view action);

inline constexpr std::string_view kSignatureRule =
    "Base64(HMAC-SHA1(secret + '&', 'GET&' + encode('/') + '&' + encode(sorted k=v))), over "
    "either pid, version, timestamp, signature_nonce, format, action=path, or every received "
    "parameter but sign, with action=path";

// The declaration's partner lookup and signature for the path `*Action`.
template <const std::string_view* Action>
endpoint::Outcome<Partner> find_partner(endpoint::Context& context, const PumpkinCall& call) {
  return find_partner_for(context, call, *Action);
}

template <const std::string_view* Action>
endpoint::Signature<PumpkinCall, Partner> signature() {
  return {
      .verify = [](const core::ParamMap& params, const PumpkinCall& call,
                   const Partner& partner) { return verify_for(params, call, partner, *Action); },
      .explain = [](http::Response& response, const core::ParamMap& params, const PumpkinCall&,
                    const Partner& partner) { explain_for(response, params, partner, *Action); },
      .mismatch = kSignErrorAnswer,
      .parameter = "sign",
      .signed_set =
          "either pid, version, timestamp, signature_nonce and format where sent "
          "(empty too) with action = the path, or every received parameter but sign "
          "with action = the path",
      .rule = kSignatureRule};
}

// The success envelope around `data` (a JSON object).
http::Response render_success_content(std::string_view data, const endpoint::Reply& reply);

// A Pumpkin GET endpoint's declaration at `*Path`, whose domain call is `serve`: the common
// parameters (a declaration may add its own), freshness, the partner allowed `*Path`, the
// signature with action = `*Path`, the nonce, the store's refusals and the envelopes.
template <const std::string_view* Path>
endpoint::Endpoint<PumpkinCall, Partner> pumpkin_get_endpoint(
    std::string_view name, std::string_view summary,
    decltype(endpoint::Endpoint<PumpkinCall, Partner>::serve) serve) {
  return {
      .name = name,
      .log_vendor = kVendor,
      .pattern = *Path,
      .methods = {std::string(kGetMethod)},
      .summary = summary,
      .partner = "pid",
      .undecodable = kParamErrorAnswer,
      .parameters = common_parameters(),
      // Any age is allowed (a timestamp ends the window asked for, where there is one); too far
      // in the future is part of "well-formed" (decisions.md).
      .freshness = common_freshness(),
      .find_credential = find_partner<Path>,
      .signature = signature<Path>(),
      // The nonce, recorded now that the signature is verified: once per pid per horizon.
      .replay = common_replay(),
      .serve = serve,
      .credential_refusals = credential_refusals(),
      .domain_refusals = store_refusals(),
      .render_success = render_success_content,
      .render_refusal = render_refusal,
      .fault_profile = fault_endpoint,
  };
}

// A movie_id as the wire writes it: a string of digits.
std::string id_text(std::int64_t movie_id);

// movie_title, movie_name (given: a media's or a season's own), then the other texts, as
// /media/sync and /movie/sync write them inside an object.
void write_texts(core::JsonWriter& w, std::string_view movie_name,
                 const vendors::pumpkin::PumpkinTexts& t);

}  // namespace mediagate::vendors::pumpkin
