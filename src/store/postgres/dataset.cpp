#include "store/postgres/dataset.hpp"

#include "store/postgres/backend.hpp"
#include "store/postgres/transaction.hpp"
#include "store/sql/dataset_export.hpp"
#include "store/sql/dataset_import.hpp"

namespace mediagate::store::postgres {

StoreResult<ImportSummary> upsert_dataset(Connection& connection, const Dataset& data,
                                          const SetWise& set_wise) {
  Backend db(connection);
  static_assert(sql::SetWiseBackend<Backend>);
  return sql::import_rows(db, data,
                          {.min_rows = set_wise.min_rows, .batch_rows = set_wise.batch_rows});
}

// Rows per statement_timeout a set-wise step is allowed (a loaded debug build writes ~3000 a
// second into the videos table).
constexpr std::size_t kSetWiseRowsPerTimeout = 1000;

StoreResult<std::int64_t> Backend::upsert_set(const sql::import_detail::SetWiseTable& table,
                                              std::string_view lines, std::size_t count) {
  if (auto ok = c_.scale_time((count + kSetWiseRowsPerTimeout - 1) / kSetWiseRowsPerTimeout); !ok) {
    return propagate(ok);
  }
  auto changed = [&]() -> StoreResult<std::int64_t> {
    // No constraint on the loaded table: every check is the target's, with its messages.
    auto made =
        c_.exec("CREATE TEMP TABLE IF NOT EXISTS " + table.source + " ON COMMIT DROP AS SELECT " +
                table.columns + ", 0::bigint AS mg_ord FROM " + table.table +
                " WITH NO DATA; TRUNCATE " + table.source);
    if (!made) return propagate(made);
    auto copied = c_.copy_in("COPY " + table.source + " FROM STDIN", lines);
    if (!copied) return propagate(copied);
    auto upserted = c_.exec(table.upsert);
    if (!upserted) return propagate(upserted);
    return upserted->affected();
  }();
  auto restored = c_.scale_time(1);
  if (changed && !restored) return propagate(restored);
  return changed;
}

StoreResult<Dataset> export_dataset(Connection& connection) {
  Backend db(connection);
  return sql::export_rows(db);
}

StoreResult<ImportSummary> Backend::upsert(const Dataset& data) {
  return in_savepoint(c_, [&] { return upsert_dataset(c_, data, {}); });
}

}  // namespace mediagate::store::postgres
