// What the generic SDK needs to know about one vendor endpoint, provided by the vendor's module
// (src/vendors/<vendor>/*_descriptor): its name for `mediagate sign`/`call`, its path, what the
// SDK generates for it, how it signs (and explains the steps), how its answers say success, and
// its own host. src/client names no vendor: every vendor-specific decision is a field here, and
// vendors::client_descriptors() (src/vendors/client_descriptors.hpp) lists them.
#pragma once

#include <string_view>

#include <boost/json/object.hpp>

#include "client/client_error.hpp"
#include "client/http_client.hpp"
#include "client/nonce_source.hpp"
#include "client/signature_steps.hpp"
#include "core/clock.hpp"
#include "core/expected.hpp"
#include "core/params.hpp"

namespace mediagate::client {

// What a vendor's rule signs. `signed_path` and `sign_all` mean something only to a vendor whose
// descriptor says signs_given_path (it signs a path as a parameter); the others ignore them.
struct SigningInput {
  std::string_view method = "GET";
  const core::ParamMap& params;
  std::string_view signed_path{};  // empty: the endpoint's own path
  bool sign_all = false;           // sign every parameter as given, not the endpoint's set
};

// Where generated values come from.
struct GenerationSources {
  const core::Clock& clock;
  NonceSource& nonces;
  std::string_view app_name;  // a prefix some vendors put into generated ids
};

// What `mediagate call --help` and `mediagate sign --help` say of an endpoint: the CLI assembles
// its help texts from these, descriptor by descriptor. Every field may be empty.
struct VendorUsage {
  // What fill_generated adds when not given, e.g. "ptime"; empty: nothing.
  std::string_view generates{};
  // The parameter that names the caller, e.g. "appId"; empty when the path's {userid} does.
  std::string_view caller{};
  // What `sign`'s --method, --path and --sign-all change in its signature; empty: nothing (the
  // rule ignores the method, and signs_given_path is false).
  std::string_view signing{};
  // An example for the help texts: the secret, and what follows `--vendor NAME` in a `call`
  // and in a `sign` (parameters as --param NAME=VALUE, and --userid when the path needs it).
  std::string_view example_secret{};
  std::string_view call_example{};
  std::string_view sign_example{};
};

struct VendorDescriptor {
  // Its name in `mediagate sign/call --vendor` and in messages ("not a NAME JSON envelope").
  std::string_view name;
  // The request path; "{userid}" in it is replaced by RequestSpec::userid, percent-encoded.
  std::string_view path_template;
  // The vendor's own host, for ClientOptions::base_url; "" when it is not public.
  std::string_view default_base_url;
  // Whether POST (a form body) is accepted; GET always is.
  bool accepts_post = false;
  // Whether SigningInput::signed_path and sign_all apply (`mediagate sign --path/--sign-all`).
  bool signs_given_path = false;
  // Adds what the SDK generates (timestamps, nonces, ids) where the caller has not given it; an
  // explicit value, even an empty one, is kept.
  void (*fill_generated)(core::ParamMap& params, const GenerationSources& sources) = nullptr;
  // Signs exactly what it is given. The secret is never empty here. Fails (kInvalidArgument)
  // when the parameters ask for something the rule does not support.
  core::Expected<SignatureSteps, ClientError> (*sign)(const SigningInput& input,
                                                      std::string_view secret) = nullptr;
  // Reads an answer that parsed as a JSON object: success, a kVendor error (the vendor's code
  // and message as sent), or detail::not_an_envelope(self.name, response) (json_fields.hpp).
  core::Expected<core::Ok, ClientError> (*check_envelope)(const VendorDescriptor& self,
                                                          const boost::json::object& envelope,
                                                          const ClientResponse& response) = nullptr;
  // What the CLI's help says of it.
  VendorUsage usage{};

  // Whether the path needs RequestSpec::userid.
  bool needs_userid() const { return path_template.find("{userid}") != std::string_view::npos; }
};

inline std::string_view to_string(const VendorDescriptor& vendor) {
  return vendor.name;
}

}  // namespace mediagate::client
