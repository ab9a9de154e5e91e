#include "vendors/pumpkin/offline_sync.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "core/civil_time.hpp"
#include "core/json_writer.hpp"
#include "vendors/pumpkin/offline_media.hpp"
#include "vendors/pumpkin/pumpkin_envelope.hpp"
#include "vendors/pumpkin/pumpkin_repository.hpp"
#include "vendors/pumpkin/pumpkin_request.hpp"
#include "vendors/pumpkin/pumpkin_settings.hpp"

namespace mediagate::vendors::pumpkin {
namespace {

std::string render_content(const std::vector<store::PumpkinMedia>& media, core::EpochMs now,
                           int utc_offset_minutes) {
  core::JsonWriter w;
  w.reserve(128 + media.size() * 128);
  w.begin_object().key("mediaList").begin_array();
  for (const auto& item : media) {
    w.begin_object()
        .field("movie_name", item.movie_name)
        .field("movie_id", id_text(item.movie_id))
        .field("delete_time",
               core::wall_time_text(item.delete_time.value_or(0), utc_offset_minutes).view())
        .end_object();
  }
  w.end_array()
      .field("total_movie_number", static_cast<std::int64_t>(media.size()))
      .field("data_generate_timestamp", std::to_string(now))
      .field("data_generate_time", core::wall_time_text(now, utc_offset_minutes).view())
      .end_object();
  return std::move(w).str();
}

// What went offline in the window ending at the request's timestamp.
endpoint::Outcome<std::string> serve(endpoint::Context& context, const PumpkinCall& call,
                                     const Partner&, const endpoint::Reply& reply) {
  const auto window =
      offline_window(call.timestamp, context.config.modules.get<PumpkinSettings>().window_ms);
  auto media = list_offline_media(pumpkin_repository(context.store), window);
  if (!media) return core::unexpected(store_failure(std::move(media.error().detail)));
  return render_content(*media, reply.now, reply.utc_offset_minutes);
}

}  // namespace

endpoint::Route offline_sync() {
  static const auto kEndpoint = [] {
    auto declared = pumpkin_get_endpoint<&kOfflineSyncPath>(
        "pumpkin-offline-sync",
        "The media a Pumpkin partner must take offline: those removed in the 12 hours before "
        "timestamp",
        serve);
    declared.data_example =
        R"({"mediaList":[{"movie_name":"测试w","movie_id":"11332","delete_time":)"
        R"("2019-05-09 19:18:33"}],"total_movie_number":1,"data_generate_timestamp":)"
        R"("1700000000000","data_generate_time":"2023-11-15 06:13:20"})";
    return declared;
  }();
  return endpoint::route(kEndpoint);
}

}  // namespace mediagate::vendors::pumpkin
