// SQLite's pool of read connections: the shared pool (store/sql/connection_pool.hpp), without a
// wait limit (a reader is busy for one query at most).
#pragma once

#include "store/sql/connection_pool.hpp"
#include "store/sqlite/connection.hpp"

namespace mediagate::store::sqlite {

using ConnectionPool = sql::ConnectionPool<Connection>;

}  // namespace mediagate::store::sqlite
