// The vendor modules this build serves: the one place that names them (docs/architecture.md,
// "Adding an endpoint"), but for the lists that must sit below the admin API or the server:
// the fixture document's sections and the demo data's streams (fixture_format.cpp,
// demo_generator.cpp, which the admin API's import and export and `mediagate seed` use) and the
// SDK's descriptors (client_descriptors.cpp).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "admin/admin_support.hpp"
#include "core/config.hpp"
#include "endpoint/registry.hpp"

namespace mediagate::vendors {

// Every vendor endpoint, module by module.
std::vector<endpoint::Route> routes();

// The modules' settings sections ("polyv.*", "iqiyi.*", "pumpkin.*"), for core::ConfigBuilder.
std::vector<core::ConfigSection> config_sections();

// The rate-limit groups the modules' endpoints count against, as `config` sets them.
std::vector<core::RateLimitGroup> rate_limit_groups(const core::Config& config);

// The modules' admin resources (admin::AdminOptions::resources).
std::vector<std::span<const admin::AdminRoute>> admin_resources();

// The modules' part of importing a whole document through the admin API
// (admin::AdminOptions::documents): the answer's counts and the checks before the upsert.
admin::DocumentRules document_rules();

// The APIs the modules serve, as `mediagate help` names them.
std::string_view served_apis();

}  // namespace mediagate::vendors
