// GET /live/v3/channel/session/list, the session list Polyv's Java SDK calls
// (`listChannelSessionInfo`, vendor-spec-breadth §2): the parameters, checks and pager of
// `/session/data/list` without its 60-day limit (no dates: every session), and contents without
// `customId`, `channelId` first.
#pragma once

#include "endpoint/registry.hpp"

namespace mediagate::vendors::polyv {

endpoint::Route live_session_info_list();

}  // namespace mediagate::vendors::polyv
