// Polyv VOD v2: GET /v2/video/{userid}/get-by-uploader (vendor-spec §2), SHA1 signature.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "client/client_error.hpp"
#include "client/client_options.hpp"
#include "client/page_iterator.hpp"
#include "client/vendor_client.hpp"
#include "core/expected.hpp"

namespace mediagate::client {

struct PolyvVodCredentials {
  std::string userid{};      // the path segment of get-by-uploader
  std::string secret_key{};  // SHA1 rule
};

struct Video {
  std::string vid{};
  std::int64_t cataid = 0;
  std::string title{};
  std::string context{};  // the description
  std::int64_t times = 0;
  std::string first_image{};
  std::string tag{};
  std::optional<std::string> aac_link{};
  std::string status{};  // "60","61" published, "10","20","50","51", "-1" deleted
  std::string uploader_email{};
  std::int64_t ptime = 0;  // upload time, ms

  friend bool operator==(const Video&, const Video&) = default;
};

// totalPages is not sent by VOD: total_pages = ceil(totalItems / pageSize).
using VideoPage = Page<Video>;

enum class VideoOrder {
  kPtimeAscending = 1,
  kPtimeDescending = 2,
  kTimesAscending = 3,
  kTimesDescending = 4,
};

// Unset fields are not sent (the vendor's defaults apply).
struct VideoQuery {
  std::optional<std::string> email{};  // one sub-account; default: every sub-account
  std::optional<VideoOrder> order{};   // default ptime ascending
  std::optional<std::int64_t> cataid{};
  std::optional<bool> contain_sub_cata{};
  std::optional<bool> published{};  // true: status 60/61 only
  std::optional<std::int64_t> page{};
  std::optional<std::int64_t> page_size{};  // default 20
  std::optional<std::string> request_id{};
};

class PolyvVodClient {
 public:
  PolyvVodClient(ClientOptions options, PolyvVodCredentials credentials);

  // One page. ptime is taken from the clock.
  core::Expected<VideoPage, ClientError> get_by_uploader(const VideoQuery& query = {});
  // Every video of `query` (its page and page_size are replaced), `page_size` per request.
  // The iterator calls this client: the client must outlive it.
  PageIterator<VideoPage> videos(VideoQuery query, std::int64_t page_size = 20);

  VendorClient& vendor_client() { return client_; }
  int connections_opened() const { return client_.connections_opened(); }

 private:
  VendorClient client_;
  std::string userid_;
};

// A get-by-uploader answer (success envelope or error) as a VideoPage or a ClientError.
core::Expected<VideoPage, ClientError> decode_video_page(const ClientResponse& response);

}  // namespace mediagate::client
