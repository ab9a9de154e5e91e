#include "store/postgres/postgres_store.hpp"

#include <thread>

#include "core/blocking.hpp"
#include "core/clock.hpp"
#include "store/postgres/entity_access.hpp"
#include "store/postgres/schema.hpp"
#include "store/postgres/transaction.hpp"

namespace mediagate::store::postgres {

StoreResult<std::unique_ptr<PostgresStore>> PostgresStore::open(
    const std::string& url, const PostgresOptions& options, std::span<const ModuleSchema> modules) {
  const ConnectionOptions connection_options{.connect_timeout = options.connect_timeout,
                                             .statement_timeout = options.statement_timeout};
  auto pool = std::make_unique<ConnectionPool>(
      [url, connection_options] { return Connection::open(url, connection_options); },
      options.pool_size, options.statement_timeout, "postgres");
  {
    auto lease = pool->acquire();
    if (!lease) return propagate(lease);
    static const core::SystemClock kClock;
    auto applied = apply_migrations(**lease, modules, kClock);
    if (!applied) return propagate(applied);
    auto tracked = install_change_tracking(**lease);
    if (!tracked) return propagate(tracked);
  }
  return std::unique_ptr<PostgresStore>(new PostgresStore(url, std::move(pool), options));
}

std::optional<std::uint64_t> PostgresStore::data_generation() {
  if (options_.generation_poll.count() <= 0) return std::nullopt;
  // Started on first use: a command that never asks (import, export, seed) never connects it.
  std::call_once(listener_started_, [this] {
    listener_ = std::make_unique<ChangeListener>(
        url_,
        ChangeListenerOptions{.connect_timeout = options_.connect_timeout,
                              .statement_timeout = options_.statement_timeout,
                              .poll = options_.generation_poll},
        [this] { generation_.fetch_add(1); });
  });
  // Listening is read first: a reconnect bumps the generation before it listens again, so a
  // caller that sees it listening sees that bump too.
  if (!listener_->listening()) return std::nullopt;
  return generation_.load();
}

bool PostgresStore::await_data_generation(std::chrono::milliseconds within) {
  if (options_.generation_poll.count() <= 0) return false;
  constexpr std::chrono::milliseconds kLook{2};
  const auto deadline = std::chrono::steady_clock::now() + within;
  while (!data_generation()) {  // the first call starts the listener
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(kLook);
  }
  return true;
}

const ChangeListener* PostgresStore::listener() const noexcept {
  // Only after data_generation() has run call_once on this thread or a joined one (tests).
  return listener_.get();
}

template <class Body>
auto PostgresStore::with_connection(Body&& body) -> decltype(body(std::declval<Connection&>())) {
  core::check_may_block();  // every round trip starts here: an io thread gives the step away
  for (int attempt = 1;; ++attempt) {
    auto lease = pool_->acquire();
    if (!lease) return propagate(lease);
    const auto before = (*lease)->requests();
    auto result = body(**lease);
    const bool unseen = (*lease)->broken() && (*lease)->requests() - before <= 1;
    if (result || attempt == 2 || lease->fresh() || !unseen) return result;
  }
}

template <class Body>
auto PostgresStore::read_snapshot(Body&& body) -> decltype(body(std::declval<Connection&>())) {
  using Result = decltype(body(std::declval<Connection&>()));
  return with_connection([&](Connection& connection) -> Result {
    auto transaction =
        Transaction::begin(connection, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (!transaction) return propagate(transaction);
    auto result = body(connection);
    if (!result) return result;
    if (auto ok = transaction->commit(); !ok) return propagate(ok);
    return result;
  });
}

template <class Body, class Decide>
auto PostgresStore::write(Body&& body, Decide&& commit)
    -> decltype(body(std::declval<Connection&>())) {
  using Result = decltype(body(std::declval<Connection&>()));
  std::unique_lock lock(writer_mutex_, std::defer_lock);
  if (!lock.try_lock_for(options_.statement_timeout)) {
    return core::unexpected(core::Error::store("postgres: another write held the store for " +
                                               std::to_string(options_.statement_timeout.count()) +
                                               " ms"));
  }
  return with_connection([&](Connection& connection) -> Result {
    auto transaction = Transaction::begin(connection, "BEGIN");
    if (!transaction) return propagate(transaction);
    if (auto locked = connection.exec(kLockWriters); !locked) return propagate(locked);
    auto result = body(connection);
    if (!result) return result;  // rolled back
    if (!commit(*result)) {
      transaction->rollback();
      return result;
    }
    auto committed = transaction->commit();
    // Even when COMMIT failed: a connection lost during it may have committed.
    generation_.fetch_add(1);
    if (!committed) return propagate(committed);
    return result;
  });
}

StoreResult<core::Ok> PostgresStore::settle_after_load() {
  constexpr std::int64_t kBytesPerTimeout = std::int64_t{256} << 20;
  return with_connection([&](Connection& c) -> StoreResult<core::Ok> {
    // Named with their schema: a temporary table of the same name is not the one meant.
    auto tables = c.exec(
        "SELECT format('%I.%I', schemaname, tablename), pg_total_relation_size(format('%I.%I', "
        "schemaname, tablename)::regclass) FROM pg_tables WHERE schemaname = current_schema() "
        "ORDER BY tablename");
    if (!tables) return propagate(tables);
    StoreResult<core::Ok> result = core::Ok{};
    for (int row = 0; row < tables->size() && result; ++row) {
      const auto scale = static_cast<std::size_t>(1 + tables->int64(row, 1) / kBytesPerTimeout);
      if (auto scaled = c.scale_time(scale); !scaled) {
        result = propagate(scaled);
      } else if (auto done = c.exec("VACUUM (ANALYZE) " + tables->text(row, 0)); !done) {
        result = propagate(done);
      }
    }
    // The session's own timeout back, also after a failure (a lost connection is dropped).
    if (auto restored = c.scale_time(1); !restored && result) return propagate(restored);
    return result;
  });
}

sql::SetWiseOptions PostgresStore::set_wise() const noexcept {
  return {.min_rows = options_.set_wise_min_rows, .batch_rows = options_.set_wise_batch_rows};
}

StoreResult<core::Ok> PostgresStore::read(
    ReadKind kind, const std::function<StoreResult<core::Ok>(SqlBackend)>& body) {
  auto run = [&](Connection& c) {
    Backend backend(c);
    return body(SqlBackend{&backend});
  };
  // A page is one statement here (Backend::kOneStatementPages): a snapshot of its own.
  return kind == ReadKind::kSnapshot ? read_snapshot(run) : with_connection(run);
}

StoreResult<bool> PostgresStore::transact(
    const std::function<StoreResult<Outcome>(EntityStore&)>& body) {
  return write(
      [&](Connection& c) -> StoreResult<bool> {
        ConnectionEntityStore entities(c, set_wise());
        auto outcome = body(entities);
        if (!outcome) return propagate(outcome);
        return *outcome == Outcome::kCommit;
      },
      [](bool commit) { return commit; });
}

StoreResult<core::Ok> PostgresStore::snapshot(
    const std::function<StoreResult<core::Ok>(EntityStore&)>& body) {
  return read_snapshot([&](Connection& c) {
    ConnectionEntityStore entities(c, set_wise());
    return body(entities);
  });
}

}  // namespace mediagate::store::postgres
