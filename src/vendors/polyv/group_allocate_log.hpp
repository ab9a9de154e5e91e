// GET /v2/group/account/list-allocate-log (seed 004, vendor-spec §5, decisions.md "Polyv").
#pragma once

#include "endpoint/registry.hpp"

namespace mediagate::vendors::polyv {

endpoint::Route group_allocate_log();

}  // namespace mediagate::vendors::polyv
