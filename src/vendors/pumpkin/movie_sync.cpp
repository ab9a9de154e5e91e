#include "vendors/pumpkin/movie_sync.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "core/civil_time.hpp"
#include "core/json_writer.hpp"
#include "vendors/pumpkin/pumpkin_catalogue.hpp"
#include "vendors/pumpkin/pumpkin_envelope.hpp"
#include "vendors/pumpkin/pumpkin_repository.hpp"
#include "vendors/pumpkin/pumpkin_request.hpp"

namespace mediagate::vendors::pumpkin {
namespace {

void write_movie(core::JsonWriter& w, const CatalogueItem& item) {
  const auto& d = item.details;
  w.begin_object().field("movie_id", id_text(item.media.movie_id));
  write_texts(w, item.media.movie_name, d.texts);
  w.field("movie_type", movie_sync_type(d))
      .key("movie_poster")
      .null()
      .field("movie_duration", d.movie_duration)
      .field("episode_num", episode_num(d))
      .key("movie_image_list")
      .begin_array()
      .value(d.vertical_pic)
      .value(d.horizontal_pic)
      .end_array()
      .end_object();
}

std::string render(const std::vector<CatalogueItem>& items, core::EpochMs now,
                   int utc_offset_minutes) {
  core::JsonWriter w;
  w.reserve(160 + items.size() * 512);
  w.begin_object()
      .field("total_movie_number", static_cast<std::int64_t>(items.size()))
      .field("data_time", core::wall_time_text(now, utc_offset_minutes).view())
      .field("data_timestamp", std::to_string(now))
      .key("movies")
      .begin_array();
  for (const auto& item : items) write_movie(w, item);
  w.end_array().end_object();
  return std::move(w).str();
}

endpoint::Outcome<std::string> serve(endpoint::Context& context, const PumpkinCall&, const Partner&,
                                     const endpoint::Reply& reply) {
  auto items = pumpkin_repository(context.store).list_catalogue(full_filter());
  if (!items) return core::unexpected(store_failure(std::move(items.error().message)));
  return render(*items, reply.now, reply.utc_offset_minutes);
}

}  // namespace

endpoint::Route movie_sync() {
  static const auto kEndpoint = pumpkin_get_endpoint<&kMovieSyncPath>(
      "pumpkin-movie-sync", "Pumpkin's film list: every online media, with its posters", serve);
  return endpoint::route(kEndpoint);
}

}  // namespace mediagate::vendors::pumpkin
