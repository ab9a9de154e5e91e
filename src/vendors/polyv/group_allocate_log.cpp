#include "vendors/polyv/group_allocate_log.hpp"

#include <algorithm>

#include "core/civil_time.hpp"
#include "core/generation_cache.hpp"
#include "core/json_writer.hpp"
#include "core/numbers.hpp"
#include "vendors/polyv/group_allocations.hpp"
#include "vendors/polyv/polyv_endpoint.hpp"
#include "vendors/polyv/polyv_live_signer.hpp"
#include "vendors/polyv/polyv_paging.hpp"
#include "vendors/polyv/polyv_params.hpp"
#include "vendors/polyv/polyv_repository.hpp"

namespace mediagate::vendors::polyv {
namespace {

using endpoint::Answer;
using endpoint::Phase;
using endpoint::Verdict;

// Seed 004 and decisions.md "Polyv", group, in the order they are checked.
constexpr Answer kAppIdRequired{400, "400", "appId is required."};
constexpr Answer kAccountNotFound{400, "400", "account not found."};
constexpr Answer kAccountForbidden{400, "400", "account is forbidden."};
constexpr Answer kBadTimestamp{400, "400", "invalid timestamp."};
constexpr Answer kBadSign{403, "403", "invalid signature."};
constexpr Answer kEmailsRequired{400, "400", "emails is required."};

constexpr std::int64_t kMsPerMinute = 60'000;

struct GroupCall {
  std::string_view app_id;
  std::string_view sign;  // empty: not sent (a signature failure, not a missing parameter)
  core::EpochMs timestamp = 0;
  std::string_view emails;
  std::optional<std::string_view> type;  // "live" | "vod"; nothing = all
  std::optional<core::EpochMs> from;     // local wall time, as if at UTC (offset applied later)
  std::optional<core::EpochMs> to;
  std::int64_t page = 1;
  std::optional<std::int64_t> page_size;  // absent: the configured default
};

using Group = vendors::polyv::PolyvGroupKeys;

template <auto Field>
bool read_time(GroupCall& call, std::string_view text) {
  call.*Field = core::parse_wall_time(text, 0);
  return (call.*Field).has_value();
}

std::string render_page(const store::Page<vendors::polyv::Allocation>& page,
                        std::int64_t page_number, std::int64_t page_size, int offset_minutes) {
  core::JsonWriter w;
  w.begin_object()
      .field("pageNumber", page_number)
      .field("totalPages", total_pages(page.total, page_size))
      .field("pageSize", page_size)
      .key("contents")
      .begin_array();
  for (const auto& allocation : page.items) {
    w.begin_object()
        .field("email", allocation.email)
        .field("date", core::format_wall_time(allocation.date, offset_minutes))
        .field("origin", allocation.origin)
        .field("originText", allocation.origin_text)
        .field("space", allocation.space)
        .field("flow", allocation.flow)
        .field("channels", allocation.channels)
        .field("concurrences", allocation.concurrences)
        .field("duration", allocation.duration)
        .end_object();
  }
  w.end_array().field("totalItems", page.total).end_object();
  return std::move(w).str();
}

AllocationListing listing_of(const GroupCall& call, const core::Config& config) {
  const std::int64_t shift = config.utc_offset_minutes * kMsPerMinute;
  AllocationListing listing;
  listing.emails = split_emails(call.emails);
  if (call.type && *call.type != "all") listing.type = std::string(*call.type);
  if (call.from) listing.from = *call.from - shift;
  if (call.to) listing.to = *call.to - shift;
  listing.page = call.page;
  const auto& polyv = config.modules.get<PolyvSettings>();
  listing.page_size =
      call.page_size ? std::min(*call.page_size, polyv.max_page_size) : polyv.default_page_size;
  return listing;
}

endpoint::Outcome<Group> find_group(endpoint::Context& context, const GroupCall& call) {
  auto group = find_active_group(polyv_repository(context.store), call.app_id);
  if (group) return std::move(*group);
  switch (group.error().kind) {
    case GroupLookupError::kNotFound:
      return core::unexpected(endpoint::refuse(Verdict::kUnknownCredential, kAccountNotFound));
    case GroupLookupError::kForbidden:
      return core::unexpected(endpoint::refuse(Verdict::kCredentialRefused, kAccountForbidden));
    case GroupLookupError::kStoreFailure:
      break;
  }
  return core::unexpected(query_failed(std::move(group.error().detail)));
}

std::optional<std::string> page_key(const GroupCall& call, const Group&,
                                    const endpoint::Context& context) {
  const auto listing = listing_of(call, context.config);
  core::CacheKey key("polyv-group");
  key.add(call.app_id).add(static_cast<std::int64_t>(listing.emails.size()));
  for (const auto& email : listing.emails) key.add(email);
  key.add_optional(listing.type).add_optional(listing.from).add_optional(listing.to);
  key.add(listing.page).add(listing.page_size);
  return std::move(key).str();
}

endpoint::Outcome<std::string> serve(endpoint::Context& context, const GroupCall& call,
                                     const Group& group, const endpoint::Reply& reply) {
  const auto listing = listing_of(call, context.config);
  auto allocations = list_group_allocations(polyv_repository(context.store), group, listing);
  if (!allocations) {
    return core::unexpected(query_failed(std::move(allocations.error())));
  }
  return render_page(*allocations, listing.page, listing.page_size, reply.utc_offset_minutes);
}

}  // namespace

endpoint::Route group_allocate_log() {
  static const auto kEndpoint = polyv_endpoint<GroupCall, Group>({
      .name = "polyv-group",
      .log_vendor = "polyv-group",
      .pattern = "/v2/group/account/list-allocate-log",
      .summary = "A Polyv group account's allocations to its sub-accounts, newest first",
      .partner = "appId",
      .parameters =
          {
              {.name = "appId",
               .required = true,
               .missing = kAppIdRequired,
               .read =
                   endpoint::read_text<&GroupCall::app_id>},
              {.name = "timestamp",
               .phase = Phase::kBeforeSignature,
               .required = true,
               .missing = kBadTimestamp,
               .read =
                   [](GroupCall& c, std::string_view v) {
                     const auto value = saturating_digits(v);
                     if (value) c.timestamp = *value;
                     return value.has_value();
                   },
               .malformed = kBadTimestamp,
               .format = "milliseconds since the epoch"},
              // The group's documented sign is a 32-character MD5: signatureMethod is not a
              // switch here, only an ordinary (signed) parameter.
              {.name = "sign",
               .phase = Phase::kBeforeSignature,
               .read =
                   endpoint::read_text<&GroupCall::sign>,
               .format = "32 uppercase hex digits"},
              {.name = "emails",
               .phase = Phase::kAfterSignature,
               .required = true,
               .missing = kEmailsRequired,
               .read =
                   endpoint::read_text<&GroupCall::emails>,
               .format = "sub-account emails, comma-separated"},
              {.name = "type",
               .phase = Phase::kAfterSignature,
               .read =
                   [](GroupCall& c, std::string_view v) {
                     c.type = v;
                     return v == "all" || v == "live" || v == "vod";
                   },
               .malformed = kParamValidateAnswer,
               .format = "all | live | vod",
               .fallback = "all"},
              {.name = "startTime",
               .phase = Phase::kAfterSignature,
               .read = read_time<&GroupCall::from>,
               .malformed = kParamValidateAnswer,
               .format = "yyyy-MM-dd HH:mm:ss"},
              {.name = "endTime",
               .phase = Phase::kAfterSignature,
               .read = read_time<&GroupCall::to>,
               .malformed = kParamValidateAnswer,
               .format = "yyyy-MM-dd HH:mm:ss"},
              {.name = "page",
               .phase = Phase::kAfterSignature,
               .read =
                   [](GroupCall& c, std::string_view v) {
                     const auto value = core::parse_digits(v);
                     if (value) c.page = *value;
                     return value.has_value();
                   },
               .malformed = kParamValidateAnswer,
               .valid = [](const GroupCall& c) { return c.page >= 1; },
               .invalid = kParamValidateAnswer,
               .format = "digits, >= 1",
               .fallback = "1"},
              // Digits beyond int64 are simply above the maximum, which is clamped.
              {.name = "pageSize",
               .phase = Phase::kAfterSignature,
               .read =
                   [](GroupCall& c, std::string_view v) {
                     c.page_size = saturating_digits(v);
                     return c.page_size.has_value();
                   },
               .malformed = kParamValidateAnswer,
               .valid = [](const GroupCall& c) { return *c.page_size >= 1; },
               .invalid = kParamValidateAnswer,
               .format = "digits, >= 1 (above the maximum: the maximum)",
               .fallback_note = "the setting polyv.default_page_size"},
          },
      .freshness = endpoint::Freshness<GroupCall>{
          .phase = Phase::kBeforeSignature,
          .parameter = "timestamp",
          .timestamp = &GroupCall::timestamp,
          .past_ms = time_window_ms,
          .future_ms = time_window_ms,
          .too_old = kBadTimestamp,
          .in_future = kBadTimestamp},
      .find_credential = find_group,
      .signature = {
          .verify =
              [](const core::ParamMap& params, const GroupCall& call, const Group& group) {
                return !call.sign.empty() &&
                       vendors::polyv::polyv_live_verify(params, group.app_secret, call.sign,
                                               vendors::polyv::PolyvDigest::kMd5);
              },
          .explain =
              [](http::Response& response, const core::ParamMap& params, const GroupCall&,
                 const Group& group) {
                endpoint::add_signature_hint(
                    response, vendors::polyv::polyv_live_sign(params, group.app_secret,
                                                              vendors::polyv::PolyvDigest::kMd5,
                                                              polyv_nearest_form(params)));
              },
          .mismatch = kBadSign,
          .parameter = "sign",
          .signed_set = "every parameter but sign; blank values dropped or signed as the bare "
                        "key, signatureMethod signed or not (forms A-D)",
          .rule = "MD5 of appSecret + sorted k+v of the parameters but sign + appSecret, "
                  "uppercase hex; blank values dropped or signed as the bare key, "
                  "signatureMethod signed or not (forms A-D)"},
      .page_key = page_key,
      .serve = serve,
      .credential_refusals = {endpoint::refuse(Verdict::kUnknownCredential, kAccountNotFound),
                              endpoint::refuse(Verdict::kCredentialRefused, kAccountForbidden)},
      // null where a row may hold no figure (the schema then leaves the type open).
      .data_example =
          R"({"pageNumber":1,"totalPages":1,"pageSize":20,"contents":[{"email":)"
          R"("testdata@polyv.com","date":"2019-11-18 18:21:38","origin":"ADD_CONCURRENCES",)"
          R"("originText":"添加并发数","space":null,"flow":null,"channels":null,)"
          R"("concurrences":null,"duration":null}],"totalItems":1})",
      .render_success = render_success,
      .render_page = render_page,
  });
  return endpoint::route(kEndpoint);
}

}  // namespace mediagate::vendors::polyv
