#include "vendors/pumpkin/caching_pumpkin_repository.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "store/cached_lookup.hpp"

namespace mediagate::vendors::pumpkin {

using core::EpochMs;

CachingPumpkinRepository::CachingPumpkinRepository(std::unique_ptr<PumpkinRepository> inner,
                                                   store::Engine& engine, std::size_t max_entries)
    : inner_(std::move(inner)),
      engine_(engine),
      max_entries_(max_entries),
      partners_({.max_entries = max_entries, .max_bytes = 0}) {}

store::StoreResult<std::optional<vendors::pumpkin::PumpkinPartner>>
CachingPumpkinRepository::find_partner(std::string_view pid) {
  return store::cached_lookup(engine_, partners_, core::CacheKey("").add(pid),
                              [&] { return inner_->find_partner(pid); });
}

store::StoreResult<std::vector<PumpkinMedia>> CachingPumpkinRepository::list_offline_media(
    EpochMs from, EpochMs to) {
  const auto generation = engine_.data_generation();  // before the read: generation_cache.hpp
  if (!generation || max_entries_ == 0 || offline_too_large_.load()) {
    return inner_->list_offline_media(from, to);
  }
  std::shared_ptr<const OfflineMedia> media;
  {
    const std::lock_guard lock(offline_mutex_);
    if (offline_ && offline_->generation == *generation) media = offline_;
  }
  if (!media) {
    auto all = inner_->list_offline_media(std::numeric_limits<EpochMs>::min(),
                                          std::numeric_limits<EpochMs>::max());
    if (!all) return all;
    if (all->size() > max_entries_) {
      offline_too_large_.store(true);
      return inner_->list_offline_media(from, to);
    }
    auto built = std::make_shared<OfflineMedia>(OfflineMedia{*generation, std::move(*all)});
    {
      const std::lock_guard lock(offline_mutex_);
      if (!offline_ || offline_->generation <= *generation) offline_ = built;
    }
    media = std::move(built);
  }
  // from <= delete_time < to; every kept item has a delete time.
  const auto& items = media->items;
  auto time_of = [](const PumpkinMedia& item) { return item.delete_time.value_or(0); };
  const auto first = std::partition_point(items.begin(), items.end(),
                                          [&](const PumpkinMedia& m) { return time_of(m) < from; });
  const auto last = std::partition_point(first, items.end(),
                                         [&](const PumpkinMedia& m) { return time_of(m) < to; });
  return std::vector<PumpkinMedia>(first, last);
}

}  // namespace mediagate::vendors::pumpkin
