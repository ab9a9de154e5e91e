#include "store/postgres/schema.hpp"

#include <map>
#include <set>
#include <string>
#include <utility>

namespace mediagate::store::postgres {
namespace {

constexpr std::string_view kCreateLedgers = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    BIGINT PRIMARY KEY,
  applied_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS schema_module_migrations (
  module     TEXT COLLATE "C" NOT NULL,
  version    BIGINT NOT NULL,
  applied_at BIGINT NOT NULL,
  PRIMARY KEY (module, version)
);
)sql";

// The advisory lock of migrations (another key than the writers' lock).
constexpr std::string_view kLockMigrations =
    "SELECT pg_advisory_xact_lock(1835296616, hashtext(current_schema()))";

// One step under the migrations lock, in its own transaction: `step` returns Status.
template <class Step>
Status locked(Connection& connection, Step&& step) {
  if (auto ok = connection.exec("BEGIN"); !ok) return propagate(ok);
  auto done = [&]() -> Status {
    if (auto ok = connection.exec(kLockMigrations); !ok) return propagate(ok);
    return step();
  }();
  if (!done) {
    if (auto ok = connection.exec("ROLLBACK"); !ok) connection.mark_broken();
    return done;
  }
  if (auto ok = connection.exec("COMMIT"); !ok) return propagate(ok);
  return core::Ok{};
}

// The adapter sql::apply_module_migrations runs over: each transaction under the migrations'
// lock, so that several servers starting at once apply each step exactly once.
class Ledger {
 public:
  explicit Ledger(Connection& connection) : connection_(connection) {}

  template <class Body>
  Status transaction(Body&& body) {
    return locked(connection_, std::forward<Body>(body));
  }

  Status exec(std::string_view script) {
    auto ran = connection_.exec(script);
    if (!ran) return propagate(ran);
    return core::Ok{};
  }
  Status create_ledgers() { return exec(kCreateLedgers); }
  static std::string_view script(const SchemaStep& step) { return step.postgres; }

  StoreResult<std::map<std::int64_t, std::int64_t>> global_versions() {
    auto rows = connection_.run("SELECT version, applied_at FROM schema_migrations");
    if (!rows) return propagate(rows);
    std::map<std::int64_t, std::int64_t> versions;
    for (int row = 0; row < rows->size(); ++row) {
      versions.emplace(rows->int64(row, 0), rows->int64(row, 1));
    }
    return versions;
  }

  StoreResult<std::set<sql::StepKey>> applied_steps() {
    auto rows = connection_.run("SELECT module, version FROM schema_module_migrations");
    if (!rows) return propagate(rows);
    std::set<sql::StepKey> steps;
    for (int row = 0; row < rows->size(); ++row) {
      steps.emplace(rows->text(row, 0), rows->int64(row, 1));
    }
    return steps;
  }

  Status record_step(std::string_view module, std::int64_t version, std::int64_t applied_at) {
    auto inserted = connection_.run(
        "INSERT INTO schema_module_migrations (module, version, applied_at) VALUES (?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        module, version, applied_at);
    if (!inserted) return propagate(inserted);
    return core::Ok{};
  }
  Status record_global(std::int64_t version, std::int64_t applied_at) {
    auto inserted = connection_.run(
        "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"
        " ON CONFLICT DO NOTHING",
        version, applied_at);
    if (!inserted) return propagate(inserted);
    return core::Ok{};
  }

 private:
  Connection& connection_;
};

// Change tracking (docs/decisions/postgres-data-generation.md): a one-row counter, and on
// every data table of the schema a statement-level trigger that bumps it once per transaction
// and sends NOTIFY kChangeChannel with the schema's name as payload. The function is made with
// the schema's name written into it, so that it updates this schema's counter whatever the
// writer's search_path. Tables are found in the catalogue, so that a table a later migration
// adds is covered the next time a store opens, without that migration naming the trigger, and
// a module hands the engine no list of its tables. The module ledger carries the trigger too:
// a step applied is a change to what the tables hold.
constexpr std::string_view kInstallChangeTracking = R"sql(
CREATE TABLE IF NOT EXISTS mediagate_data_generation (
  only_row   BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
  generation BIGINT NOT NULL,
  last_xact  BIGINT
);
INSERT INTO mediagate_data_generation (only_row, generation) VALUES (TRUE, 1)
  ON CONFLICT (only_row) DO NOTHING;
DO $install$
DECLARE
  data_table regclass;
BEGIN
  EXECUTE format($function$
    CREATE OR REPLACE FUNCTION %1$I.mediagate_data_changed() RETURNS trigger
    LANGUAGE plpgsql AS $body$
    BEGIN
      -- Once per transaction: later statements of the same transaction find last_xact set.
      UPDATE %1$I.mediagate_data_generation
         SET generation = generation + 1, last_xact = txid_current()
       WHERE last_xact IS DISTINCT FROM txid_current();
      IF FOUND THEN
        PERFORM pg_notify('mediagate_data', %2$L);
      END IF;
      RETURN NULL;
    END
    $body$ $function$, current_schema(), current_schema());
  FOR data_table IN
    SELECT c.oid::regclass
      FROM pg_class c
     WHERE c.relnamespace = current_schema()::regnamespace
       AND c.relkind IN ('r', 'p')
       AND c.relname NOT IN ('schema_migrations', 'mediagate_data_generation')
       AND NOT EXISTS (SELECT 1 FROM pg_trigger t
                        WHERE t.tgrelid = c.oid AND t.tgname = 'mediagate_data_changed')
  LOOP
    EXECUTE format('CREATE TRIGGER mediagate_data_changed'
                   ' AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION %I.mediagate_data_changed()',
                   data_table, current_schema());
  END LOOP;
END
$install$;
)sql";

}  // namespace

StoreResult<int> apply_migrations(Connection& connection, std::span<const ModuleSchema> modules,
                                  const core::Clock& clock) {
  Ledger ledger(connection);
  return sql::apply_module_migrations(ledger, modules, clock.now_ms());
}

Status install_change_tracking(Connection& connection) {
  return locked(connection, [&]() -> Status {
    if (auto ran = connection.exec(kInstallChangeTracking); !ran) {
      return core::unexpected(
          StoreError{"installing change tracking failed: " + ran.error().message});
    }
    return core::Ok{};
  });
}

}  // namespace mediagate::store::postgres
