// The admin API's OpenAPI 3.1 document (GET /admin/v1/openapi.json), generated from the route
// tables the admin listener mounts: each AdminRoute's AdminDoc, stated where it is registered
// (admin/admin_support.hpp). Names no vendor: the modules' routes come in as tables.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "admin/admin_support.hpp"

namespace mediagate::admin {

// The document of `tables`, mounted below /admin/v1; with `metrics`, GET /metrics too.
std::string admin_openapi_document(const std::vector<std::span<const AdminRoute>>& tables,
                                   bool metrics);

}  // namespace mediagate::admin
