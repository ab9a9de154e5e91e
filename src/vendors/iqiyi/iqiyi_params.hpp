// getVodCount's parameter values (seed 002, vendor-spec §3.2, decisions.md); the declaration in
// get_vod_count.cpp reads them. Pure functions, no store, no clock.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/params.hpp"

namespace mediagate::vendors::iqiyi {

inline constexpr std::string_view kVersion = "1.0";
inline constexpr std::string_view kDefaultArea = "CN";
// "长度大于16": a messageId must have more than this many characters.
inline constexpr std::size_t kMessageIdMinExclusive = 16;

// Length > 16 characters (Unicode code points; the value is already valid UTF-8) and the
// `appName_UUID` form: a non-empty prefix before the first '_' and something after it.
bool is_valid_message_id(std::string_view message_id);

}  // namespace mediagate::vendors::iqiyi
