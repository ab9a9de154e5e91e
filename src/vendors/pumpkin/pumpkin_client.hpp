// Pumpkin Movie: GET /media/offline_sync (vendor-spec §1), GET /media/sync and GET /movie/sync
// (vendor-spec-breadth §4), HMAC-SHA1 (Base64) over the fixed signed set, signature_nonce
// generated per call.
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

// The texts a media, a season or a film carries.
struct CatalogueTexts {
  std::string movie_title{};
  std::string movie_name{};
  std::string movie_name_english{};
  std::string movie_alias{};
  std::string movie_desc{};
  std::string movie_director{};
  std::string movie_actor{};
  std::string movie_country{};
  std::string movie_language{};
  std::string movie_year{};

  friend bool operator==(const CatalogueTexts&, const CatalogueTexts&) = default;
};

struct CataloguePart {
  std::string movie_id{};
  std::string movie_number{};

  friend bool operator==(const CataloguePart&, const CataloguePart&) = default;
};

struct CatalogueSeason {
  std::string movie_id{};
  CatalogueTexts texts{};
  std::int64_t total_parts = 0;
  std::vector<CataloguePart> parts{};

  friend bool operator==(const CatalogueSeason&, const CatalogueSeason&) = default;
};

// One media of /media/sync.
struct CatalogueMedia {
  std::string movie_id{};
  CatalogueTexts texts{};
  std::string movie_type{};  // "1" film, "2" season series
  std::int64_t episode_num = 0;
  std::string vertical_pic{};
  std::string horizontal_pic{};
  std::string online_status{};
  std::vector<CatalogueSeason> seasons{};  // a series
  std::vector<std::string> video_ids{};    // a film: "v_<movie_id>"

  friend bool operator==(const CatalogueMedia&, const CatalogueMedia&) = default;
};

struct MediaSyncList {
  std::vector<CatalogueMedia> media{};
  std::int64_t total_movie_number = 0;
  std::string data_generate_timestamp{};
  std::string data_generate_time{};
  std::string timestamp{};
  std::string date{};
};

struct MediaSyncQuery {
  bool batch = false;  // mode=batch (sent, not signed, as the demo does); otherwise mode=full
  // The request's timestamp (a batch: the end of its half hour); default: now.
  std::optional<core::EpochMs> timestamp{};
};

// One film of /movie/sync.
struct Movie {
  std::string movie_id{};
  CatalogueTexts texts{};
  std::string movie_type{};  // "1" film, "3" season series
  std::optional<std::string> movie_duration{};
  std::int64_t episode_num = 0;
  std::vector<std::string> movie_image_list{};  // [vertical, horizontal]

  friend bool operator==(const Movie&, const Movie&) = default;
};

struct MovieSyncList {
  std::vector<Movie> movies{};
  std::int64_t total_movie_number = 0;
  std::string data_timestamp{};
  std::string data_time{};
  std::string timestamp{};
  std::string date{};
};

class PumpkinClient {
 public:
  PumpkinClient(ClientOptions options, PumpkinCredentials credentials);

  core::Expected<OfflineMediaList, ClientError> offline_sync(const OfflineSyncQuery& query = {});
  core::Expected<MediaSyncList, ClientError> media_sync(const MediaSyncQuery& query = {});
  core::Expected<MovieSyncList, ClientError> movie_sync();

  VendorClient& vendor_client() { return client_; }
  int connections_opened() const {
    return client_.connections_opened() + media_.connections_opened() +
           movies_.connections_opened();
  }

 private:
  VendorClient client_;  // /media/offline_sync
  VendorClient media_;   // /media/sync
  VendorClient movies_;  // /movie/sync
  std::string pid_;
};

core::Expected<OfflineMediaList, ClientError> decode_offline_media(const ClientResponse& response);
core::Expected<MediaSyncList, ClientError> decode_media_sync(const ClientResponse& response);
core::Expected<MovieSyncList, ClientError> decode_movie_sync(const ClientResponse& response);

}  // namespace mediagate::client
