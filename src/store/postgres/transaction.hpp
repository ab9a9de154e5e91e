// Transactions and savepoints on one PostgreSQL connection. A Transaction not committed is
// rolled back when it ends; if even that fails the connection is marked broken (and discarded
// by the pool), so no connection goes back to the pool inside a transaction.
#pragma once

#include <string_view>
#include <utility>

#include "store/postgres/connection.hpp"

namespace mediagate::store::postgres {

class Transaction {
 public:
  // `begin_sql`: e.g. "BEGIN" or "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY".
  static StoreResult<Transaction> begin(Connection& connection, std::string_view begin_sql) {
    auto begun = connection.exec(begin_sql);
    if (!begun) return propagate(begun);
    return Transaction(connection);
  }
  Transaction(Transaction&& other) noexcept
      : connection_(other.connection_), open_(std::exchange(other.open_, false)) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction() { rollback(); }

  // A failed COMMIT (e.g. a deferred foreign key) rolls the transaction back.
  Status commit() {
    open_ = false;
    auto done = connection_.exec("COMMIT");
    if (!done) return propagate(done);
    return core::Ok{};
  }
  void rollback() noexcept {
    if (!std::exchange(open_, false) || connection_.broken()) return;
    if (auto done = connection_.exec("ROLLBACK"); !done) connection_.mark_broken();
  }

 private:
  explicit Transaction(Connection& connection) noexcept : connection_(connection) {}

  Connection& connection_;
  bool open_ = true;
};

// Runs `body()` (returning a StoreResult) inside a savepoint when a transaction is open: if it
// fails, its own writes are undone and the transaction stays usable.
template <class Body>
auto in_savepoint(Connection& connection, Body&& body) -> decltype(body()) {
  if (!connection.in_transaction()) return body();
  if (auto ok = connection.exec("SAVEPOINT mediagate_write"); !ok) return propagate(ok);
  auto result = body();
  if (!result) {
    if (connection.broken()) return result;
    auto undone =
        connection.exec("ROLLBACK TO SAVEPOINT mediagate_write; RELEASE SAVEPOINT mediagate_write");
    if (!undone) connection.mark_broken();
    return result;
  }
  if (auto ok = connection.exec("RELEASE SAVEPOINT mediagate_write"); !ok) return propagate(ok);
  return result;
}

}  // namespace mediagate::store::postgres
