#include "vendors/polyv/polyv_envelope.hpp"

#include <utility>

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

// {"code":200,"status":"success","message":<message>,"data":
void append_success_head(std::string& out, std::string_view message) {
  out += R"({"code":200,"status":"success","message":)";
  core::append_json_string(out, message);
  out += R"(,"data":)";
}

std::string success_head(std::string_view message) {
  std::string head;
  append_success_head(head, message);
  return head;
}

// The success envelope whose head (success_head(message)) is `head`, around `page` as it is;
// copied only for JSONP that escapes something.
http::Response page_answer(std::string_view head, std::shared_ptr<const std::string> page,
                           std::string_view message, const std::optional<std::string>& jsonp) {
  http::Response response;
  if (!jsonp) {
    response.share_body(std::string(head), std::move(page), "}");
    return response;
  }
  if (http::needs_jsonp_escapes(head) || http::needs_jsonp_escapes(*page)) {
    return success_response(*page, message, jsonp);
  }
  std::string wrapped;
  wrapped.reserve(jsonp->size() + 1 + head.size());
  wrapped.append(*jsonp).append(1, '(').append(head);
  response.content_type = std::string(http::kJsonpContentType);
  response.share_body(std::move(wrapped), std::move(page), "})");
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

http::Response render_page(std::shared_ptr<const std::string> page, const endpoint::Reply& reply) {
  static const std::string kHead = success_head("success");
  return page_answer(kHead, std::move(page), "success", reply.callback);
}

http::Response render_page_unnamed(std::shared_ptr<const std::string> page,
                                   const endpoint::Reply& reply) {
  static const std::string kHead = success_head("");
  return page_answer(kHead, std::move(page), "", reply.callback);
}

http::Response success_response(std::string_view data_json, std::string_view message,
                                const std::optional<std::string>& jsonp) {
  std::string json;
  json.reserve(data_json.size() + 64);
  append_success_head(json, message);
  json += data_json;
  json += '}';
  return finish(200, std::move(json), jsonp);
}

http::Response success_page(std::shared_ptr<const std::string> page, std::string_view message,
                            const std::optional<std::string>& jsonp) {
  return page_answer(success_head(message), std::move(page), message, jsonp);
}

}  // namespace mediagate::vendors::polyv
