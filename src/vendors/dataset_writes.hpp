// A whole dataset in and out of a store, and one entity removed, each module's part written by
// its own section (vendors/dataset_sql.hpp lists them) over the store's transactions.
#pragma once

#include "store/store.hpp"
#include "vendors/dataset.hpp"

namespace mediagate::vendors {

// Upserts everything in `data` in one write transaction (Store::transact, serialised with every
// other write): all of it, or (on error) none of it. Ids present are updated; ids absent are
// left alone. A group's allocations are keyed by (email, date, origin, type).
store::StoreResult<ImportSummary> import_dataset(store::Store& store, const Dataset& data);

// Everything, in one read snapshot, in a form that import_dataset() accepts back unchanged.
store::StoreResult<Dataset> export_dataset(store::Store& store);

// import_dataset() as one step of the caller's transaction (Store::transact): failing, it undoes
// only its own writes and the caller decides.
store::StoreResult<ImportSummary> upsert_dataset(store::EntityStore& entities, const Dataset& data);

// Removes the entity and its children in the caller's transaction; false if it did not exist.
store::StoreResult<bool> remove_entity(store::EntityStore& entities, const EntityRef& entity);

}  // namespace mediagate::vendors
