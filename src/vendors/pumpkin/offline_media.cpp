#include "vendors/pumpkin/offline_media.hpp"

#include <algorithm>
#include <limits>

namespace mediagate::vendors::pumpkin {

OfflineWindow offline_window(core::EpochMs end, std::int64_t length_ms) {
  length_ms = std::max<std::int64_t>(length_ms, 0);
  core::EpochMs from = 0;
  if (__builtin_sub_overflow(end, length_ms, &from)) {
    from = std::numeric_limits<core::EpochMs>::min();
  }
  return {from, end};
}

core::Expected<std::vector<vendors::pumpkin::PumpkinMedia>, OfflineMediaFailure> list_offline_media(
    PumpkinRepository& repository, const OfflineWindow& window) {
  if (window.from >= window.to) return std::vector<vendors::pumpkin::PumpkinMedia>{};
  auto media = repository.list_offline_media(window.from, window.to);
  if (!media) return core::unexpected(OfflineMediaFailure{std::move(media).error().message});
  // The repository's contract already excludes online media; keep the rule here, where it belongs.
  std::erase_if(*media,
                [](const vendors::pumpkin::PumpkinMedia& item) { return !item.delete_time; });
  return std::move(media).value();
}

}  // namespace mediagate::vendors::pumpkin
