// GET /movie/sync (vendor-spec-breadth §4.2): the film list, the whole catalogue at once.
#pragma once

#include <string_view>

#include "endpoint/registry.hpp"

namespace mediagate::vendors::pumpkin {

inline constexpr std::string_view kMovieSyncPath = "/movie/sync";

endpoint::Route movie_sync();

}  // namespace mediagate::vendors::pumpkin
