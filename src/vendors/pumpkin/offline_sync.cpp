#include "vendors/pumpkin/offline_sync.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "core/civil_time.hpp"
#include "core/json_writer.hpp"
#include "core/numbers.hpp"
#include "vendors/pumpkin/offline_media.hpp"
#include "vendors/pumpkin/pumpkin_envelope.hpp"
#include "vendors/pumpkin/pumpkin_faults.hpp"
#include "vendors/pumpkin/pumpkin_repository.hpp"
#include "vendors/pumpkin/pumpkin_settings.hpp"
#include "vendors/pumpkin/pumpkin_signer.hpp"

namespace mediagate::vendors::pumpkin {
namespace {

using endpoint::Refusal;
using endpoint::Verdict;

constexpr std::string_view kMethod = "GET";
constexpr std::string_view kFormat = "JSON";  // the only format served; absent means JSON
constexpr std::string_view kVersion = "v1";   // the only version served; absent means v1

struct SyncCall {
  std::string_view pid;
  std::string_view nonce;
  std::string_view sign;
  core::EpochMs timestamp = 0;  // the end of the window asked for
  std::string_view format = kFormat;
  std::string_view version = kVersion;
};

using Partner = store::PumpkinPartner;

// A client that forgets to form-encode its Base64 sign sends '+' raw, which form decoding turns
// into a space (vendor-spec §1.3 item 7). Base64 never contains a space, so turning spaces back
// into '+' can only rescue such a sign, never make a wrong one match.
std::string restore_plus(std::string_view sign) {
  std::string restored(sign);
  std::replace(restored.begin(), restored.end(), ' ', '+');
  return restored;
}

bool may_call(const Partner& partner, std::string_view action) {
  return std::find(partner.actions.begin(), partner.actions.end(), action) != partner.actions.end();
}

std::string render_content(const std::vector<store::PumpkinMedia>& media, core::EpochMs now,
                           int utc_offset_minutes) {
  core::JsonWriter w;
  w.reserve(128 + media.size() * 128);
  w.begin_object().key("mediaList").begin_array();
  for (const auto& item : media) {
    std::array<char, 24> id{};
    const auto id_end = std::to_chars(id.data(), id.data() + id.size(), item.movie_id).ptr;
    w.begin_object()
        .field("movie_name", item.movie_name)
        .field("movie_id",
               std::string_view(id.data(), static_cast<std::size_t>(id_end - id.data())))
        .field("delete_time",
               core::wall_time_text(item.delete_time.value_or(0), utc_offset_minutes).view())
        .end_object();
  }
  w.end_array()
      .field("total_movie_number", static_cast<std::int64_t>(media.size()))
      .field("data_generate_timestamp", std::to_string(now))
      .field("data_generate_time", core::wall_time_text(now, utc_offset_minutes).view())
      .end_object();
  return std::move(w).str();
}

Refusal store_failure(std::string detail) {
  Refusal refusal = endpoint::refuse(Verdict::kStoreUnavailable, kGenerateFailedAnswer);
  refusal.internal = std::move(detail);
  return refusal;
}

// The pid is known and may call this action.
endpoint::Outcome<Partner> find_partner(endpoint::Context& context, const SyncCall& call) {
  auto partner = pumpkin_repository(context.store).find_partner(call.pid);
  if (!partner) return core::unexpected(store_failure(std::move(partner.error().message)));
  if (!*partner) {
    return core::unexpected(endpoint::refuse(Verdict::kUnknownCredential, kPidErrorAnswer, "pid"));
  }
  if (!may_call(**partner, kOfflineSyncPath)) {
    return core::unexpected(endpoint::refuse(Verdict::kCredentialRefused, kPidErrorAnswer, "pid"));
  }
  return std::move(**partner);
}

// What went offline in the window ending at the request's timestamp.
endpoint::Outcome<std::string> serve(endpoint::Context& context, const SyncCall& call,
                                     const Partner&, const endpoint::Reply& reply) {
  const auto window =
      offline_window(call.timestamp, context.config.modules.get<PumpkinSettings>().window_ms);
  auto media = list_offline_media(pumpkin_repository(context.store), window);
  if (!media) return core::unexpected(store_failure(std::move(media.error().detail)));
  return render_content(*media, reply.now, reply.utc_offset_minutes);
}

}  // namespace

endpoint::Route offline_sync() {
  using P = endpoint::Parameter<SyncCall>;
  static const endpoint::Endpoint<SyncCall, Partner> kEndpoint{
      .name = "pumpkin-offline-sync",
      .log_vendor = kVendor,
      .pattern = kOfflineSyncPath,
      .methods = {"GET"},
      .summary =
          "The media a Pumpkin partner must take offline: those removed in the 12 hours "
          "before timestamp",
      .partner = "pid",
      .undecodable = kParamErrorAnswer,
      .parameters =
          {
              P{.name = "pid",
                .required = true,
                .missing = kParamErrorAnswer,
                .read = endpoint::read_text<&SyncCall::pid>},
              P{.name = "timestamp",
                .required = true,
                .missing = kParamErrorAnswer,
                .read =
                    [](SyncCall& c, std::string_view v) {
                      const auto value = core::parse_digits(v);
                      if (value) c.timestamp = *value;
                      return value.has_value();
                    },
                .malformed = kParamErrorAnswer,
                .format = "milliseconds since the epoch: the end of the window"},
              P{.name = "signature_nonce",
                .required = true,
                .missing = kParamErrorAnswer,
                .read = endpoint::read_text<&SyncCall::nonce>,
                .format = "unique for 15 minutes"},
              P{.name = "sign",
                .required = true,
                .missing = kParamErrorAnswer,
                .read = endpoint::read_text<&SyncCall::sign>,
                .format = "Base64 of HMAC-SHA1"},
              // Optional, but when sent (even empty) exactly the one value served.
              P{.name = "format",
                .empty_is_absent = false,
                .read = endpoint::read_text<&SyncCall::format>,
                .valid = [](const SyncCall& c) { return c.format == kFormat; },
                .invalid = kParamErrorAnswer,
                .format = "JSON",
                .fallback = "JSON"},
              P{.name = "version",
                .empty_is_absent = false,
                .read = endpoint::read_text<&SyncCall::version>,
                .valid = [](const SyncCall& c) { return c.version == kVersion; },
                .invalid = kParamErrorAnswer,
                .format = "v1",
                .fallback = "v1"},
          },
      // Any age is allowed (the timestamp is the end of the window asked for); too far in the
      // future is part of "well-formed" (decisions.md).
      .freshness = endpoint::Freshness<SyncCall>{
          .parameter = "timestamp",
          .timestamp = &SyncCall::timestamp,
          .past_ms = [](const core::Config&) { return std::numeric_limits<std::int64_t>::max(); },
          .future_ms =
              [](const core::Config& c) {
                return c.modules.get<PumpkinSettings>().future_tolerance_ms;
              },
          .too_old = kParamErrorAnswer,
          .in_future = kParamErrorAnswer},
      .find_credential = find_partner,
      // The signature, over the fixed set with action = this path (never `sign` or extras).
      .signature = {
          .verify =
              [](const core::ParamMap& params, const SyncCall& call, const Partner& partner) {
                return vendors::pumpkin::pumpkin_verify(
                    vendors::pumpkin::pumpkin_signed_set(params, kOfflineSyncPath), kMethod,
                    partner.access_secret, restore_plus(call.sign));
              },
          .explain =
              [](http::Response& response, const core::ParamMap& params, const SyncCall&,
                 const Partner& partner) {
                endpoint::add_signature_hint(
                    response, vendors::pumpkin::pumpkin_sign(
                                  vendors::pumpkin::pumpkin_signed_set(params, kOfflineSyncPath),
                                  kMethod, partner.access_secret));
              },
          .mismatch = kSignErrorAnswer,
          .parameter = "sign",
          .signed_set = "pid, version, timestamp, signature_nonce and format where sent (empty "
                        "too), and action = the path; nothing else",
          .rule = "Base64(HMAC-SHA1(secret + '&', 'GET&' + encode('/') + '&' + encode(sorted "
                  "pid, version, timestamp, signature_nonce, format, action=path)))"},
      // The nonce, recorded now that the signature is verified: once per pid per horizon.
      .replay =
          endpoint::Replay<SyncCall>{.scope_prefix = "pumpkin:",
                                     .scope = &SyncCall::pid,
                                     .token = &SyncCall::nonce,
                                     .scope_parameter = "pid",
                                     .token_parameter = "signature_nonce",
                                     .horizon_ms =
                                         [](const core::Config& c) {
                                           return c.modules.get<PumpkinSettings>().nonce_horizon_ms;
                                         },
                                     .replayed = kParamErrorAnswer,
                                     .unavailable = kGenerateFailedAnswer},
      .serve = serve,
      .credential_refusals = {endpoint::refuse(Verdict::kUnknownCredential, kPidErrorAnswer, "pid"),
                              endpoint::refuse(Verdict::kCredentialRefused, kPidErrorAnswer, "pid"),
                              endpoint::refuse(Verdict::kStoreUnavailable, kGenerateFailedAnswer)},
      .domain_refusals = {endpoint::refuse(Verdict::kStoreUnavailable, kGenerateFailedAnswer)},
      .data_example = R"({"mediaList":[{"movie_name":"测试w","movie_id":"11332","delete_time":)"
                      R"("2019-05-09 19:18:33"}],"total_movie_number":1,"data_generate_timestamp":)"
                      R"("1700000000000","data_generate_time":"2023-11-15 06:13:20"})",
      .render_success =
          [](std::string_view data, const endpoint::Reply& reply) {
            return success_response(data, reply.now, reply.utc_offset_minutes);
          },
      .render_refusal = render_refusal,
      .fault_profile = fault_endpoint,
  };
  return endpoint::route(kEndpoint);
}

}  // namespace mediagate::vendors::pumpkin
