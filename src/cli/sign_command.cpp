#include "cli/sign_command.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

#include "cli/vendor_names.hpp"
#include "client/signed_request.hpp"
#include "vendors/client_descriptors.hpp"

namespace mediagate::cli {
namespace {

constexpr const char* kUsage =
    R"(Usage: mediagate sign --vendor VENDOR --param NAME=VALUE... [options]

Prints what VENDOR's signature rule makes of the parameters, exactly as given (nothing is
added): the canonical string, the string signed (the secret shown as <secret>) and the
signature. The same code signs SDK requests and verifies them in the server.

  --vendor VENDOR     {vendors}
  --param NAME=VALUE  a parameter, raw (not URL-encoded); repeat for each
  --secret-file FILE  read the secret from FILE (trailing line breaks ignored);
                      default: the MEDIAGATE_SECRET environment variable
  --method METHOD     GET (default) or POST; signed only by the vendors the list below says
  --path PATH         the path to sign instead of the endpoint's own
  --sign-all          sign every --param as given instead of the rule's own set
                      (both for {path_vendors} only)

What --method, --path and --sign-all change, per vendor (the others ignore them):
{per_vendor}
Example:
{example})";

bool signs_given_path(const client::VendorDescriptor& vendor) {
  return vendor.signs_given_path;
}

// The usage text, the vendors' parts filled in from their descriptors.
std::string usage_text() {
  return with_parts(kUsage, {{"{vendors}", vendor_names(" | ")},
                             {"{path_vendors}", vendor_names(", ", signs_given_path)},
                             {"{per_vendor}", sign_vendor_notes()},
                             {"{example}", vendor_example("sign")}});
}

}  // namespace

namespace detail {

Streams streams_of(const CommandContext& context) {
  return {context.out != nullptr ? *context.out : std::cout,
          context.err != nullptr ? *context.err : std::cerr};
}

std::optional<std::string> lookup_environment(const CommandContext& context,
                                              const std::string& name) {
  if (context.getenv) return context.getenv(name);
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

core::Expected<std::string, std::string> read_secret(const ParsedArguments& parsed,
                                                     const CommandContext& context) {
  std::string secret;
  if (parsed.has("secret-file")) {
    const std::string path = parsed.all("secret-file").back();
    std::ifstream file(path, std::ios::binary);
    if (!file) return core::unexpected("cannot read the secret file " + path);
    secret.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
    if (secret.empty()) return core::unexpected("the secret file " + path + " is empty");
    return secret;
  }
  auto from_environment = lookup_environment(context, kSecretEnvironment);
  if (!from_environment || from_environment->empty()) {
    return core::unexpected(std::string("no secret: give --secret-file FILE or set ") +
                            kSecretEnvironment);
  }
  return std::move(*from_environment);
}

core::Expected<core::ParamMap, std::string> read_params(const ParsedArguments& parsed) {
  core::ParamMap params;
  for (const auto& item : parsed.all("param")) {
    const auto eq = item.find('=');
    if (eq == std::string::npos)
      return core::unexpected("--param " + item + ": expected NAME=VALUE");
    std::string name = item.substr(0, eq);
    if (name.empty()) return core::unexpected("--param " + item + ": empty name");
    if (name == "sign") {
      return core::unexpected(std::string("--param sign: the signature is computed, not given"));
    }
    if (!params.emplace(name, item.substr(eq + 1)).second) {
      return core::unexpected("--param " + name + " given twice");
    }
  }
  return params;
}

core::Expected<const client::VendorDescriptor*, std::string> read_vendor(
    const ParsedArguments& parsed) {
  if (!parsed.positional.empty())
    return core::unexpected("unexpected " + parsed.positional.front());
  if (!parsed.has("vendor")) return core::unexpected(std::string("--vendor is required"));
  const auto* vendor = vendors::parse_vendor(parsed.all("vendor").back());
  if (vendor == nullptr) return core::unexpected("unknown vendor " + parsed.all("vendor").back());
  return vendor;
}

core::Expected<std::string, std::string> read_method(const ParsedArguments& parsed) {
  if (!parsed.has("method")) return std::string("GET");
  std::string method = parsed.all("method").back();
  for (char& c : method) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (method != "GET" && method != "POST") {
    return core::unexpected("--method " + parsed.all("method").back() + ": GET or POST");
  }
  return method;
}

}  // namespace detail

int run_sign(const std::vector<std::string>& args) {
  return run_sign(args, CommandContext{});
}

int run_sign(const std::vector<std::string>& args, const CommandContext& context) {
  const detail::Streams io = detail::streams_of(context);
  std::ostream& out = io.out;
  std::ostream& err = io.err;
  auto usage_error = [&err](const std::string& message) {
    err << "mediagate sign: " << message << "\n" << usage_text();
    return 2;
  };
  auto parsed = parse_arguments(args, {"vendor", "param", "secret-file", "method", "path"},
                                {"help", "sign-all"});
  if (!parsed) return usage_error(parsed.error());
  if (parsed->has("help")) {
    out << usage_text();
    return 0;
  }
  auto found = detail::read_vendor(*parsed);
  if (!found) return usage_error(found.error());
  const auto* vendor = *found;
  if (!vendor->signs_given_path && (parsed->has("path") || parsed->has("sign-all"))) {
    return usage_error("--path and --sign-all are for " + vendor_names(" and ", signs_given_path) +
                       " only");
  }
  auto params = detail::read_params(*parsed);
  if (!params) return usage_error(params.error());
  auto method = detail::read_method(*parsed);
  if (!method) return usage_error(method.error());
  auto secret = detail::read_secret(*parsed, context);
  if (!secret) return usage_error(secret.error());

  client::SignInput input;
  input.vendor = vendor;
  input.method = *method;
  input.params = std::move(*params);
  if (parsed->has("path")) input.signed_path = parsed->all("path").back();
  input.sign_all = parsed->has("sign-all");
  const auto steps = client::compute_signature(input, *secret);
  if (!steps) return usage_error(steps.error().message);
  out << "canonical:     " << steps->canonical << "\n"
      << "string signed: " << steps->string_to_sign_redacted << "\n"
      << "signature:     " << steps->signature << "\n";
  return 0;
}

}  // namespace mediagate::cli
