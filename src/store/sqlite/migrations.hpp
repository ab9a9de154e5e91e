// Schema migrations: an ordered list of SQL scripts, each applied once, in its own
// transaction, and recorded in schema_migrations(version, applied_at). Re-running the list
// on a migrated database applies nothing.
#pragma once

#include <span>

#include "core/clock.hpp"
#include "store/sql/migration.hpp"
#include "store/sqlite/connection.hpp"

namespace mediagate::store::sqlite {

using sql::Migration;

// Applies every migration the database has not recorded; returns how many were applied.
// A database recording a version this list does not know (made by a newer build) is an error.
StoreResult<int> apply_migrations(Connection& connection, std::span<const Migration> migrations,
                                  const core::Clock& clock);

}  // namespace mediagate::store::sqlite
