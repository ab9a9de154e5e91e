// The vendor modules this build serves: the one place that names them (docs/architecture.md,
// "Adding an endpoint").
#pragma once

#include <vector>

#include "endpoint/registry.hpp"

namespace mediagate::vendors {

// Every vendor endpoint, module by module.
std::vector<endpoint::Route> routes();

}  // namespace mediagate::vendors
