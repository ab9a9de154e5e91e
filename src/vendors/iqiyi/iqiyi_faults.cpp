#include "vendors/iqiyi/iqiyi_faults.hpp"

#include "vendors/iqiyi/iqiyi_envelope.hpp"

namespace mediagate::vendors::iqiyi {
namespace {

core::Expected<Responder, VendorErrorProblem> read_vendor_error(const boost::json::object& object) {
  if (auto known = only_keys(object, {"code", "msg"}); !known) {
    return core::unexpected(std::move(known).error());
  }
  auto code = required_string(object, "code");
  if (!code) return core::unexpected(std::move(code).error());
  auto msg = required_string(object, "msg");
  if (!msg) return core::unexpected(std::move(msg).error());
  return Responder([code = std::move(*code), msg = std::move(*msg)](const http::Request&) {
    return error_response(ResultCode{code, msg});
  });
}

}  // namespace

FaultEndpoint fault_endpoint(std::string name, std::string pattern) {
  return FaultEndpoint{std::move(name), std::move(pattern), R"({"code":string,"msg":string})",
                       read_vendor_error,
                       [](const http::Request&) { return error_response(kSystemError); }};
}

}  // namespace mediagate::vendors::iqiyi
