// A whole Dataset in and out of PostgreSQL, on a connection the caller has put in a
// transaction (PostgresStore::import, transact; export_all in a read-only snapshot).
// Rows present are updated, rows absent are left alone; link rows (sub-accounts, actions) are
// only ever added. The summary counts rows inserted or actually changed, as in SQLite.
#pragma once

#include "store/postgres/connection.hpp"
#include "store/store.hpp"

namespace mediagate::store::postgres {

StoreResult<ImportSummary> upsert_dataset(Connection& connection, const Dataset& data);

// Everything, in the order SQLite's export gives (ids ascending, allocations by insertion).
StoreResult<Dataset> export_dataset(Connection& connection);

}  // namespace mediagate::store::postgres
