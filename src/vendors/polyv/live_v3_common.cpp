#include "vendors/polyv/live_v3_common.hpp"

#include <algorithm>
#include <utility>

#include "core/civil_time.hpp"
#include "core/numbers.hpp"
#include "endpoint/signature_hint.hpp"
#include "vendors/polyv/polyv_endpoint.hpp"
#include "vendors/polyv/polyv_envelope.hpp"
#include "vendors/polyv/polyv_paging.hpp"
#include "vendors/polyv/polyv_params.hpp"
#include "vendors/polyv/polyv_repository.hpp"

namespace mediagate::vendors::polyv {
namespace {

using endpoint::Phase;

constexpr std::int64_t kMsPerMinute = 60'000;

// "yyyy-MM-dd HH:mm:ss", or "yyyy-MM-dd" meaning 00:00:00 of that day (seed 003).
std::optional<core::EpochMs> parse_date(std::string_view text) {
  if (auto at = core::parse_wall_time(text, 0)) return at;
  return core::parse_wall_date(text, 0);
}

template <auto Field>
bool read_date(LiveCall& call, std::string_view text) {
  call.*Field = parse_date(text);
  return (call.*Field).has_value();
}

}  // namespace

std::vector<endpoint::Parameter<LiveCall>> live_parameters(std::string_view start_fallback,
                                                           std::string_view end_fallback) {
  return {
      {.name = "appId",
       .required = true,
       .missing = kLiveMissing,
       .read = endpoint::read_text<&LiveCall::app_id>},
      {.name = "timestamp",
       .required = true,
       .missing = kLiveMissing,
       .read =
           [](LiveCall& c, std::string_view v) {
             const auto value = saturating_digits(v);
             if (value) c.timestamp = *value;
             return value.has_value();
           },
       .malformed = kLiveNotDigit,
       .format = "milliseconds since the epoch"},
      {.name = "sign",
       .required = true,
       .missing = kLiveMissing,
       .read = endpoint::read_text<&LiveCall::sign>,
       .format = "32 uppercase hex digits (MD5) or 64 (SHA256)"},
      {.name = "channelId",
       .required = true,
       .missing = kLiveMissing,
       .read =
           [](LiveCall& c, std::string_view v) {
             c.channel_id = v;
             return saturating_digits(v).has_value();
           },
       .malformed = kLiveNotDigit,
       .format = "digits"},
      // page: digits beyond int64 are out of range; page/pageSize 0 are below the minimum (the
      // value pass), after every syntax check.
      {.name = "page",
       .read =
           [](LiveCall& c, std::string_view v) {
             c.page = core::parse_digits(v);
             return saturating_digits(v).has_value();
           },
       .malformed = kLiveNotDigit,
       .valid = [](const LiveCall& c) { return c.page && *c.page >= 1; },
       .invalid = kParamValidateAnswer,
       .format = "digits, >= 1",
       .fallback = "1"},
      {.name = "pageSize",
       .read =
           [](LiveCall& c, std::string_view v) {
             c.page_size = saturating_digits(v);
             return c.page_size.has_value();
           },
       .malformed = kLiveNotDigit,
       .valid = [](const LiveCall& c) { return *c.page_size >= 1; },
       .invalid = kParamValidateAnswer,
       .format = "digits, >= 1 (above the maximum: the maximum)",
       .fallback_note = "the setting polyv.default_page_size"},
      {.name = "startDate",
       .read = read_date<&LiveCall::start>,
       .malformed = kLiveBadDate,
       .format = "yyyy-MM-dd or yyyy-MM-dd HH:mm:ss",
       .fallback_note = start_fallback},
      {.name = "endDate",
       .read = read_date<&LiveCall::end>,
       .malformed = kLiveBadDate,
       .format = "yyyy-MM-dd or yyyy-MM-dd HH:mm:ss",
       .fallback_note = end_fallback},
      {.name = "signatureMethod",
       .read =
           [](LiveCall& c, std::string_view v) {
             c.digest = v == "SHA256" ? std::optional{PolyvDigest::kSha256} : std::nullopt;
             return true;
           },
       .valid = [](const LiveCall& c) { return c.digest.has_value(); },
       .invalid = kParamValidateAnswer,
       .format = "SHA256",
       .fallback_note = "MD5"},
  };
}

endpoint::Freshness<LiveCall> live_freshness() {
  return {.phase = Phase::kBeforeCredential,
          .parameter = "timestamp",
          .timestamp = &LiveCall::timestamp,
          .past_ms = time_window_ms,
          .future_ms = time_window_ms,
          .too_old = kLiveBadTimestamp,
          .in_future = kLiveBadTimestamp};
}

endpoint::Outcome<LiveAccount> find_live_account(endpoint::Context& context, const LiveCall& call) {
  auto account = polyv_repository(context.store).find_account_by_app_id(call.app_id);
  if (!account) {
    return core::unexpected(query_failed(std::move(account.error().message)));
  }
  if (!*account) {
    return core::unexpected(
        endpoint::refuse(endpoint::Verdict::kUnknownCredential, kLiveUnknownApp));
  }
  return std::move(**account);
}

std::vector<endpoint::Refusal> live_credential_refusals() {
  return {endpoint::refuse(endpoint::Verdict::kUnknownCredential, kLiveUnknownApp)};
}

std::vector<endpoint::Refusal> live_domain_refusals() {
  return {endpoint::refuse(endpoint::Verdict::kRejected, kParamValidateAnswer),
          endpoint::refuse(endpoint::Verdict::kRejected, kLiveForbidden, "channelId")};
}

endpoint::Signature<LiveCall, LiveAccount> live_signature() {
  return {.verify =
              [](const core::ParamMap& params, const LiveCall& call, const LiveAccount& account) {
                return polyv_live_verify(params, account.app_secret, call.sign, *call.digest);
              },
          .explain =
              [](http::Response& response, const core::ParamMap& params, const LiveCall& call,
                 const LiveAccount& account) {
                endpoint::add_signature_hint(
                    response, polyv_live_sign(params, account.app_secret, *call.digest,
                                              polyv_nearest_form(params)));
              },
          .mismatch = kLiveBadSign,
          .parameter = "sign",
          .signed_set =
              "every parameter but sign; blank values dropped or signed as the bare "
              "key, signatureMethod signed or not (forms A-D)",
          .rule =
              "MD5 (or SHA256) of appSecret + sorted k+v of the parameters but sign + "
              "appSecret, uppercase hex; blank values dropped or signed as the bare key, "
              "signatureMethod signed or not (forms A-D)"};
}

SessionListing live_listing(const LiveCall& call, const core::Config& config, SessionSpan span) {
  const std::int64_t shift = config.utc_offset_minutes * kMsPerMinute;
  SessionListing listing;
  listing.channel_id = std::string(call.channel_id);
  if (call.start) listing.start = *call.start - shift;
  if (call.end) listing.end = *call.end - shift;
  listing.page = *call.page;
  const auto& polyv = config.modules.get<PolyvSettings>();
  listing.page_size =
      call.page_size ? std::min(*call.page_size, polyv.max_page_size) : polyv.default_page_size;
  listing.span = span;
  return listing;
}

endpoint::Refusal live_sessions_refusal(LiveSessionsFailure failure) {
  switch (failure.kind) {
    case LiveSessionsError::kInvalidRange:
      return endpoint::refuse(endpoint::Verdict::kRejected, kParamValidateAnswer);
    case LiveSessionsError::kChannelForbidden:
      return endpoint::refuse(endpoint::Verdict::kRejected, kLiveForbidden, "channelId");
    case LiveSessionsError::kStoreFailure:
      break;
  }
  return query_failed(std::move(failure.detail));
}

void write_live_channel_id(core::JsonWriter& w, std::string_view channel_id) {
  w.key("channelId");
  if (const auto number = core::parse_digits(channel_id)) {
    w.value(*number);
  } else {
    w.value(channel_id);
  }
}

endpoint::Outcome<std::string> serve_live_page(endpoint::Context& context, const LiveCall& call,
                                               const LiveAccount& account, core::EpochMs now,
                                               SessionSpan span, WriteLiveSession write_session) {
  const auto listing = live_listing(call, context.config, span);
  auto sessions = list_channel_sessions(polyv_repository(context.store), account, listing, now);
  if (!sessions) return core::unexpected(live_sessions_refusal(std::move(sessions).error()));
  const auto block = live_page_block(listing.page, listing.page_size, sessions->total,
                                     static_cast<std::int64_t>(sessions->items.size()));
  core::JsonWriter w;
  w.begin_object()
      .field("pageSize", block.page_size)
      .field("pageNumber", block.page_number)
      .field("totalItems", block.total_items)
      .key("contents")
      .begin_array();
  for (const auto& session : sessions->items) {
    write_session(w, session, call.channel_id, account.user_id);
  }
  w.end_array()
      .field("limit", block.limit)
      .field("nextPageNumber", block.next_page_number)
      .field("startRow", block.start_row)
      .field("firstPage", block.first_page)
      .field("lastPage", block.last_page)
      .field("prePageNumber", block.pre_page_number)
      .field("endRow", block.end_row)
      .field("totalPages", block.total_pages)
      .field("offset", block.offset)
      .end_object();
  return std::move(w).str();
}

endpoint::Endpoint<LiveCall, LiveAccount> live_v3_endpoint(
    endpoint::Endpoint<LiveCall, LiveAccount> declaration) {
  declaration.log_vendor = "polyv-live";
  declaration.partner = "appId";
  declaration.freshness = live_freshness();
  declaration.find_credential = find_live_account;
  declaration.signature = live_signature();
  declaration.credential_refusals = live_credential_refusals();
  declaration.domain_refusals = live_domain_refusals();
  declaration.render_success = render_success_unnamed;
  declaration.render_page = render_page_unnamed;
  return polyv_endpoint<LiveCall, LiveAccount>(std::move(declaration));
}

}  // namespace mediagate::vendors::polyv
