// GET /media/offline_sync (seed 000, vendor-spec §1, decisions.md "Pumpkin offline_sync").
#pragma once

#include <string_view>

#include "endpoint/registry.hpp"

namespace mediagate::vendors::pumpkin {

// The route, and the `action` the server always signs (whatever the client sent as `action`).
inline constexpr std::string_view kOfflineSyncPath = "/media/offline_sync";

endpoint::Route offline_sync();

}  // namespace mediagate::vendors::pumpkin
