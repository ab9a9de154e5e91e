// Export: the whole database as a Dataset, read in one snapshot, every list ordered by its id
// (accounts by userId, videos by vid, allocations by insertion id, ...), so that the output is
// deterministic and import() of it changes nothing.
#pragma once

#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace mediagate::store::sqlite {

StoreResult<Dataset> export_dataset(Connection& reader);

}  // namespace mediagate::store::sqlite
