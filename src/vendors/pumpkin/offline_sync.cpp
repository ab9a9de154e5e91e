#include "vendors/pumpkin/offline_sync.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "auth/pumpkin_signer.hpp"
#include "auth/time_window.hpp"
#include "core/civil_time.hpp"
#include "core/json_writer.hpp"
#include "core/numbers.hpp"
#include "core/params.hpp"
#include "domain/offline_media.hpp"
#include "vendors/pumpkin/pumpkin_envelope.hpp"
#include "vendors/signature_hint.hpp"

namespace mediagate::vendors::pumpkin {
namespace {

constexpr std::string_view kMethod = "GET";
constexpr std::string_view kFormat = "JSON";  // the only format served; absent means JSON
constexpr std::string_view kVersion = "v1";   // the only version served; absent means v1
constexpr std::string_view kNonceScopePrefix = "pumpkin:";

// The required parameters, once present and well-formed.
struct OfflineSyncFields {
  std::string_view pid;
  std::string_view nonce;
  std::string_view sign;
  core::EpochMs timestamp = 0;
};

// An optional parameter that, when sent, must be exactly `only` (an empty value is not absent).
bool absent_or_equal(const core::ParamMap& params, std::string_view name, std::string_view only) {
  const auto* value = core::find_param(params, name);
  return value == nullptr || *value == only;
}

// Presence and syntax, the future bound of `timestamp` included (decisions.md: part of
// "well-formed"). Any age is allowed: the timestamp is the end of the window asked for.
std::optional<OfflineSyncFields> read_fields(const core::ParamMap& params, core::EpochMs now,
                                             std::int64_t future_tolerance_ms) {
  const auto pid = core::non_empty_param(params, "pid");
  const auto nonce = core::non_empty_param(params, "signature_nonce");
  const auto sign = core::non_empty_param(params, "sign");
  const auto timestamp_text = core::non_empty_param(params, "timestamp");
  if (!pid || !nonce || !sign || !timestamp_text) return std::nullopt;
  if (!absent_or_equal(params, "format", kFormat)) return std::nullopt;
  if (!absent_or_equal(params, "version", kVersion)) return std::nullopt;
  const auto timestamp = core::parse_digits(*timestamp_text);
  if (!timestamp) return std::nullopt;
  const auto window = auth::check_window(*timestamp, now, std::numeric_limits<std::int64_t>::max(),
                                         future_tolerance_ms);
  if (window != auth::WindowCheck::kInside) return std::nullopt;
  return OfflineSyncFields{*pid, *nonce, *sign, *timestamp};
}

// A client that forgets to form-encode its Base64 sign sends '+' raw, which form decoding turns
// into a space (vendor-spec §1.3 item 7). Base64 never contains a space, so turning spaces back
// into '+' can only rescue such a sign, never make a wrong one match.
std::string restore_plus(std::string_view sign) {
  std::string restored(sign);
  std::replace(restored.begin(), restored.end(), ' ', '+');
  return restored;
}

bool may_call(const store::PumpkinPartner& partner, std::string_view action) {
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

}  // namespace

http::Response OfflineSync::handle(http::Request& request) const {
  const core::EpochMs now = context_.clock.now_ms();
  const auto& settings = context_.config.pumpkin;
  const int offset = static_cast<int>(context_.config.utc_offset_minutes);
  std::string partner_id;  // the pid as sent, for the access log
  auto tagged = [&](http::Response response) {
    response.log_vendor = std::string(kVendor);
    response.log_partner = partner_id;
    return response;
  };
  auto fail = [&](const Status& status) { return tagged(error_response(status, now, offset)); };
  auto store_failure = [&](std::string_view detail) {
    context_.log.error("store failure", {{"endpoint", kOfflineSyncPath},
                                         {"vendor", kVendor},
                                         {"pid", std::string_view{partner_id}},
                                         {"detail", detail}});
    return fail(kGenerateFailed);
  };

  // 1. Parameters present and well-formed (bad escapes, invalid UTF-8, duplicates included).
  const auto parsed = core::parse_params(request.query);
  if (!parsed) return fail(kParamError);
  const core::ParamMap& params = *parsed;
  if (const auto* pid = core::find_param(params, "pid")) partner_id = *pid;
  const auto fields = read_fields(params, now, settings.future_tolerance_ms);
  if (!fields) return fail(kParamError);

  // 2. The pid is known and may call this action.
  const auto partner = context_.store.find_pumpkin_partner(fields->pid);
  if (!partner) return store_failure(partner.error().message);
  if (!*partner || !may_call(**partner, kOfflineSyncPath)) return fail(kPidError);

  // 3. The signature, over the fixed set with action = this path (never `sign` or extras).
  const auto signed_set = auth::pumpkin_signed_set(params, kOfflineSyncPath);
  if (!auth::pumpkin_verify(signed_set, kMethod, (*partner)->access_secret,
                            restore_plus(fields->sign))) {
    auto refused = fail(kSignError);
    if (signature_hints_enabled(context_)) {
      add_signature_hint(refused,
                         auth::pumpkin_sign(signed_set, kMethod, (*partner)->access_secret));
    }
    return refused;
  }

  // 4. The nonce, recorded now that the signature is verified: once per pid per horizon.
  std::string scope(kNonceScopePrefix);
  scope += fields->pid;
  switch (context_.replay_guard.first_use(scope, fields->nonce, now, settings.nonce_horizon_ms)) {
    case auth::ReplayCheck::kFirstUse:
      break;
    case auth::ReplayCheck::kReplay:
      return fail(kParamError);
    case auth::ReplayCheck::kUnavailable:  // an outage, not the client's fault
      context_.log.error("replay guard unavailable",
                         {{"endpoint", kOfflineSyncPath}, {"vendor", kVendor}});
      return fail(kGenerateFailed);
  }

  // 5. What went offline in the window ending at the request's timestamp.
  const auto window = domain::offline_window(fields->timestamp, settings.window_ms);
  const auto media = domain::list_offline_media(context_.store, window);
  if (!media) return store_failure(media.error().detail);
  return tagged(success_response(render_content(*media, now, offset), now, offset));
}

}  // namespace mediagate::vendors::pumpkin
