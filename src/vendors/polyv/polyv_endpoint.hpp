// What every Polyv endpoint declaration shares: GET, the per-IP limit counted across the three
// APIs, the generic parameter error for an undecodable query, a store failure's answer, the
// time window, the error envelope and the fault profile.
#pragma once

#include <string>

#include "endpoint/endpoint.hpp"
#include "vendors/polyv/polyv_envelope.hpp"
#include "vendors/polyv/polyv_faults.hpp"
#include "vendors/polyv/polyv_settings.hpp"

namespace mediagate::vendors::polyv {

// `declaration` with the shared parts filled in.
template <class Call, class Credential>
endpoint::Endpoint<Call, Credential> polyv_endpoint(
    endpoint::Endpoint<Call, Credential> declaration) {
  declaration.methods = {"GET"};
  declaration.limit_group = kLimitGroup;
  declaration.rate_limited = kQpsExceededAnswer;
  declaration.limiter_unavailable = kQueryFailedAnswer;
  declaration.undecodable = kParamValidateAnswer;
  declaration.render_refusal = render_refusal;
  declaration.fault_profile = fault_endpoint;
  // Both lookups and domain calls read the store (query_failed below).
  declaration.credential_refusals.push_back(
      endpoint::refuse(endpoint::Verdict::kStoreUnavailable, kQueryFailedAnswer));
  declaration.domain_refusals.push_back(
      endpoint::refuse(endpoint::Verdict::kStoreUnavailable, kQueryFailedAnswer));
  return declaration;
}

// The timestamp window, the same either side of the server's time (decisions.md).
inline std::int64_t time_window_ms(const core::Config& config) {
  return config.modules.get<PolyvSettings>().time_window_ms;
}

// A store failure: 500 "query failed.", the detail for the operator's log.
inline endpoint::Refusal query_failed(std::string detail) {
  endpoint::Refusal refusal =
      endpoint::refuse(endpoint::Verdict::kStoreUnavailable, kQueryFailedAnswer);
  refusal.internal = std::move(detail);
  return refusal;
}

}  // namespace mediagate::vendors::polyv
