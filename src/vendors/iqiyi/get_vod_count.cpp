#include "vendors/iqiyi/get_vod_count.hpp"

#include <string>

#include "core/json_writer.hpp"
#include "vendors/iqiyi/iqiyi_coupon_request.hpp"
#include "vendors/iqiyi/iqiyi_envelope.hpp"
#include "vendors/iqiyi/iqiyi_repository.hpp"

namespace mediagate::vendors::iqiyi {
namespace {

using coupon_request::Key;
using endpoint::Refusal;
using endpoint::Verdict;
using VodCountCall = coupon_request::CouponCall;

endpoint::Outcome<std::string> serve(endpoint::Context& context, const VodCountCall& call,
                                     const Key&, const endpoint::Reply&) {
  // A Xiaomi-box request (no user_id) names no user this store can resolve.
  if (!call.user_id) {
    return core::unexpected(endpoint::refuse(Verdict::kRejected, kAccountErrorAnswer, "user_id"));
  }
  auto user =
      iqiyi_repository(context.store).find_user(call.partner_code, *call.user_id, call.area);
  if (!user) {
    Refusal refusal = endpoint::refuse(Verdict::kStoreUnavailable, kSystemErrorAnswer);
    refusal.internal = std::move(user.error().message);
    return core::unexpected(std::move(refusal));
  }
  if (!*user) {
    return core::unexpected(endpoint::refuse(Verdict::kRejected, kAccountErrorAnswer, "user_id"));
  }
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
