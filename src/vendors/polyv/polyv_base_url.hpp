// Polyv's own host (vendor-spec §2.1) for the SDK's ClientOptions::base_url: every Polyv
// descriptor's default_base_url.
#pragma once

#include <string_view>

namespace mediagate::vendors::polyv {

inline constexpr std::string_view kPolyvBaseUrl = "https://api.polyv.net";

}  // namespace mediagate::vendors::polyv
