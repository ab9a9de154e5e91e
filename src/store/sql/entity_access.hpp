// EntityStore over one connection of an SQL backend (backend.hpp): the backend itself, for the
// modules' reads and writes in the transaction (sql_backend(); store/sql_access.hpp). It opens no
// transaction of its own (the store's transact / snapshot wrap it in one).
//
// Each backend instantiates it once (its entity_access.cpp).
#pragma once

#include <concepts>
#include <optional>
#include <utility>

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

  std::optional<SqlBackend> sql_backend() override { return SqlBackend{&db_}; }

 private:
  B db_;
};

}  // namespace mediagate::store::sql
