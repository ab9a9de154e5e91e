#include "vendors/polyv/polyv_live_client.hpp"

#include "client/json_fields.hpp"
#include "vendors/polyv/polyv_live_descriptor.hpp"
#include "vendors/polyv/polyv_live_info_descriptor.hpp"

namespace mediagate::client {
namespace {

// The pagination block both live pages carry, in the order the fields are checked.
template <class PageT>
void read_live_block(detail::JsonFields& fields, PageT& page) {
  page.page_size = fields.integer("pageSize");
  page.page_number = fields.integer("pageNumber");
  page.total_items = fields.integer("totalItems");
  page.total_pages = fields.integer("totalPages");
  page.limit = fields.integer("limit");
  page.next_page_number = fields.integer("nextPageNumber");
  page.start_row = fields.integer("startRow");
  page.end_row = fields.integer("endRow");
  page.pre_page_number = fields.integer("prePageNumber");
  page.offset = fields.integer("offset");
  page.first_page = fields.boolean("firstPage");
  page.last_page = fields.boolean("lastPage");
}

}  // namespace

core::Expected<SessionPage, ClientError> decode_session_page(const ClientResponse& response) {
  return detail::decode_page<SessionPage>(vendors::polyv::polyv_live_descriptor(), response,
                                          read_live_block<SessionPage>,
                                          [](detail::JsonFields& item) {
                                            LiveSession session;
                                            session.session_id = item.text("sessionId");
                                            session.channel_id = item.digits("channelId");
                                            session.user_id = item.text("userId");
                                            session.start_time = item.integer("startTime");
                                            session.end_time = item.nullable_integer("endTime");
                                            session.custom_id = item.nullable_text("customId");
                                            return session;
                                          });
}

core::Expected<SessionInfoPage, ClientError> decode_session_info_page(
    const ClientResponse& response) {
  return detail::decode_page<SessionInfoPage>(vendors::polyv::polyv_live_info_descriptor(),
                                              response, read_live_block<SessionInfoPage>,
                                              [](detail::JsonFields& item) {
                                                LiveSessionInfo session;
                                                session.channel_id = item.digits("channelId");
                                                session.session_id = item.text("sessionId");
                                                session.user_id = item.text("userId");
                                                session.start_time = item.integer("startTime");
                                                session.end_time = item.nullable_integer("endTime");
                                                return session;
                                              });
}

namespace {

RequestSpec session_request(const std::string& app_id, const SessionQuery& query) {
  RequestSpec spec;
  auto& params = spec.params;
  params["appId"] = app_id;
  params["channelId"] = query.channel_id;
  if (query.start_date) params["startDate"] = *query.start_date;
  if (query.end_date) params["endDate"] = *query.end_date;
  if (query.page) params["page"] = std::to_string(*query.page);
  if (query.page_size) params["pageSize"] = std::to_string(*query.page_size);
  if (query.sha256) params["signatureMethod"] = "SHA256";
  if (query.request_id) params["requestId"] = *query.request_id;
  return spec;
}

}  // namespace

PolyvLiveClient::PolyvLiveClient(ClientOptions options, PolyvAppCredentials credentials)
    : client_(vendors::polyv::polyv_live_descriptor(), options, credentials.app_secret),
      info_client_(vendors::polyv::polyv_live_info_descriptor(), std::move(options),
                   std::move(credentials.app_secret)),
      app_id_(std::move(credentials.app_id)) {}

core::Expected<SessionInfoPage, ClientError> PolyvLiveClient::list_session_info(
    const SessionInfoQuery& query) {
  auto exchange = info_client_.exchange(session_request(app_id_, query));
  if (!exchange) return core::unexpected(std::move(exchange).error());
  return decode_session_info_page(exchange->response);
}

PageIterator<SessionInfoPage> PolyvLiveClient::session_info(SessionInfoQuery query,
                                                            std::int64_t page_size) {
  return detail::pages_of<SessionInfoPage>(
      std::move(query), page_size,
      [this](const SessionInfoQuery& q) { return list_session_info(q); });
}

core::Expected<SessionPage, ClientError> PolyvLiveClient::list_sessions(const SessionQuery& query) {
  auto exchange = client_.exchange(session_request(app_id_, query));
  if (!exchange) return core::unexpected(std::move(exchange).error());
  return decode_session_page(exchange->response);
}

PageIterator<SessionPage> PolyvLiveClient::sessions(SessionQuery query, std::int64_t page_size) {
  return detail::pages_of<SessionPage>(std::move(query), page_size,
                                       [this](const SessionQuery& q) { return list_sessions(q); });
}

}  // namespace mediagate::client
