#include "client/vendor_client.hpp"

#include <openssl/crypto.h>

#include "client/json_fields.hpp"

namespace mediagate::client {
namespace {

const core::Clock& system_clock() {
  static const core::SystemClock kClock;
  return kClock;
}

}  // namespace

VendorClient::VendorClient(const VendorDescriptor& vendor, ClientOptions options,
                           std::string secret)
    : vendor_(&vendor),
      options_(std::move(options)),
      secret_(std::move(secret)),
      http_(std::make_unique<HttpClient>(
          options_.base_url.host, options_.base_url.port, options_.timeout,
          TlsClientOptions{options_.base_url.https, options_.ca_file, {}})) {
  if (options_.nonces == nullptr) {
    own_nonces_ = std::make_unique<RandomNonceSource>();
    options_.nonces = own_nonces_.get();
  }
  if (options_.clock == nullptr) options_.clock = &system_clock();
}

VendorClient::~VendorClient() {
  if (!secret_.empty()) OPENSSL_cleanse(secret_.data(), secret_.size());
}
VendorClient::VendorClient(VendorClient&&) noexcept = default;
VendorClient& VendorClient::operator=(VendorClient&&) noexcept = default;

core::Expected<SignedRequest, ClientError> VendorClient::prepare(RequestSpec spec) {
  fill_generated(*vendor_, spec.params, *options_.clock, *options_.nonces, options_.app_name);
  return build_request(*vendor_, spec, secret_);
}

std::string VendorClient::url_of(const SignedRequest& request) const {
  return options_.base_url.str() + request.target();
}

core::Expected<Exchange, ClientError> VendorClient::send(SignedRequest request) {
  const HeaderList headers{{"Host", options_.base_url.authority()}, {"Accept", "application/json"}};
  auto response = http_->send(request.method, options_.base_url.target(request.target()),
                              request.body, request.content_type, headers);
  if (!response) {
    return core::unexpected(
        ClientError::transport(std::move(response.error().message),
                               response.error().kind == TransportError::Kind::kTimeout));
  }
  Exchange exchange;
  exchange.url = url_of(request);
  exchange.request = std::move(request);
  exchange.response = std::move(response).value();
  return exchange;
}

core::Expected<Exchange, ClientError> VendorClient::exchange(RequestSpec spec) {
  return prepare(std::move(spec)).and_then([this](SignedRequest request) {
    return send(std::move(request));
  });
}

core::Expected<Exchange, ClientError> VendorClient::call(RequestSpec spec) {
  MG_TRY(auto exchange, this->exchange(std::move(spec)));
  MG_TRY_VOID(check_answer(*vendor_, exchange.response));
  return exchange;
}

int VendorClient::connections_opened() const {
  return http_->connections_opened();
}

core::Expected<core::Ok, ClientError> check_answer(const VendorDescriptor& vendor,
                                                   const ClientResponse& response) {
  return detail::decode_answer(vendor, response).transform([](const auto&) {});
}

}  // namespace mediagate::client
