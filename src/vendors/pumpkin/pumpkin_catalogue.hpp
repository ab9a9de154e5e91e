// Pumpkin's catalogue: what "/media/sync" (full or batch) and "/movie/sync" list. Pure rules
// over the module's data; parameters, signatures and envelopes belong to the declarations.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "core/clock.hpp"
#include "vendors/pumpkin/pumpkin_model.hpp"

namespace mediagate::vendors::pumpkin {

// A media of the catalogue with its details (defaults, with its movie_id, where it has none).
struct CatalogueItem {
  vendors::pumpkin::PumpkinMedia media;
  vendors::pumpkin::PumpkinMediaDetails details;

  friend bool operator==(const CatalogueItem&, const CatalogueItem&) = default;
};

// Which media of the catalogue: those online now (no delete_time); with `updated`, only those
// whose details' update_time is in [first, second) (a /media/sync batch).
struct CatalogueFilter {
  std::optional<std::pair<core::EpochMs, core::EpochMs>> updated;
};

// The half-open window [end - length_ms, end) of a batch: the half hour before the request's
// timestamp by default (pumpkin.batch_window_ms). Saturates instead of overflowing.
CatalogueFilter batch_filter(core::EpochMs end, std::int64_t length_ms);
inline CatalogueFilter full_filter() {
  return {};
}

// The type /movie/sync tells for a media: "1" film, "3" season series (its "2", a TV series,
// has no counterpart in the catalogue: docs/decisions/pumpkin-breadth.md).
std::string_view movie_sync_type(const vendors::pumpkin::PumpkinMediaDetails& details);

// episode_num: a film counts 1, a series its seasons.
std::int64_t episode_num(const vendors::pumpkin::PumpkinMediaDetails& details);

}  // namespace mediagate::vendors::pumpkin
