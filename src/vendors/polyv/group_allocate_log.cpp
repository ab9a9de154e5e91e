#include "vendors/polyv/group_allocate_log.hpp"

#include <algorithm>

#include "auth/polyv_live_signer.hpp"
#include "auth/time_window.hpp"
#include "core/civil_time.hpp"
#include "core/json_writer.hpp"
#include "core/numbers.hpp"
#include "domain/group_allocations.hpp"
#include "vendors/page_cache.hpp"
#include "vendors/polyv/polyv_envelope.hpp"
#include "vendors/polyv/polyv_paging.hpp"
#include "vendors/polyv/polyv_params.hpp"
#include "vendors/signature_hint.hpp"

namespace mediagate::vendors::polyv {
namespace {

constexpr std::string_view kVendor = "polyv-group";

// Seed 004 and decisions.md "Polyv", group, in the order they are checked.
constexpr std::string_view kAppIdRequired = "appId is required.";
constexpr std::string_view kAccountNotFound = "account not found.";
constexpr std::string_view kAccountForbidden = "account is forbidden.";
constexpr std::string_view kBadTimestamp = "invalid timestamp.";
constexpr std::string_view kBadSign = "invalid signature.";
constexpr std::string_view kEmailsRequired = "emails is required.";
constexpr std::string_view kQueryFailed = "query failed.";

std::string render_page(const store::Page<store::Allocation>& page, std::int64_t page_number,
                        std::int64_t page_size, int offset_minutes) {
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

// page/pageSize: digits, at least 1. Digits beyond int64 are out of range for `page`; for
// `pageSize` they are simply above the maximum, which the caller clamps.
std::optional<std::int64_t> page_param(const core::ParamMap& params, std::string_view name,
                                       std::int64_t fallback, bool saturate) {
  const auto text = core::non_empty_param(params, name);
  if (!text) return fallback;
  const auto value = saturate ? saturating_digits(*text) : core::parse_digits(*text);
  if (!value || *value < 1) return std::nullopt;
  return value;
}

}  // namespace

http::Response GroupAllocateLog::handle(http::Request& request) const {
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
  auto fail = [&](unsigned code, std::string_view message) {
    return tagged(error_response(code, message));
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

  // A query that cannot be decoded has no parameters to check: the generic parameter error.
  auto parsed = core::parse_params(request.query);
  if (!parsed) return fail(400, kParamValidateError);
  const core::ParamMap& params = *parsed;

  const auto app_id = core::non_empty_param(params, "appId");
  if (!app_id) return fail(400, kAppIdRequired);
  partner = std::string(*app_id);

  auto group = domain::find_active_group(context_.store, *app_id);
  if (!group) {
    switch (group.error().kind) {
      case domain::GroupLookupError::kNotFound:
        return fail(400, kAccountNotFound);
      case domain::GroupLookupError::kForbidden:
        return fail(400, kAccountForbidden);
      case domain::GroupLookupError::kStoreFailure:
        context_.log.error("store failure",
                           {{"endpoint", kVendor}, {"detail", group.error().detail}});
        return fail(500, kQueryFailed);
    }
  }

  const auto timestamp_text = core::non_empty_param(params, "timestamp");
  const auto timestamp = timestamp_text ? saturating_digits(*timestamp_text) : std::nullopt;
  if (!timestamp ||
      auth::check_window(*timestamp, now, polyv.time_window_ms) != auth::WindowCheck::kInside) {
    return fail(400, kBadTimestamp);
  }

  // The group's documented sign is a 32-character MD5: signatureMethod is not a switch here,
  // only an ordinary (signed) parameter.
  const auto sign = core::non_empty_param(params, "sign");
  if (!sign ||
      !auth::polyv_live_verify(params, group->app_secret, *sign, auth::PolyvDigest::kMd5)) {
    auto refused = fail(403, kBadSign);
    if (signature_hints_enabled(context_)) {
      add_signature_hint(refused,
                         auth::polyv_live_sign(params, group->app_secret, auth::PolyvDigest::kMd5));
    }
    return refused;
  }

  const auto emails = core::non_empty_param(params, "emails");
  if (!emails) return fail(400, kEmailsRequired);

  domain::AllocationListing listing;
  listing.emails = domain::split_emails(*emails);
  const auto type = core::non_empty_param(params, "type");
  if (type && *type != "all" && *type != "live" && *type != "vod") {
    return fail(400, kParamValidateError);
  }
  if (type && *type != "all") listing.type = std::string(*type);
  for (const auto& [name, bound] :
       {std::pair{"startTime", &listing.from}, std::pair{"endTime", &listing.to}}) {
    if (const auto text = core::non_empty_param(params, name)) {
      *bound = core::parse_wall_time(*text, offset_minutes);
      if (!*bound) return fail(400, kParamValidateError);
    }
  }
  const auto page = page_param(params, "page", 1, false);
  const auto page_size = page_param(params, "pageSize", polyv.default_page_size, true);
  if (!page || !page_size) return fail(400, kParamValidateError);
  listing.page = *page;
  listing.page_size = std::min(*page_size, polyv.max_page_size);

  core::CacheKey key(kVendor);
  key.add(partner).add(static_cast<std::int64_t>(listing.emails.size()));
  for (const auto& email : listing.emails) key.add(email);
  key.add_optional(listing.type).add_optional(listing.from).add_optional(listing.to);
  key.add(listing.page).add(listing.page_size);
  PageTicket ticket{generation, std::move(key).str()};
  if (const auto kept = find_page(context_.pages, ticket))
    return tagged(success_response(*kept, "success"));

  auto allocations = domain::list_group_allocations(context_.store, *group, listing);
  if (!allocations) {
    context_.log.error("store failure", {{"endpoint", kVendor}, {"detail", allocations.error()}});
    return fail(500, kQueryFailed);
  }
  const std::string data =
      render_page(*allocations, listing.page, listing.page_size, offset_minutes);
  keep_page(context_.pages, std::move(ticket), data);
  return tagged(success_response(data, "success"));
}

}  // namespace mediagate::vendors::polyv
