#include "endpoint/steps.hpp"

#include <utility>

#include "auth/time_window.hpp"
#include "core/url_form.hpp"
#include "http/jsonp.hpp"

namespace mediagate::endpoint {

std::optional<Refusal> limit_step(auth::RateLimiter& limiter, std::string_view client,
                                  core::EpochMs now, const Answer& limited,
                                  const Answer& unavailable) {
  return limit_outcome(limiter.hit(client, now), limited, unavailable);
}

std::optional<Refusal> limit_outcome(const auth::RateLimiter::Decision& decision,
                                     const Answer& limited, const Answer& unavailable) {
  if (decision.unavailable) {
    Refusal refusal = refuse(Verdict::kSharedStateUnavailable, unavailable);
    refusal.internal = "rate limiter unavailable";
    return refusal;
  }
  if (!decision.allowed) return refuse(Verdict::kRateLimited, limited);
  return std::nullopt;
}

Outcome<Decoded> decode_step(const http::Request& request, bool reads_form_body,
                             const Answer& undecodable) {
  auto parsed = core::parse_params(request.query);
  if (!parsed) return core::unexpected(refuse(Verdict::kUndecodable, undecodable));
  Decoded decoded{std::move(*parsed), false};
  if (reads_form_body && request.method == "POST") {
    if (core::is_form_content_type(request.content_type)) {
      auto fields = core::decode_form(request.body);
      if (!fields || !core::merge_params(decoded.params, std::move(*fields))) {
        return core::unexpected(refuse(Verdict::kUndecodable, undecodable));
      }
    } else if (!request.content_type.empty() || !request.body.empty()) {
      decoded.unreadable_body = true;
    }
  }
  return decoded;
}

Outcome<std::optional<std::string>> callback_step(const core::ParamMap& params,
                                                  std::string_view name, const Answer& invalid) {
  const auto text = parameter_text(params, name, true);
  if (!text) return std::optional<std::string>{};
  if (!http::is_valid_jsonp_callback(*text)) {
    return core::unexpected(refuse(Verdict::kMalformedParameter, invalid, name));
  }
  return std::optional<std::string>{std::string(*text)};
}

std::optional<Refusal> freshness_step(core::EpochMs timestamp, core::EpochMs now,
                                      std::int64_t past_ms, std::int64_t future_ms,
                                      const Answer& too_old, const Answer& in_future) {
  switch (auth::check_window(timestamp, now, past_ms, future_ms)) {
    case auth::WindowCheck::kInside:
      return std::nullopt;
    case auth::WindowCheck::kTooOld:
      return refuse(Verdict::kStale, too_old);
    case auth::WindowCheck::kInFuture:
      return refuse(Verdict::kFuture, in_future);
  }
  return std::nullopt;
}

std::optional<Refusal> replay_step(auth::ReplayGuard& guard, std::string_view scope,
                                   std::string_view token, core::EpochMs now,
                                   std::int64_t horizon_ms, const Answer& replayed,
                                   const Answer& unavailable) {
  return replay_outcome(guard.first_use(scope, token, now, horizon_ms), replayed, unavailable);
}

std::optional<Refusal> replay_outcome(auth::ReplayCheck check, const Answer& replayed,
                                      const Answer& unavailable) {
  switch (check) {
    case auth::ReplayCheck::kFirstUse:
      return std::nullopt;
    case auth::ReplayCheck::kReplay:
      return refuse(Verdict::kReplay, replayed);
    case auth::ReplayCheck::kUnavailable: {  // an outage, not the client's fault
      Refusal refusal = refuse(Verdict::kSharedStateUnavailable, unavailable);
      refusal.internal = "replay guard unavailable";
      return refusal;
    }
  }
  return std::nullopt;
}

}  // namespace mediagate::endpoint
