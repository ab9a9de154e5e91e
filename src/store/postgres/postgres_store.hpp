// The PostgreSQL backend of Store (libpq). A bounded pool of connections serves every call;
// each connection prepares a statement once and reuses it. Reads of one statement run on their
// own; reads of several (count + page, an export, snapshot()) run in one REPEATABLE READ READ
// ONLY transaction, so they see one snapshot. Writes (import, transact) are serialised with
// every other writer of the same database schema, in this process and in any other, by a
// transaction-scoped advisory lock, and see their own writes (READ COMMITTED under that lock
// is serial). Every wait is bounded: connect, pool, lock and statement timeouts, and a client
// deadline on every round trip; a lost connection is dropped and a new one opened on the next
// call, so service resumes by itself when the database comes back.
//
// data_generation() (what the caches key on) is bumped after every write this store commits,
// and, through a ChangeListener started on the first call, whenever another connection commits
// a write to the schema (LISTEN/NOTIFY from the schema's triggers, the counter polled every
// generation_poll as a fallback). While the listener is not listening (not yet connected, or
// reconnecting after a failure) it answers nothing: nothing is cached then.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>

#include "store/module_schema.hpp"
#include "store/postgres/change_listener.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/connection_pool.hpp"
#include "store/sql/batched_writes.hpp"
#include "store/store.hpp"

namespace mediagate::store::postgres {

struct PostgresOptions {
  std::size_t pool_size = 8;
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds statement_timeout{10'000};  // also bounds every wait for a lock
  // How often the change listener reads the schema's counter besides listening for its
  // notifications (and its longest reconnect backoff); 0 = no listener: data_generation()
  // answers nothing and nothing is cached.
  std::chrono::milliseconds generation_poll{1000};
  // A write of at least this many rows of one table loads them set-wise (COPY, then one upsert
  // per batch of set_wise_batch_rows; sql::SetWiseBackend, store/postgres/set_wise_load.cpp).
  std::size_t set_wise_min_rows = 1000;
  std::size_t set_wise_batch_rows = 50'000;
  // Engine::cached_lookups(): answers of each lookup the modules' repositories keep.
  std::size_t cached_lookups = 0;
};

class PostgresStore final : public Store {
 public:
  // Connects to `url` (postgresql://...) and migrates its schema. The URL may carry a password:
  // no message or log line ever shows it.
  static StoreResult<std::unique_ptr<PostgresStore>> open(const std::string& url,
                                                          const PostgresOptions& options,
                                                          std::span<const ModuleSchema> modules);

  StoreResult<core::Ok> read(ReadKind kind,
                             const std::function<StoreResult<core::Ok>(SqlBackend)>& body) override;

  StoreResult<bool> transact(
      const std::function<StoreResult<Outcome>(EntityStore&)>& body) override;
  StoreResult<core::Ok> snapshot(
      const std::function<StoreResult<core::Ok>(EntityStore&)>& body) override;

  // VACUUM (ANALYZE) of each table of the schema, one statement each (VACUUM refuses a
  // transaction block), each allowed the statement timeout once per 256 MiB of the table.
  StoreResult<core::Ok> settle_after_load() override;

  std::optional<std::uint64_t> data_generation() override;
  // Starts the change listener and waits (up to `within`) until it listens; false at once
  // without a listener (generation_poll 0).
  bool await_data_generation(std::chrono::milliseconds within) override;
  // Nothing kept without the change listener (generation_poll 0): no generation to key on.
  std::size_t cached_lookups() const override {
    return options_.generation_poll.count() > 0 ? options_.cached_lookups : 0;
  }

  const ConnectionPool& pool() const noexcept { return *pool_; }
  // The change listener, once data_generation() has started it (for tests).
  const ChangeListener* listener() const noexcept;

 private:
  sql::SetWiseOptions set_wise() const noexcept;
  PostgresStore(std::string url, std::unique_ptr<ConnectionPool> pool,
                const PostgresOptions& options) noexcept
      : url_(std::move(url)), options_(options), pool_(std::move(pool)) {}

  // Runs `body(Connection&)` on a pooled connection. If the connection turns out to be dead
  // before the server saw anything of this call (a pooled connection the database dropped,
  // e.g. across a restart), the call is made once more on a fresh connection.
  template <class Body>
  auto with_connection(Body&& body) -> decltype(body(std::declval<Connection&>()));
  // The same inside a REPEATABLE READ READ ONLY transaction.
  template <class Body>
  auto read_snapshot(Body&& body) -> decltype(body(std::declval<Connection&>()));
  // The same inside a write transaction holding the writers' lock; commits if `body` succeeds
  // and `commit(result)` says so.
  template <class Body, class Decide>
  auto write(Body&& body, Decide&& commit) -> decltype(body(std::declval<Connection&>()));

  const std::string url_;
  const PostgresOptions options_;
  std::timed_mutex writer_mutex_;  // writers of this process queue here, not in the pool
  std::unique_ptr<ConnectionPool> pool_;
  std::atomic<std::uint64_t> generation_{1};
  std::once_flag listener_started_;
  // Last: stopped (its thread joined) before the members its callback touches go away.
  std::unique_ptr<ChangeListener> listener_;
};

}  // namespace mediagate::store::postgres
