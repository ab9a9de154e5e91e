// The items of /media/offline_sync's mediaList, rendered once per data generation: every
// offline media's JSON object, in the list's order (delete_time, then movie_id), kept in one
// string with where each item starts, so that a window's items are one slice of it, found by two
// binary searches and copied whole; a request neither copies the media nor escapes a title.
// Kept while the engine tells a generation and there are at most `Engine::cached_lookups()`
// offline media (the bound of the module's list cache, caching_pumpkin_repository.hpp);
// otherwise window() answers nothing and the caller renders the media itself, as render_item.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_writer.hpp"
#include "store/engine.hpp"
#include "vendors/pumpkin/offline_media.hpp"
#include "vendors/pumpkin/pumpkin_model.hpp"
#include "vendors/pumpkin/pumpkin_repository.hpp"

namespace mediagate::vendors::pumpkin {

// One item of mediaList: {"movie_name":…,"movie_id":"…","delete_time":"yyyy-MM-dd HH:mm:ss"}.
void render_item(core::JsonWriter& w, const vendors::pumpkin::PumpkinMedia& media,
                 int utc_offset_minutes);

class RenderedOfflineMedia {
 public:
  struct Items;  // one generation's rendering

  // A window's items: `json` is their objects joined by commas (empty for none), valid while
  // `keep` is held.
  struct Slice {
    std::shared_ptr<const Items> keep;
    std::string_view json;
    std::size_t count = 0;
  };

  // The items of `window` rendered for `utc_offset_minutes`, from the rendering of the current
  // generation (made now from `repository` if there is none yet). Nothing: not kept (the engine
  // tells no generation, or there are too many offline media); an error: the store failed.
  store::StoreResult<std::optional<Slice>> window(PumpkinRepository& repository,
                                                  store::Engine& engine,
                                                  const OfflineWindow& window,
                                                  int utc_offset_minutes);

 private:
  std::mutex mutex_;
  std::shared_ptr<const Items> current_;
  // The generation found with more offline media than the bound: nothing kept until it changes.
  std::optional<std::uint64_t> too_many_at_;
};

// The rendering `engine` keeps (made on first use, lives as long as the engine).
RenderedOfflineMedia& rendered_offline_media(store::Engine& engine);

}  // namespace mediagate::vendors::pumpkin
