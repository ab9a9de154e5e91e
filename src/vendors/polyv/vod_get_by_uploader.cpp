#include "vendors/polyv/vod_get_by_uploader.hpp"

#include <limits>

#include "auth/constant_time.hpp"
#include "auth/polyv_vod_signer.hpp"
#include "auth/time_window.hpp"
#include "core/json_writer.hpp"
#include "core/numbers.hpp"
#include "domain/vod_catalogue.hpp"
#include "vendors/page_cache.hpp"
#include "vendors/polyv/polyv_envelope.hpp"
#include "vendors/polyv/polyv_params.hpp"
#include "vendors/signature_hint.hpp"

namespace mediagate::vendors::polyv {
namespace {

constexpr std::string_view kVendor = "polyv-vod";
constexpr std::int64_t kMaxInt = std::numeric_limits<std::int64_t>::max();

// The seed's error texts, in the order decisions.md checks them.
constexpr std::string_view kSignEmpty = "sign can not be empty.";
constexpr std::string_view kPtimeTooOld = "ptime is too old.";
constexpr std::string_view kPtimeIllegal = "ptime is illegal.";
constexpr std::string_view kUnknownUser = "Could not find user by userid.";
constexpr std::string_view kBadSign = "the sign is not right.";
constexpr std::string_view kUnknownCata = "cata is not exist.";
constexpr std::string_view kUnknownChild = "child user not exist.";
constexpr std::string_view kQueryFailed = "query failed.";

std::string render_page(const store::Page<store::Video>& page, std::int64_t page_number,
                        std::int64_t page_size) {
  core::JsonWriter w;
  w.begin_object()
      .field("pageSize", page_size)
      .field("pageNumber", page_number)
      .field("totalItems", page.total)
      .key("contents")
      .begin_array();
  for (const auto& video : page.items) {
    w.begin_object()
        .field("vid", video.vid)
        .field("cataid", video.cataid)
        .field("title", video.title)
        .field("context", video.context)
        .field("times", video.times)
        .field("firstImage", video.first_image)
        .field("tag", video.tag)
        .field("aacLink", video.aac_link)
        .field("status", video.status)
        .field("uploaderEmail", video.uploader_email)
        .field("ptime", video.ptime)
        .end_object();
  }
  w.end_array().end_object();
  return std::move(w).str();
}

}  // namespace

http::Response VodGetByUploader::handle(http::Request& request) const {
  const core::EpochMs now = context_.clock.now_ms();
  // Before any of this request's data is read (vendors/page_cache.hpp).
  const auto generation =
      context_.pages != nullptr ? context_.store.data_generation() : std::nullopt;
  const std::string& userid = request.path_params["userid"];
  auto tagged = [&](http::Response response) {
    response.log_vendor = std::string(kVendor);
    response.log_partner = userid;
    return response;
  };

  // Every request counts against the per-IP limit, malformed ones included.
  if (context_.polyv_rate_limiter != nullptr) {
    const auto decision = context_.polyv_rate_limiter->hit(request.remote_address, now);
    if (decision.unavailable) {  // an outage (shared_state.rate_limit_on_failure=refuse)
      context_.log.error("rate limiter unavailable", {{"endpoint", kVendor}});
      return tagged(error_response(500, kQueryFailed));
    }
    if (!decision.allowed) return tagged(error_response(400, kQpsExceeded));
  }

  auto parsed = core::parse_params(request.query);
  if (!parsed) return tagged(error_response(400, kParamValidateError));
  const core::ParamMap& params = *parsed;
  const JsonpParam jsonp = jsonp_param(params);
  if (!jsonp.valid) return tagged(error_response(400, kParamValidateError));
  auto fail = [&](unsigned code, std::string_view message) {
    return tagged(error_response(code, message, jsonp.callback));
  };

  const auto sign = core::non_empty_param(params, "sign");
  if (!sign) return fail(400, kSignEmpty);

  const auto ptime_text = core::non_empty_param(params, "ptime");
  const auto ptime = ptime_text ? core::parse_digits(*ptime_text) : std::nullopt;
  if (!ptime) return fail(400, kPtimeIllegal);
  switch (auth::check_window(*ptime, now, context_.config.polyv.time_window_ms)) {
    case auth::WindowCheck::kTooOld:
      return fail(400, kPtimeTooOld);
    case auth::WindowCheck::kInFuture:
      return fail(400, kPtimeIllegal);
    case auth::WindowCheck::kInside:
      break;
  }

  auto account = context_.store.find_polyv_account_by_user_id(userid);
  if (!account) {
    context_.log.error("store failure",
                       {{"endpoint", kVendor}, {"detail", account.error().message}});
    return fail(500, kQueryFailed);
  }
  if (!*account) return fail(400, kUnknownUser);

  const auto expected = auth::polyv_vod_sign(params, (*account)->secret_key);
  if (!auth::constant_time_equals(expected.signature, *sign)) {
    auto refused = fail(400, kBadSign);
    if (signature_hints_enabled(context_)) add_signature_hint(refused, expected);
    return refused;
  }

  const auto& polyv = context_.config.polyv;
  const auto order = optional_int(params, "orderType", 1, 1, 4);
  const auto cataid_text = core::non_empty_param(params, "cataid");
  const auto cataid = cataid_text ? core::parse_int64(*cataid_text) : std::nullopt;
  const auto contain_sub = optional_int(params, "containSubCata", 0, 0, 1);
  const auto published = optional_int(params, "published", 0, 0, 1);
  const auto page = optional_int(params, "page", 1, 1, kMaxInt);
  const auto page_size =
      optional_int(params, "pageSize", polyv.default_page_size, 1, polyv.max_page_size, true);
  if (!order || (cataid_text && !cataid) || !contain_sub || !published || !page || !page_size) {
    return fail(400, kParamValidateError);
  }

  domain::UploaderListing listing;
  if (const auto email = core::non_empty_param(params, "email"))
    listing.email = std::string(*email);
  listing.cataid = cataid;
  listing.contain_sub_cata = *contain_sub == 1;
  listing.published_only = *published == 1;
  listing.order = static_cast<store::VideoOrder>(*order);
  listing.page = *page;
  listing.page_size = *page_size;

  PageTicket ticket{generation, core::CacheKey(kVendor)
                                    .add(userid)
                                    .add_optional(listing.email)
                                    .add_optional(listing.cataid)
                                    .add(listing.contain_sub_cata ? 1 : 0)
                                    .add(listing.published_only ? 1 : 0)
                                    .add(static_cast<std::int64_t>(listing.order))
                                    .add(listing.page)
                                    .add(listing.page_size)
                                    .str()};
  if (const auto kept = find_page(context_.pages, ticket)) {
    return tagged(success_response(*kept, "success", jsonp.callback));
  }

  auto videos = domain::list_videos_by_uploader(context_.store, **account, listing);
  if (!videos) {
    switch (videos.error().kind) {
      case domain::CatalogueError::kCategoryNotFound:
        return fail(400, kUnknownCata);
      case domain::CatalogueError::kSubAccountNotFound:
        return fail(400, kUnknownChild);
      case domain::CatalogueError::kStoreFailure:
        context_.log.error("store failure",
                           {{"endpoint", kVendor}, {"detail", videos.error().detail}});
        return fail(500, kQueryFailed);
    }
  }
  const std::string data = render_page(*videos, listing.page, listing.page_size);
  keep_page(context_.pages, std::move(ticket), data);
  return tagged(success_response(data, "success", jsonp.callback));
}

}  // namespace mediagate::vendors::polyv
