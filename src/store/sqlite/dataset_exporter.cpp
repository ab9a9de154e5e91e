#include "store/sqlite/dataset_exporter.hpp"

#include "store/sql/dataset_export.hpp"
#include "store/sqlite/backend.hpp"
#include "store/sqlite/transaction.hpp"

namespace mediagate::store::sqlite {

StoreResult<Dataset> export_dataset(Connection& reader) {
  auto transaction = Transaction::begin(reader, Transaction::Kind::kDeferred);
  if (!transaction) return propagate(transaction);
  Backend db(reader);
  auto data = sql::export_rows(db);
  if (!data) return data;
  if (auto ok = transaction->commit(); !ok) return propagate(ok);
  return data;
}

}  // namespace mediagate::store::sqlite
