// A PumpkinRepository in front of another that answers from memory while the engine's data
// generation stays the same (store/cached_lookup.hpp): partners by pid, and the offline media
// list kept whole, in delete-time order, so that any window is two binary searches. An engine
// that tells no generation is passed through.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>

#include "core/generation_cache.hpp"
#include "vendors/pumpkin/pumpkin_repository.hpp"

namespace mediagate::vendors::pumpkin {

class CachingPumpkinRepository final : public PumpkinRepository {
 public:
  // Keeps at most `max_entries` partners, and the offline media while there are no more than
  // `max_entries` of them (more: asked of `inner` from then on, until a restart).
  CachingPumpkinRepository(std::unique_ptr<PumpkinRepository> inner, store::Engine& engine,
                           std::size_t max_entries);

  store::StoreResult<std::optional<vendors::pumpkin::PumpkinPartner>> find_partner(
      std::string_view pid) override;
  store::StoreResult<std::vector<vendors::pumpkin::PumpkinMedia>> list_offline_media(
      core::EpochMs from, core::EpochMs to) override;
  // Not kept: passed to `inner`.
  store::StoreResult<std::vector<CatalogueItem>> list_catalogue(
      const CatalogueFilter& filter) override {
    return inner_->list_catalogue(filter);
  }

 private:
  // Every medium with a delete time, ordered as list_offline_media answers, at a generation.
  struct OfflineMedia {
    std::uint64_t generation = 0;
    std::vector<vendors::pumpkin::PumpkinMedia> items;
  };

  std::unique_ptr<PumpkinRepository> inner_;
  store::Engine& engine_;
  const std::size_t max_entries_;
  core::GenerationCache<std::optional<vendors::pumpkin::PumpkinPartner>> partners_;
  std::mutex offline_mutex_;
  std::shared_ptr<const OfflineMedia> offline_;  // guarded by offline_mutex_
  std::atomic<bool> offline_too_large_{false};
};

}  // namespace mediagate::vendors::pumpkin
