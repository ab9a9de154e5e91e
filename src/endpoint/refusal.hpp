// The one error type of the endpoint pipeline: why a request was refused (the verdict, which
// the journal and metrics will report), the vendor's answer on the wire, the parameter at fault
// and, for the operator's log only, what went wrong inside.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/expected.hpp"

namespace mediagate::endpoint {

// The pipeline step that decided a request (docs/architecture.md, "The life of a request").
enum class Verdict : std::uint8_t {
  kOk,
  kInjectedFault,           // sandbox fault injection answered instead of the endpoint
  kRateLimited,             // the client is over its limit
  kUndecodable,             // the query or body is not a valid form (bad %XX, UTF-8, duplicates)
  kMissingParameter,        // a required parameter is absent or empty
  kMalformedParameter,      // a parameter's text or value is not acceptable
  kStale,                   // the request's timestamp is too old
  kFuture,                  // the request's timestamp is too far ahead
  kUnknownCredential,       // no partner, account or key by that id
  kCredentialRefused,       // known, but not allowed (forbidden account, action not granted)
  kBadSignature,            // the signature does not match
  kReplay,                  // the one-time token was used already
  kRejected,                // a business rule refused the request (unknown category, span, ...)
  kStoreUnavailable,        // the store failed
  kSharedStateUnavailable,  // the replay guard or rate limiter failed
};

// A stable lowercase name, e.g. "bad_signature" (journal entries, metric labels).
std::string_view verdict_name(Verdict verdict);

// A vendor's answer, as constant data a vendor module declares once (its error table).
struct Answer {
  unsigned http_status = 200;  // the HTTP status of the answer
  std::string_view code{};     // the vendor's code, as its envelope writes it: "400", "Q00301"
  std::string_view message{};  // the public text, exactly as on the wire
  std::string_view status{};   // a status word, for envelopes that have one (e.g. "error")
  bool names_field = false;    // the text is followed by the parameter's name
};

// A refused request.
struct Refusal {
  Verdict verdict = Verdict::kRejected;
  Answer answer;
  std::string_view field{};  // the parameter at fault, when there is one
  std::string internal{};    // for the operator's log; never on the wire

  // The public text: the answer's message, followed by the field's name when it names one.
  std::string message() const;
};

inline Refusal refuse(Verdict verdict, const Answer& answer, std::string_view field = {}) {
  return Refusal{verdict, answer, field, {}};
}

// What every answer of one request is rendered with: the presentation the request asked for
// (a JSONP callback) and the instant the request is being answered at.
struct Reply {
  std::optional<std::string> callback;  // validated; absent: plain JSON
  core::EpochMs now = 0;
  int utc_offset_minutes = 0;
};

template <class T>
using Outcome = core::Expected<T, Refusal>;

}  // namespace mediagate::endpoint
