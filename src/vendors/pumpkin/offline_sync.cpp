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
#include "vendors/pumpkin/rendered_offline_media.hpp"

namespace mediagate::vendors::pumpkin {
namespace {

// content: {"mediaList":[items],"total_movie_number":n,"data_generate_timestamp":"…",…}
template <class WriteItems>
std::string render_content(std::size_t count, std::size_t items_bytes, WriteItems write_items,
                           core::EpochMs now, int utc_offset_minutes) {
  core::JsonWriter w;
  w.reserve(160 + items_bytes);
  w.begin_object().key("mediaList").begin_array();
  write_items(w);
  w.end_array()
      .field("total_movie_number", static_cast<std::int64_t>(count))
      .field("data_generate_timestamp", std::to_string(now))
      .field("data_generate_time", core::wall_time_text(now, utc_offset_minutes).view())
      .end_object();
  return std::move(w).str();
}

// What went offline in the window ending at the request's timestamp: from the items rendered
// for this data generation where the store keeps them, else read and rendered now.
endpoint::Outcome<std::string> serve(endpoint::Context& context, const PumpkinCall& call,
                                     const Partner&, const endpoint::Reply& reply) {
  const auto window =
      offline_window(call.timestamp, context.config.modules.get<PumpkinSettings>().window_ms);
  auto& repository = pumpkin_repository(context.store);
  auto kept = rendered_offline_media(context.store)
                  .window(repository, context.store, window, reply.utc_offset_minutes);
  if (!kept) return core::unexpected(store_failure(std::move(kept.error().message)));
  if (*kept) {
    const auto& slice = **kept;
    return render_content(
        slice.count, slice.json.size(),
        [&](core::JsonWriter& w) {
          if (!slice.json.empty()) w.raw(slice.json);
        },
        reply.now, reply.utc_offset_minutes);
  }
  auto media = list_offline_media(repository, window);
  if (!media) return core::unexpected(store_failure(std::move(media.error().detail)));
  return render_content(
      media->size(), media->size() * 96,
      [&](core::JsonWriter& w) {
        for (const auto& item : *media) render_item(w, item, reply.utc_offset_minutes);
      },
      reply.now, reply.utc_offset_minutes);
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
