#include "vendors/pumpkin/media_sync.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "core/civil_time.hpp"
#include "core/json_writer.hpp"
#include "vendors/pumpkin/pumpkin_catalogue.hpp"
#include "vendors/pumpkin/pumpkin_envelope.hpp"
#include "vendors/pumpkin/pumpkin_repository.hpp"
#include "vendors/pumpkin/pumpkin_request.hpp"
#include "vendors/pumpkin/pumpkin_settings.hpp"

namespace mediagate::vendors::pumpkin {
namespace {

constexpr std::string_view kFull = "full";
constexpr std::string_view kBatch = "batch";
constexpr std::string_view kOnline = "ONLINE";  // every listed media is online
constexpr std::string_view kPlayUrl;            // empty: no play address is served (decisions)

void write_media(core::JsonWriter& w, const CatalogueItem& item, int utc_offset_minutes) {
  const auto& d = item.details;
  w.begin_object().field("movie_id", id_text(item.media.movie_id));
  write_texts(w, item.media.movie_name, d.texts);
  w.field("movie_type", d.movie_type)
      .field("episode_num", episode_num(d))
      .field("vertical_pic", d.vertical_pic)
      .field("horizontal_pic", d.horizontal_pic)
      .field("online_status", kOnline)
      .key("movieCreateTime");
  if (d.create_time) {
    w.value(core::wall_time_text(*d.create_time, utc_offset_minutes).view());
  } else {
    w.null();
  }
  if (d.movie_type == "2") {
    w.key("media_seasons").begin_array();
    for (const auto& season : d.seasons) {
      w.begin_object().field("movie_id", id_text(season.movie_id));
      write_texts(w, season.movie_name, season.texts);
      w.field("movie_type", d.movie_type)
          .field("total_parts", static_cast<std::int64_t>(season.parts.size()))
          .key("season_parts")
          .begin_array();
      for (const auto& part : season.parts) {
        w.begin_object()
            .field("movie_id", id_text(part.movie_id))
            .field("movie_number", part.movie_number)
            .field("play_url", kPlayUrl)
            .end_object();
      }
      w.end_array().field("play_url", kPlayUrl).end_object();
    }
    w.end_array();
  } else {
    w.key("video")
        .begin_array()
        .begin_object()
        .field("video_id", "v_" + id_text(item.media.movie_id))
        .field("video_number", "1")
        .field("video_name", item.media.movie_name)
        .field("play_url", kPlayUrl)
        .end_object()
        .end_array();
  }
  w.end_object();
}

std::string render(const std::vector<CatalogueItem>& items, core::EpochMs now,
                   int utc_offset_minutes) {
  core::JsonWriter w;
  w.reserve(160 + items.size() * 640);
  w.begin_object()
      .field("total_movie_number", static_cast<std::int64_t>(items.size()))
      .field("data_generate_time", core::wall_time_text(now, utc_offset_minutes).view())
      .field("data_generate_timestamp", std::to_string(now))
      .key("mediaList")
      .begin_array();
  for (const auto& item : items) write_media(w, item, utc_offset_minutes);
  w.end_array().end_object();
  return std::move(w).str();
}

endpoint::Outcome<std::string> serve(endpoint::Context& context, const PumpkinCall& call,
                                     const Partner&, const endpoint::Reply& reply) {
  const auto filter =
      call.mode == kBatch
          ? batch_filter(call.timestamp,
                         context.config.modules.get<PumpkinSettings>().batch_window_ms)
          : full_filter();
  auto items = pumpkin_repository(context.store).list_catalogue(filter);
  if (!items) return core::unexpected(store_failure(std::move(items.error().message)));
  return render(*items, reply.now, reply.utc_offset_minutes);
}

std::vector<endpoint::Parameter<PumpkinCall>> parameters() {
  auto list = common_parameters();
  list.push_back(endpoint::Parameter<PumpkinCall>{
      .name = "mode",
      .empty_is_absent = false,
      .read = endpoint::read_text<&PumpkinCall::mode>,
      .valid = [](const PumpkinCall& c) { return c.mode == kFull || c.mode == kBatch; },
      .invalid = kParamErrorAnswer,
      .format = "full | batch",
      .fallback = "full"});
  return list;
}

}  // namespace

endpoint::Route media_sync() {
  static const auto kEndpoint = [] {
    auto declared = pumpkin_get_endpoint<&kMediaSyncPath>(
        "pumpkin-media-sync",
        "Pumpkin's catalogue of online media with seasons and parts: whole (mode=full) or "
        "updated in the half hour before timestamp (mode=batch)",
        serve);
    declared.parameters = parameters();
    return declared;
  }();
  return endpoint::route(kEndpoint);
}

}  // namespace mediagate::vendors::pumpkin
