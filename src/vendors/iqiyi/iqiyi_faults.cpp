#include "vendors/iqiyi/iqiyi_faults.hpp"

#include "vendors/iqiyi/iqiyi_envelope.hpp"

namespace mediagate::vendors::iqiyi {
namespace {

core::Expected<endpoint::Responder, endpoint::VendorErrorProblem> read_vendor_error(
    const boost::json::object& object) {
  if (auto known = endpoint::only_keys(object, {"code", "msg"}); !known) {
    return core::unexpected(std::move(known).error());
  }
  auto code = endpoint::required_string(object, "code");
  if (!code) return core::unexpected(std::move(code).error());
  auto msg = endpoint::required_string(object, "msg");
  if (!msg) return core::unexpected(std::move(msg).error());
  return endpoint::Responder(
      [code = std::move(*code), msg = std::move(*msg)](const http::Request&) {
        return error_response(ResultCode{code, msg});
      });
}

}  // namespace

endpoint::FaultEndpoint fault_endpoint(const endpoint::Context& /*context*/, std::string name,
                                       std::string pattern) {
  return endpoint::FaultEndpoint{std::move(name), std::move(pattern),
                                 R"({"code":string,"msg":string})", read_vendor_error,
                                 [](const http::Request&) { return error_response(kSystemError); }};
}

}  // namespace mediagate::vendors::iqiyi
