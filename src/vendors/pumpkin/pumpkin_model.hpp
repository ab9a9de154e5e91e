// Pumpkin's entities as the admin API names them, one at a time
// (vendors/pumpkin/pumpkin_writes.hpp removes them).
#pragma once

#include <cstdint>
#include <string>

namespace mediagate::vendors::pumpkin {

// Which entity to remove. Removing a partner removes its actions; a media, its details.
struct PumpkinPartnerRef {
  std::string pid;
};
struct PumpkinActionRef {
  std::string pid;
  std::string action;
};
struct PumpkinMediaRef {
  std::int64_t movie_id = 0;
};
// A media's details with its seasons and parts (the media stays).
struct PumpkinMediaDetailsRef {
  std::int64_t movie_id = 0;
};

}  // namespace mediagate::vendors::pumpkin
