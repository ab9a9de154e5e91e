#include "vendors/dataset_writes.hpp"

#include <optional>
#include <utility>

#include "store/sql_access.hpp"
#include "vendors/dataset_sql.hpp"

namespace mediagate::vendors {

store::StoreResult<ImportSummary> import_dataset(store::Store& store, const Dataset& data) {
  std::optional<ImportSummary> summary;
  auto done = store.transact([&](store::EntityStore& s) -> store::StoreResult<store::Outcome> {
    auto written =
        store::in_transaction<ImportSummary>(s, [&](auto& db) { return upsert_rows(db, data); });
    if (!written) return core::unexpected(std::move(written).error());
    summary = *written;
    return store::Outcome::kCommit;
  });
  if (!done) {
    return core::unexpected(core::Error::store("import rolled back: " + done.error().message));
  }
  return *summary;
}

store::StoreResult<Dataset> export_dataset(store::Store& store) {
  std::optional<Dataset> data;
  auto done = store.snapshot([&](store::EntityStore& s) -> store::StoreResult<core::Ok> {
    auto read = store::in_transaction<Dataset>(s, [](auto& db) { return export_rows(db); });
    if (!read) return core::unexpected(std::move(read).error());
    data = std::move(*read);
    return core::Ok{};
  });
  if (!done) return core::unexpected(std::move(done).error());
  return std::move(*data);
}

store::StoreResult<ImportSummary> upsert_dataset(store::EntityStore& entities,
                                                 const Dataset& data) {
  return store::in_transaction<ImportSummary>(
      entities, [&](auto& db) { return db.atomically([&] { return upsert_rows(db, data); }); });
}

store::StoreResult<bool> remove_entity(store::EntityStore& entities, const EntityRef& entity) {
  return store::in_transaction<bool>(entities, [&](auto& db) { return remove_rows(db, entity); });
}

}  // namespace mediagate::vendors
