// mediagate sign: what a vendor's signature rule makes of a set of parameters (the canonical
// string, the string signed with the secret redacted, the signature), computed by the client
// SDK with the signers the server verifies with. Also the pieces `mediagate call` shares.
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "cli/command_line.hpp"
#include "client/nonce_source.hpp"
#include "client/vendor_descriptor.hpp"
#include "core/clock.hpp"
#include "core/expected.hpp"
#include "core/params.hpp"

namespace mediagate::cli {

// What the sign and call commands write to and read from; unset members are the process's.
struct CommandContext {
  std::ostream* out = nullptr;  // std::cout
  std::ostream* err = nullptr;  // std::cerr
  // std::getenv
  std::function<std::optional<std::string>(const std::string&)> getenv;
  const core::Clock* clock = nullptr;     // call only: the system clock
  client::NonceSource* nonces = nullptr;  // call only: a random source
};

// The environment variable a secret is read from when --secret-file is not given.
inline constexpr const char* kSecretEnvironment = "MEDIAGATE_SECRET";

// mediagate sign --vendor V --param NAME=VALUE... [--secret-file F] [--method M] [--path P]
//                [--sign-all]
// Exit status: 0 printed, 2 usage error.
int run_sign(const std::vector<std::string>& args);
int run_sign(const std::vector<std::string>& args, const CommandContext& context);

namespace detail {

// The streams of a CommandContext (its defaults filled in).
struct Streams {
  std::ostream& out;
  std::ostream& err;
};
Streams streams_of(const CommandContext& context);

// An environment variable, through CommandContext::getenv when set.
std::optional<std::string> lookup_environment(const CommandContext& context,
                                              const std::string& name);

// The secret from --secret-file FILE (its trailing line breaks removed), else from
// MEDIAGATE_SECRET. Never empty.
core::Expected<std::string, std::string> read_secret(const ParsedArguments& parsed,
                                                     const CommandContext& context);

// Every --param NAME=VALUE (split at the first '='; the value is raw, not URL-encoded). A
// name given twice, an empty name, a missing '=' or a `sign` parameter is an error.
core::Expected<core::ParamMap, std::string> read_params(const ParsedArguments& parsed);

// The vendor of --vendor (required), once no positional argument is left over.
core::Expected<const client::VendorDescriptor*, std::string> read_vendor(
    const ParsedArguments& parsed);

// "GET" or "POST" from --method (any case); GET when absent.
core::Expected<std::string, std::string> read_method(const ParsedArguments& parsed);

}  // namespace detail
}  // namespace mediagate::cli
