#include "endpoint/refusal.hpp"

namespace mediagate::endpoint {

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::kOk:
      return "ok";
    case Verdict::kInjectedFault:
      return "injected_fault";
    case Verdict::kRateLimited:
      return "rate_limited";
    case Verdict::kUndecodable:
      return "undecodable";
    case Verdict::kMissingParameter:
      return "missing_parameter";
    case Verdict::kMalformedParameter:
      return "malformed_parameter";
    case Verdict::kStale:
      return "stale";
    case Verdict::kFuture:
      return "future";
    case Verdict::kUnknownCredential:
      return "unknown_credential";
    case Verdict::kCredentialRefused:
      return "credential_refused";
    case Verdict::kBadSignature:
      return "bad_signature";
    case Verdict::kReplay:
      return "replay";
    case Verdict::kRejected:
      return "rejected";
    case Verdict::kStoreUnavailable:
      return "store_unavailable";
    case Verdict::kSharedStateUnavailable:
      return "shared_state_unavailable";
  }
  return "unknown";
}

std::string Refusal::message() const {
  std::string text(answer.message);
  if (answer.names_field) text.append(field);
  return text;
}

}  // namespace mediagate::endpoint
