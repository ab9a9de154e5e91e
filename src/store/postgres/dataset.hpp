// A whole Dataset in and out of PostgreSQL, on a connection the caller has put in a
// transaction (PostgresStore::import, transact; export_all in a read-only snapshot).
// Rows present are updated, rows absent are left alone; link rows (sub-accounts, actions) are
// only ever added. The summary counts rows inserted or actually changed, as in SQLite.
#pragma once

#include <cstddef>

#include "store/postgres/connection.hpp"
#include "store/store.hpp"

namespace mediagate::store::postgres {

// When a table is loaded set-wise (COPY into a temporary table, then one upsert per batch; the
// same rows written and counted as by one upsert each): at least `min_rows` of its rows in
// `data`, in batches of `batch_rows` (sql::SetWiseOptions).
struct SetWise {
  std::size_t min_rows = 1000;
  std::size_t batch_rows = 50'000;
};

StoreResult<ImportSummary> upsert_dataset(Connection& connection, const Dataset& data,
                                          const SetWise& set_wise);

// Everything, in the order SQLite's export gives (ids ascending, allocations by insertion).
StoreResult<Dataset> export_dataset(Connection& connection);

}  // namespace mediagate::store::postgres
