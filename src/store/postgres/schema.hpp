// The PostgreSQL schema, as versioned migrations numbered exactly like the SQLite ones
// (store/sqlite/schema.cpp): migration N makes the same tables, keys and indexes in both
// dialects, so a database of either kind at version N holds the same data model. A unit test
// checks that both lists carry the same versions.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/clock.hpp"
#include "store/postgres/connection.hpp"
#include "store/sql/migration.hpp"

namespace mediagate::store::postgres {

using sql::Migration;

std::span<const Migration> schema_migrations();

// Applies every migration the database (the connection's current schema) has not recorded in
// schema_migrations(version, applied_at), each in its own transaction, under an advisory lock
// so that several servers starting at once apply each one exactly once. Returns how many were
// applied. A database recording a version this list does not know is an error.
StoreResult<int> apply_migrations(Connection& connection, std::span<const Migration> migrations,
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
