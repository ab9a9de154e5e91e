#pragma once

#include <string>
#include <vector>

namespace mediagate::cli {

// mediagate import FILE... [--store URL] [--config FILE]
int run_import(const std::vector<std::string>& args);

}  // namespace mediagate::cli
