// EntityStore over one SQLite connection: the shared SQL layer's EntityAccess (store/sql/) on
// SQLite's backend.
#pragma once

#include "store/sql/entity_access.hpp"
#include "store/sqlite/backend.hpp"

namespace mediagate::store::sqlite {

// Constructed from (Connection&[, bulk_load_rows]), as Backend.
using ConnectionEntityStore = sql::EntityAccess<Backend>;

}  // namespace mediagate::store::sqlite

// Instantiated once, in entity_access.cpp.
extern template class mediagate::store::sql::EntityAccess<mediagate::store::sqlite::Backend>;
