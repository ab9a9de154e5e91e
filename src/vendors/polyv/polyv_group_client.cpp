#include "vendors/polyv/polyv_group_client.hpp"

#include "client/json_fields.hpp"
#include "vendors/polyv/polyv_group_descriptor.hpp"

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
  return detail::decode_page<AllocationPage>(
      vendors::polyv::polyv_group_descriptor(), response,
      [](detail::JsonFields& fields, AllocationPage& page) {
        page.page_number = fields.integer("pageNumber");
        page.total_pages = fields.integer("totalPages");
        page.page_size = fields.integer("pageSize");
        page.total_items = fields.integer("totalItems");
      },
      [](detail::JsonFields& item) {
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
        return allocation;
      });
}

PolyvGroupClient::PolyvGroupClient(ClientOptions options, PolyvAppCredentials credentials)
    : client_(vendors::polyv::polyv_group_descriptor(), std::move(options),
              std::move(credentials.app_secret)),
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
  return detail::pages_of<AllocationPage>(
      std::move(query), page_size,
      [this](const AllocationQuery& q) { return list_allocate_log(q); });
}

}  // namespace mediagate::client
