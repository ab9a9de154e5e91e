#include "vendors/iqiyi/iqiyi_descriptor.hpp"

#include <string>

#include "client/json_fields.hpp"
#include "client/signed_request.hpp"
#include "vendors/iqiyi/iqiyi_signer.hpp"

namespace mediagate::vendors::iqiyi {
namespace {

constexpr std::string_view kSuccessCode = "A00000";
constexpr std::string_view kCouponUsedCode = "A00001";  // useVodCoupon's business success
constexpr client::VendorUsage kUsage{.generates = "messageId (mediagate_UUID) and version",
                                     .caller = "partnerCode"};

void fill_iqiyi_generated(core::ParamMap& params, const client::GenerationSources& sources) {
  if (params.find("messageId") == params.end()) {
    params.emplace("messageId", std::string(sources.app_name) + "_" + sources.nonces.uuid());
  }
  client::set_if_absent(params, "version", "1.0");
}

core::Expected<client::SignatureSteps, client::ClientError> sign_iqiyi(
    const client::SigningInput& input, std::string_view secret) {
  return client::safe_steps(iqiyi_sign(input.params, secret, IqiyiCallback::kSigned));
}

// vip/info names no messageId and no version.
void fill_nothing(core::ParamMap&, const client::GenerationSources&) {}

// code "A00000" (and result.code "A00000", or `also_success`, when there is one) is success.
core::Expected<core::Ok, client::ClientError> check_envelope(const client::VendorDescriptor& self,
                                                             const boost::json::object& envelope,
                                                             const client::ClientResponse& response,
                                                             std::string_view also_success) {
  using client::detail::string_field;
  const auto* code = string_field(envelope, "code");
  if (code == nullptr)
    return core::unexpected(client::detail::not_an_envelope(self.name, response));
  if (*code != kSuccessCode) {
    const auto* msg = string_field(envelope, "msg");
    return core::unexpected(client::ClientError::vendor(std::string(*code),
                                                        msg ? std::string(*msg) : std::string(),
                                                        response.status, response.body));
  }
  // A business failure may come inside a successful envelope (vendor-spec §3.6).
  if (const auto* result = envelope.if_contains("result"); result && result->is_object()) {
    const auto* result_code = string_field(result->get_object(), "code");
    if (result_code != nullptr && *result_code != kSuccessCode &&
        (also_success.empty() || *result_code != also_success)) {
      const auto* result_message = string_field(result->get_object(), "message");
      return core::unexpected(client::ClientError::vendor(
          std::string(*result_code), result_message ? std::string(*result_message) : "",
          response.status, response.body));
    }
  }
  return core::Ok{};
}

core::Expected<core::Ok, client::ClientError> check_iqiyi_envelope(
    const client::VendorDescriptor& self, const boost::json::object& envelope,
    const client::ClientResponse& response) {
  return check_envelope(self, envelope, response, {});
}

// A00001 is a use's success; Q00401 (no coupon) stays a vendor error.
core::Expected<core::Ok, client::ClientError> check_use_envelope(
    const client::VendorDescriptor& self, const boost::json::object& envelope,
    const client::ClientResponse& response) {
  return check_envelope(self, envelope, response, kCouponUsedCode);
}

// An iQiyi endpoint as the SDK calls it: the public host, GET or POST, the MD5 signature, the
// generated messageId and version, success as check_iqiyi_envelope reads it.
constexpr client::VendorDescriptor iqiyi_endpoint(std::string_view name, std::string_view path) {
  return {
      .name = name,
      .path_template = path,
      .default_base_url = kIqiyiBaseUrl,
      .accepts_post = true,
      .fill_generated = fill_iqiyi_generated,
      .sign = sign_iqiyi,
      .check_envelope = check_iqiyi_envelope,
      .usage = kUsage,
  };
}

}  // namespace

const client::VendorDescriptor& iqiyi_descriptor() {
  static const client::VendorDescriptor kDescriptor =
      iqiyi_endpoint("iqiyi", "/vod/coupon/getVodCount.action");
  return kDescriptor;
}

const client::VendorDescriptor& iqiyi_use_vod_coupon_descriptor() {
  static const client::VendorDescriptor kDescriptor = [] {
    auto descriptor = iqiyi_endpoint("iqiyi-use-vod-coupon", "/vod/coupon/useVodCoupon.action");
    descriptor.check_envelope = check_use_envelope;
    return descriptor;
  }();
  return kDescriptor;
}

const client::VendorDescriptor& iqiyi_query_vod_coupon_descriptor() {
  static const client::VendorDescriptor kDescriptor =
      iqiyi_endpoint("iqiyi-query-vod-coupon", "/vod/coupon/queryVodCoupon.action");
  return kDescriptor;
}

const client::VendorDescriptor& iqiyi_vip_info_descriptor() {
  static const client::VendorDescriptor kDescriptor = [] {
    auto descriptor = iqiyi_endpoint("iqiyi-vip-info", "/vip/info.action");
    descriptor.fill_generated = fill_nothing;
    descriptor.usage = {.caller = "partner"};
    return descriptor;
  }();
  return kDescriptor;
}

}  // namespace mediagate::vendors::iqiyi
