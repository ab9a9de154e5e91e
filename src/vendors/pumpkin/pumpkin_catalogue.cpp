#include "vendors/pumpkin/pumpkin_catalogue.hpp"

#include <algorithm>
#include <limits>

namespace mediagate::vendors::pumpkin {

CatalogueFilter batch_filter(core::EpochMs end, std::int64_t length_ms) {
  length_ms = std::max<std::int64_t>(length_ms, 0);
  core::EpochMs from = 0;
  if (__builtin_sub_overflow(end, length_ms, &from)) {
    from = std::numeric_limits<core::EpochMs>::min();
  }
  return {std::make_pair(from, end)};
}

std::string_view movie_sync_type(const vendors::pumpkin::PumpkinMediaDetails& details) {
  return details.movie_type == "2" ? "3" : "1";
}

std::int64_t episode_num(const vendors::pumpkin::PumpkinMediaDetails& details) {
  if (details.movie_type != "2") return 1;
  return static_cast<std::int64_t>(details.seasons.size());
}

}  // namespace mediagate::vendors::pumpkin
