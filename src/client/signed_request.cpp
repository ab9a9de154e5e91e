#include "client/signed_request.hpp"

#include <openssl/crypto.h>

#include <array>
#include <utility>

#include "vendors/iqiyi/iqiyi_signer.hpp"
#include "vendors/polyv/polyv_live_signer.hpp"
#include "vendors/polyv/polyv_vod_signer.hpp"
#include "vendors/pumpkin/pumpkin_signer.hpp"

namespace mediagate::client {
namespace {

constexpr std::size_t kPumpkinNonceLength = 10;  // the demo's Random.getRandom(10, ...)
constexpr std::string_view kFormContentType = "application/x-www-form-urlencoded;charset=UTF-8";

struct VendorName {
  Vendor vendor;
  std::string_view name;
};
constexpr std::array<VendorName, 5> kVendorNames = {{{Vendor::kPolyvVod, "polyv-vod"},
                                                     {Vendor::kPolyvLive, "polyv-live"},
                                                     {Vendor::kPolyvGroup, "polyv-group"},
                                                     {Vendor::kIqiyi, "iqiyi"},
                                                     {Vendor::kPumpkin, "pumpkin"}}};

// Keeps only what may be shown; the bytes that held the secret are wiped.
SignatureSteps safe_steps(auth::SignatureTrace trace) {
  SignatureSteps steps{std::move(trace.canonical), std::move(trace.string_to_sign_redacted),
                       std::move(trace.signature)};
  if (!trace.string_to_sign.empty()) {
    OPENSSL_cleanse(trace.string_to_sign.data(), trace.string_to_sign.size());
  }
  return steps;
}

void set_if_absent(core::ParamMap& params, std::string_view name, std::string value) {
  if (params.find(name) == params.end()) params.emplace(std::string(name), std::move(value));
}

core::Expected<SignatureSteps, ClientError> sign_params(Vendor vendor, std::string_view method,
                                                        const core::ParamMap& params,
                                                        std::string_view secret,
                                                        std::string_view pumpkin_action,
                                                        bool pumpkin_sign_all) {
  if (secret.empty()) return core::unexpected(ClientError::invalid_argument("empty secret"));
  switch (vendor) {
    case Vendor::kPolyvVod:
      return safe_steps(vendors::polyv::polyv_vod_sign(params, secret));
    case Vendor::kPolyvLive: {
      const auto digest = vendors::polyv::polyv_digest_from_params(params);
      if (!digest) {
        return core::unexpected(
            ClientError::invalid_argument("signatureMethod must be SHA256 or absent"));
      }
      return safe_steps(vendors::polyv::polyv_live_sign(params, secret, *digest));
    }
    case Vendor::kPolyvGroup:
      // The group's sign is the MD5 sandwich; signatureMethod is no switch there.
      return safe_steps(
          vendors::polyv::polyv_live_sign(params, secret, vendors::polyv::PolyvDigest::kMd5));
    case Vendor::kIqiyi:
      return safe_steps(
          vendors::iqiyi::iqiyi_sign(params, secret, vendors::iqiyi::IqiyiCallback::kSigned));
    case Vendor::kPumpkin: {
      if (pumpkin_sign_all)
        return safe_steps(vendors::pumpkin::pumpkin_sign(params, method, secret));
      const auto signed_set = vendors::pumpkin::pumpkin_signed_set(
          params, pumpkin_action.empty() ? kPumpkinPath : pumpkin_action);
      return safe_steps(vendors::pumpkin::pumpkin_sign(signed_set, method, secret));
    }
  }
  return core::unexpected(ClientError::invalid_argument("unknown vendor"));
}

}  // namespace

std::optional<Vendor> parse_vendor(std::string_view name) {
  for (const auto& entry : kVendorNames) {
    if (entry.name == name) return entry.vendor;
  }
  return std::nullopt;
}

std::string_view to_string(Vendor vendor) {
  for (const auto& entry : kVendorNames) {
    if (entry.vendor == vendor) return entry.name;
  }
  return "unknown";
}

std::string vendor_path(Vendor vendor, std::string_view userid) {
  switch (vendor) {
    case Vendor::kPolyvVod:
      return "/v2/video/" + core::rfc3986_encode(userid) + "/get-by-uploader";
    case Vendor::kPolyvLive:
      return std::string(kPolyvLivePath);
    case Vendor::kPolyvGroup:
      return std::string(kPolyvGroupPath);
    case Vendor::kIqiyi:
      return std::string(kIqiyiPath);
    case Vendor::kPumpkin:
      return std::string(kPumpkinPath);
  }
  return "/";
}

core::Expected<SignatureSteps, ClientError> compute_signature(const SignInput& input,
                                                              std::string_view secret) {
  return sign_params(input.vendor, input.method, input.params, secret, input.pumpkin_action,
                     input.pumpkin_sign_all);
}

void fill_generated(Vendor vendor, core::ParamMap& params, const core::Clock& clock,
                    NonceSource& nonces, std::string_view app_name) {
  const std::string now = std::to_string(clock.now_ms());
  switch (vendor) {
    case Vendor::kPolyvVod:
      set_if_absent(params, "ptime", now);
      return;
    case Vendor::kPolyvLive:
    case Vendor::kPolyvGroup:
      set_if_absent(params, "timestamp", now);
      return;
    case Vendor::kIqiyi:
      if (params.find("messageId") == params.end()) {
        params.emplace("messageId", std::string(app_name) + "_" + nonces.uuid());
      }
      set_if_absent(params, "version", "1.0");
      return;
    case Vendor::kPumpkin:
      set_if_absent(params, "timestamp", now);
      if (params.find("signature_nonce") == params.end()) {
        params.emplace("signature_nonce", nonces.alphanumeric(kPumpkinNonceLength));
      }
      set_if_absent(params, "format", "JSON");
      set_if_absent(params, "version", "v1");
      set_if_absent(params, "action", std::string(kPumpkinPath));
      return;
  }
}

std::string SignedRequest::target() const {
  return query.empty() ? path : path + "?" + query;
}

core::Expected<SignedRequest, ClientError> build_request(Vendor vendor, const RequestSpec& spec,
                                                         std::string_view secret) {
  if (spec.method != "GET" && spec.method != "POST") {
    return core::unexpected(ClientError::invalid_argument("method must be GET or POST"));
  }
  if (spec.method == "POST" && vendor != Vendor::kIqiyi) {
    return core::unexpected(
        ClientError::invalid_argument("only iqiyi accepts POST; the others are GET"));
  }
  for (const std::string_view name : {"sign", "jsonp", "callback"}) {
    if (spec.params.find(name) != spec.params.end()) {
      return core::unexpected(ClientError::invalid_argument(
          name == "sign" ? std::string("the SDK computes `sign` itself")
                         : "the SDK never asks for JSONP (`" + std::string(name) + "`)"));
    }
  }
  if (vendor == Vendor::kPolyvVod && spec.userid.empty()) {
    return core::unexpected(ClientError::invalid_argument("polyv-vod needs a userid"));
  }
  auto steps = sign_params(vendor, spec.method, spec.params, secret, {}, false);
  if (!steps) return core::unexpected(std::move(steps).error());

  SignedRequest request;
  request.vendor = vendor;
  request.method = spec.method;
  request.path = vendor_path(vendor, spec.userid);
  for (const auto& [name, value] : spec.params) request.fields.emplace_back(name, value);
  request.fields.emplace_back("sign", steps->signature);
  request.steps = std::move(*steps);
  if (spec.method == "POST") {
    request.body = core::encode_form(request.fields);
    request.content_type = std::string(kFormContentType);
  } else {
    request.query = core::encode_form(request.fields);
  }
  return request;
}

}  // namespace mediagate::client
