// The one instantiation of the shared EntityAccess for PostgreSQL.
#include "store/postgres/entity_access.hpp"

template class mediagate::store::sql::EntityAccess<mediagate::store::postgres::Backend>;
