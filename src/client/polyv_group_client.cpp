#include "client/polyv_group_client.hpp"

#include "client/json_fields.hpp"

namespace mediagate::client {
namespace {

std::string_view type_name(AllocationType type) {
  switch (type) {
    case AllocationType::kLive:
      return "live";
    case AllocationType::kVod:
      return "vod";
    case AllocationType::kAll:
      break;
  }
  return "all";
}

}  // namespace

core::Expected<AllocationPage, ClientError> decode_allocation_page(const ClientResponse& response) {
  auto envelope = detail::decode_answer(Vendor::kPolyvGroup, response);
  if (!envelope) return core::unexpected(std::move(envelope).error());
  detail::JsonFields top(*envelope, "");
  const auto* data = top.object("data");
  if (data == nullptr) return core::unexpected(detail::malformed(response, top.error()));

  detail::JsonFields fields(*data, "data");
  AllocationPage page;
  page.page_number = fields.integer("pageNumber");
  page.total_pages = fields.integer("totalPages");
  page.page_size = fields.integer("pageSize");
  page.total_items = fields.integer("totalItems");
  if (const auto* contents = fields.array("contents")) {
    for (std::size_t i = 0; i < contents->size(); ++i) {
      const auto& element = (*contents)[i];
      const std::string path = "data.contents[" + std::to_string(i) + "]";
      if (!element.is_object()) {
        fields.fail(path + ": expected an object");
        break;
      }
      detail::JsonFields item(element.get_object(), path);
      Allocation allocation;
      allocation.email = item.text("email");
      allocation.date = item.text("date");
      allocation.origin = item.text("origin");
      allocation.origin_text = item.text("originText");
      allocation.space = item.nullable_integer("space");
      allocation.flow = item.nullable_integer("flow");
      allocation.channels = item.nullable_integer("channels");
      allocation.concurrences = item.nullable_integer("concurrences");
      allocation.duration = item.nullable_integer("duration");
      if (!item.ok()) {
        fields.fail(item.error());
        break;
      }
      page.contents.push_back(std::move(allocation));
    }
  }
  if (!fields.ok()) return core::unexpected(detail::malformed(response, fields.error()));
  return page;
}

PolyvGroupClient::PolyvGroupClient(ClientOptions options, PolyvAppCredentials credentials)
    : client_(Vendor::kPolyvGroup, std::move(options), std::move(credentials.app_secret)),
      app_id_(std::move(credentials.app_id)) {}

core::Expected<AllocationPage, ClientError> PolyvGroupClient::list_allocate_log(
    const AllocationQuery& query) {
  RequestSpec spec;
  auto& params = spec.params;
  params["appId"] = app_id_;
  std::string emails;
  for (const auto& email : query.emails) {
    if (!emails.empty()) emails.push_back(',');
    emails += email;
  }
  params["emails"] = emails;
  if (query.type) params["type"] = std::string(type_name(*query.type));
  if (query.start_time) params["startTime"] = *query.start_time;
  if (query.end_time) params["endTime"] = *query.end_time;
  if (query.page) params["page"] = std::to_string(*query.page);
  if (query.page_size) params["pageSize"] = std::to_string(*query.page_size);
  auto exchange = client_.exchange(std::move(spec));
  if (!exchange) return core::unexpected(std::move(exchange).error());
  return decode_allocation_page(exchange->response);
}

PageIterator<AllocationPage> PolyvGroupClient::allocations(AllocationQuery query,
                                                           std::int64_t page_size) {
  query.page_size = page_size;
  return PageIterator<AllocationPage>([this, query](std::int64_t number) mutable {
    query.page = number;
    return list_allocate_log(query);
  });
}

}  // namespace mediagate::client
