#pragma once

#include <string>
#include <vector>

namespace mediagate::cli {

// mediagate seed [--store URL] [--videos N] [--sessions N] [--allocations N] [--media N] ...
// Generates deterministic demo data (vendors/demo_generator.hpp) straight into a store.
int run_seed(const std::vector<std::string>& args);

}  // namespace mediagate::cli
