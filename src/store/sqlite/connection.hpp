// One SQLite connection (RAII over sqlite3*) with its own cache of prepared statements.
// A connection is used by one thread at a time (the pool and the writer mutex see to that),
// so it is opened in SQLite's multi-thread mode and its cache needs no lock.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "store/sqlite/statement.hpp"
#include "store/store.hpp"

namespace mediagate::store::sqlite {

struct ConnectionOptions {
  bool read_only = false;
  std::chrono::milliseconds busy_timeout{5000};
  int cache_kib = 16 * 1024;  // page cache per connection (PRAGMA cache_size = -cache_kib)
};

class Connection {
 public:
  // Opens (and for a writable connection, creates) the database at `path`, then sets
  // foreign_keys=ON, busy_timeout, cache_size and, for a writable file database, journal_mode=WAL
  // and synchronous=NORMAL.
  static StoreResult<std::unique_ptr<Connection>> open(const std::string& path,
                                                       const ConnectionOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs a script of one or more statements without parameters.
  Status exec(std::string_view sql);

  // The statement for `sql`, prepared on first use and cached for the connection's lifetime.
  // The ScopedStatement resets it (and clears its bindings) when it goes out of scope.
  StoreResult<ScopedStatement> prepare(std::string_view sql);

  // A StoreError carrying SQLite's message for the connection's last failure.
  StoreError last_error(std::string_view what) const;

  bool in_transaction() const noexcept { return sqlite3_get_autocommit(db_) == 0; }

  // PRAGMA data_version as this connection last read it (-1: never), for SqliteStore to
  // notice commits made by other connections and processes.
  std::int64_t seen_data_version = -1;
  sqlite3* handle() const noexcept { return db_; }

 private:
  explicit Connection(sqlite3* db) noexcept : db_(db) {}

  sqlite3* db_;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> statements_;
};

}  // namespace mediagate::store::sqlite
