#include "store/postgres/dataset.hpp"

#include "store/postgres/backend.hpp"
#include "store/postgres/transaction.hpp"
#include "store/sql/dataset_export.hpp"
#include "store/sql/dataset_import.hpp"

namespace mediagate::store::postgres {

StoreResult<ImportSummary> upsert_dataset(Connection& connection, const Dataset& data) {
  Backend db(connection);
  return sql::import_rows(db, data);
}

StoreResult<Dataset> export_dataset(Connection& connection) {
  Backend db(connection);
  return sql::export_rows(db);
}

StoreResult<ImportSummary> Backend::upsert(const Dataset& data) {
  return in_savepoint(c_, [&] { return upsert_dataset(c_, data); });
}

}  // namespace mediagate::store::postgres
