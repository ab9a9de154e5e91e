#include "vendors/pumpkin/pumpkin_envelope.hpp"

#include <charconv>
#include <string>

#include "core/civil_time.hpp"
#include "core/logger.hpp"  // append_json_string

namespace mediagate::vendors::pumpkin {
namespace {

http::Response render(const Status& status, std::string_view content_json, core::EpochMs now,
                      int utc_offset_minutes) {
  std::string json;
  json.reserve(content_json.size() + 160);
  json += R"({"message":)";
  core::append_json_string(json, status.message);
  json += R"(,"content":)";
  json += content_json;
  json += R"(,"status_code":)";
  json += std::to_string(status.code);
  json += R"(,"timestamp":)";
  core::append_json_string(json, std::to_string(now));
  json += R"(,"date":)";
  core::append_json_string(json, core::wall_time_text(now, utc_offset_minutes).view());
  json += '}';

  http::Response response;
  response.status = 200;  // every Pumpkin answer, errors included (decisions.md)
  response.body = std::move(json);
  return response;
}

}  // namespace

http::Response error_response(const Status& status, core::EpochMs now, int utc_offset_minutes) {
  return render(status, "{}", now, utc_offset_minutes);
}

http::Response render_refusal(const endpoint::Refusal& refusal, const endpoint::Reply& reply) {
  const std::string_view code = refusal.answer.code;
  std::int64_t number = 0;
  std::from_chars(code.data(), code.data() + code.size(), number);
  return error_response(Status{number, refusal.answer.message}, reply.now,
                        reply.utc_offset_minutes);
}

http::Response success_response(std::string_view content_json, core::EpochMs now,
                                int utc_offset_minutes) {
  return render(kSuccess, content_json, now, utc_offset_minutes);
}

}  // namespace mediagate::vendors::pumpkin
