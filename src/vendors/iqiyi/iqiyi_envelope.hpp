// iQiyi VIP open API envelopes (seed 002, vendor-spec §3.5-3.7, decisions.md "iQiyi
// getVodCount"): the dialect's result codes and texts, kept here and nowhere else. HTTP status
// is always 200; errors are {"code","msg"}; JSONP wraps success and errors alike.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "endpoint/refusal.hpp"
#include "http/message.hpp"

namespace mediagate::vendors::iqiyi {

// What the access log records as the vendor.
inline constexpr std::string_view kVendor = "iqiyi";

struct ResultCode {
  std::string_view code;
  std::string_view msg;
};

inline constexpr ResultCode kSuccess{"A00000", "成功"};
inline constexpr ResultCode kParamError{"Q00301", "参数错误"};
inline constexpr ResultCode kAccountError{"Q00304", "账号校验失败,有可能是网络问题,建议重试"};
inline constexpr ResultCode kSignError{"Q00307", "签名错误"};
inline constexpr ResultCode kSystemError{"Q00332", "系统错误"};
// The VOD coupon family's business results (seed 002's FAQ; texts: breadth spec §1.2).
inline constexpr ResultCode kCouponUsed{"A00001", "成功"};
inline constexpr ResultCode kNoCouponLeft{"Q00401", "用户无可用点播券"};
inline constexpr std::string_view kProcessed = "处理成功";  // vip/info's success msg

// The same codes as answers of the endpoint pipeline.
inline constexpr endpoint::Answer kParamErrorAnswer{200, kParamError.code, kParamError.msg};
inline constexpr endpoint::Answer kAccountErrorAnswer{200, kAccountError.code, kAccountError.msg};
inline constexpr endpoint::Answer kSignErrorAnswer{200, kSignError.code, kSignError.msg};
inline constexpr endpoint::Answer kSystemErrorAnswer{200, kSystemError.code, kSystemError.msg};

// A refusal in iQiyi's envelope, JSONP-wrapped when the request's callback is known.
http::Response render_refusal(const endpoint::Refusal& refusal, const endpoint::Reply& reply);

// The success envelope around `data_json` (e.g. {"sendGiftSize":N}), JSONP as below.
http::Response render_success(std::string_view data_json, const endpoint::Reply& reply);

// {"code":"A00000","msg":"成功","result":<result_json>}: for endpoints whose business result
// code varies (useVodCoupon: A00001 or Q00401), `result_json` is the whole result object.
http::Response render_result(std::string_view result_json, const endpoint::Reply& reply);

// {"code":"A00000","msg":"处理成功","data":<data_json>}: vip/info's flat envelope (no result
// layer, breadth spec §1.4).
http::Response render_flat_success(std::string_view data_json, const endpoint::Reply& reply);

// {"code":"<code>","msg":"<msg>"}, HTTP 200; `callback(...)` when a (validated) callback is given.
http::Response error_response(const ResultCode& result,
                              const std::optional<std::string>& callback = std::nullopt);

// {"code":"A00000","msg":"成功","result":{"code":"A00000","message":"成功",
//  "data":{"sendGiftSize":N}}}, HTTP 200, JSONP as above.
http::Response vod_count_response(std::int64_t send_gift_size,
                                  const std::optional<std::string>& callback = std::nullopt);

}  // namespace mediagate::vendors::iqiyi
