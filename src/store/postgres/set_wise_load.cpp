// PostgreSQL's set-wise loads (sql::SetWiseBackend): a batch of a table's rows copied into a
// temporary table, then written by one upsert.
#include "store/postgres/backend.hpp"

namespace mediagate::store::postgres {

// Rows per statement_timeout a set-wise step is allowed (a loaded debug build writes ~3000 a
// second into the biggest table).
constexpr std::size_t kSetWiseRowsPerTimeout = 1000;

StoreResult<std::int64_t> Backend::upsert_set(const sql::SetWiseTable& table,
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

}  // namespace mediagate::store::postgres
