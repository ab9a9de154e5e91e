// Pumpkin's part of the demo data (`mediagate seed`, vendors/demo_generator.hpp): partners
// (allowed offline_sync, media/sync and movie/sync; TEST_PID and NO_MEDIA_PID first, as in
// fixtures/sample.json), and media taken offline all through the last min(3 years, N × 36 min)
// before the anchor, so that every 12-hour window there lists some, and 30 % still online; each
// with catalogue details (one in four a series with seasons and parts), updated at its slot time
// while online. Every row is a pure function of (seed, sizes, anchor, its index).
#pragma once

#include <cstdint>
#include <vector>

#include "core/clock.hpp"
#include "vendors/dataset.hpp"

namespace mediagate::vendors::pumpkin {

struct DemoCounts {
  std::int64_t partners = 3;  // >= 2
  std::int64_t media = 0;
};

class PumpkinDemo {
 public:
  PumpkinDemo(std::uint64_t seed, core::EpochMs anchor, const DemoCounts& counts);

  // Every partner (keys and actions).
  void skeleton(vendors::Dataset& batch) const;
  // Media i with its catalogue details.
  void media(vendors::Dataset& batch, std::int64_t i) const;

 private:
  vendors::pumpkin::PumpkinMediaDetails media_details(const vendors::pumpkin::PumpkinMedia& m,
                                                      std::int64_t i, core::EpochMs at) const;

  std::uint64_t seed_;
  core::EpochMs anchor_;
  DemoCounts counts_;
  std::vector<vendors::pumpkin::PumpkinPartner> partners_;
  std::int64_t media_span_ = 0;
};

// Appends Pumpkin's rows of `batch` to `into`, merging partners by pid.
void merge_demo_rows(vendors::Dataset& into, vendors::Dataset& batch);

}  // namespace mediagate::vendors::pumpkin
