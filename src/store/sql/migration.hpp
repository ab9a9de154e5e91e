// A schema migration of an SQL backend, and the checks both backends make of their list.
// Each backend keeps its own list (its dialect's DDL) and applies it its own way
// (sqlite/migrations.cpp, postgres/schema.cpp); the two lists carry the same versions.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace mediagate::store::sql {

struct Migration {
  std::int64_t version;  // strictly increasing through the list
  std::string_view sql;  // a script of one or more statements
};

// The last version of `migrations` (0 for none); an error if the versions do not increase.
inline StoreResult<std::int64_t> last_version(std::span<const Migration> migrations) {
  std::int64_t previous = 0;
  for (const auto& migration : migrations) {
    if (migration.version <= previous) {
      return core::unexpected(core::Error::store(
          "migration versions must increase: " + std::to_string(migration.version) + " after " +
          std::to_string(previous)));
    }
    previous = migration.version;
  }
  return previous;
}

// A database recording schema version `found`, newer than the last this build knows.
inline StoreError newer_schema(std::int64_t found, std::int64_t supported) {
  return core::Error::store("database schema version " + std::to_string(found) +
                            " is newer than this build supports (" + std::to_string(supported) +
                            ")");
}

}  // namespace mediagate::store::sql
