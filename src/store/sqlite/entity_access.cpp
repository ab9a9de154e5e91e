// The one instantiation of the shared EntityAccess for SQLite.
#include "store/sqlite/entity_access.hpp"

template class mediagate::store::sql::EntityAccess<mediagate::store::sqlite::Backend>;
