// GET /live/v3/channel/session/data/list (seed 003, vendor-spec §4, decisions.md "Polyv").
#pragma once

#include "endpoint/registry.hpp"

namespace mediagate::vendors::polyv {

endpoint::Route live_session_list();

}  // namespace mediagate::vendors::polyv
