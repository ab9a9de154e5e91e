#include "vendors/pumpkin/pumpkin_client.hpp"

#include "client/json_fields.hpp"
#include "vendors/pumpkin/pumpkin_descriptor.hpp"

namespace mediagate::client {
namespace {

CatalogueTexts texts_of(detail::JsonFields& item) {
  CatalogueTexts t;
  t.movie_title = item.text("movie_title");
  t.movie_name = item.text("movie_name");
  t.movie_name_english = item.text("movie_name_english");
  t.movie_alias = item.text("movie_alias");
  t.movie_desc = item.text("movie_desc");
  t.movie_director = item.text("movie_director");
  t.movie_actor = item.text("movie_actor");
  t.movie_country = item.text("movie_country");
  t.movie_language = item.text("movie_language");
  t.movie_year = item.text("movie_year");
  return t;
}

// Each object of `array` (at `path`) decoded by `one`; false (with the error in `fields`) if
// an element is not an object or fails.
template <class One>
bool each_object(detail::JsonFields& fields, const boost::json::array* array,
                 const std::string& path, One&& one) {
  if (array == nullptr) return false;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto& element = (*array)[i];
    const std::string at = path + "[" + std::to_string(i) + "]";
    if (!element.is_object()) {
      fields.fail(at + ": expected an object");
      return false;
    }
    detail::JsonFields item(element.get_object(), at);
    one(item, at);
    if (!item.ok()) {
      fields.fail(item.error());
      return false;
    }
  }
  return true;
}

// What every Pumpkin list answer shares: `timestamp` and `date` beside `content`, whose
// `total_movie_number` comes first and whose other fields `read_content(fields, list)` reads.
template <class List, class ReadContent>
core::Expected<List, ClientError> decode_content(const VendorDescriptor& vendor,
                                                 const ClientResponse& response,
                                                 ReadContent&& read_content) {
  auto envelope = detail::decode_answer(vendor, response);
  if (!envelope) return core::unexpected(std::move(envelope).error());
  detail::JsonFields top(*envelope, "");
  List list;
  list.timestamp = top.scalar_text("timestamp");
  list.date = top.text("date");
  if (const auto* content = top.object("content")) {
    detail::JsonFields fields(*content, "content");
    list.total_movie_number = fields.integer("total_movie_number");
    read_content(fields, list);
    top.fail(fields.error());
  }
  if (!top.ok()) return core::unexpected(detail::malformed(response, top.error()));
  return list;
}

CatalogueSeason season_of(detail::JsonFields& item, const std::string& path) {
  CatalogueSeason season;
  season.movie_id = item.digits("movie_id");
  season.texts = texts_of(item);
  season.total_parts = item.integer("total_parts");
  each_object(item, item.array("season_parts"), path + ".season_parts",
              [&](detail::JsonFields& part, const std::string&) {
                season.parts.push_back({part.digits("movie_id"), part.text("movie_number")});
              });
  return season;
}

CatalogueMedia media_of(detail::JsonFields& item, const std::string& path) {
  CatalogueMedia media;
  media.movie_id = item.digits("movie_id");
  media.texts = texts_of(item);
  media.movie_type = item.text("movie_type");
  media.episode_num = item.integer("episode_num");
  media.vertical_pic = item.text("vertical_pic");
  media.horizontal_pic = item.text("horizontal_pic");
  media.online_status = item.text("online_status");
  if (media.movie_type == "2") {
    each_object(item, item.array("media_seasons"), path + ".media_seasons",
                [&](detail::JsonFields& season, const std::string& at) {
                  media.seasons.push_back(season_of(season, at));
                });
  } else {
    each_object(item, item.array("video"), path + ".video",
                [&](detail::JsonFields& video, const std::string&) {
                  media.video_ids.push_back(video.text("video_id"));
                });
  }
  return media;
}

Movie movie_of(detail::JsonFields& item, const std::string&) {
  Movie movie;
  movie.movie_id = item.digits("movie_id");
  movie.texts = texts_of(item);
  movie.movie_type = item.text("movie_type");
  movie.movie_duration = item.nullable_text("movie_duration");
  movie.episode_num = item.integer("episode_num");
  if (const auto* images = item.array("movie_image_list")) {
    for (const auto& image : *images) {
      if (const auto* text = image.if_string()) {
        movie.movie_image_list.emplace_back(text->data(), text->size());
      } else {
        item.fail(item.path_of("movie_image_list") + ": expected strings");
      }
    }
  }
  return movie;
}

}  // namespace

core::Expected<OfflineMediaList, ClientError> decode_offline_media(const ClientResponse& response) {
  return decode_content<OfflineMediaList>(
      vendors::pumpkin::pumpkin_descriptor(), response,
      [](detail::JsonFields& fields, OfflineMediaList& list) {
        list.data_generate_timestamp = fields.scalar_text("data_generate_timestamp");
        list.data_generate_time = fields.text("data_generate_time");
        each_object(fields, fields.array("mediaList"), "content.mediaList",
                    [&](detail::JsonFields& item, const std::string&) {
                      OfflineMedia entry;
                      entry.movie_id = item.digits("movie_id");
                      entry.movie_name = item.text("movie_name");
                      entry.delete_time = item.text("delete_time");
                      list.media.push_back(std::move(entry));
                    });
      });
}

core::Expected<MediaSyncList, ClientError> decode_media_sync(const ClientResponse& response) {
  return decode_content<MediaSyncList>(
      vendors::pumpkin::pumpkin_media_sync_descriptor(), response,
      [](detail::JsonFields& fields, MediaSyncList& list) {
        list.data_generate_timestamp = fields.scalar_text("data_generate_timestamp");
        list.data_generate_time = fields.text("data_generate_time");
        each_object(fields, fields.array("mediaList"), "content.mediaList",
                    [&](detail::JsonFields& item, const std::string& at) {
                      list.media.push_back(media_of(item, at));
                    });
      });
}

core::Expected<MovieSyncList, ClientError> decode_movie_sync(const ClientResponse& response) {
  return decode_content<MovieSyncList>(vendors::pumpkin::pumpkin_movie_sync_descriptor(), response,
                                       [](detail::JsonFields& fields, MovieSyncList& list) {
                                         list.data_timestamp = fields.scalar_text("data_timestamp");
                                         list.data_time = fields.text("data_time");
                                         each_object(
                                             fields, fields.array("movies"), "content.movies",
                                             [&](detail::JsonFields& item, const std::string& at) {
                                               list.movies.push_back(movie_of(item, at));
                                             });
                                       });
}

PumpkinClient::PumpkinClient(ClientOptions options, PumpkinCredentials credentials)
    : client_(vendors::pumpkin::pumpkin_descriptor(), options, credentials.access_secret),
      media_(vendors::pumpkin::pumpkin_media_sync_descriptor(), options, credentials.access_secret),
      movies_(vendors::pumpkin::pumpkin_movie_sync_descriptor(), std::move(options),
              std::move(credentials.access_secret)),
      pid_(std::move(credentials.pid)) {}

core::Expected<MediaSyncList, ClientError> PumpkinClient::media_sync(const MediaSyncQuery& query) {
  RequestSpec spec;
  spec.params["pid"] = pid_;
  spec.params["mode"] = query.batch ? "batch" : "full";
  if (query.timestamp) spec.params["timestamp"] = std::to_string(*query.timestamp);
  auto exchange = media_.exchange(std::move(spec));
  if (!exchange) return core::unexpected(std::move(exchange).error());
  return decode_media_sync(exchange->response);
}

core::Expected<MovieSyncList, ClientError> PumpkinClient::movie_sync() {
  RequestSpec spec;
  spec.params["pid"] = pid_;
  auto exchange = movies_.exchange(std::move(spec));
  if (!exchange) return core::unexpected(std::move(exchange).error());
  return decode_movie_sync(exchange->response);
}

core::Expected<OfflineMediaList, ClientError> PumpkinClient::offline_sync(
    const OfflineSyncQuery& query) {
  RequestSpec spec;
  spec.params["pid"] = pid_;
  if (query.window_end) spec.params["timestamp"] = std::to_string(*query.window_end);
  auto exchange = client_.exchange(std::move(spec));
  if (!exchange) return core::unexpected(std::move(exchange).error());
  return decode_offline_media(exchange->response);
}

}  // namespace mediagate::client
