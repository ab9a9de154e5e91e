#include "client/signed_request.hpp"

#include <utility>

namespace mediagate::client {
namespace {

constexpr std::string_view kFormContentType = "application/x-www-form-urlencoded;charset=UTF-8";
constexpr std::string_view kUseridPlaceholder = "{userid}";

core::Expected<SignatureSteps, ClientError> sign_with(const VendorDescriptor& vendor,
                                                      const SigningInput& input,
                                                      std::string_view secret) {
  if (secret.empty()) return core::unexpected(ClientError::invalid_argument("empty secret"));
  return vendor.sign(input, secret);
}

}  // namespace

std::string vendor_path(const VendorDescriptor& vendor, std::string_view userid) {
  std::string path(vendor.path_template);
  const auto at = path.find(kUseridPlaceholder);
  if (at != std::string::npos) {
    path.replace(at, kUseridPlaceholder.size(), core::rfc3986_encode(userid));
  }
  return path;
}

void set_if_absent(core::ParamMap& params, std::string_view name, std::string value) {
  if (params.find(name) == params.end()) params.emplace(std::string(name), std::move(value));
}

core::Expected<SignatureSteps, ClientError> compute_signature(const SignInput& input,
                                                              std::string_view secret) {
  if (input.vendor == nullptr) return core::unexpected(ClientError::invalid_argument("no vendor"));
  return sign_with(*input.vendor, {input.method, input.params, input.signed_path, input.sign_all},
                   secret);
}

void fill_generated(const VendorDescriptor& vendor, core::ParamMap& params,
                    const core::Clock& clock, NonceSource& nonces, std::string_view app_name) {
  vendor.fill_generated(params, GenerationSources{clock, nonces, app_name});
}

std::string SignedRequest::target() const {
  return query.empty() ? path : path + "?" + query;
}

core::Expected<SignedRequest, ClientError> build_request(const VendorDescriptor& vendor,
                                                         const RequestSpec& spec,
                                                         std::string_view secret) {
  if (spec.method != "GET" && spec.method != "POST") {
    return core::unexpected(ClientError::invalid_argument("method must be GET or POST"));
  }
  if (spec.method == "POST" && !vendor.accepts_post) {
    return core::unexpected(
        ClientError::invalid_argument(std::string(vendor.name) + " accepts GET only"));
  }
  for (const std::string_view name : {"sign", "jsonp", "callback"}) {
    if (spec.params.find(name) != spec.params.end()) {
      return core::unexpected(ClientError::invalid_argument(
          name == "sign" ? std::string("the SDK computes `sign` itself")
                         : "the SDK never asks for JSONP (`" + std::string(name) + "`)"));
    }
  }
  if (vendor.needs_userid() && spec.userid.empty()) {
    return core::unexpected(
        ClientError::invalid_argument(std::string(vendor.name) + " needs a userid"));
  }
  MG_TRY(auto steps, sign_with(vendor, {spec.method, spec.params, {}, false}, secret));

  SignedRequest request;
  request.vendor = &vendor;
  request.method = spec.method;
  request.path = vendor_path(vendor, spec.userid);
  for (const auto& [name, value] : spec.params) request.fields.emplace_back(name, value);
  request.fields.emplace_back("sign", steps.signature);
  request.steps = std::move(steps);
  if (spec.method == "POST") {
    request.body = core::encode_form(request.fields);
    request.content_type = std::string(kFormContentType);
  } else {
    request.query = core::encode_form(request.fields);
  }
  return request;
}

}  // namespace mediagate::client
