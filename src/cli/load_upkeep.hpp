// The store's upkeep after a command loaded rows: `mediagate seed` and `mediagate import`.
#pragma once

#include <cstdint>
#include <ostream>
#include <string_view>

#include "store/store.hpp"

namespace mediagate::cli {

// The rows a load must have written for its upkeep to run now: the count at which
// PostgreSQL's autovacuum starts a pass of its own over new rows (its default
// autovacuum_vacuum_insert_threshold), so a smaller load leaves nothing it would not.
inline constexpr std::int64_t kUpkeepAfterRows = 1000;

// Runs store.settle_after_load() when `written` is at least kUpkeepAfterRows. A failure is a
// warning on `err` (the rows are written; the database's own upkeep comes to them later).
// Returns whether the upkeep ran and succeeded.
bool upkeep_after_load(store::Store& store, std::int64_t written, std::string_view command,
                       std::ostream& err);

}  // namespace mediagate::cli
