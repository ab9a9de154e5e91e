// mediagate call: signs a request with the client SDK, sends it, prints the answer.
#pragma once

#include <string>
#include <vector>

#include "cli/sign_command.hpp"

namespace mediagate::cli {

// mediagate call --vendor V [--base-url URL] [--param NAME=VALUE]... [--userid ID]
//                [--secret-file F] [--method M] [--timeout-ms N] [--cacert F] [--explain]
// Exit status: 0 the vendor answered success, 1 a vendor error (or no vendor answer: transport
// failure, HTTP error, malformed body), 2 usage error (nothing sent).
int run_call(const std::vector<std::string>& args);
int run_call(const std::vector<std::string>& args, const CommandContext& context);

}  // namespace mediagate::cli
