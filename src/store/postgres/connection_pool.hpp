// PostgreSQL's pool of connections: the shared pool (store/sql/connection_pool.hpp), with a
// wait limit and broken connections dropped (a Connection reports broken() and
// in_transaction()).
#pragma once

#include "store/postgres/connection.hpp"
#include "store/sql/connection_pool.hpp"

namespace mediagate::store::postgres {

using ConnectionPool = sql::ConnectionPool<Connection>;

}  // namespace mediagate::store::postgres
