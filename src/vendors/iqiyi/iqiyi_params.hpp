// Reading and validating getVodCount's parameters (seed 002, vendor-spec §3.2, decisions.md).
// Every failure here is the same wire answer (Q00301 参数错误); the functions only say whether
// the request is well-formed. Pure functions, no store, no clock.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/params.hpp"

namespace mediagate::vendors::iqiyi {

inline constexpr std::string_view kFormContentType = "application/x-www-form-urlencoded";
inline constexpr std::string_view kVersion = "1.0";
inline constexpr std::string_view kDefaultArea = "CN";
// "长度大于16": a messageId must have more than this many characters.
inline constexpr std::size_t kMessageIdMinExclusive = 16;

// Whether a Content-Type header names application/x-www-form-urlencoded: the media type before
// any ';' parameters (e.g. ";charset=UTF-8"), surrounding blanks ignored, compared
// case-insensitively.
bool is_form_content_type(std::string_view content_type);

// Length > 16 characters (Unicode code points; the value is already valid UTF-8) and the
// `appName_UUID` form: a non-empty prefix before the first '_' and something after it.
bool is_valid_message_id(std::string_view message_id);

// The JSONP callback: absent or empty = none (plain JSON). A non-empty name that is not a safe
// JavaScript identifier path makes the request invalid and is never reflected.
struct Callback {
  std::optional<std::string> name;
  bool valid = true;
};
Callback read_callback(const core::ParamMap& params);

// A well-formed getVodCount request.
struct VodCountRequest {
  std::string message_id;
  std::string partner_code;
  std::string sign;
  std::string area;                    // "CN" or "TW"
  std::optional<std::string> user_id;  // absent only for a Xiaomi-box request
};

// The checks of decisions.md's first step, in one place:
// - messageId, version, partnerCode, sign present and non-empty; version exactly "1.0";
// - messageId as is_valid_message_id;
// - area "CN" or "TW"; absent or empty = "CN";
// - user_id non-empty, unless a Xiaomi-box parameter (is_login, dev_mac, cp_data) is present
//   with a non-empty value ("不是小米盒子,必传"); an empty user_id counts as absent.
// Nothing when any check fails.
std::optional<VodCountRequest> read_vod_count_request(const core::ParamMap& params);

}  // namespace mediagate::vendors::iqiyi
