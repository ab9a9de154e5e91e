#include "store/sqlite/migrations.hpp"

#include <string>

#include "store/sqlite/transaction.hpp"

namespace mediagate::store::sqlite {
namespace {

constexpr std::string_view kCreateLedgers =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " applied_at INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS schema_module_migrations ("
    " module TEXT NOT NULL,"
    " version INTEGER NOT NULL,"
    " applied_at INTEGER NOT NULL,"
    " PRIMARY KEY (module, version))";

// The adapter sql::apply_module_migrations runs over.
class Ledger {
 public:
  explicit Ledger(Connection& connection) : connection_(connection) {}

  template <class Body>
  Status transaction(Body&& body) {
    // IMMEDIATE: the write lock is taken first, so two processes opening a new database do
    // not both apply a step.
    auto transaction = Transaction::begin(connection_, Transaction::Kind::kImmediate);
    if (!transaction) return propagate(transaction);
    if (auto ok = body(); !ok) return ok;  // rolled back
    return transaction->commit();
  }

  Status exec(std::string_view script) { return connection_.exec(script); }
  Status create_ledgers() { return connection_.exec(kCreateLedgers); }
  static std::string_view script(const SchemaStep& step) { return step.sqlite; }

  StoreResult<std::map<std::int64_t, std::int64_t>> global_versions() {
    auto select = connection_.prepare("SELECT version, applied_at FROM schema_migrations");
    if (!select) return propagate(select);
    std::map<std::int64_t, std::int64_t> versions;
    while (true) {
      auto row = (*select)->step();
      if (!row) return propagate(row);
      if (!*row) break;
      versions.emplace((*select)->int64(0), (*select)->int64(1));
    }
    return versions;
  }

  StoreResult<std::set<sql::StepKey>> applied_steps() {
    auto select = connection_.prepare("SELECT module, version FROM schema_module_migrations");
    if (!select) return propagate(select);
    std::set<sql::StepKey> steps;
    while (true) {
      auto row = (*select)->step();
      if (!row) return propagate(row);
      if (!*row) break;
      steps.emplace((*select)->text(0), (*select)->int64(1));
    }
    return steps;
  }

  Status record_step(std::string_view module, std::int64_t version, std::int64_t applied_at) {
    return record(
        "INSERT OR IGNORE INTO schema_module_migrations (module, version, applied_at)"
        " VALUES (?, ?, ?)",
        module, version, applied_at);
  }
  Status record_global(std::int64_t version, std::int64_t applied_at) {
    return record("INSERT OR IGNORE INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                  version, applied_at);
  }

 private:
  template <class... Args>
  Status record(std::string_view sql, const Args&... args) {
    auto insert = connection_.prepare(sql);
    if (!insert) return propagate(insert);
    auto inserted = (*insert)->bind_all(args...).run();
    if (!inserted) return propagate(inserted);
    return core::Ok{};
  }

  Connection& connection_;
};

}  // namespace

StoreResult<int> apply_migrations(Connection& connection, std::span<const ModuleSchema> modules,
                                  const core::Clock& clock) {
  Ledger ledger(connection);
  return sql::apply_module_migrations(ledger, modules, clock.now_ms());
}

}  // namespace mediagate::store::sqlite
