// Pumpkin Movie: GET /media/offline_sync (vendor-spec §1), HMAC-SHA1 (Base64) over the fixed
// signed set, signature_nonce generated per call.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "client/client_error.hpp"
#include "client/client_options.hpp"
#include "client/vendor_client.hpp"
#include "core/clock.hpp"
#include "core/expected.hpp"

namespace mediagate::client {

struct PumpkinCredentials {
  std::string pid{};
  std::string access_secret{};  // HMAC-SHA1 key (with "&" appended by the rule)
};

struct OfflineMedia {
  std::string movie_id{};  // digits
  std::string movie_name{};
  std::string delete_time{};  // "yyyy-MM-dd HH:mm:ss" (UTC+8)

  friend bool operator==(const OfflineMedia&, const OfflineMedia&) = default;
};

struct OfflineMediaList {
  std::vector<OfflineMedia> media{};
  std::int64_t total_movie_number = 0;
  std::string data_generate_timestamp{};  // ms, as sent (a string)
  std::string data_generate_time{};
  std::string timestamp{};  // the envelope's: when the answer was made (ms, a string)
  std::string date{};
};

struct OfflineSyncQuery {
  // The end of the 12-hour window asked for (the request's `timestamp`); default: now.
  std::optional<core::EpochMs> window_end{};
};

class PumpkinClient {
 public:
  PumpkinClient(ClientOptions options, PumpkinCredentials credentials);

  core::Expected<OfflineMediaList, ClientError> offline_sync(const OfflineSyncQuery& query = {});

  VendorClient& vendor_client() { return client_; }
  int connections_opened() const { return client_.connections_opened(); }

 private:
  VendorClient client_;
  std::string pid_;
};

core::Expected<OfflineMediaList, ClientError> decode_offline_media(const ClientResponse& response);

}  // namespace mediagate::client
