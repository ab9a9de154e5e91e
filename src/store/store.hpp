// The storage interface the domain uses: an engine (engine.hpp) and its transactions, in which
// the modules read and write their own tables; it knows no vendor wire format and no HTTP.
// Backends: sqlite/ and postgres/. Every method is safe to call from several threads at once.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.hpp"
#include "store/engine.hpp"
#include "store/module_schema.hpp"
#include "store/store_error.hpp"

namespace mediagate::core {
struct Config;
}

namespace mediagate::store {

template <class T>
struct Page {
  std::int64_t total = 0;  // all matching rows, not just this page
  std::vector<T> items;
};

// --- Entity by entity (the admin API) ---------------------------------------------------------

// A window of a list: `limit` rows from `offset` (both >= 0; limit 0 = only the total), of
// the rows whose searched columns (each list names its own, never a secret) contain `search`:
// ASCII letters in either case, every other character (`%`, `_` and `\` included) literally.
// Empty: every row. The total counts the matching rows.
struct Range {
  Range() = default;
  Range(std::int64_t first, std::int64_t count) : offset(first), limit(count) {}

  std::int64_t offset = 0;
  std::int64_t limit = 100;
  std::string search{};
};

// The transaction's connection on which the modules read and write their entities
// (store/sql_access.hpp: vendors/<v>/<v>_entities.hpp, vendors/dataset_writes.hpp). Obtained from
// Store::transact() (one write transaction: reads see the writes made before them) or
// Store::snapshot() (one read snapshot; writes fail there).
class EntityStore {
 public:
  virtual ~EntityStore() = default;

  // The transaction's connection, for the modules' own reads and writes in it;
  // nothing for stores without SQL.
  virtual std::optional<SqlBackend> sql_backend() { return std::nullopt; }
};

// What a transact() body decides.
enum class Outcome { kCommit, kRollback };

// The engine (engine.hpp: SQL reads, data generation, the modules' repositories) and its
// transactions, in which the modules write (a whole dataset: vendors/dataset_writes.hpp).
class Store : public Engine {
 public:
  // Runs `body` inside one write transaction, serialised with every other write: committed
  // when it returns kCommit, rolled back when it returns kRollback or an error (or when the
  // commit fails, e.g. a foreign key left dangling). Returns whether it committed.
  // Backends without entity access (test doubles) answer with an error.
  virtual StoreResult<bool> transact(
      const std::function<StoreResult<Outcome>(EntityStore&)>& /*body*/) {
    return core::unexpected(core::Error::store("this store has no entity access"));
  }
  // Runs `body` over one read snapshot (its writes fail).
  virtual StoreResult<core::Ok> snapshot(
      const std::function<StoreResult<core::Ok>(EntityStore&)>& /*body*/) {
    return core::unexpected(core::Error::store("this store has no entity access"));
  }
  // After a load that wrote many rows (`mediagate seed`, `import`): the upkeep the database
  // would otherwise start by itself later, under traffic, done now. PostgreSQL: VACUUM
  // (ANALYZE) of each table of the store's schema (its autovacuum wakes about a minute after a
  // load and takes the database's core for a while: the visibility map, hint bits and planner
  // statistics; docs/benchmarks.md, session 18). Others: nothing (SQLite analyzes a table
  // after its own bulk load, sqlite/bulk_load.cpp).
  virtual StoreResult<core::Ok> settle_after_load() { return core::Ok{}; }
};

// How a store uses its database (the store_* settings of core::Config).
struct StoreOptions {
  std::size_t pool_size = 8;  // connections per process (SQLite: read connections)
  std::chrono::milliseconds connect_timeout{5000};      // PostgreSQL: opening a connection
  std::chrono::milliseconds statement_timeout{10'000};  // PostgreSQL: one statement, any wait
  // SQLite: how often data_generation() looks for commits by other processes (0 = always).
  std::chrono::milliseconds change_check{200};
  // PostgreSQL: the change listener's fallback poll of the schema's counter (0 = no listener,
  // nothing cached); postgres::PostgresOptions::generation_poll.
  std::chrono::milliseconds generation_poll{1000};
  // Engine::cached_lookups(): answers of each lookup the modules' repositories keep in memory,
  // for stores that can tell a generation.
  std::size_t cached_lookups = 100'000;
  // SQLite: the rank cache's bounds (ordered id lists; ids in all lists together).
  std::size_t rank_lists = 256;
  std::size_t rank_ids = std::size_t{32} << 20;
};
StoreOptions store_options(const core::Config& config);

// Opens a store from a URL: "sqlite:PATH" (created and migrated if needed) or
// "postgresql://[user[:password]@]host[:port]/database[?param=value...]" (also "postgres://";
// migrated if needed: the store's own tables and every step of `modules` not applied yet). An
// unknown scheme, an unusable path, an unreachable database or one migrated by a newer build is
// an error; its message never shows a password the URL carries. The server and its commands
// open it with every module's tables (vendors/open_store.hpp).
StoreResult<std::unique_ptr<Store>> open_store(std::string_view url, const StoreOptions& options,
                                               std::span<const ModuleSchema> modules);

// A store URL fit for a log line or a message: any password shown as "***".
std::string redact_store_url(std::string_view url);

}  // namespace mediagate::store
