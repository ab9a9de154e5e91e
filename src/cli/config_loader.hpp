// Builds the Config of a command: defaults < --config FILE < MEDIAGATE_* environment < flags.
#pragma once

#include <string>

#include "cli/command_line.hpp"
#include "core/config.hpp"

namespace mediagate::cli {

// Flags understood here: --config, --listen, --store, --fixtures (repeatable), --threads,
// --set NAME=VALUE (repeatable), --sandbox.
core::Expected<core::Config, std::string> load_config(const ParsedArguments& args,
                                                      core::ConfigBuilder* builder_out = nullptr);

}  // namespace mediagate::cli
