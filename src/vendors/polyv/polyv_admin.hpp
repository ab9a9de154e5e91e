// The Polyv module's admin resources (/admin/v1/polyv/...): accounts with their sub-accounts,
// categories, videos, channels and sessions; groups with their sub-accounts and allocations.
#pragma once

#include <span>

#include "admin/admin_support.hpp"

namespace mediagate::vendors::polyv {

std::span<const admin::AdminRoute> admin_account_routes();
std::span<const admin::AdminRoute> admin_group_routes();

// Before a whole document is imported (admin::DocumentRules::check): an appId already used by
// another account would fail the upsert half-way, so it is refused first as a conflict naming
// the document's path ($.polyv.accounts[i].appId).
admin::AdminResult<core::Ok> check_document_app_ids(store::EntityStore& s,
                                                    const vendors::Dataset& data);

}  // namespace mediagate::vendors::polyv
