#include "vendors/polyv/live_session_list.hpp"

#include <algorithm>
#include <array>

#include "auth/polyv_live_signer.hpp"
#include "auth/time_window.hpp"
#include "core/civil_time.hpp"
#include "core/json_writer.hpp"
#include "core/numbers.hpp"
#include "domain/live_sessions.hpp"
#include "vendors/page_cache.hpp"
#include "vendors/polyv/polyv_envelope.hpp"
#include "vendors/polyv/polyv_paging.hpp"
#include "vendors/polyv/polyv_params.hpp"
#include "vendors/signature_hint.hpp"

namespace mediagate::vendors::polyv {
namespace {

constexpr std::string_view kVendor = "polyv-live";

// decisions.md "Polyv", live.
constexpr std::string_view kBadDate = "invalid date time format";
constexpr std::string_view kBadTimestamp = "invalid timestamp.";
constexpr std::string_view kUnknownApp = "application not found.";
constexpr std::string_view kBadSign = "invalid signature.";
constexpr std::string_view kForbidden = "access forbidden";
constexpr std::string_view kQueryFailed = "query failed.";

constexpr std::array<std::string_view, 4> kRequired = {"appId", "timestamp", "sign", "channelId"};

std::string missing(std::string_view name) {
  return "param should not be empty: " + std::string(name);
}
std::string not_digit(std::string_view name) {
  return "param is not digit: " + std::string(name);
}

// "yyyy-MM-dd HH:mm:ss", or "yyyy-MM-dd" meaning 00:00:00 of that day (seed 003).
std::optional<core::EpochMs> parse_date(std::string_view text, int offset_minutes) {
  if (auto at = core::parse_wall_time(text, offset_minutes)) return at;
  return core::parse_wall_date(text, offset_minutes);
}

// The channel id as the seed writes it: a JSON number. Stored ids are digits (fixture
// validation); one too long for int64 is written as a string rather than lose digits.
void write_channel_id(core::JsonWriter& w, const std::string& channel_id) {
  w.key("channelId");
  if (const auto number = core::parse_digits(channel_id)) {
    w.value(*number);
  } else {
    w.value(channel_id);
  }
}

std::string render_page(const store::Page<store::LiveSession>& page, const LivePageBlock& block,
                        const std::string& channel_id, const std::string& user_id) {
  core::JsonWriter w;
  w.begin_object()
      .field("pageSize", block.page_size)
      .field("pageNumber", block.page_number)
      .field("totalItems", block.total_items)
      .key("contents")
      .begin_array();
  for (const auto& session : page.items) {
    w.begin_object().field("sessionId", session.session_id);
    write_channel_id(w, channel_id);
    w.field("userId", user_id)
        .field("startTime", session.start_time)
        .field("endTime", session.end_time)
        .field("customId", session.custom_id)
        .end_object();
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

}  // namespace

http::Response LiveSessionList::handle(http::Request& request) const {
  const core::EpochMs now = context_.clock.now_ms();
  // Before any of this request's data is read (vendors/page_cache.hpp).
  const auto generation =
      context_.pages != nullptr ? context_.store.data_generation() : std::nullopt;
  const auto& polyv = context_.config.polyv;
  const int offset_minutes = static_cast<int>(context_.config.utc_offset_minutes);
  std::string partner;
  // Every answer is tagged with the vendor and the appId for the access log.
  auto tagged = [&](http::Response response) {
    response.log_vendor = std::string(kVendor);
    response.log_partner = partner;
    return response;
  };
  auto fail = [&](unsigned code, std::string_view message, std::string_view status = "error") {
    return tagged(error_response(code, message, std::nullopt, status));
  };

  // Every request counts against the per-IP limit, malformed ones included.
  if (context_.polyv_rate_limiter != nullptr) {
    const auto decision = context_.polyv_rate_limiter->hit(request.remote_address, now);
    if (decision.unavailable) {  // an outage (shared_state.rate_limit_on_failure=refuse)
      context_.log.error("rate limiter unavailable", {{"endpoint", kVendor}});
      return fail(500, kQueryFailed);
    }
    if (!decision.allowed) return fail(400, kQpsExceeded);
  }

  // A query that cannot be decoded (bad %XX, invalid UTF-8, a duplicated name) has no
  // parameters to check: the generic parameter error, before anything else.
  auto parsed = core::parse_params(request.query);
  if (!parsed) return fail(400, kParamValidateError);
  const core::ParamMap& params = *parsed;
  if (const auto app_id = core::non_empty_param(params, "appId")) partner = std::string(*app_id);

  // 1. Required parameters, in the documented order (empty counts as absent).
  for (const auto name : kRequired) {
    if (!core::non_empty_param(params, name)) return fail(400, missing(name));
  }
  const std::string app_id(*core::non_empty_param(params, "appId"));
  const std::string channel_id(*core::non_empty_param(params, "channelId"));
  const std::string_view sign = *core::non_empty_param(params, "sign");

  // 2. Formats: digits, dates, then the remaining value rules.
  const auto timestamp = saturating_digits(*core::non_empty_param(params, "timestamp"));
  if (!timestamp) return fail(400, not_digit("timestamp"));
  if (!saturating_digits(channel_id)) return fail(400, not_digit("channelId"));
  const auto page_text = core::non_empty_param(params, "page");
  const auto page = page_text ? core::parse_digits(*page_text) : std::optional<std::int64_t>{1};
  if (page_text && !saturating_digits(*page_text)) return fail(400, not_digit("page"));
  const auto size_text = core::non_empty_param(params, "pageSize");
  const auto page_size =
      size_text ? saturating_digits(*size_text) : std::optional{polyv.default_page_size};
  if (!page_size) return fail(400, not_digit("pageSize"));
  std::optional<core::EpochMs> start;
  std::optional<core::EpochMs> end;
  if (const auto text = core::non_empty_param(params, "startDate")) {
    start = parse_date(*text, offset_minutes);
    if (!start) return fail(400, kBadDate);
  }
  if (const auto text = core::non_empty_param(params, "endDate")) {
    end = parse_date(*text, offset_minutes);
    if (!end) return fail(400, kBadDate);
  }
  const auto digest = auth::polyv_digest_from_params(params);
  // page: digits beyond int64 are out of range; page/pageSize 0 are below the minimum.
  if (!digest || !page || *page < 1 || *page_size < 1) return fail(400, kParamValidateError);

  // 3. Freshness.
  if (auth::check_window(*timestamp, now, polyv.time_window_ms) != auth::WindowCheck::kInside) {
    return fail(400, kBadTimestamp);
  }

  // 4. The application, 5. its signature.
  auto account = context_.store.find_polyv_account_by_app_id(app_id);
  if (!account) {
    context_.log.error("store failure",
                       {{"endpoint", kVendor}, {"detail", account.error().message}});
    return fail(500, kQueryFailed);
  }
  if (!*account) return fail(400, kUnknownApp);
  if (!auth::polyv_live_verify(params, (*account)->app_secret, sign, *digest)) {
    auto refused = fail(400, kBadSign);
    if (signature_hints_enabled(context_)) {
      add_signature_hint(refused, auth::polyv_live_sign(params, (*account)->app_secret, *digest));
    }
    return refused;
  }

  // 6. Span, 7. channel ownership, then the page.
  domain::SessionListing listing;
  listing.channel_id = channel_id;
  listing.start = start;
  listing.end = end;
  listing.page = *page;
  listing.page_size = std::min(*page_size, polyv.max_page_size);
  // Without both dates the range moves with the clock: such a page is not worth keeping.
  PageTicket ticket;
  if (start && end) {
    ticket = {generation, core::CacheKey(kVendor)
                              .add(partner)
                              .add(channel_id)
                              .add(*start)
                              .add(*end)
                              .add(listing.page)
                              .add(listing.page_size)
                              .str()};
  }
  if (const auto kept = find_page(context_.pages, ticket))
    return tagged(success_response(*kept, ""));
  auto sessions = domain::list_channel_sessions(context_.store, **account, listing, now);
  if (!sessions) {
    switch (sessions.error().kind) {
      case domain::LiveSessionsError::kInvalidRange:
        return fail(400, kParamValidateError);
      case domain::LiveSessionsError::kChannelForbidden:
        return fail(500, kForbidden, "fail");
      case domain::LiveSessionsError::kStoreFailure:
        context_.log.error("store failure",
                           {{"endpoint", kVendor}, {"detail", sessions.error().detail}});
        return fail(500, kQueryFailed);
    }
  }
  const auto block = live_page_block(listing.page, listing.page_size, sessions->total,
                                     static_cast<std::int64_t>(sessions->items.size()));
  const std::string data = render_page(*sessions, block, channel_id, (*account)->user_id);
  keep_page(context_.pages, std::move(ticket), data);
  return tagged(success_response(data, ""));
}

}  // namespace mediagate::vendors::polyv
