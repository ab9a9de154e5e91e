#pragma once

#include <string>
#include <vector>

namespace mediagate::cli {

// mediagate export [FILE|-] [--store URL] [--batch N] [--config FILE] [--set NAME=VALUE]...
int run_export(const std::vector<std::string>& args);

}  // namespace mediagate::cli
