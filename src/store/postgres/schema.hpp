// The store's own part of a PostgreSQL schema: the modules' migrations applied
// (store/sql/migration.hpp) and the change tracking every data table carries.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/clock.hpp"
#include "store/module_schema.hpp"
#include "store/postgres/connection.hpp"
#include "store/sql/migration.hpp"

namespace mediagate::store::postgres {

// Applies every step of `modules` the database (the connection's current schema) has not
// recorded, each in its own transaction, under an advisory lock so that several servers
// starting at once apply each one exactly once. Returns how many were applied. A database
// recording a step these modules do not have is an error.
StoreResult<int> apply_migrations(Connection& connection, std::span<const ModuleSchema> modules,
                                  const core::Clock& clock);

// Makes (or completes) the schema's change tracking: the one-row table
// mediagate_data_generation(generation), bumped once by every transaction that writes a data
// table, and a NOTIFY on kChangeChannel (payload: the schema's name) at its commit. Idempotent;
// run after apply_migrations, under the same advisory lock, so every table any migration made
// gets its trigger.
Status install_change_tracking(Connection& connection);

// The channel of those notifications (one for every schema of a database: the payload tells
// whose data changed).
inline constexpr std::string_view kChangeChannel = "mediagate_data";

// The advisory lock that serialises writers of the connection's current schema, held until
// the end of the current transaction.
inline constexpr std::string_view kLockWriters =
    "SELECT pg_advisory_xact_lock(1835296615, hashtext(current_schema()))";

}  // namespace mediagate::store::postgres
