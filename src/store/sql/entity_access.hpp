// EntityStore over one connection of an SQL backend (backend.hpp): the admin API's writes,
// written once for SQLite and PostgreSQL, and the backend itself for the modules' reads
// (sql_backend()). It runs every statement on the backend it holds and opens no transaction of
// its own (the store's transact / snapshot wrap it in one). Each write runs as the backend's
// write(): in PostgreSQL a savepoint, so that a failed one leaves the transaction usable.
//
// Each backend instantiates it once (its entity_access.cpp includes entity_access_impl.hpp).
#pragma once

#include <concepts>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sql/backend.hpp"
#include "store/store.hpp"

namespace mediagate::store::sql {

template <Backend B>
class EntityAccess final : public EntityStore {
 public:
  // Arguments of the backend's constructor (its connection, and its options).
  template <class... Args>
  requires std::constructible_from<B, Args&&...>
  explicit EntityAccess(Args&&... args) : db_(std::forward<Args>(args)...) {}

  StoreResult<ImportSummary> upsert(const Dataset& data) override;
  StoreResult<bool> remove(const EntityRef& entity) override;
  std::optional<SqlBackend> sql_backend() override { return SqlBackend{&db_}; }

 private:
  B db_;
};

}  // namespace mediagate::store::sql
