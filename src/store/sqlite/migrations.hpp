// The modules' migrations on SQLite (store/sql/migration.hpp: the ledgers and the rules), each
// step in its own IMMEDIATE transaction. Re-running on a migrated database applies nothing.
#pragma once

#include <span>

#include "core/clock.hpp"
#include "store/module_schema.hpp"
#include "store/sql/migration.hpp"
#include "store/sqlite/connection.hpp"

namespace mediagate::store::sqlite {

// Applies every step of `modules` the database has not recorded; returns how many were
// applied. A database recording a step these modules do not have (made by a newer build) is
// an error.
StoreResult<int> apply_migrations(Connection& connection, std::span<const ModuleSchema> modules,
                                  const core::Clock& clock);

}  // namespace mediagate::store::sqlite
