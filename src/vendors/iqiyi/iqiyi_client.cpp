#include "vendors/iqiyi/iqiyi_client.hpp"

#include "client/json_fields.hpp"
#include "vendors/iqiyi/iqiyi_descriptor.hpp"

namespace mediagate::client {

core::Expected<VodCount, ClientError> decode_vod_count(const ClientResponse& response,
                                                       std::string message_id) {
  auto envelope = detail::decode_answer(vendors::iqiyi::iqiyi_descriptor(), response);
  if (!envelope) return core::unexpected(std::move(envelope).error());
  detail::JsonFields top(*envelope, "");
  VodCount count;
  count.message_id = std::move(message_id);
  if (const auto* result = top.object("result")) {
    detail::JsonFields result_fields(*result, "result");
    if (const auto* data = result_fields.object("data")) {
      detail::JsonFields data_fields(*data, "result.data");
      count.send_gift_size = data_fields.integer("sendGiftSize");
      result_fields.fail(data_fields.error());
    }
    top.fail(result_fields.error());
  }
  if (!top.ok()) return core::unexpected(detail::malformed(response, top.error()));
  return count;
}

namespace {

VodCoupon coupon_of(detail::JsonFields& fields) {
  VodCoupon coupon;
  coupon.content_id = fields.nullable_integer("contentId");
  coupon.deadline = fields.nullable_integer("deadline");
  coupon.id = fields.nullable_integer("id");
  coupon.update_time = fields.nullable_integer("updateTime");
  coupon.use_status = fields.integer("useStatus");
  coupon.use_time = fields.nullable_integer("useTime");
  coupon.user_id = fields.text("userId");
  coupon.vod_deadline = fields.nullable_integer("vodDeadline");
  return coupon;
}

// The coupon records of `array` (named `path` in errors) into `out`; problems go to `parent`.
void coupons_of(const boost::json::array& array, const std::string& path,
                detail::JsonFields& parent, std::vector<VodCoupon>& out) {
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    if (!array[i].is_object()) {
      parent.fail(item_path + ": not an object");
      return;
    }
    detail::JsonFields item(array[i].get_object(), item_path);
    out.push_back(coupon_of(item));
    parent.fail(item.error());
  }
}

std::string sent_message_id(const Exchange& exchange) {
  for (const auto& [name, value] : exchange.request.fields) {
    if (name == "messageId") return value;
  }
  return {};
}

}  // namespace

IqiyiClient::IqiyiClient(ClientOptions options, IqiyiCredentials credentials)
    : client_(vendors::iqiyi::iqiyi_descriptor(), options, credentials.md5_key),
      use_client_(vendors::iqiyi::iqiyi_use_vod_coupon_descriptor(), options, credentials.md5_key),
      query_client_(vendors::iqiyi::iqiyi_query_vod_coupon_descriptor(), options,
                    credentials.md5_key),
      info_client_(vendors::iqiyi::iqiyi_vip_info_descriptor(), std::move(options),
                   std::move(credentials.md5_key)),
      partner_code_(std::move(credentials.partner_code)) {}

core::Expected<VodCouponUse, ClientError> IqiyiClient::use_vod_coupon(
    const VodCouponUseRequest& request) {
  RequestSpec spec;
  spec.method = request.use_post ? "POST" : "GET";
  spec.params["partnerCode"] = partner_code_;
  spec.params["user_id"] = request.user_id;
  spec.params["area"] = request.area;
  spec.params["contentId"] = std::to_string(request.content_id);
  if (request.message_id) spec.params["messageId"] = *request.message_id;
  auto exchange = use_client_.exchange(std::move(spec));
  if (!exchange) return core::unexpected(std::move(exchange).error());
  auto envelope =
      detail::decode_answer(vendors::iqiyi::iqiyi_use_vod_coupon_descriptor(), exchange->response);
  if (!envelope) return core::unexpected(std::move(envelope).error());
  detail::JsonFields top(*envelope, "");
  VodCouponUse use;
  use.message_id = sent_message_id(*exchange);
  if (const auto* result = top.object("result")) {
    detail::JsonFields result_fields(*result, "result");
    if (const auto* data = result_fields.object("data")) {
      detail::JsonFields data_fields(*data, "result.data");
      use.has_used_vod_coupon = data_fields.boolean("hasUsedVodCoupon");
      if (const auto* coupon = data_fields.object("vodCoupon")) {
        detail::JsonFields coupon_fields(*coupon, "result.data.vodCoupon");
        use.vod_coupon = coupon_of(coupon_fields);
        data_fields.fail(coupon_fields.error());
      }
      result_fields.fail(data_fields.error());
    }
    top.fail(result_fields.error());
  }
  if (!top.ok()) return core::unexpected(detail::malformed(exchange->response, top.error()));
  return use;
}

core::Expected<VodCoupons, ClientError> IqiyiClient::query_vod_coupon(const VodCountQuery& query) {
  RequestSpec spec;
  spec.method = query.use_post ? "POST" : "GET";
  spec.params["partnerCode"] = partner_code_;
  spec.params["user_id"] = query.user_id;
  spec.params["area"] = query.area;
  if (query.message_id) spec.params["messageId"] = *query.message_id;
  auto exchange = query_client_.exchange(std::move(spec));
  if (!exchange) return core::unexpected(std::move(exchange).error());
  auto envelope = detail::decode_answer(vendors::iqiyi::iqiyi_query_vod_coupon_descriptor(),
                                        exchange->response);
  if (!envelope) return core::unexpected(std::move(envelope).error());
  detail::JsonFields top(*envelope, "");
  VodCoupons coupons;
  coupons.message_id = sent_message_id(*exchange);
  if (const auto* result = top.object("result")) {
    detail::JsonFields result_fields(*result, "result");
    if (const auto* data = result_fields.object("data")) {
      detail::JsonFields data_fields(*data, "result.data");
      if (const auto* list = data_fields.array("vodCoupons")) {
        coupons_of(*list, "result.data.vodCoupons", data_fields, coupons.coupons);
      }
      result_fields.fail(data_fields.error());
    }
    top.fail(result_fields.error());
  }
  if (!top.ok()) return core::unexpected(detail::malformed(exchange->response, top.error()));
  return coupons;
}

core::Expected<VodCoupons, ClientError> IqiyiClient::vip_info_coupons(const std::string& user_id) {
  RequestSpec spec;
  spec.params["partner"] = partner_code_;
  spec.params["user_id"] = user_id;
  spec.params["user_type"] = "ott";
  spec.params["vip_type"] = "coupon";
  auto exchange = info_client_.exchange(std::move(spec));
  if (!exchange) return core::unexpected(std::move(exchange).error());
  auto envelope =
      detail::decode_answer(vendors::iqiyi::iqiyi_vip_info_descriptor(), exchange->response);
  if (!envelope) return core::unexpected(std::move(envelope).error());
  detail::JsonFields top(*envelope, "");
  VodCoupons coupons;
  if (const auto* list = top.array("data")) coupons_of(*list, "data", top, coupons.coupons);
  if (!top.ok()) return core::unexpected(detail::malformed(exchange->response, top.error()));
  return coupons;
}

core::Expected<VodCount, ClientError> IqiyiClient::get_vod_count(const VodCountQuery& query) {
  RequestSpec spec;
  spec.method = query.use_post ? "POST" : "GET";
  auto& params = spec.params;
  params["partnerCode"] = partner_code_;
  params["user_id"] = query.user_id;
  params["area"] = query.area;
  if (query.message_id) params["messageId"] = *query.message_id;
  auto exchange = client_.exchange(std::move(spec));
  if (!exchange) return core::unexpected(std::move(exchange).error());
  std::string message_id;
  for (const auto& [name, value] : exchange->request.fields) {
    if (name == "messageId") message_id = value;
  }
  return decode_vod_count(exchange->response, std::move(message_id));
}

}  // namespace mediagate::client
