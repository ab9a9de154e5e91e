#include "vendors/pumpkin/pumpkin_faults.hpp"

#include <limits>

#include "vendors/pumpkin/pumpkin_envelope.hpp"

namespace mediagate::vendors::pumpkin {

FaultEndpoint fault_endpoint(const VendorContext& context, std::string name, std::string pattern) {
  const VendorContext* ctx = &context;
  auto render = [ctx](std::int64_t code, std::string_view message) {
    return error_response(Status{code, message}, ctx->clock.now_ms(),
                          static_cast<int>(ctx->config.utc_offset_minutes));
  };
  auto read_vendor_error =
      [render](const boost::json::object& object) -> core::Expected<Responder, VendorErrorProblem> {
    if (auto known = only_keys(object, {"status_code", "message"}); !known) {
      return core::unexpected(std::move(known).error());
    }
    auto code = required_int(object, "status_code", std::numeric_limits<std::int64_t>::min(),
                             std::numeric_limits<std::int64_t>::max());
    if (!code) return core::unexpected(std::move(code).error());
    auto message = required_string(object, "message");
    if (!message) return core::unexpected(std::move(message).error());
    return Responder([render, code = *code, message = std::move(*message)](const http::Request&) {
      return render(code, message);
    });
  };
  return FaultEndpoint{std::move(name), std::move(pattern),
                       R"({"status_code":integer,"message":string})", read_vendor_error,
                       [render](const http::Request&) {
                         return render(kGenerateFailed.code, kGenerateFailed.message);
                       }};
}

}  // namespace mediagate::vendors::pumpkin
