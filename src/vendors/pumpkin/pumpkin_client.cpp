#include "vendors/pumpkin/pumpkin_client.hpp"

#include "client/json_fields.hpp"
#include "vendors/pumpkin/pumpkin_descriptor.hpp"

namespace mediagate::client {

core::Expected<OfflineMediaList, ClientError> decode_offline_media(const ClientResponse& response) {
  auto envelope = detail::decode_answer(vendors::pumpkin::pumpkin_descriptor(), response);
  if (!envelope) return core::unexpected(std::move(envelope).error());
  detail::JsonFields top(*envelope, "");
  OfflineMediaList list;
  list.timestamp = top.scalar_text("timestamp");
  list.date = top.text("date");
  if (const auto* content = top.object("content")) {
    detail::JsonFields fields(*content, "content");
    list.total_movie_number = fields.integer("total_movie_number");
    list.data_generate_timestamp = fields.scalar_text("data_generate_timestamp");
    list.data_generate_time = fields.text("data_generate_time");
    if (const auto* media = fields.array("mediaList")) {
      for (std::size_t i = 0; i < media->size(); ++i) {
        const auto& element = (*media)[i];
        const std::string path = "content.mediaList[" + std::to_string(i) + "]";
        if (!element.is_object()) {
          fields.fail(path + ": expected an object");
          break;
        }
        detail::JsonFields item(element.get_object(), path);
        OfflineMedia entry;
        entry.movie_id = item.digits("movie_id");
        entry.movie_name = item.text("movie_name");
        entry.delete_time = item.text("delete_time");
        if (!item.ok()) {
          fields.fail(item.error());
          break;
        }
        list.media.push_back(std::move(entry));
      }
    }
    top.fail(fields.error());
  }
  if (!top.ok()) return core::unexpected(detail::malformed(response, top.error()));
  return list;
}

PumpkinClient::PumpkinClient(ClientOptions options, PumpkinCredentials credentials)
    : client_(vendors::pumpkin::pumpkin_descriptor(), std::move(options),
              std::move(credentials.access_secret)),
      pid_(std::move(credentials.pid)) {}

core::Expected<OfflineMediaList, ClientError> PumpkinClient::offline_sync(
    const OfflineSyncQuery& query) {
  RequestSpec spec;
  spec.params["pid"] = pid_;
  if (query.window_end) spec.params["timestamp"] = std::to_string(*query.window_end);
  auto exchange = client_.exchange(std::move(spec));
  if (!exchange) return core::unexpected(std::move(exchange).error());
  return decode_offline_media(exchange->response);
}

}  // namespace mediagate::client
