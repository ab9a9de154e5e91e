#include "vendors/polyv/polyv_faults.hpp"

#include "vendors/polyv/polyv_envelope.hpp"

namespace mediagate::vendors::polyv {
namespace {

constexpr std::string_view kQueryFailed = "query failed.";

core::Expected<endpoint::Responder, endpoint::VendorErrorProblem> read_vendor_error(
    const boost::json::object& object) {
  if (auto known = endpoint::only_keys(object, {"code", "message", "status"}); !known) {
    return core::unexpected(std::move(known).error());
  }
  auto code = endpoint::required_int(object, "code", 100, 599);
  if (!code) return core::unexpected(std::move(code).error());
  auto message = endpoint::required_string(object, "message");
  if (!message) return core::unexpected(std::move(message).error());
  std::string status = "error";
  if (object.contains("status")) {
    auto given = endpoint::required_string(object, "status");
    if (!given) return core::unexpected(std::move(given).error());
    status = std::move(*given);
  }
  return endpoint::Responder([code = static_cast<unsigned>(*code), message = std::move(*message),
                              status = std::move(status)](const http::Request&) {
    return error_response(code, message, std::nullopt, status);
  });
}

}  // namespace

endpoint::FaultEndpoint fault_endpoint(const endpoint::Context& /*context*/, std::string name,
                                       std::string pattern) {
  return endpoint::FaultEndpoint{
      std::move(name), std::move(pattern),
      R"({"code":100..599,"message":string,"status":string (default "error")})", read_vendor_error,
      [](const http::Request&) { return error_response(500, kQueryFailed); }};
}

}  // namespace mediagate::vendors::polyv
