// Polyv group account: GET /v2/group/account/list-allocate-log (vendor-spec §5), MD5
// sandwich with the group master's appId/appSecret.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "client/client_error.hpp"
#include "client/client_options.hpp"
#include "client/page_iterator.hpp"
#include "client/vendor_client.hpp"
#include "core/expected.hpp"
#include "vendors/polyv/polyv_app_credentials.hpp"

namespace mediagate::client {

struct Allocation {
  std::string email{};
  std::string date{};    // "yyyy-MM-dd HH:mm:ss" (UTC+8)
  std::string origin{};  // e.g. ADD_CONCURRENCES
  std::string origin_text{};
  std::optional<std::int64_t> space{};  // bytes
  std::optional<std::int64_t> flow{};   // bytes
  std::optional<std::int64_t> channels{};
  std::optional<std::int64_t> concurrences{};
  std::optional<std::int64_t> duration{};  // minutes

  friend bool operator==(const Allocation&, const Allocation&) = default;
};

using AllocationPage = Page<Allocation>;

enum class AllocationType { kAll, kLive, kVod };

// Unset fields are not sent (the vendor's defaults: type all, page 1, size 20).
struct AllocationQuery {
  std::vector<std::string> emails{};  // sub-accounts, sent comma-separated
  std::optional<AllocationType> type{};
  std::optional<std::string> start_time{};  // "yyyy-MM-dd HH:mm:ss", inclusive
  std::optional<std::string> end_time{};
  std::optional<std::int64_t> page{};
  std::optional<std::int64_t> page_size{};
};

class PolyvGroupClient {
 public:
  PolyvGroupClient(ClientOptions options, PolyvAppCredentials credentials);

  // One page. appId and timestamp (from the clock) are added.
  core::Expected<AllocationPage, ClientError> list_allocate_log(const AllocationQuery& query);
  // Every record of `query` (its page and page_size are replaced), `page_size` per request.
  // The iterator calls this client: the client must outlive it.
  PageIterator<AllocationPage> allocations(AllocationQuery query, std::int64_t page_size = 20);

  VendorClient& vendor_client() { return client_; }
  int connections_opened() const { return client_.connections_opened(); }

 private:
  VendorClient client_;
  std::string app_id_;
};

core::Expected<AllocationPage, ClientError> decode_allocation_page(const ClientResponse& response);

}  // namespace mediagate::client
