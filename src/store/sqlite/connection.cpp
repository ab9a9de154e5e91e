#include "store/sqlite/connection.hpp"

#include <climits>

namespace mediagate::store::sqlite {
namespace {

bool is_memory(const std::string& path) {
  return path == ":memory:" || path.empty();
}

// By default SQLite counts every allocation for sqlite3_memory_used() under a global mutex,
// a lock and an unlock per malloc; we never read those counts (docs/benchmarks.md). Only
// possible before SQLite initialises: if something else started it first, this is a no-op.
void configure_sqlite_once() {
  static const int kConfigured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  static_cast<void>(kConfigured);
}

}  // namespace

StoreResult<std::unique_ptr<Connection>> Connection::open(const std::string& path,
                                                          const ConnectionOptions& options) {
  configure_sqlite_once();
  const int flags =
      (options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
      SQLITE_OPEN_NOMUTEX;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "sqlite: cannot open '" + path + "': ";
    message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return core::unexpected(core::Error::store(std::move(message)));
  }
  std::unique_ptr<Connection> connection(new Connection(db));
  sqlite3_extended_result_codes(db, 1);

  const auto timeout = options.busy_timeout.count();
  sqlite3_busy_timeout(db, timeout > INT_MAX ? INT_MAX : static_cast<int>(timeout));

  const std::string pragmas =
      "PRAGMA foreign_keys = ON; PRAGMA cache_size = " + std::to_string(-options.cache_kib);
  if (auto ok = connection->exec(pragmas); !ok) {
    return core::unexpected(std::move(ok).error());
  }
  if (!options.read_only && !is_memory(path)) {
    // journal_mode answers with the mode now in force; anything but "wal" means WAL is
    // unavailable (e.g. a file system without shared memory), which we refuse to hide.
    auto journal = connection->prepare("PRAGMA journal_mode = WAL");
    if (!journal) return core::unexpected(std::move(journal).error());
    auto row = (*journal)->step();
    if (!row) return core::unexpected(std::move(row).error());
    const std::string mode = *row ? (*journal)->text(0) : std::string{};
    if (mode != "wal") {
      return core::unexpected(core::Error::store("sqlite: cannot switch '" + path +
                                                 "' to WAL mode (journal_mode=" + mode + ")"));
    }
    if (auto ok = connection->exec("PRAGMA synchronous = NORMAL"); !ok) {
      return core::unexpected(std::move(ok).error());
    }
  }
  return connection;
}

Connection::~Connection() {
  statements_.clear();  // finalize every statement before closing
  sqlite3_close_v2(db_);
}

Status Connection::exec(std::string_view sql) {
  const std::string script(sql);
  char* raw_message = nullptr;
  const int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &raw_message);
  if (rc == SQLITE_OK) return core::Ok{};
  std::string message = "sqlite: exec: ";
  message += raw_message != nullptr ? raw_message : sqlite3_errstr(rc);
  sqlite3_free(raw_message);
  return core::unexpected(core::Error::store(std::move(message)));
}

StoreResult<ScopedStatement> Connection::prepare(std::string_view sql) {
  if (const auto it = statements_.find(sql); it != statements_.end()) {
    return ScopedStatement(*it->second);
  }
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(raw);
    return core::unexpected(last_error("prepare '" + std::string(sql) + "'"));
  }
  if (raw == nullptr) {
    return core::unexpected(
        core::Error::store("sqlite: prepare: empty statement '" + std::string(sql) + "'"));
  }
  auto statement = std::make_unique<Statement>(db_, raw);
  auto& stored = *statement;
  statements_.emplace(std::string(sql), std::move(statement));
  return ScopedStatement(stored);
}

StoreError Connection::last_error(std::string_view what) const {
  std::string message = "sqlite: ";
  message += what;
  message += ": ";
  message += sqlite3_errmsg(db_);
  return core::Error::store(std::move(message));
}

}  // namespace mediagate::store::sqlite
