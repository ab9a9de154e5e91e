// The store's upkeep after a command loaded rows: `mediagate seed` and `mediagate import`.
#pragma once

#include <cstdint>
#include <ostream>
#include <string_view>

#include "store/store.hpp"

namespace mediagate::cli {

// The rows a load must have written, all tables together, for its upkeep to run now. A
// heuristic: PostgreSQL's autovacuum decides per table (by default after 1000 rows inserted
// plus a fifth of the table, or 50 changed plus a tenth for its statistics), so a smaller load
// seldom leaves it anything to do soon, and a bigger one usually does.
inline constexpr std::int64_t kUpkeepAfterRows = 1000;

// Runs store.settle_after_load() when `written` is at least kUpkeepAfterRows. A failure is a
// warning on `err` (the rows are written; the database's own upkeep comes to them later).
// Returns whether the upkeep ran and succeeded.
bool upkeep_after_load(store::Store& store, std::int64_t written, std::string_view command,
                       std::ostream& err);

}  // namespace mediagate::cli
