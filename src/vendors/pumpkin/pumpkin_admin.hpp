// The Pumpkin module's admin resources (/admin/v1/pumpkin/...): partners and media.
#pragma once

#include <span>

#include "admin/admin_support.hpp"

namespace mediagate::vendors::pumpkin {

std::span<const admin::AdminRoute> admin_routes();

}  // namespace mediagate::vendors::pumpkin
