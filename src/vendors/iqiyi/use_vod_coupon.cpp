#include "vendors/iqiyi/use_vod_coupon.hpp"

#include <string>

#include "core/json_writer.hpp"
#include "vendors/iqiyi/iqiyi_coupon_request.hpp"
#include "vendors/iqiyi/iqiyi_coupons.hpp"

namespace mediagate::vendors::iqiyi {
namespace {

using coupon_request::Key;

// getVodCount's call plus the content the coupon is spent on.
struct UseCall : coupon_request::CouponCall {
  std::int64_t content_id = 0;
};

bool read_content_id(UseCall& call, std::string_view text) {
  const auto value = coupon_request::parse_content_id(text);
  if (value) call.content_id = *value;
  return value.has_value();
}

endpoint::Outcome<std::string> serve(endpoint::Context& context, const UseCall& call, const Key&,
                                     const endpoint::Reply&) {
  if (!call.user_id) return core::unexpected(coupon_request::unknown_user());
  const auto& settings = context.config.modules.get<IqiyiSettings>();
  auto outcome = use_vod_coupon(context.store, CouponUseRequest{
                                                   .partner_code = call.partner_code,
                                                   .user_id = *call.user_id,
                                                   .area = call.area,
                                                   .content_id = call.content_id,
                                                   .now = context.clock.now_ms(),
                                                   .right_ms = settings.vod_right_ms,
                                               });
  if (!outcome) {
    return core::unexpected(coupon_request::store_failure(std::move(outcome.error().message)));
  }
  core::JsonWriter w;
  switch (outcome->result) {
    case CouponUseResult::kNoUser:
      return core::unexpected(coupon_request::unknown_user());
    case CouponUseResult::kNoCoupon:
      w.begin_object().field("code", kNoCouponLeft.code).field("message", kNoCouponLeft.msg);
      w.key("data").null();
      w.end_object();
      return std::move(w).str();
    case CouponUseResult::kConsumed:
    case CouponUseResult::kHeld:
      break;
  }
  w.begin_object()
      .field("code", kCouponUsed.code)
      .field("message", kCouponUsed.msg)
      .key("data")
      .begin_object()
      .field("hasUsedVodCoupon", outcome->result == CouponUseResult::kHeld)
      .key("vodCoupon");
  write_used_coupon(w, outcome->use);
  w.end_object().end_object();
  return std::move(w).str();
}

}  // namespace

endpoint::Route use_vod_coupon() {
  static const endpoint::Endpoint<UseCall, Key> kEndpoint = [] {
    // The messageId is spent whatever the outcome: a retry needs a new one and, within the
    // right, spends nothing (hasUsedVodCoupon true).
    auto declared = coupon_request::vod_count_endpoint<UseCall>(
        "iqiyi-use-vod-coupon", kUseVodCouponPath,
        "Spend one of an iQiyi VIP user's VOD coupons on a content (a 48-hour right)");
    declared.parameters.push_back(
        endpoint::Parameter<UseCall>{.name = "contentId",
                                     .required = true,
                                     .missing = kParamErrorAnswer,
                                     .read = read_content_id,
                                     .malformed = kParamErrorAnswer,
                                     .format = "decimal iQiyi content id"});
    declared.serve = serve;
    declared.data_example =
        R"({"code":"A00001","message":"成功","data":{"hasUsedVodCoupon":false,)"
        R"("vodCoupon":{"contentId":1214805100,"deadline":1700172800000,"id":1,)"
        R"("updateTime":1700000000000,"useStatus":1,"useTime":1700000000000,)"
        R"("userId":"test_user_001","vodDeadline":1700172800000}}})";
    declared.render_success = render_result;
    return declared;
  }();
  return endpoint::route(kEndpoint);
}

}  // namespace mediagate::vendors::iqiyi
