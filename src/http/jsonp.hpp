// JSONP: wrapping a JSON body as `callback(json)` for vendors whose partners ask for it.
// Pure functions; the callback name is validated before it is echoed back, so a request
// can never inject script text into the response.
#pragma once

#include <string>
#include <string_view>

namespace mediagate::http {

inline constexpr std::string_view kJsonpContentType = "application/javascript;charset=UTF-8";
inline constexpr std::size_t kMaxJsonpCallbackLength = 64;

// Whether `callback` matches ^[A-Za-z_$][A-Za-z0-9_$.]{0,63}$.
bool is_valid_jsonp_callback(std::string_view callback);

// `callback(json)`; the caller has validated `callback`. Inside `json`, '<' becomes \u003c
// (no "</script>" or "<!--" for a page that inlines the answer) and U+2028/U+2029 become
// \u2028/\u2029 (line ends in JavaScript before ES2019): the JSON means the same.
std::string wrap_jsonp(std::string_view callback, std::string_view json);

// Whether wrap_jsonp would escape anything in `json` (a '<', U+2028 or U+2029): when not, the
// wrapped text is `callback(` + json + `)`, and json may be sent as it is.
bool needs_jsonp_escapes(std::string_view json);

}  // namespace mediagate::http
