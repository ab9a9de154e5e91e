// How the SDK turns parameters into a signed request for one vendor endpoint (its
// VendorDescriptor): what it generates (timestamps from the clock, nonces, ids), how it signs
// (the vendor's signer, shared with the server), and what goes on the wire. Pure functions: no
// I/O. The descriptors are listed by vendors::client_descriptors().
#pragma once

#include <string>
#include <string_view>

#include "client/client_error.hpp"
#include "client/nonce_source.hpp"
#include "client/signature_steps.hpp"
#include "client/vendor_descriptor.hpp"
#include "core/clock.hpp"
#include "core/expected.hpp"
#include "core/params.hpp"
#include "core/url_form.hpp"

namespace mediagate::client {

// The request path: the descriptor's template, "{userid}" filled in (percent-encoded).
std::string vendor_path(const VendorDescriptor& vendor, std::string_view userid = {});

// What to sign, for compute_signature (`mediagate sign`).
struct SignInput {
  const VendorDescriptor* vendor = nullptr;
  std::string method = "GET";  // some rules sign it; the others ignore it
  core::ParamMap params{};     // a `sign` entry is ignored
  // For a vendor that signs a path as a parameter (VendorDescriptor::signs_given_path): the
  // path signed (empty: the endpoint's own), and whether to sign every parameter as given
  // instead of the endpoint's fixed set. Ignored by the others.
  std::string signed_path{};
  bool sign_all = false;
};

// Signs exactly what it is given (nothing is generated). Fails on a missing vendor, an empty
// secret, or parameters the vendor's rule does not support.
core::Expected<SignatureSteps, ClientError> compute_signature(const SignInput& input,
                                                              std::string_view secret);

// Adds what the SDK generates for `vendor` (VendorDescriptor::fill_generated), where the caller
// has not given it (an explicit value, even an empty one, is kept).
void fill_generated(const VendorDescriptor& vendor, core::ParamMap& params,
                    const core::Clock& clock, NonceSource& nonces,
                    std::string_view app_name = "mediagate");

// For the descriptors' fill_generated: adds `name` = `value` unless `name` is present.
void set_if_absent(core::ParamMap& params, std::string_view name, std::string value);

// A request before signing.
struct RequestSpec {
  std::string method = "GET";  // POST only where the vendor accepts it (a form body)
  core::ParamMap params{};     // no `sign` (the SDK computes it), no `jsonp`/`callback`
  std::string userid{};        // the path's {userid}, where it has one
};

// A signed request, ready to send.
struct SignedRequest {
  const VendorDescriptor* vendor = nullptr;
  std::string method{};
  std::string path{};          // e.g. /v2/video/b0f7041324/get-by-uploader
  core::FormFields fields{};   // every parameter sent, in wire order, `sign` last
  std::string query{};         // GET: the form-encoded fields; POST: empty
  std::string body{};          // POST: the form-encoded fields
  std::string content_type{};  // POST: application/x-www-form-urlencoded;charset=UTF-8
  SignatureSteps steps{};

  // path, then '?' and the query when there is one.
  std::string target() const;
};

// Signs `spec` as given (call fill_generated first) with the vendor's rule. Refuses (without
// sending anything) an empty secret, a `sign`, `jsonp` or `callback` parameter (the SDK
// never asks for JSONP), POST where the vendor does not accept it, a path with {userid} but no
// userid, and parameters the rule does not support.
core::Expected<SignedRequest, ClientError> build_request(const VendorDescriptor& vendor,
                                                         const RequestSpec& spec,
                                                         std::string_view secret);

}  // namespace mediagate::client
