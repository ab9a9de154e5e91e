// The pipeline's steps that do not depend on an endpoint's types: each a small function of its
// inputs, tested on its own (tests/unit/endpoint/steps_test.cpp). pipeline.hpp runs them in order.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "auth/rate_limiter.hpp"
#include "auth/replay_guard.hpp"
#include "core/clock.hpp"
#include "core/params.hpp"
#include "endpoint/refusal.hpp"
#include "http/message.hpp"

namespace mediagate::endpoint {

// 1. The client's request counts against its limit, malformed ones included.
std::optional<Refusal> limit_step(auth::RateLimiter& limiter, std::string_view client,
                                  core::EpochMs now, const Answer& limited,
                                  const Answer& unavailable);
// What a limiter's decision means (limit_step's second half, for a count made elsewhere).
std::optional<Refusal> limit_outcome(const auth::RateLimiter::Decision& decision,
                                     const Answer& limited, const Answer& unavailable);

// 2. The query, and for a POST of an endpoint that reads form bodies the body as well (a name
// in both is a duplicate). A POST body that is not a form is not an error yet: it is reported
// in `unreadable_body`, to be refused once the answer's presentation (JSONP) is known.
struct Decoded {
  core::ParamMap params;
  bool unreadable_body = false;
};
Outcome<Decoded> decode_step(const http::Request& request, bool reads_form_body,
                             const Answer& undecodable);

// 3. The JSONP callback, when the endpoint has one: absent or empty = none; a name that is not a
// safe JavaScript identifier path is refused and never reflected.
Outcome<std::optional<std::string>> callback_step(const core::ParamMap& params,
                                                  std::string_view name, const Answer& invalid);

// Whether parameter name `left` sorts before `right` in the map's byte order (std::string's
// compare: bytes as unsigned char, a prefix first), with the first bytes compared inline: the
// names an endpoint declares and looks up mostly differ there, so most comparisons call no
// memcmp.
inline bool name_before(std::string_view left, std::string_view right) {
  if (!left.empty() && !right.empty() && left.front() != right.front()) {
    return static_cast<unsigned char>(left.front()) < static_cast<unsigned char>(right.front());
  }
  return left < right;
}

// core::find_param, its comparisons made by name_before.
inline const std::string* find_declared(const core::ParamMap& params, std::string_view name) {
  auto first = params.begin();
  auto count = params.size();
  while (count > 0) {
    const auto half = count / 2;
    const auto middle = first + static_cast<std::ptrdiff_t>(half);
    if (name_before(middle->first, name)) {
      first = middle + 1;
      count -= half + 1;
    } else {
      count = half;
    }
  }
  if (first == params.end() || std::string_view(first->first) != name) return nullptr;
  return &first->second;
}

// A parameter's text, or nothing when it is absent (or empty, when empty counts as absent).
inline std::optional<std::string_view> parameter_text(const core::ParamMap& params,
                                                      std::string_view name, bool empty_is_absent) {
  const auto* value = find_declared(params, name);
  if (value == nullptr || (empty_is_absent && value->empty())) return std::nullopt;
  return std::string_view{*value};
}

// 4. Freshness: inside when now - past_ms <= timestamp <= now + future_ms.
std::optional<Refusal> freshness_step(core::EpochMs timestamp, core::EpochMs now,
                                      std::int64_t past_ms, std::int64_t future_ms,
                                      const Answer& too_old, const Answer& in_future);

// 5. A one-time token, recorded now that the signature is verified: a replay is refused; a
// guard that cannot answer refuses too (fail closed), as the vendor's system error.
std::optional<Refusal> replay_step(auth::ReplayGuard& guard, std::string_view scope,
                                   std::string_view token, core::EpochMs now,
                                   std::int64_t horizon_ms, const Answer& replayed,
                                   const Answer& unavailable);
// What a replay check's outcome means (replay_step's second half, for a check made elsewhere).
std::optional<Refusal> replay_outcome(auth::ReplayCheck check, const Answer& replayed,
                                      const Answer& unavailable);

}  // namespace mediagate::endpoint
