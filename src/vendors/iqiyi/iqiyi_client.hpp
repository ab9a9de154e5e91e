// iQiyi VIP open API: GET or POST /vod/coupon/getVodCount.action (vendor-spec §3), MD5
// (lowercase), messageId = appName_UUID generated per call.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

// One VOD coupon record (docs/decisions/iqiyi-coupons.md): used ones carry every field, unused
// ones only user_id (use_status 0).
struct VodCoupon {
  std::optional<std::int64_t> id{};
  std::optional<std::int64_t> content_id{};
  std::optional<std::int64_t> deadline{};
  std::optional<std::int64_t> update_time{};
  std::int64_t use_status = 0;  // 0 unused, 1 used
  std::optional<std::int64_t> use_time{};
  std::string user_id{};
  std::optional<std::int64_t> vod_deadline{};  // the end of the 48-hour right
};

struct VodCouponUse {
  bool has_used_vod_coupon = false;  // true: the right was already held, nothing was spent
  VodCoupon vod_coupon{};
  std::string message_id{};
};

struct VodCouponUseRequest {
  std::string user_id{};
  std::int64_t content_id = 0;
  std::string area = "CN";
  bool use_post = false;
  std::optional<std::string> message_id{};
};

struct VodCoupons {
  std::vector<VodCoupon> coupons{};
  std::string message_id{};
};

class IqiyiClient {
 public:
  IqiyiClient(ClientOptions options, IqiyiCredentials credentials);

  core::Expected<VodCount, ClientError> get_vod_count(const VodCountQuery& query);
  // useVodCoupon: spends one coupon on `content_id` unless its right is open. No coupon left is
  // the vendor error Q00401.
  core::Expected<VodCouponUse, ClientError> use_vod_coupon(const VodCouponUseRequest& request);
  // queryVodCoupon: every coupon of the user (`query.user_id`, `query.area`).
  core::Expected<VodCoupons, ClientError> query_vod_coupon(const VodCountQuery& query);
  // vip/info with vip_type=coupon (user_type ott): the same list, area CN.
  core::Expected<VodCoupons, ClientError> vip_info_coupons(const std::string& user_id);

  VendorClient& vendor_client() { return client_; }
  int connections_opened() const { return client_.connections_opened(); }

 private:
  VendorClient client_;
  VendorClient use_client_;
  VendorClient query_client_;
  VendorClient info_client_;
  std::string partner_code_;
};

// `message_id` is copied into the result.
core::Expected<VodCount, ClientError> decode_vod_count(const ClientResponse& response,
                                                       std::string message_id = {});

}  // namespace mediagate::client
