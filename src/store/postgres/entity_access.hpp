// EntityStore over one PostgreSQL connection: the shared SQL layer's EntityAccess (store/sql/)
// on PostgreSQL's backend, whose writes each run in a savepoint.
#pragma once

#include "store/postgres/backend.hpp"
#include "store/sql/entity_access.hpp"

namespace mediagate::store::postgres {

// Constructed from (Connection&[, SetWiseOptions]), as Backend.
using ConnectionEntityStore = sql::EntityAccess<Backend>;

}  // namespace mediagate::store::postgres

// Instantiated once, in entity_access.cpp.
extern template class mediagate::store::sql::EntityAccess<mediagate::store::postgres::Backend>;
