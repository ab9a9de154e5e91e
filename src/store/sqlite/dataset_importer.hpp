// Import: a whole Dataset upserted in one IMMEDIATE transaction, all of it or (on any error,
// including a deferred foreign key failing at COMMIT) none of it. Rows present are updated,
// rows absent are left alone; link rows (sub-accounts, actions) are only ever added.
// Each statement is prepared once and re-bound per row, so a million videos is one loop; a
// bulk load rebuilds the video indexes once at the end instead of row by row.
#pragma once

#include <cstddef>

#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace mediagate::store::sqlite {

struct ImportOptions {
  // An import of at least this many videos, and at least as many as the table holds, drops
  // the video indexes and rebuilds them (and their statistics) once at the end.
  std::size_t bulk_videos = 50'000;
};

// The summary counts rows inserted or actually changed: re-importing identical data counts 0.
StoreResult<ImportSummary> import_dataset(Connection& writer, const Dataset& data,
                                          const ImportOptions& options = {});

}  // namespace mediagate::store::sqlite
