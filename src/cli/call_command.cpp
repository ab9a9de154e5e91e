#include "cli/call_command.hpp"

#include <chrono>
#include <iostream>

#include "cli/sandbox_hint_view.hpp"
#include "cli/vendor_names.hpp"
#include "client/vendor_client.hpp"
#include "core/numbers.hpp"
#include "vendors/client_descriptors.hpp"

namespace mediagate::cli {
namespace {

bool needs_userid(const client::VendorDescriptor& vendor) {
  return vendor.needs_userid();
}

constexpr const char* kUsage =
    R"(Usage: mediagate call --vendor VENDOR [--param NAME=VALUE]... [options]

Signs a request with the client SDK, sends it and prints the response body. The SDK adds
what it generates when not given; identities are parameters (or --userid): the list below
says which, vendor by vendor.

  --vendor VENDOR     {vendors}
  --base-url URL      http[s]://HOST[:PORT][/PREFIX] (default http://127.0.0.1:8080);
                      https verifies the server's certificate against the system trust
                      store (or --cacert) and its name
  --cacert FILE       https: trust the CAs in this PEM file instead of the system's
                      (e.g. the ca.pem of `mediagate cert`)
  --param NAME=VALUE  a parameter, raw (not URL-encoded); repeat for each
  --userid ID         {userid_vendors}: the {userid} of the path
  --secret-file FILE  read the secret from FILE (trailing line breaks ignored);
                      default: the MEDIAGATE_SECRET environment variable
  --method METHOD     GET (default); POST sends a form body, to the vendors the list below
                      says accept it
  --timeout-ms N      limit for each of connect, write and read (default 10000)
  --explain           show every step: parameters, canonical string, string signed (secret
                      redacted), signature, URL, HTTP status and headers, body, result;
                      from a server in sandbox mode that refused the signature, also what
                      the server signed (its X-Mediagate-Sandbox-* headers, decoded), each
                      string compared with the client's: identical, or the first byte where
                      they differ

Per vendor: what the SDK adds when not given; the parameter naming the caller; the methods.
{per_vendor}
Exit status: 0 vendor success, 1 vendor error or no vendor answer, 2 usage error.

Example:
{example})";

// The usage text, the vendors' parts filled in from their descriptors.
std::string usage_text() {
  return with_parts(kUsage, {{"{vendors}", vendor_names(" | ")},
                             {"{userid_vendors}", vendor_names(" and ", needs_userid)},
                             {"{per_vendor}", call_vendor_notes()},
                             {"{example}", vendor_example("call", "--explain")}});
}

constexpr const char* kDefaultBaseUrl = "http://127.0.0.1:8080";
constexpr std::int64_t kDefaultTimeoutMs = 10'000;

bool accepts_post(const client::VendorDescriptor& vendor) {
  return vendor.accepts_post;
}

void print_body(std::ostream& out, const std::string& body) {
  out << body;
  if (body.empty() || body.back() != '\n') out << "\n";
}

}  // namespace

int run_call(const std::vector<std::string>& args) {
  return run_call(args, CommandContext{});
}

int run_call(const std::vector<std::string>& args, const CommandContext& context) {
  const detail::Streams io = detail::streams_of(context);
  std::ostream& out = io.out;
  std::ostream& err = io.err;
  auto usage_error = [&err](const std::string& message) {
    err << "mediagate call: " << message << "\n" << usage_text();
    return 2;
  };
  auto parsed = parse_arguments(
      args,
      {"vendor", "base-url", "param", "userid", "secret-file", "method", "timeout-ms", "cacert"},
      {"help", "explain"});
  if (!parsed) return usage_error(parsed.error());
  if (parsed->has("help")) {
    out << usage_text();
    return 0;
  }
  auto found = detail::read_vendor(*parsed);
  if (!found) return usage_error(found.error());
  const auto* vendor = *found;
  const bool path_userid = vendor->needs_userid();
  if (path_userid && !parsed->has("userid")) {
    return usage_error(std::string(vendor->name) + " needs --userid");
  }
  if (!path_userid && parsed->has("userid")) {
    return usage_error("--userid is for " + vendor_names(" and ", needs_userid) + " only");
  }

  auto params = detail::read_params(*parsed);
  if (!params) return usage_error(params.error());
  auto method = detail::read_method(*parsed);
  if (!method) return usage_error(method.error());
  auto base_url = client::BaseUrl::parse(parsed->has("base-url") ? parsed->all("base-url").back()
                                                                 : kDefaultBaseUrl);
  if (!base_url) return usage_error(base_url.error());
  if (parsed->has("cacert") && !base_url->https) return usage_error("--cacert is for https");
  std::int64_t timeout_ms = kDefaultTimeoutMs;
  if (parsed->has("timeout-ms")) {
    const auto value = core::parse_digits(parsed->all("timeout-ms").back());
    if (!value || *value < 1) return usage_error("--timeout-ms: a positive number of ms");
    timeout_ms = *value;
  }
  auto secret = detail::read_secret(*parsed, context);
  if (!secret) return usage_error(secret.error());
  const bool explain = parsed->has("explain");

  client::ClientOptions options;
  options.base_url = std::move(*base_url);
  if (parsed->has("cacert")) options.ca_file = parsed->all("cacert").back();
  options.timeout = std::chrono::milliseconds(timeout_ms);
  options.clock = context.clock;
  options.nonces = context.nonces;
  if (*method == "POST" && !vendor->accepts_post) {
    return usage_error("only " + vendor_names(" and ", accepts_post) +
                       " accepts POST; the others are GET");
  }
  client::VendorClient client(*vendor, std::move(options), std::move(*secret));

  client::RequestSpec spec;
  spec.method = *method;
  spec.params = std::move(*params);
  if (path_userid) spec.userid = parsed->all("userid").back();
  auto request = client.prepare(std::move(spec));
  if (!request) return usage_error(request.error().message);

  if (explain) {
    out << "== parameters (generated ones included)\n";
    for (const auto& [name, value] : request->fields) {
      if (name != "sign") out << name << "=" << value << "\n";
    }
    out << "== canonical string\n"
        << request->steps.canonical << "\n"
        << "== string signed (secret redacted)\n"
        << request->steps.string_to_sign_redacted << "\n"
        << "== signature\n"
        << request->steps.signature << "\n"
        << "== request\n"
        << request->method << " " << client.url_of(*request) << "\n";
    if (!request->body.empty()) {
      out << "content-type: " << request->content_type << "\n\n" << request->body << "\n";
    }
  }

  const client::SignatureSteps steps = request->steps;
  auto exchange = client.send(std::move(request).value());
  if (!exchange) {
    if (explain) out << "== result\n" << exchange.error().describe() << "\n";
    err << "mediagate call: " << exchange.error().describe() << "\n";
    return 1;
  }
  const auto& response = exchange->response;
  if (explain) {
    out << "== response\nHTTP " << response.status << "\n";
    for (const auto& [name, value] : response.headers) out << name << ": " << value << "\n";
    out << "== body\n";
  }
  print_body(out, response.body);
  const auto hints = sandbox_hints(response.headers);
  const auto checked = client::check_answer(*vendor, response);
  if (explain) {
    print_sandbox_hints(out, hints, steps);
    out << "== result\n" << (checked ? std::string("success") : checked.error().describe()) << "\n";
  }
  if (!checked) {
    err << "mediagate call: " << checked.error().describe() << "\n";
    if (!hints.empty() && !explain) {
      err << "mediagate call: the sandbox sent what it signed; --explain compares it with the "
             "client's\n";
    }
    return 1;
  }
  return 0;
}

}  // namespace mediagate::cli
