#include "vendors/iqiyi/vip_info.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include "core/json_writer.hpp"
#include "vendors/iqiyi/iqiyi_coupon_request.hpp"
#include "vendors/iqiyi/iqiyi_coupons.hpp"

namespace mediagate::vendors::iqiyi {
namespace {

using coupon_request::Key;

constexpr std::array<std::string_view, 4> kUserTypes{"ott", "mobile", "email", "cookie"};
constexpr std::array<std::string_view, 9> kVipTypes{
    "gold", "pt", "diamond", "tv_basic", "tv_pri_vip", "tv", "tv_diamond", "vod", "coupon"};
// vip/info names no area: its users are the coupon APIs' mainland (CN) ones.
constexpr std::string_view kInfoArea = "CN";
// The date in `deadline.date` is China Standard Time (IQ-info's example), UTC+8.
constexpr std::int64_t kChinaOffsetMs = 8LL * 3600 * 1000;

struct InfoCall {
  static constexpr std::string_view kPartnerParam = "partner";
  std::string_view partner_code;  // `partner`
  std::string_view user_id;
  std::string_view user_type;
  std::string_view vip_type;
  std::string_view sign;
  std::optional<std::int64_t> content_id;
};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& values, std::string_view value) {
  return !value.empty() && std::find(values.begin(), values.end(), value) != values.end();
}

bool read_content_id(InfoCall& call, std::string_view text) {
  const auto value = coupon_request::parse_content_id(text);
  if (value) call.content_id = *value;
  return value.has_value();
}

// "yyyy年MM月dd日" of `ms` in UTC+8.
std::string china_date(std::int64_t ms) {
  using namespace std::chrono;
  const auto day = floor<days>(sys_time<milliseconds>(milliseconds(ms + kChinaOffsetMs)));
  const year_month_day ymd(day);
  char text[48];
  std::snprintf(text, sizeof text, "%04d年%02u月%02u日", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

endpoint::Outcome<std::string> serve(endpoint::Context& context, const InfoCall& call, const Key&,
                                     const endpoint::Reply&) {
  auto holdings =
      coupon_request::find_holdings(context, call.partner_code, call.user_id, kInfoArea);
  if (!holdings) return core::unexpected(std::move(holdings.error()));
  core::JsonWriter w;
  if (call.vip_type == "coupon") {
    write_coupon_list(w, *holdings, call.user_id,
                      context.config.modules.get<IqiyiSettings>().coupon_list_max);
    return std::move(w).str();
  }
  w.begin_object();
  if (call.vip_type == "vod") {
    // The right open now (for content_id when given) that lasts longest.
    const auto now = context.clock.now_ms();
    std::optional<std::int64_t> deadline;
    for (const auto& use : holdings->uses) {
      if (use.vod_deadline <= now) continue;
      if (call.content_id && use.content_id != *call.content_id) continue;
      if (!deadline || use.vod_deadline > *deadline) deadline = use.vod_deadline;
    }
    if (deadline) {
      w.key("deadline").begin_object().field("t", *deadline).field("date", china_date(*deadline));
      w.end_object();
    }
  }
  w.end_object();
  return std::move(w).str();
}

}  // namespace

endpoint::Route vip_info() {
  using P = endpoint::Parameter<InfoCall>;
  static const endpoint::Endpoint<InfoCall, Key> kEndpoint = [] {
    // No messageId, hence no replay check: the same signed request may be repeated.
    auto declared = coupon_request::coupon_endpoint<InfoCall>(
        "iqiyi-vip-info", kVipInfoPath,
        "An iQiyi VIP user's rights: VOD coupons (vip_type=coupon) and the rights they "
        "opened (vip_type=vod)");
    declared.parameters = {
        P{.name = "partner",
          .required = true,
          .missing = kParamErrorAnswer,
          .read = endpoint::read_text<&InfoCall::partner_code>},
        P{.name = "user_id",
          .required = true,
          .missing = kParamErrorAnswer,
          .read = endpoint::read_text<&InfoCall::user_id>},
        P{.name = "user_type",
          .required = true,
          .missing = kParamErrorAnswer,
          .read = endpoint::read_text<&InfoCall::user_type>,
          .valid = [](const InfoCall& c) { return one_of(kUserTypes, c.user_type); },
          .invalid = kParamErrorAnswer,
          .format = "ott | mobile | email | cookie"},
        P{.name = "vip_type",
          .required = true,
          .missing = kParamErrorAnswer,
          .read = endpoint::read_text<&InfoCall::vip_type>,
          .valid = [](const InfoCall& c) { return one_of(kVipTypes, c.vip_type); },
          .invalid = kParamErrorAnswer,
          .format = "gold | pt | diamond | tv_basic | tv_pri_vip | tv | tv_diamond | vod | "
                    "coupon"},
        P{.name = "sign",
          .required = true,
          .missing = kParamErrorAnswer,
          .read = endpoint::read_text<&InfoCall::sign>,
          .format = "32 lowercase hex digits"},
        P{.name = "content_id",
          .read = read_content_id,
          .malformed = kParamErrorAnswer,
          .format = "decimal iQiyi content id"},
        P{.name = "callback", .format = "JavaScript identifier path"},
    };
    declared.serve = serve;
    declared.data_example = R"([{"contentId":1214805100,"deadline":1700172800000,"id":1,)"
                            R"("updateTime":1700000000000,"useStatus":1,"useTime":1700000000000,)"
                            R"("userId":"test_user_001","vodDeadline":1700172800000}])";
    declared.render_success = render_flat_success;
    return declared;
  }();
  return endpoint::route(kEndpoint);
}

}  // namespace mediagate::vendors::iqiyi
