// A transaction on one connection (RAII): rolled back unless commit() succeeded.
// Read transactions (kDeferred) give a multi-statement read one consistent snapshot;
// writes use kImmediate so that they take the write lock up front (no deadlock on upgrade).
// Begun on a connection already inside a transaction, it is a SAVEPOINT nested in that one:
// commit() releases it (the outer transaction still decides), rollback() undoes only its own
// work. So import_dataset() can run as one step of a larger transaction (Store::transact).
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
  Transaction(Connection& connection, bool nested) noexcept
      : connection_(&connection), nested_(nested) {}

  Connection* connection_;  // null once finished
  bool nested_;             // a SAVEPOINT inside an outer transaction
};

}  // namespace mediagate::store::sqlite
