// Pumpkin Movie's JSON envelope (seed 000, vendor-spec §1.5/§1.6, decisions.md "Pumpkin"):
//   {"message","content","status_code","timestamp","date"}
// always with HTTP status 200; `timestamp` is a string of milliseconds and `date` the same
// instant as "yyyy-MM-dd HH:mm:ss" at the configured UTC offset. Every code and text the
// Pumpkin dialect answers with is named here, and only here.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/clock.hpp"
#include "endpoint/refusal.hpp"
#include "http/message.hpp"

namespace mediagate::vendors::pumpkin {

inline constexpr std::string_view kVendor = "pumpkin";

struct Status {
  std::int64_t code;
  std::string_view message;
};

inline constexpr Status kSuccess{200, "获取成功"};
// Missing or malformed parameter, timestamp too far in the future, replayed nonce.
inline constexpr Status kParamError{17007, "参数错误"};
// Unknown pid, or a pid not allowed to call this action.
inline constexpr Status kPidError{17007, "pid错误或无此接口调用权限"};
// The signature does not match (the redeem-code doc's JSON text, without the seed's space).
inline constexpr Status kSignError{17006, "sign不正确"};
// The store failed. Not documented for offline_sync; the sibling Pumpkin endpoints' text
// (vendor-spec §1.6).
inline constexpr Status kGenerateFailed{17999, "生成失败,请稍后重试."};

// The same statuses as answers of the endpoint pipeline (HTTP 200, the code as text).
inline constexpr endpoint::Answer kParamErrorAnswer{200, "17007", kParamError.message};
inline constexpr endpoint::Answer kPidErrorAnswer{200, "17007", kPidError.message};
inline constexpr endpoint::Answer kSignErrorAnswer{200, "17006", kSignError.message};
inline constexpr endpoint::Answer kGenerateFailedAnswer{200, "17999", kGenerateFailed.message};

// A refusal in Pumpkin's envelope, at the reply's instant.
http::Response render_refusal(const endpoint::Refusal& refusal, const endpoint::Reply& reply);

// {"message":…,"content":{},"status_code":…,"timestamp":"<now>","date":"<now>"}, HTTP 200.
http::Response error_response(const Status& status, core::EpochMs now, int utc_offset_minutes);

// {"message":"获取成功","content":<content_json>,"status_code":200,"timestamp":…,"date":…},
// HTTP 200. `content_json` is one JSON object, written as given.
http::Response success_response(std::string_view content_json, core::EpochMs now,
                                int utc_offset_minutes);

}  // namespace mediagate::vendors::pumpkin
