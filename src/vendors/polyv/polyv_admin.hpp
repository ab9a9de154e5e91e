// The Polyv module's admin resources (/admin/v1/polyv/...): accounts with their sub-accounts,
// categories, videos, channels and sessions; groups with their sub-accounts and allocations.
#pragma once

#include <span>

#include "admin/admin_support.hpp"

namespace mediagate::vendors::polyv {

std::span<const admin::AdminRoute> admin_account_routes();
std::span<const admin::AdminRoute> admin_group_routes();

}  // namespace mediagate::vendors::polyv
