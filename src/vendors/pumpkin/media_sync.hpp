// GET /media/sync (vendor-spec-breadth §4.1): the catalogue, whole (`mode=full`, the default) or
// what was updated in the half hour before `timestamp` (`mode=batch`).
#pragma once

#include <string_view>

#include "endpoint/registry.hpp"

namespace mediagate::vendors::pumpkin {

inline constexpr std::string_view kMediaSyncPath = "/media/sync";

endpoint::Route media_sync();

}  // namespace mediagate::vendors::pumpkin
