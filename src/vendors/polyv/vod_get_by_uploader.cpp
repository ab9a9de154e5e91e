#include "vendors/polyv/vod_get_by_uploader.hpp"

#include <algorithm>
#include <limits>

#include "auth/constant_time.hpp"
#include "core/generation_cache.hpp"
#include "core/json_writer.hpp"
#include "core/numbers.hpp"
#include "vendors/polyv/polyv_endpoint.hpp"
#include "vendors/polyv/polyv_params.hpp"
#include "vendors/polyv/polyv_repository.hpp"
#include "vendors/polyv/polyv_vod_signer.hpp"
#include "vendors/polyv/vod_catalogue.hpp"

namespace mediagate::vendors::polyv {
namespace {

using endpoint::Answer;
using endpoint::Phase;
using endpoint::Verdict;

// The seed's error texts, in the order decisions.md checks them.
constexpr Answer kSignEmpty{400, "400", "sign can not be empty."};
constexpr Answer kPtimeTooOld{400, "400", "ptime is too old."};
constexpr Answer kPtimeIllegal{400, "400", "ptime is illegal."};
constexpr Answer kUnknownUser{400, "400", "Could not find user by userid."};
constexpr Answer kBadSign{400, "400", "the sign is not right."};
constexpr Answer kUnknownCata{400, "400", "cata is not exist."};
constexpr Answer kUnknownChild{400, "400", "child user not exist."};

// The request, as its parameters are read.
struct VodCall {
  std::string_view userid;
  std::string_view sign;
  core::EpochMs ptime = 0;
  std::optional<std::string_view> email;
  std::optional<std::int64_t> cataid;
  std::int64_t order = 1;
  std::int64_t contain_sub = 0;
  std::int64_t published = 0;
  std::int64_t page = 1;
  std::optional<std::int64_t> page_size;  // absent: the configured default
};

using Account = vendors::polyv::PolyvAccountKeys;

// An integer parameter as Polyv VOD reads it (core::parse_int64), into `field`.
template <auto Field>
bool read_int(VodCall& call, std::string_view text) {
  const auto value = core::parse_int64(text);
  if (!value) return false;
  call.*Field = *value;
  return true;
}

std::int64_t page_size_of(const VodCall& call, const core::Config& config) {
  const auto& polyv = config.modules.get<PolyvSettings>();
  return call.page_size ? std::min(*call.page_size, polyv.max_page_size) : polyv.default_page_size;
}

UploaderListing listing_of(const VodCall& call, const core::Config& config) {
  UploaderListing listing;
  if (call.email) listing.email = std::string(*call.email);
  listing.cataid = call.cataid;
  listing.contain_sub_cata = call.contain_sub == 1;
  listing.published_only = call.published == 1;
  listing.order = static_cast<VideoOrder>(call.order);
  listing.page = call.page;
  listing.page_size = page_size_of(call, config);
  return listing;
}

std::string render_page(const store::Page<vendors::polyv::Video>& page, std::int64_t page_number,
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

endpoint::Outcome<Account> find_account(endpoint::Context& context, const VodCall& call) {
  auto account = polyv_repository(context.store).find_account_by_user_id(call.userid);
  if (!account) {
    return core::unexpected(query_failed(std::move(account.error().message)));
  }
  if (!*account)
    return core::unexpected(endpoint::refuse(Verdict::kUnknownCredential, kUnknownUser));
  return std::move(**account);
}

std::optional<std::string> page_key(const VodCall& call, const Account&,
                                    const endpoint::Context& context) {
  const auto listing = listing_of(call, context.config);
  return core::CacheKey("polyv-vod")
      .add(call.userid)
      .add_optional(listing.email)
      .add_optional(listing.cataid)
      .add(listing.contain_sub_cata ? 1 : 0)
      .add(listing.published_only ? 1 : 0)
      .add(static_cast<std::int64_t>(listing.order))
      .add(listing.page)
      .add(listing.page_size)
      .str();
}

endpoint::Outcome<std::string> serve(endpoint::Context& context, const VodCall& call,
                                     const Account& account, const endpoint::Reply&) {
  const auto listing = listing_of(call, context.config);
  auto videos = list_videos_by_uploader(polyv_repository(context.store), account, listing);
  if (!videos) {
    switch (videos.error().kind) {
      case CatalogueError::kCategoryNotFound:
        return core::unexpected(endpoint::refuse(Verdict::kRejected, kUnknownCata, "cataid"));
      case CatalogueError::kSubAccountNotFound:
        return core::unexpected(endpoint::refuse(Verdict::kRejected, kUnknownChild, "email"));
      case CatalogueError::kStoreFailure: {
        return core::unexpected(query_failed(std::move(videos.error().detail)));
      }
    }
  }
  return render_page(*videos, listing.page, listing.page_size);
}

}  // namespace

endpoint::Route vod_get_by_uploader() {
  static const auto kEndpoint = polyv_endpoint<VodCall, Account>({
      .name = "polyv-vod",
      .log_vendor = "polyv-vod",
      .pattern = "/v2/video/{userid}/get-by-uploader",
      .summary = "A Polyv VOD account's videos, by uploader (sub-account) and category",
      .partner = "userid",
      .partner_source = endpoint::Source::kPath,
      .callback_param = "jsonp",
      .bad_callback = kParamValidateAnswer,
      .parameters =
          {
              {.name = "userid",
               .source = endpoint::Source::kPath,
               .required = true,
               .missing = kUnknownUser,
               .read =
                   endpoint::read_text<&VodCall::userid>},
              {.name = "sign",
               .required = true,
               .missing = kSignEmpty,
               .read =
                   endpoint::read_text<&VodCall::sign>,
               .format = "40 uppercase hex digits"},
              {.name = "ptime",
               .required = true,
               .missing = kPtimeIllegal,
               .read =
                   [](VodCall& c, std::string_view v) {
                     const auto value = core::parse_digits(v);
                     if (value) c.ptime = *value;
                     return value.has_value();
                   },
               .malformed = kPtimeIllegal,
               .format = "milliseconds since the epoch"},
              {.name = "orderType",
               .phase = Phase::kAfterSignature,
               .read = read_int<&VodCall::order>,
               .malformed = kParamValidateAnswer,
               .valid = [](const VodCall& c) { return c.order >= 1 && c.order <= 4; },
               .invalid = kParamValidateAnswer,
               .format = "1 | 2 | 3 | 4",
               .fallback = "1"},
              {.name = "cataid",
               .phase = Phase::kAfterSignature,
               .read =
                   [](VodCall& c, std::string_view v) {
                     c.cataid = core::parse_int64(v);
                     return c.cataid.has_value();
                   },
               .malformed = kParamValidateAnswer,
               .format = "integer"},
              {.name = "containSubCata",
               .phase = Phase::kAfterSignature,
               .read = read_int<&VodCall::contain_sub>,
               .malformed = kParamValidateAnswer,
               .valid = [](const VodCall& c) { return c.contain_sub == 0 || c.contain_sub == 1; },
               .invalid = kParamValidateAnswer,
               .format = "0 | 1",
               .fallback = "0"},
              {.name = "published",
               .phase = Phase::kAfterSignature,
               .read = read_int<&VodCall::published>,
               .malformed = kParamValidateAnswer,
               .valid = [](const VodCall& c) { return c.published == 0 || c.published == 1; },
               .invalid = kParamValidateAnswer,
               .format = "0 | 1",
               .fallback = "0"},
              {.name = "page",
               .phase = Phase::kAfterSignature,
               .read = read_int<&VodCall::page>,
               .malformed = kParamValidateAnswer,
               .valid = [](const VodCall& c) { return c.page >= 1; },
               .invalid = kParamValidateAnswer,
               .format = "integer >= 1",
               .fallback = "1"},
              {.name = "pageSize",
           .phase = Phase::kAfterSignature,
           .read =
               [](VodCall& c, std::string_view v) {
                 // Digits only; above the maximum (however many digits) is the maximum: one
                 // rule for VOD, live and group (docs/decisions/vendor-choices.md).
                 c.page_size = saturating_digits(v);
                 return c.page_size.has_value();
               },
           .malformed = kParamValidateAnswer,
               .valid = [](const VodCall& c) { return *c.page_size >= 1; },
               .invalid = kParamValidateAnswer,
               .format = "integer >= 1 (above the maximum: the maximum)",
               .fallback_note = "the setting polyv.default_page_size"},
              {.name = "email",
               .phase = Phase::kAfterSignature,
               .read =
                   endpoint::read_text<&VodCall::email>,
               .format = "a sub-account's email"},
              {.name = "jsonp", .format = "JavaScript identifier path"},
          },
      .freshness = endpoint::Freshness<VodCall>{
          .phase = Phase::kBeforeCredential,
          .parameter = "ptime",
          .timestamp = &VodCall::ptime,
          .past_ms = time_window_ms,
          .future_ms = time_window_ms,
          .too_old = kPtimeTooOld,
          .in_future = kPtimeIllegal},
      .find_credential = find_account,
      .signature = {
          .verify =
              [](const core::ParamMap& params, const VodCall& call, const Account& account) {
                return auth::constant_time_equals(
                    vendors::polyv::polyv_vod_signature(params, account.secret_key), call.sign);
              },
          .explain =
              [](http::Response& response, const core::ParamMap& params, const VodCall&,
                 const Account& account) {
                endpoint::add_signature_hint(response,
                                             vendors::polyv::polyv_vod_sign(params, account.secret_key));
              },
          .mismatch = kBadSign,
          .parameter = "sign",
          .signed_set = "every parameter but sign whose value is not empty",
          .rule = "SHA1 of the parameters but sign, sorted, k=v joined by &, then secretkey; "
                  "uppercase hex"},
      .page_key = page_key,
      .serve = serve,
      .credential_refusals = {endpoint::refuse(Verdict::kUnknownCredential, kUnknownUser)},
      .domain_refusals = {endpoint::refuse(Verdict::kRejected, kUnknownCata, "cataid"),
                          endpoint::refuse(Verdict::kRejected, kUnknownChild, "email")},
      .data_example =
          R"({"pageSize":20,"pageNumber":1,"totalItems":1,"contents":[{"vid":)"
          R"("b0f7041324d864436f410f581444542a_b","cataid":1,"title":"test","context":"",)"
          R"("times":0,"firstImage":"","tag":"","aacLink":null,"status":"61",)"
          R"("uploaderEmail":"test1@zzs.com","ptime":1540780829403}]})",
      .render_success = render_success,
      .render_page = render_page,
  });
  return endpoint::route(kEndpoint);
}

}  // namespace mediagate::vendors::polyv
