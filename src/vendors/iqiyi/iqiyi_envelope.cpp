#include "vendors/iqiyi/iqiyi_envelope.hpp"

#include "core/json_writer.hpp"
#include "http/jsonp.hpp"

namespace mediagate::vendors::iqiyi {
namespace {

http::Response finish(std::string json, const std::optional<std::string>& callback) {
  http::Response response;
  response.status = 200;  // every outcome, errors included (decisions.md)
  if (callback) {
    response.content_type = std::string(http::kJsonpContentType);
    response.body = http::wrap_jsonp(*callback, json);
  } else {
    response.body = std::move(json);
  }
  response.log_vendor = std::string(kVendor);
  return response;
}

}  // namespace

http::Response error_response(const ResultCode& result,
                              const std::optional<std::string>& callback) {
  core::JsonWriter w;
  w.begin_object().field("code", result.code).field("msg", result.msg).end_object();
  return finish(std::move(w).str(), callback);
}

http::Response render_refusal(const endpoint::Refusal& refusal, const endpoint::Reply& reply) {
  return error_response(ResultCode{refusal.answer.code, refusal.answer.message}, reply.callback);
}

http::Response render_success(std::string_view data_json, const endpoint::Reply& reply) {
  core::JsonWriter w;
  w.begin_object()
      .field("code", kSuccess.code)
      .field("msg", kSuccess.msg)
      .key("result")
      .begin_object()
      .field("code", kSuccess.code)
      .field("message", kSuccess.msg)
      .key("data");
  std::string json = std::move(w).str();
  json += data_json;
  json += "}}";
  return finish(std::move(json), reply.callback);
}

http::Response render_result(std::string_view result_json, const endpoint::Reply& reply) {
  core::JsonWriter w;
  w.begin_object().field("code", kSuccess.code).field("msg", kSuccess.msg).key("result");
  std::string json = std::move(w).str();
  json += result_json;
  json += '}';
  return finish(std::move(json), reply.callback);
}

http::Response render_flat_success(std::string_view data_json, const endpoint::Reply& reply) {
  core::JsonWriter w;
  w.begin_object().field("code", kSuccess.code).field("msg", kProcessed).key("data");
  std::string json = std::move(w).str();
  json += data_json;
  json += '}';
  return finish(std::move(json), reply.callback);
}

http::Response vod_count_response(std::int64_t send_gift_size,
                                  const std::optional<std::string>& callback) {
  core::JsonWriter w;
  w.begin_object().field("sendGiftSize", send_gift_size).end_object();
  return render_success(std::move(w).str(), endpoint::Reply{callback, 0, 0});
}

}  // namespace mediagate::vendors::iqiyi
