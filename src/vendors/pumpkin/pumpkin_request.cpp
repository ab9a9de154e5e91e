#include "vendors/pumpkin/pumpkin_request.hpp"

#include <algorithm>
#include <limits>

#include "core/numbers.hpp"
#include "endpoint/signature_hint.hpp"
#include "vendors/pumpkin/pumpkin_envelope.hpp"
#include "vendors/pumpkin/pumpkin_fixture.hpp"
#include "vendors/pumpkin/pumpkin_repository.hpp"
#include "vendors/pumpkin/pumpkin_settings.hpp"
#include "vendors/pumpkin/pumpkin_signer.hpp"

namespace mediagate::vendors::pumpkin {
namespace {

using endpoint::Refusal;
using endpoint::Verdict;

// A client that forgets to form-encode its Base64 sign sends '+' raw, which form decoding turns
// into a space (vendor-spec §1.3 item 7). Base64 never contains a space.
std::string restore_plus(std::string_view sign) {
  std::string restored(sign);
  std::replace(restored.begin(), restored.end(), ' ', '+');
  return restored;
}

bool may_call(const Partner& partner, std::string_view action) {
  return std::find(partner.actions.begin(), partner.actions.end(), action) != partner.actions.end();
}

}  // namespace

std::vector<endpoint::Parameter<PumpkinCall>> common_parameters() {
  using P = endpoint::Parameter<PumpkinCall>;
  return {
      P{.name = "pid",
        .required = true,
        .missing = kParamErrorAnswer,
        .read = endpoint::read_text<&PumpkinCall::pid>},
      P{.name = "timestamp",
        .required = true,
        .missing = kParamErrorAnswer,
        .read =
            [](PumpkinCall& c, std::string_view v) {
              const auto value = core::parse_digits(v);
              if (value) c.timestamp = *value;
              return value.has_value();
            },
        .malformed = kParamErrorAnswer,
        .format = "milliseconds since the epoch"},
      P{.name = "signature_nonce",
        .required = true,
        .missing = kParamErrorAnswer,
        .read = endpoint::read_text<&PumpkinCall::nonce>,
        .format = "unique for 15 minutes"},
      P{.name = "sign",
        .required = true,
        .missing = kParamErrorAnswer,
        .read = endpoint::read_text<&PumpkinCall::sign>,
        .format = "Base64 of HMAC-SHA1"},
      P{.name = "format",
        .empty_is_absent = false,
        .read = endpoint::read_text<&PumpkinCall::format>,
        .valid = [](const PumpkinCall& c) { return c.format == kJsonFormat; },
        .invalid = kParamErrorAnswer,
        .format = "JSON",
        .fallback = "JSON"},
      P{.name = "version",
        .empty_is_absent = false,
        .read = endpoint::read_text<&PumpkinCall::version>,
        .valid = [](const PumpkinCall& c) { return c.version == kVersionV1; },
        .invalid = kParamErrorAnswer,
        .format = "v1",
        .fallback = "v1"},
  };
}

endpoint::Freshness<PumpkinCall> common_freshness() {
  return {.parameter = "timestamp",
          .timestamp = &PumpkinCall::timestamp,
          .past_ms = [](const core::Config&) { return std::numeric_limits<std::int64_t>::max(); },
          .future_ms =
              [](const core::Config& c) {
                return c.modules.get<PumpkinSettings>().future_tolerance_ms;
              },
          .too_old = kParamErrorAnswer,
          .in_future = kParamErrorAnswer};
}

endpoint::Replay<PumpkinCall> common_replay() {
  return {
      .scope_prefix = "pumpkin:",
      .scope = &PumpkinCall::pid,
      .token = &PumpkinCall::nonce,
      .scope_parameter = "pid",
      .token_parameter = "signature_nonce",
      .horizon_ms =
          [](const core::Config& c) { return c.modules.get<PumpkinSettings>().nonce_horizon_ms; },
      .replayed = kParamErrorAnswer,
      .unavailable = kGenerateFailedAnswer};
}

std::vector<Refusal> credential_refusals() {
  return {endpoint::refuse(Verdict::kUnknownCredential, kPidErrorAnswer, "pid"),
          endpoint::refuse(Verdict::kCredentialRefused, kPidErrorAnswer, "pid"),
          endpoint::refuse(Verdict::kStoreUnavailable, kGenerateFailedAnswer)};
}

std::vector<Refusal> store_refusals() {
  return {endpoint::refuse(Verdict::kStoreUnavailable, kGenerateFailedAnswer)};
}

Refusal store_failure(std::string detail) {
  Refusal refusal = endpoint::refuse(Verdict::kStoreUnavailable, kGenerateFailedAnswer);
  refusal.internal = std::move(detail);
  return refusal;
}

endpoint::Outcome<Partner> find_partner_for(endpoint::Context& context, const PumpkinCall& call,
                                            std::string_view action) {
  auto partner = pumpkin_repository(context.store).find_partner(call.pid);
  if (!partner) return core::unexpected(store_failure(std::move(partner.error().message)));
  if (!*partner) {
    return core::unexpected(endpoint::refuse(Verdict::kUnknownCredential, kPidErrorAnswer, "pid"));
  }
  if (!may_call(**partner, action)) {
    return core::unexpected(endpoint::refuse(Verdict::kCredentialRefused, kPidErrorAnswer, "pid"));
  }
  return std::move(**partner);
}

bool verify_for(const core::ParamMap& params, const PumpkinCall& call, const Partner& partner,
                std::string_view action) {
  return pumpkin_verify_any(params, action, kGetMethod, partner.access_secret,
                            restore_plus(call.sign));
}

void explain_for(http::Response& response, const core::ParamMap& params, const Partner& partner,
                 std::string_view action) {
  endpoint::add_signature_hint(response, pumpkin_sign(pumpkin_signed_set(params, action),
                                                      kGetMethod, partner.access_secret));
}

http::Response render_success_content(std::string_view data, const endpoint::Reply& reply) {
  return success_response(data, reply.now, reply.utc_offset_minutes);
}

std::string id_text(std::int64_t movie_id) {
  return std::to_string(movie_id);
}

void write_texts(core::JsonWriter& w, std::string_view movie_name,
                 const vendors::pumpkin::PumpkinTexts& t) {
  w.field("movie_title", t.movie_title).field("movie_name", movie_name);
  write_texts_after_title(w, t);
}

}  // namespace mediagate::vendors::pumpkin
