#pragma once

#include <string>
#include <vector>

namespace mediagate::cli {

// mediagate serve [--config FILE] [--listen HOST:PORT] [--store URL] [--fixtures FILE]...
int run_serve(const std::vector<std::string>& args);

}  // namespace mediagate::cli
