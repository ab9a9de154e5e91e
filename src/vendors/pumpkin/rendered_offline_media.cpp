#include "vendors/pumpkin/rendered_offline_media.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "core/civil_time.hpp"
#include "vendors/pumpkin/pumpkin_request.hpp"

namespace mediagate::vendors::pumpkin {

struct RenderedOfflineMedia::Items {
  std::uint64_t generation = 0;
  int utc_offset_minutes = 0;
  std::vector<core::EpochMs> delete_times;  // ascending, one per item
  // starts[i]: where item i begins in `json` (at the comma before it, for i > 0);
  // starts[n]: the end of the last item.
  std::vector<std::size_t> starts;
  std::string json;  // "[" then the items joined by commas (no "]")
};

void render_item(core::JsonWriter& w, const vendors::pumpkin::PumpkinMedia& media,
                 int utc_offset_minutes) {
  w.begin_object()
      .field("movie_name", media.movie_name)
      .field("movie_id", id_text(media.movie_id))
      .field("delete_time",
             core::wall_time_text(media.delete_time.value_or(0), utc_offset_minutes).view())
      .end_object();
}

store::StoreResult<std::optional<RenderedOfflineMedia::Slice>> RenderedOfflineMedia::window(
    PumpkinRepository& repository, store::Engine& engine, const OfflineWindow& window,
    int utc_offset_minutes) {
  const auto generation = engine.data_generation();  // before the read: generation_cache.hpp
  const std::size_t bound = engine.cached_lookups();
  if (!generation || bound == 0) return std::optional<Slice>{};
  std::shared_ptr<const Items> items;
  {
    const std::lock_guard lock(mutex_);
    if (too_many_at_ == generation) return std::optional<Slice>{};
    if (current_ && current_->generation == *generation &&
        current_->utc_offset_minutes == utc_offset_minutes) {
      items = current_;
    }
  }
  if (!items) {
    auto all = list_offline_media(repository, {std::numeric_limits<core::EpochMs>::min(),
                                               std::numeric_limits<core::EpochMs>::max()});
    if (!all) return core::unexpected(core::Error::store(std::move(all.error().detail)));
    if (all->size() > bound) {
      const std::lock_guard lock(mutex_);
      too_many_at_ = generation;
      return std::optional<Slice>{};
    }
    auto built = std::make_shared<Items>();
    built->generation = *generation;
    built->utc_offset_minutes = utc_offset_minutes;
    built->delete_times.reserve(all->size());
    built->starts.reserve(all->size() + 1);
    core::JsonWriter w;
    w.reserve(1 + all->size() * 96);
    w.begin_array();
    for (const auto& media : *all) {
      built->delete_times.push_back(media.delete_time.value_or(0));
      built->starts.push_back(w.str().size());
      render_item(w, media, utc_offset_minutes);
    }
    built->starts.push_back(w.str().size());
    built->json = std::move(w).str();
    {
      const std::lock_guard lock(mutex_);
      if (!current_ || current_->generation <= *generation) current_ = built;
      too_many_at_.reset();
    }
    items = std::move(built);
  }
  // window.from <= delete_time < window.to
  const auto& times = items->delete_times;
  const auto first = static_cast<std::size_t>(
      std::lower_bound(times.begin(), times.end(), window.from) - times.begin());
  const auto last = window.from >= window.to
                        ? first
                        : static_cast<std::size_t>(
                              std::lower_bound(times.begin() + static_cast<std::ptrdiff_t>(first),
                                               times.end(), window.to) -
                              times.begin());
  if (first == last) return std::optional<Slice>{Slice{items, {}, 0}};
  const std::size_t begin = items->starts[first] + (first > 0 ? 1 : 0);  // after the comma
  const std::size_t end = items->starts[last];
  return std::optional<Slice>{
      Slice{items, std::string_view(items->json).substr(begin, end - begin), last - first}};
}

RenderedOfflineMedia& rendered_offline_media(store::Engine& engine) {
  return engine.repositories().get_or_make<RenderedOfflineMedia>(
      [] { return std::make_unique<RenderedOfflineMedia>(); });
}

}  // namespace mediagate::vendors::pumpkin
