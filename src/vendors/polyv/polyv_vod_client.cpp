#include "vendors/polyv/polyv_vod_client.hpp"

#include "client/json_fields.hpp"
#include "vendors/polyv/polyv_vod_descriptor.hpp"

namespace mediagate::client {
namespace {

std::int64_t ceil_pages(std::int64_t total_items, std::int64_t page_size) {
  if (total_items <= 0 || page_size < 1) return 0;
  return total_items / page_size + (total_items % page_size == 0 ? 0 : 1);
}

core::ParamMap to_params(const VideoQuery& query) {
  core::ParamMap params;
  if (query.email) params["email"] = *query.email;
  if (query.order) params["orderType"] = std::to_string(static_cast<int>(*query.order));
  if (query.cataid) params["cataid"] = std::to_string(*query.cataid);
  if (query.contain_sub_cata) params["containSubCata"] = *query.contain_sub_cata ? "1" : "0";
  if (query.published) params["published"] = *query.published ? "1" : "0";
  if (query.page) params["page"] = std::to_string(*query.page);
  if (query.page_size) params["pageSize"] = std::to_string(*query.page_size);
  if (query.request_id) params["requestId"] = *query.request_id;
  return params;
}

}  // namespace

core::Expected<VideoPage, ClientError> decode_video_page(const ClientResponse& response) {
  return detail::decode_page<VideoPage>(
      vendors::polyv::polyv_vod_descriptor(), response,
      [](detail::JsonFields& fields, VideoPage& page) {
        page.page_size = fields.integer("pageSize");
        page.page_number = fields.integer("pageNumber");
        page.total_items = fields.integer("totalItems");
        page.total_pages = ceil_pages(page.total_items, page.page_size);
      },
      [](detail::JsonFields& item) {
        Video video;
        video.vid = item.text("vid");
        video.cataid = item.integer("cataid");
        video.title = item.text("title");
        video.context = item.text("context");
        video.times = item.integer("times");
        video.first_image = item.text("firstImage");
        video.tag = item.text("tag");
        video.aac_link = item.nullable_text("aacLink");
        video.status = item.scalar_text("status");
        video.uploader_email = item.text("uploaderEmail");
        video.ptime = item.integer("ptime");
        return video;
      });
}

PolyvVodClient::PolyvVodClient(ClientOptions options, PolyvVodCredentials credentials)
    : client_(vendors::polyv::polyv_vod_descriptor(), std::move(options),
              std::move(credentials.secret_key)),
      userid_(std::move(credentials.userid)) {}

core::Expected<VideoPage, ClientError> PolyvVodClient::get_by_uploader(const VideoQuery& query) {
  RequestSpec spec;
  spec.params = to_params(query);
  spec.userid = userid_;
  auto exchange = client_.exchange(std::move(spec));
  if (!exchange) return core::unexpected(std::move(exchange).error());
  return decode_video_page(exchange->response);
}

PageIterator<VideoPage> PolyvVodClient::videos(VideoQuery query, std::int64_t page_size) {
  return detail::pages_of<VideoPage>(std::move(query), page_size,
                                     [this](const VideoQuery& q) { return get_by_uploader(q); });
}

}  // namespace mediagate::client
