#include "store/sqlite/migrations.hpp"

#include <string>

#include "store/sqlite/transaction.hpp"

namespace mediagate::store::sqlite {
namespace {

constexpr std::string_view kCreateLedger =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " applied_at INTEGER NOT NULL)";

StoreResult<std::int64_t> current_version(Connection& connection) {
  auto max = connection.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!max) return core::unexpected(std::move(max).error());
  auto row = (*max)->step();
  if (!row) return core::unexpected(std::move(row).error());
  return *row ? (*max)->int64(0) : 0;
}

// Applies one migration unless another process recorded it first.
StoreResult<bool> apply_one(Connection& connection, const Migration& migration,
                            const core::Clock& clock) {
  auto transaction = Transaction::begin(connection, Transaction::Kind::kImmediate);
  if (!transaction) return core::unexpected(std::move(transaction).error());
  // Checked inside the write lock: two processes opening a new database race here.
  auto version = current_version(connection);
  if (!version) return core::unexpected(std::move(version).error());
  if (*version >= migration.version) return false;  // rolled back: nothing was written

  if (auto ok = connection.exec(migration.sql); !ok) {
    return core::unexpected(core::Error::store("migration " + std::to_string(migration.version) +
                                               " failed: " + ok.error().message));
  }
  auto record =
      connection.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)");
  if (!record) return core::unexpected(std::move(record).error());
  auto inserted = (*record)->bind_all(migration.version, clock.now_ms()).run();
  if (!inserted) return core::unexpected(std::move(inserted).error());
  if (auto ok = transaction->commit(); !ok) return core::unexpected(std::move(ok).error());
  return true;
}

}  // namespace

StoreResult<int> apply_migrations(Connection& connection, std::span<const Migration> migrations,
                                  const core::Clock& clock) {
  auto last = sql::last_version(migrations);
  if (!last) return core::unexpected(std::move(last).error());
  const std::int64_t previous = *last;

  if (auto ok = connection.exec(kCreateLedger); !ok) return core::unexpected(std::move(ok).error());
  auto version = current_version(connection);
  if (!version) return core::unexpected(std::move(version).error());
  if (*version > previous) {
    return core::unexpected(sql::newer_schema(*version, previous));
  }

  int applied = 0;
  for (const auto& migration : migrations) {
    if (migration.version <= *version) continue;
    auto done = apply_one(connection, migration, clock);
    if (!done) return core::unexpected(std::move(done).error());
    if (*done) ++applied;
  }
  return applied;
}

}  // namespace mediagate::store::sqlite
