// One vendor's endpoint (its VendorDescriptor) over one kept-alive connection: generates, signs,
// sends, and tells a vendor answer from everything else. The vendors' typed clients and the
// `mediagate call` command are built on it. Not thread-safe: one client per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "client/client_error.hpp"
#include "client/client_options.hpp"
#include "client/http_client.hpp"
#include "client/signed_request.hpp"
#include "client/vendor_descriptor.hpp"
#include "core/expected.hpp"

namespace mediagate::client {

// One request and its answer, as they went over the wire.
struct Exchange {
  SignedRequest request{};
  std::string url{};  // the absolute URL, signature included (the query of a GET)
  ClientResponse response{};
};

class VendorClient {
 public:
  // `secret` is kept in memory only for signing; it is never logged or sent.
  VendorClient(const VendorDescriptor& vendor, ClientOptions options, std::string secret);
  ~VendorClient();
  VendorClient(VendorClient&&) noexcept;
  VendorClient& operator=(VendorClient&&) noexcept;
  VendorClient(const VendorClient&) = delete;
  VendorClient& operator=(const VendorClient&) = delete;

  const VendorDescriptor& vendor() const { return *vendor_; }
  const ClientOptions& options() const { return options_; }

  // fill_generated (clock, nonces) then build_request: nothing is sent.
  core::Expected<SignedRequest, ClientError> prepare(RequestSpec spec);
  // Sends a prepared request. Any HTTP answer is a value here, vendor errors included; only a
  // transport failure is an error.
  core::Expected<Exchange, ClientError> send(SignedRequest request);
  // prepare then send: any HTTP answer is a value (check it with check_answer or a decoder).
  core::Expected<Exchange, ClientError> exchange(RequestSpec spec);
  // prepare, send, then check_answer: the exchange when the vendor answered success.
  core::Expected<Exchange, ClientError> call(RequestSpec spec);

  // The absolute URL a request goes to (what `mediagate call --explain` shows).
  std::string url_of(const SignedRequest& request) const;

  // How many TCP connections have been opened (connections are reused between calls).
  int connections_opened() const;

 private:
  const VendorDescriptor* vendor_;
  ClientOptions options_;
  std::string secret_;
  std::unique_ptr<NonceSource> own_nonces_;
  std::unique_ptr<HttpClient> http_;
};

// Whether `response` is the vendor's success envelope (VendorDescriptor::check_envelope).
// Otherwise a kVendor error (the vendor's code and message as sent), kHttpStatus (an answer
// that is not the vendor's JSON, with a non-2xx status) or kMalformedResponse.
core::Expected<core::Ok, ClientError> check_answer(const VendorDescriptor& vendor,
                                                   const ClientResponse& response);

}  // namespace mediagate::client
