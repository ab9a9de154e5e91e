#include "store/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <string>

#include "core/clock.hpp"
#include "store/sqlite/entity_access.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/query_support.hpp"
#include "store/sqlite/transaction.hpp"

namespace mediagate::store::sqlite {

StoreResult<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path,
                                                            const SqliteOptions& options,
                                                            std::span<const ModuleSchema> modules) {
  if (path.empty()) return core::unexpected(core::Error::store("sqlite: empty database path"));
  auto writer = Connection::open(path, {.read_only = false,
                                        .busy_timeout = options.busy_timeout,
                                        .cache_kib = options.writer_cache_kib});
  if (!writer) return propagate(writer);

  static const core::SystemClock kClock;
  auto applied = apply_migrations(**writer, modules, kClock);
  if (!applied) return propagate(applied);
  // Statement journals (the undo log of each upsert) in memory: once one outgrows 64 KiB it
  // otherwise becomes a temporary file that every later row of a big write writes to.
  if (auto ok = (*writer)->exec("PRAGMA temp_store = MEMORY"); !ok) return propagate(ok);

  std::unique_ptr<ConnectionPool> readers;
  if (path != ":memory:") {
    readers = std::make_unique<ConnectionPool>(
        [path, reader = ConnectionOptions{.read_only = true,
                                          .busy_timeout = options.busy_timeout,
                                          .cache_kib = options.reader_cache_kib}] {
          return Connection::open(path, reader);
        },
        options.max_readers);
  }
  return std::unique_ptr<SqliteStore>(
      new SqliteStore(std::move(*writer), std::move(readers), options));
}

template <class Body>
auto SqliteStore::read(Body&& body) -> decltype(body(std::declval<Connection&>())) {
  if (!readers_) {
    std::lock_guard lock(writer_mutex_);
    return body(*writer_);
  }
  auto lease = readers_->acquire();
  if (!lease) return propagate(lease);
  return body(**lease);
}

template <class Body>
auto SqliteStore::read_snapshot(Body&& body) -> decltype(body(std::declval<Connection&>())) {
  using Result = decltype(body(std::declval<Connection&>()));
  return read([&](Connection& connection) -> Result {
    auto transaction = Transaction::begin(connection, Transaction::Kind::kDeferred);
    if (!transaction) return propagate(transaction);
    auto result = body(connection);
    if (!result) return result;
    if (auto ok = transaction->commit(); !ok) return propagate(ok);
    return result;
  });
}

StoreResult<std::uint64_t> SqliteStore::generation(Connection& connection) {
  auto statement = connection.prepare("PRAGMA data_version");
  if (!statement) return propagate(statement);
  auto row = (*statement)->step();
  if (!row) return propagate(row);
  const std::int64_t version = *row ? (*statement)->int64(0) : 0;
  if (version != connection.seen_data_version) {
    connection.seen_data_version = version;
    return ++generation_;
  }
  return generation_.load();
}

std::optional<std::uint64_t> SqliteStore::data_generation() {
  // An interval, not a time of day: the steady clock, not core::Clock (which tests move).
  const std::int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               std::chrono::steady_clock::now().time_since_epoch())
                               .count();
  std::int64_t due = next_change_check_.load(std::memory_order_relaxed);
  if (now < due) return generation_.load();
  const auto interval = std::chrono::duration_cast<std::chrono::nanoseconds>(options_.change_check);
  if (!next_change_check_.compare_exchange_strong(due, now + interval.count())) {
    return generation_.load();  // another caller is looking right now
  }
  auto looked = read([&](Connection& connection) { return generation(connection); });
  if (!looked) {
    next_change_check_.store(0);  // look again next time; cache nothing meanwhile
    return std::nullopt;
  }
  return *looked;
}

StoreResult<std::optional<RankSlice>> SqliteStore::slice(Connection& connection,
                                                         const std::string& key,
                                                         const std::string& select_ids,
                                                         const std::vector<Param>& params,
                                                         std::int64_t offset, std::int64_t limit) {
  auto current = generation(connection);
  if (!current) return propagate(current);
  return ranks_.slice(connection, key, select_ids, params, offset, limit, *current);
}

StoreResult<core::Ok> SqliteStore::read(
    ReadKind kind, const std::function<StoreResult<core::Ok>(SqlBackend)>& body) {
  auto run = [&](Connection& c) {
    Backend backend(c, options_.bulk_import_videos, options_.cache_ranks ? this : nullptr);
    return body(SqlBackend{&backend});
  };
  // A page is a count and its rows, or the rank cache's ids and their rows: a snapshot.
  return kind == ReadKind::kStatement ? read(run) : read_snapshot(run);
}

StoreResult<bool> SqliteStore::transact(
    const std::function<StoreResult<Outcome>(EntityStore&)>& body) {
  std::lock_guard lock(writer_mutex_);
  auto transaction = Transaction::begin(*writer_, Transaction::Kind::kImmediate);
  if (!transaction) return propagate(transaction);
  ConnectionEntityStore entities(*writer_, options_.bulk_import_videos);
  auto outcome = body(entities);
  if (!outcome) return propagate(outcome);
  if (*outcome == Outcome::kRollback) {
    transaction->rollback();
    return false;
  }
  auto committed = transaction->commit();
  ++generation_;
  if (!committed) return propagate(committed);
  return true;
}

StoreResult<core::Ok> SqliteStore::snapshot(
    const std::function<StoreResult<core::Ok>(EntityStore&)>& body) {
  return read_snapshot([&](Connection& c) {
    ConnectionEntityStore entities(c, options_.bulk_import_videos);
    return body(entities);
  });
}

}  // namespace mediagate::store::sqlite
