// How a module's repository reaches the shared SQL layer (store/sql/) through an Engine or
// inside an EntityStore transaction: `body` is a generic lambda taking the backend (`auto& db`),
// compiled once per engine, so the module's SQL is written once for SQLite and PostgreSQL.
#pragma once

#include <optional>
#include <utility>
#include <variant>

#include "store/engine.hpp"
#include "store/postgres/backend.hpp"
#include "store/sqlite/backend.hpp"
#include "store/store.hpp"

namespace mediagate::store {

// body(backend) on the backend `backend` holds.
template <class T, class Body>
StoreResult<T> on_backend(SqlBackend backend, Body&& body) {
  return std::visit([&](auto* db) -> StoreResult<T> { return body(*db); }, backend);
}

// body(backend) on one of the engine's connections, read as `kind` says.
template <class T, class Body>
StoreResult<T> read_sql(Engine& engine, ReadKind kind, Body&& body) {
  std::optional<StoreResult<T>> answer;
  auto done = engine.read(kind, [&](SqlBackend backend) -> StoreResult<core::Ok> {
    answer.emplace(on_backend<T>(backend, body));
    if (!*answer) return core::unexpected(answer->error());
    return core::Ok{};
  });
  if (!done) return core::unexpected(std::move(done).error());
  return std::move(*answer);
}

// body(backend) on the connection of an entity transaction (Store::transact / snapshot).
template <class T, class Body>
StoreResult<T> in_transaction(EntityStore& entities, Body&& body) {
  const auto backend = entities.sql_backend();
  if (!backend) return core::unexpected(core::Error::store("this store has no SQL engine"));
  return on_backend<T>(*backend, std::forward<Body>(body));
}

}  // namespace mediagate::store
