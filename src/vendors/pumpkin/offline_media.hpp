// Pumpkin offline media sync: which media a "/media/offline_sync" answer lists. Pure business
// rules over the module's repository; parameter syntax, signatures and envelopes belong to the
// vendor dialect.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/expected.hpp"
#include "vendors/pumpkin/pumpkin_repository.hpp"

namespace mediagate::vendors::pumpkin {

// The half-open window [from, to) of delete times an answer covers.
struct OfflineWindow {
  core::EpochMs from = 0;
  core::EpochMs to = 0;

  friend bool operator==(const OfflineWindow&, const OfflineWindow&) = default;
};

// The window ending at `end` (the request's timestamp, excluded) and `length_ms` long (the
// start included): [end - length_ms, end). Saturates instead of overflowing; a negative length
// counts as 0 (an empty window).
OfflineWindow offline_window(core::EpochMs end, std::int64_t length_ms);

struct OfflineMediaFailure {
  std::string detail;  // for the operator's log only
};

// The media taken offline inside the window, ordered by delete_time then movie_id. Media that
// are online (no delete_time) are never listed.
core::Expected<std::vector<vendors::pumpkin::PumpkinMedia>, OfflineMediaFailure> list_offline_media(
    PumpkinRepository& repository, const OfflineWindow& window);

}  // namespace mediagate::vendors::pumpkin
