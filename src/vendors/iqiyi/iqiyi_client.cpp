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

IqiyiClient::IqiyiClient(ClientOptions options, IqiyiCredentials credentials)
    : client_(vendors::iqiyi::iqiyi_descriptor(), std::move(options),
              std::move(credentials.md5_key)),
      partner_code_(std::move(credentials.partner_code)) {}

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
