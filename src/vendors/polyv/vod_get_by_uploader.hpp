// GET /v2/video/{userid}/get-by-uploader (seed 001, vendor-spec §2, decisions.md "Polyv").
#pragma once

#include "endpoint/registry.hpp"

namespace mediagate::vendors::polyv {

endpoint::Route vod_get_by_uploader();

}  // namespace mediagate::vendors::polyv
