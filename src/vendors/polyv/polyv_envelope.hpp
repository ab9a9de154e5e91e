// Polyv's JSON envelopes (VOD v2, live v3, group): {"code","status","message","data"}, with the
// HTTP status equal to `code` (decisions.md) and optional JSONP wrapping.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace mediagate::vendors::polyv {

// Texts shared by several Polyv endpoints.
inline constexpr std::string_view kParamValidateError = "param validate error";
inline constexpr std::string_view kQpsExceeded = "qps exceeds number of calls";

// {"code":code,"status":status,"message":message,"data":""}
http::Response error_response(unsigned code, std::string_view message,
                              const std::optional<std::string>& jsonp = std::nullopt,
                              std::string_view status = "error");

// {"code":200,"status":"success","message":message,"data":<data_json>}
http::Response success_response(std::string_view data_json, std::string_view message,
                                const std::optional<std::string>& jsonp = std::nullopt);

}  // namespace mediagate::vendors::polyv
