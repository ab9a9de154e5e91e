#include "vendors/polyv/polyv_envelope.hpp"

#include "core/json_writer.hpp"
#include "http/jsonp.hpp"

namespace mediagate::vendors::polyv {
namespace {

http::Response finish(unsigned status, std::string json, const std::optional<std::string>& jsonp) {
  http::Response response;
  response.status = status;
  if (jsonp) {
    response.content_type = std::string(http::kJsonpContentType);
    response.body = http::wrap_jsonp(*jsonp, json);
  } else {
    response.body = std::move(json);
  }
  return response;
}

}  // namespace

http::Response error_response(unsigned code, std::string_view message,
                              const std::optional<std::string>& jsonp, std::string_view status) {
  core::JsonWriter w;
  w.begin_object()
      .field("code", static_cast<std::int64_t>(code))
      .field("status", status)
      .field("message", message)
      .field("data", "")
      .end_object();
  return finish(code, std::move(w).str(), jsonp);
}

http::Response render_refusal(const endpoint::Refusal& refusal, const endpoint::Reply& reply) {
  const auto status =
      refusal.answer.status.empty() ? std::string_view{"error"} : refusal.answer.status;
  if (!refusal.answer.names_field) {
    return error_response(refusal.answer.http_status, refusal.answer.message, reply.callback,
                          status);
  }
  return error_response(refusal.answer.http_status, refusal.message(), reply.callback, status);
}

http::Response render_success(std::string_view data_json, const endpoint::Reply& reply) {
  return success_response(data_json, "success", reply.callback);
}

http::Response render_success_unnamed(std::string_view data_json, const endpoint::Reply& reply) {
  return success_response(data_json, "", reply.callback);
}

http::Response success_response(std::string_view data_json, std::string_view message,
                                const std::optional<std::string>& jsonp) {
  std::string json;
  json.reserve(data_json.size() + 64);
  json += R"({"code":200,"status":"success","message":)";
  core::append_json_string(json, message);
  json += R"(,"data":)";
  json += data_json;
  json += '}';
  return finish(200, std::move(json), jsonp);
}

}  // namespace mediagate::vendors::polyv
