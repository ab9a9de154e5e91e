#include "vendors/iqiyi/query_vod_coupon.hpp"

#include <string>

#include "core/json_writer.hpp"
#include "vendors/iqiyi/iqiyi_coupon_request.hpp"
#include "vendors/iqiyi/iqiyi_coupons.hpp"

namespace mediagate::vendors::iqiyi {
namespace {

using coupon_request::CouponCall;
using coupon_request::Key;

endpoint::Outcome<std::string> serve(endpoint::Context& context, const CouponCall& call, const Key&,
                                     const endpoint::Reply&) {
  if (!call.user_id) return core::unexpected(coupon_request::unknown_user());
  auto holdings =
      coupon_request::find_holdings(context, call.partner_code, *call.user_id, call.area);
  if (!holdings) return core::unexpected(std::move(holdings.error()));
  core::JsonWriter w;
  w.begin_object().key("vodCoupons");
  write_coupon_list(w, *holdings, *call.user_id,
                    context.config.modules.get<IqiyiSettings>().coupon_list_max);
  w.end_object();
  return std::move(w).str();
}

}  // namespace

endpoint::Route query_vod_coupon() {
  static const endpoint::Endpoint<CouponCall, Key> kEndpoint = [] {
    auto declared = coupon_request::vod_count_endpoint<CouponCall>(
        "iqiyi-query-vod-coupon", kQueryVodCouponPath,
        "Every VOD coupon of an iQiyi VIP user: used ones with their rights, then unused");
    declared.serve = serve;
    declared.data_example =
        R"({"vodCoupons":[{"contentId":1214805100,"deadline":1700172800000,"id":1,)"
        R"("updateTime":1700000000000,"useStatus":1,"useTime":1700000000000,)"
        R"("userId":"test_user_001","vodDeadline":1700172800000},{"contentId":null,)"
        R"("deadline":null,"id":null,"updateTime":null,"useStatus":0,"useTime":null,)"
        R"("userId":"test_user_001","vodDeadline":null}]})";
    declared.render_success = render_success;
    return declared;
  }();
  return endpoint::route(kEndpoint);
}

}  // namespace mediagate::vendors::iqiyi
