// The iQiyi module's admin resources (/admin/v1/iqiyi/...): partners and their users' coupons.
#pragma once

#include <span>

#include "admin/admin_support.hpp"

namespace mediagate::vendors::iqiyi {

std::span<const admin::AdminRoute> admin_routes();

}  // namespace mediagate::vendors::iqiyi
