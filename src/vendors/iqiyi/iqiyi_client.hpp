// iQiyi VIP open API: GET or POST /vod/coupon/getVodCount.action (vendor-spec §3), MD5
// (lowercase), messageId = appName_UUID generated per call.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "client/client_error.hpp"
#include "client/client_options.hpp"
#include "client/vendor_client.hpp"
#include "core/expected.hpp"

namespace mediagate::client {

struct IqiyiCredentials {
  std::string partner_code{};
  std::string md5_key{};
};

struct VodCount {
  std::int64_t send_gift_size = 0;  // available VOD coupons
  std::string message_id{};         // the messageId this call used (each call uses a new one)
};

struct VodCountQuery {
  std::string user_id{};
  std::string area = "CN";  // CN or TW
  bool use_post = false;    // send the parameters as an x-www-form-urlencoded body
  // A messageId to use instead of a generated one (a retry of a refused call needs a new one).
  std::optional<std::string> message_id{};
};

class IqiyiClient {
 public:
  IqiyiClient(ClientOptions options, IqiyiCredentials credentials);

  core::Expected<VodCount, ClientError> get_vod_count(const VodCountQuery& query);

  VendorClient& vendor_client() { return client_; }
  int connections_opened() const { return client_.connections_opened(); }

 private:
  VendorClient client_;
  std::string partner_code_;
};

// `message_id` is copied into the result.
core::Expected<VodCount, ClientError> decode_vod_count(const ClientResponse& response,
                                                       std::string message_id = {});

}  // namespace mediagate::client
