#include "vendors/polyv/live_session_list.hpp"

#include <algorithm>

#include "core/civil_time.hpp"
#include "core/generation_cache.hpp"
#include "core/json_writer.hpp"
#include "core/numbers.hpp"
#include "vendors/polyv/live_sessions.hpp"
#include "vendors/polyv/polyv_endpoint.hpp"
#include "vendors/polyv/polyv_live_signer.hpp"
#include "vendors/polyv/polyv_paging.hpp"
#include "vendors/polyv/polyv_params.hpp"

namespace mediagate::vendors::polyv {
namespace {

using endpoint::Answer;
using endpoint::Phase;
using endpoint::Verdict;

// decisions.md "Polyv", live.
constexpr Answer kMissing{400, "400", "param should not be empty: ", {}, true};
constexpr Answer kNotDigit{400, "400", "param is not digit: ", {}, true};
constexpr Answer kBadDate{400, "400", "invalid date time format"};
constexpr Answer kBadTimestamp{400, "400", "invalid timestamp."};
constexpr Answer kUnknownApp{400, "400", "application not found."};
constexpr Answer kBadSign{400, "400", "invalid signature."};
constexpr Answer kForbidden{500, "500", "access forbidden", "fail"};

constexpr std::int64_t kMsPerMinute = 60'000;

struct LiveCall {
  std::string_view app_id;
  std::string_view sign;
  std::string_view channel_id;
  core::EpochMs timestamp = 0;
  std::optional<std::int64_t> page = 1;   // nothing: digits beyond int64
  std::optional<std::int64_t> page_size;  // absent: the configured default
  std::optional<core::EpochMs> start;     // local wall time, as if at UTC (offset applied later)
  std::optional<core::EpochMs> end;
  std::optional<vendors::polyv::PolyvDigest> digest = vendors::polyv::PolyvDigest::kMd5;
};

using Account = store::PolyvAccountKeys;

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

// The channel id as the seed writes it: a JSON number. Stored ids are digits (fixture
// validation); one too long for int64 is written as a string rather than lose digits.
void write_channel_id(core::JsonWriter& w, std::string_view channel_id) {
  w.key("channelId");
  if (const auto number = core::parse_digits(channel_id)) {
    w.value(*number);
  } else {
    w.value(channel_id);
  }
}

std::string render_page(const store::Page<store::LiveSession>& page, const LivePageBlock& block,
                        std::string_view channel_id, const std::string& user_id) {
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

SessionListing listing_of(const LiveCall& call, const core::Config& config) {
  const std::int64_t shift = config.utc_offset_minutes * kMsPerMinute;
  SessionListing listing;
  listing.channel_id = std::string(call.channel_id);
  if (call.start) listing.start = *call.start - shift;
  if (call.end) listing.end = *call.end - shift;
  listing.page = *call.page;
  const auto& polyv = config.modules.get<PolyvSettings>();
  listing.page_size =
      call.page_size ? std::min(*call.page_size, polyv.max_page_size) : polyv.default_page_size;
  return listing;
}

endpoint::Outcome<Account> find_account(endpoint::Context& context, const LiveCall& call) {
  auto account = context.store.find_polyv_account_by_app_id(call.app_id);
  if (!account) {
    return core::unexpected(query_failed(std::move(account.error().message)));
  }
  if (!*account)
    return core::unexpected(endpoint::refuse(Verdict::kUnknownCredential, kUnknownApp));
  return std::move(**account);
}

// Without both dates the range moves with the clock: such a page is not worth keeping.
std::optional<std::string> page_key(const LiveCall& call, const Account&,
                                    const endpoint::Context& context) {
  if (!call.start || !call.end) return std::nullopt;
  const auto listing = listing_of(call, context.config);
  return core::CacheKey("polyv-live")
      .add(call.app_id)
      .add(call.channel_id)
      .add(*listing.start)
      .add(*listing.end)
      .add(listing.page)
      .add(listing.page_size)
      .str();
}

endpoint::Outcome<std::string> serve(endpoint::Context& context, const LiveCall& call,
                                     const Account& account, const endpoint::Reply& reply) {
  const auto listing = listing_of(call, context.config);
  auto sessions = list_channel_sessions(context.store, account, listing, reply.now);
  if (!sessions) {
    switch (sessions.error().kind) {
      case LiveSessionsError::kInvalidRange:
        return core::unexpected(endpoint::refuse(Verdict::kRejected, kParamValidateAnswer));
      case LiveSessionsError::kChannelForbidden:
        return core::unexpected(endpoint::refuse(Verdict::kRejected, kForbidden, "channelId"));
      case LiveSessionsError::kStoreFailure: {
        return core::unexpected(query_failed(std::move(sessions.error().detail)));
      }
    }
  }
  const auto block = live_page_block(listing.page, listing.page_size, sessions->total,
                                     static_cast<std::int64_t>(sessions->items.size()));
  return render_page(*sessions, block, call.channel_id, account.user_id);
}

}  // namespace

endpoint::Route live_session_list() {
  static const auto kEndpoint = polyv_endpoint<LiveCall, Account>({
      .name = "polyv-live",
      .log_vendor = "polyv-live",
      .pattern = "/live/v3/channel/session/data/list",
      .summary = "A Polyv live channel's sessions, newest first",
      .partner = "appId",
      .parameters =
          {
              {.name = "appId",
               .required = true,
               .missing = kMissing,
               .read =
                   endpoint::read_text<&LiveCall::app_id>},
              {.name = "timestamp",
               .required = true,
               .missing = kMissing,
               .read =
                   [](LiveCall& c, std::string_view v) {
                     const auto value = saturating_digits(v);
                     if (value) c.timestamp = *value;
                     return value.has_value();
                   },
               .malformed = kNotDigit,
               .format = "milliseconds since the epoch"},
              {.name = "sign",
               .required = true,
               .missing = kMissing,
               .read =
                   endpoint::read_text<&LiveCall::sign>,
               .format = "32 uppercase hex digits (MD5) or 64 (SHA256)"},
              {.name = "channelId",
           .required = true,
           .missing = kMissing,
           .read =
               [](LiveCall& c, std::string_view v) {
                 c.channel_id = v;
                 return saturating_digits(v).has_value();
               },
           .malformed = kNotDigit,
           .format = "digits"},
              // page: digits beyond int64 are out of range; page/pageSize 0 are below the
              // minimum (the value pass), after every syntax check.
              {.name = "page",
               .read =
                   [](LiveCall& c, std::string_view v) {
                     c.page = core::parse_digits(v);
                     return saturating_digits(v).has_value();
                   },
               .malformed = kNotDigit,
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
               .malformed = kNotDigit,
               .valid = [](const LiveCall& c) { return *c.page_size >= 1; },
               .invalid = kParamValidateAnswer,
               .format = "digits, >= 1 (above the maximum: the maximum)",
               .fallback_note = "the setting polyv.default_page_size"},
              {.name = "startDate",
               .read = read_date<&LiveCall::start>,
               .malformed = kBadDate,
               .format = "yyyy-MM-dd or yyyy-MM-dd HH:mm:ss",
               .fallback_note = "60 days before endDate (or now)"},
              {.name = "endDate",
               .read = read_date<&LiveCall::end>,
               .malformed = kBadDate,
               .format = "yyyy-MM-dd or yyyy-MM-dd HH:mm:ss",
               .fallback_note = "60 days after startDate (or now)"},
              {.name = "signatureMethod",
               .read =
                   [](LiveCall& c, std::string_view v) {
                     c.digest =
                         v == "SHA256" ? std::optional{vendors::polyv::PolyvDigest::kSha256} : std::nullopt;
                     return true;
                   },
               .valid = [](const LiveCall& c) { return c.digest.has_value(); },
               .invalid = kParamValidateAnswer,
               .format = "SHA256",
               .fallback_note = "MD5"},
          },
      .freshness = endpoint::Freshness<LiveCall>{
          .phase = Phase::kBeforeCredential,
          .parameter = "timestamp",
          .timestamp = &LiveCall::timestamp,
          .past_ms = time_window_ms,
          .future_ms = time_window_ms,
          .too_old = kBadTimestamp,
          .in_future = kBadTimestamp},
      .find_credential = find_account,
      .signature = {
          .verify =
              [](const core::ParamMap& params, const LiveCall& call, const Account& account) {
                return vendors::polyv::polyv_live_verify(params, account.app_secret, call.sign, *call.digest);
              },
          .explain =
              [](http::Response& response, const core::ParamMap& params, const LiveCall& call,
                 const Account& account) {
                endpoint::add_signature_hint(
                    response, vendors::polyv::polyv_live_sign(params, account.app_secret, *call.digest));
              },
          .mismatch = kBadSign,
          .parameter = "sign",
          .signed_set = "every parameter but sign whose value is not empty",
          .rule = "MD5 (or SHA256) of appSecret + sorted k+v of the non-empty parameters but "
                  "sign + appSecret; uppercase hex"},
      .page_key = page_key,
      .serve = serve,
      .credential_refusals = {endpoint::refuse(Verdict::kUnknownCredential, kUnknownApp)},
      .domain_refusals = {endpoint::refuse(Verdict::kRejected, kParamValidateAnswer),
                          endpoint::refuse(Verdict::kRejected, kForbidden, "channelId")},
      .data_example =
          R"({"pageSize":20,"pageNumber":1,"totalItems":1,"contents":[{"sessionId":"fvlrgzqm3o",)"
          R"("channelId":1965681,"userId":"b0f7041324","startTime":"2023-11-14 10:00:00",)"
          R"("endTime":"2023-11-14 11:00:00","customId":""}],"limit":20,"nextPageNumber":1,)"
          R"("startRow":1,"firstPage":true,"lastPage":true,"prePageNumber":1,"endRow":1,)"
          R"("totalPages":1,"offset":0})",
      .render_success = render_success_unnamed,
  });
  return endpoint::route(kEndpoint);
}

}  // namespace mediagate::vendors::polyv
