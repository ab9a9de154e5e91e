// How an SQL backend applies the modules' migrations (store/module_schema.hpp), written once
// over a small adapter each backend provides (sqlite/migrations.cpp, postgres/schema.cpp).
//
// The engine's own bookkeeping, two tables:
//  - schema_module_migrations(module, version, applied_at): every step applied, keyed by its
//    module and its version within the module;
//  - schema_migrations(version, applied_at): the one global list of builds from before the
//    modules owned their tables (versions 1..kLastGlobalVersion). A global version is recorded
//    once every step it corresponds to is applied, so that such a build still opens a database
//    whose tables are all its own; a step no global version names records
//    kModuleStepsVersion, which such a build refuses as newer than itself. A database made by
//    such a build (no module ledger yet) is adopted: each recorded global version marks its
//    steps applied, without running them again.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/module_schema.hpp"
#include "store/sql/result.hpp"
#include "store/store.hpp"

namespace mediagate::store::sql {

// The last version of the global list, and the one that says "a step it did not have".
inline constexpr std::int64_t kLastGlobalVersion = 3;
inline constexpr std::int64_t kModuleStepsVersion = kLastGlobalVersion + 1;

// One applied step: its module and its version there.
using StepKey = std::pair<std::string, std::int64_t>;

// A database recording schema version `found`, newer than the last this build knows.
inline StoreError newer_schema(std::int64_t found, std::int64_t supported) {
  return core::Error::store("database schema version " + std::to_string(found) +
                            " is newer than this build supports (" + std::to_string(supported) +
                            ")");
}

// The modules' names are unique and not empty; each module's versions increase from 1 up;
// global versions are within the old list and never decrease, and 0 (none) only ends a module.
inline Status check_modules(std::span<const ModuleSchema> modules) {
  std::set<std::string_view> names;
  for (const auto& module : modules) {
    const std::string name(module.module);
    if (module.module.empty() || !names.insert(module.module).second) {
      return core::unexpected(
          core::Error::store("schema module names must be unique and not empty: '" + name + "'"));
    }
    std::int64_t previous = 0;
    std::int64_t previous_global = 0;
    bool later = false;  // a step no global version names was seen
    for (const auto& step : module.steps) {
      if (step.version <= previous) {
        return core::unexpected(core::Error::store(
            "migration versions of module '" + name + "' must increase: " +
            std::to_string(step.version) + " after " + std::to_string(previous)));
      }
      previous = step.version;
      const bool global_ok = step.global_version == 0
                                 ? true
                                 : !later && step.global_version >= previous_global &&
                                       step.global_version <= kLastGlobalVersion;
      if (!global_ok) {
        return core::unexpected(core::Error::store("migration " + name + " " +
                                                   std::to_string(step.version) +
                                                   " names a global version out of order"));
      }
      if (step.global_version == 0) later = true;
      previous_global = std::max(previous_global, step.global_version);
    }
  }
  return core::Ok{};
}

// Every step `applied` records is one of `modules`: otherwise the database was migrated by a
// newer build (or one with another module), which this one must not serve.
inline Status check_known(std::span<const ModuleSchema> modules, const std::set<StepKey>& applied) {
  for (const auto& step : applied) {
    const std::string& name = step.first;  // not a structured binding: the lambda captures it
    const std::int64_t version = step.second;
    const auto module = std::find_if(modules.begin(), modules.end(),
                                     [&](const ModuleSchema& m) { return m.module == name; });
    if (module == modules.end()) {
      return core::unexpected(core::Error::store(
          "database schema has migration " + name + " " + std::to_string(version) +
          " of a module this build does not have: newer than "
          "this build supports"));
    }
    const std::int64_t last = module->steps.empty() ? 0 : module->steps.back().version;
    if (version > last) {
      return core::unexpected(core::Error::store(
          "database schema of module " + name + " at version " + std::to_string(version) +
          " is newer than this build supports (" + std::to_string(last) + ")"));
    }
  }
  return core::Ok{};
}

// The global versions `applied` completes: each version whose steps, and those of every
// version before it, are all applied; and kModuleStepsVersion once a step no global version
// names is applied.
inline std::vector<std::int64_t> global_versions_done(std::span<const ModuleSchema> modules,
                                                      const std::set<StepKey>& applied) {
  std::map<std::int64_t, bool> complete;  // global version -> all its steps applied
  bool beyond = false;
  for (const auto& module : modules) {
    for (const auto& step : module.steps) {
      const bool done = applied.contains({std::string(module.module), step.version});
      if (step.global_version == 0) {
        beyond = beyond || done;
        continue;
      }
      auto [entry, added] = complete.try_emplace(step.global_version, done);
      if (!added) entry->second = entry->second && done;
    }
  }
  std::vector<std::int64_t> versions;
  for (const auto& [version, done] : complete) {
    if (!done) break;
    versions.push_back(version);
  }
  if (beyond) versions.push_back(kModuleStepsVersion);
  return versions;
}

// Applies every step of `modules` the database has not recorded, module by module in the
// list's order, each in a transaction of its own with its ledger row (a failed step leaves
// nothing); returns how many ran. `Db` is the backend's adapter:
//   Status transaction(body)      runs `body` (returning Status) in a write transaction that
//                                 holds the migrations' lock; commits on success
//   Status exec(script)           runs a script of statements
//   Status create_ledgers()       both tables, if missing
//   StoreResult<std::map<std::int64_t, std::int64_t>> global_versions()   version -> applied_at
//   StoreResult<std::set<StepKey>> applied_steps()
//   Status record_step(module, version, applied_at), record_global(version, applied_at):
//                                 inserts unless recorded already
//   std::string_view script(const SchemaStep&)   the step in the backend's dialect
template <class Db>
StoreResult<int> apply_module_migrations(Db& db, std::span<const ModuleSchema> modules,
                                         std::int64_t now_ms) {
  if (auto ok = check_modules(modules); !ok) return propagate(ok);

  // The ledgers; a database of the global list adopted; a newer database refused.
  auto ready = db.transaction([&]() -> Status {
    if (auto ok = db.create_ledgers(); !ok) return propagate(ok);
    auto globals = db.global_versions();
    if (!globals) return propagate(globals);
    if (!globals->empty() && globals->rbegin()->first > kModuleStepsVersion) {
      return core::unexpected(newer_schema(globals->rbegin()->first, kModuleStepsVersion));
    }
    auto applied = db.applied_steps();
    if (!applied) return propagate(applied);
    if (auto ok = check_known(modules, *applied); !ok) return ok;
    // Only what is missing is written: on PostgreSQL the ledger carries the change trigger,
    // which a write of nothing would still fire.
    for (const auto& module : modules) {
      for (const auto& step : module.steps) {
        const auto global = globals->find(step.global_version);
        if (step.global_version == 0 || global == globals->end() ||
            applied->contains({std::string(module.module), step.version})) {
          continue;
        }
        if (auto ok = db.record_step(module.module, step.version, global->second); !ok) {
          return propagate(ok);
        }
      }
    }
    return core::Ok{};
  });
  if (!ready) return propagate(ready);

  int ran = 0;
  for (const auto& module : modules) {
    for (const auto& step : module.steps) {
      bool this_one = false;
      auto done = db.transaction([&]() -> Status {
        auto applied = db.applied_steps();
        if (!applied) return propagate(applied);
        StepKey key{std::string(module.module), step.version};
        if (applied->contains(key)) return core::Ok{};  // recorded already (or by another)
        auto executed = db.exec(db.script(step));
        if (executed && !step.both.empty()) executed = db.exec(step.both);
        if (!executed) {
          return core::unexpected(core::Error::store("migration " + key.first + " " +
                                                     std::to_string(step.version) +
                                                     " failed: " + executed.error().message));
        }
        if (auto ok = db.record_step(module.module, step.version, now_ms); !ok) {
          return propagate(ok);
        }
        applied->insert(std::move(key));
        for (const std::int64_t version : global_versions_done(modules, *applied)) {
          if (auto ok = db.record_global(version, now_ms); !ok) return propagate(ok);
        }
        this_one = true;
        return core::Ok{};
      });
      if (!done) return propagate(done);
      if (this_one) ++ran;
    }
  }
  return ran;
}

}  // namespace mediagate::store::sql
