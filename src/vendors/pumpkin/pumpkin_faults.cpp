#include "vendors/pumpkin/pumpkin_faults.hpp"

#include <limits>

#include "vendors/pumpkin/pumpkin_envelope.hpp"

namespace mediagate::vendors::pumpkin {

endpoint::FaultEndpoint fault_endpoint(const endpoint::Context& context, std::string name,
                                       std::string pattern) {
  const endpoint::Context* ctx = &context;
  auto render = [ctx](std::int64_t code, std::string_view message) {
    return error_response(Status{code, message}, ctx->clock.now_ms(),
                          static_cast<int>(ctx->config.utc_offset_minutes));
  };
  auto read_vendor_error = [render](const boost::json::object& object)
      -> core::Expected<endpoint::Responder, endpoint::VendorErrorProblem> {
    if (auto known = endpoint::only_keys(object, {"status_code", "message"}); !known) {
      return core::unexpected(std::move(known).error());
    }
    auto code =
        endpoint::required_int(object, "status_code", std::numeric_limits<std::int64_t>::min(),
                               std::numeric_limits<std::int64_t>::max());
    if (!code) return core::unexpected(std::move(code).error());
    auto message = endpoint::required_string(object, "message");
    if (!message) return core::unexpected(std::move(message).error());
    return endpoint::Responder([render, code = *code, message = std::move(*message)](
                                   const http::Request&) { return render(code, message); });
  };
  return endpoint::FaultEndpoint{std::move(name), std::move(pattern),
                                 R"({"status_code":integer,"message":string})", read_vendor_error,
                                 [render](const http::Request&) {
                                   return render(kGenerateFailed.code, kGenerateFailed.message);
                                 }};
}

}  // namespace mediagate::vendors::pumpkin
