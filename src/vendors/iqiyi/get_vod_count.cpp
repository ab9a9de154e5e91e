#include "vendors/iqiyi/get_vod_count.hpp"

#include <string>

#include "core/json_writer.hpp"
#include "vendors/iqiyi/iqiyi_coupon_request.hpp"
#include "vendors/iqiyi/iqiyi_envelope.hpp"
#include "vendors/iqiyi/iqiyi_repository.hpp"

namespace mediagate::vendors::iqiyi {
namespace {

using coupon_request::Key;
using VodCountCall = coupon_request::CouponCall;

endpoint::Outcome<std::string> serve(endpoint::Context& context, const VodCountCall& call,
                                     const Key&, const endpoint::Reply&) {
  if (!call.user_id) return core::unexpected(coupon_request::unknown_user());
  auto user =
      iqiyi_repository(context.store).find_user(call.partner_code, *call.user_id, call.area);
  if (!user) {
    return core::unexpected(coupon_request::store_failure(std::move(user.error().message)));
  }
  if (!*user) return core::unexpected(coupon_request::unknown_user());
  core::JsonWriter w;
  w.begin_object().field("sendGiftSize", (*user)->vod_coupons).end_object();
  return std::move(w).str();
}

}  // namespace

endpoint::Route get_vod_count() {
  static const endpoint::Endpoint<VodCountCall, Key> kEndpoint = [] {
    auto declared = coupon_request::vod_count_endpoint<VodCountCall>(
        "iqiyi-vod-count", kGetVodCountPath, "How many VOD coupons an iQiyi VIP user has");
    declared.serve = serve;
    declared.data_example = R"({"sendGiftSize":3})";
    declared.render_success = render_success;
    return declared;
  }();
  return endpoint::route(kEndpoint);
}

}  // namespace mediagate::vendors::iqiyi
