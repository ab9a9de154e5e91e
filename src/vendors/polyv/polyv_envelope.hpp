// Polyv's JSON envelopes (VOD v2, live v3, group): {"code","status","message","data"}, with the
// HTTP status equal to `code` (decisions.md) and optional JSONP wrapping.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "endpoint/refusal.hpp"
#include "http/message.hpp"

namespace mediagate::vendors::polyv {

// Texts shared by several Polyv endpoints.
inline constexpr std::string_view kParamValidateError = "param validate error";
inline constexpr std::string_view kQpsExceeded = "qps exceeds number of calls";

// Answers shared by the Polyv endpoints (HTTP status = code, decisions.md).
inline constexpr endpoint::Answer kParamValidateAnswer{400, "400", kParamValidateError};
inline constexpr endpoint::Answer kQpsExceededAnswer{400, "400", kQpsExceeded};
inline constexpr endpoint::Answer kQueryFailedAnswer{500, "500", "query failed."};
// The limit group all Polyv endpoints count against together (decisions.md "Rate limit").
inline constexpr std::string_view kLimitGroup = "polyv";

// {"code":code,"status":status,"message":message,"data":""}
http::Response error_response(unsigned code, std::string_view message,
                              const std::optional<std::string>& jsonp = std::nullopt,
                              std::string_view status = "error");

// A refusal in Polyv's error envelope: code = HTTP status, status word "error" unless the answer
// names another, JSONP-wrapped when the request's callback is known.
http::Response render_refusal(const endpoint::Refusal& refusal, const endpoint::Reply& reply);

// The success envelope with message "success" (VOD, group) or "" (live).
http::Response render_success(std::string_view data_json, const endpoint::Reply& reply);
http::Response render_success_unnamed(std::string_view data_json, const endpoint::Reply& reply);
// The same for a list's page, sent as it is (shared, not copied; success_page).
http::Response render_page(std::shared_ptr<const std::string> page, const endpoint::Reply& reply);
http::Response render_page_unnamed(std::shared_ptr<const std::string> page,
                                   const endpoint::Reply& reply);

// {"code":200,"status":"success","message":message,"data":<data_json>}
http::Response success_response(std::string_view data_json, std::string_view message,
                                const std::optional<std::string>& jsonp = std::nullopt);
// The same bytes, with `page` as <data_json> sent as it is: the answer's body shares it
// (http::Response::share_body). With JSONP, a page that has something to escape is copied.
http::Response success_page(std::shared_ptr<const std::string> page, std::string_view message,
                            const std::optional<std::string>& jsonp = std::nullopt);

}  // namespace mediagate::vendors::polyv
