// A transaction on one connection (RAII): rolled back unless commit() succeeded.
// Read transactions (kDeferred) give a multi-statement read one consistent snapshot;
// writes use kImmediate so that they take the write lock up front (no deadlock on upgrade).
#pragma once

#include "store/sqlite/connection.hpp"

namespace mediagate::store::sqlite {

class Transaction {
 public:
  enum class Kind { kDeferred, kImmediate };

  static StoreResult<Transaction> begin(Connection& connection, Kind kind);
  ~Transaction();
  Transaction(Transaction&& other) noexcept;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction& operator=(Transaction&&) = delete;

  // Commits; on failure (e.g. a deferred foreign key violated) the transaction is rolled back.
  Status commit();
  void rollback() noexcept;

 private:
  explicit Transaction(Connection& connection) noexcept : connection_(&connection) {}

  Connection* connection_;  // null once finished
};

}  // namespace mediagate::store::sqlite
