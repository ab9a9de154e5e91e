#include "store/sqlite/transaction.hpp"

namespace mediagate::store::sqlite {
namespace {

Status run(Connection& connection, std::string_view sql) {
  auto statement = connection.prepare(sql);
  if (!statement) return core::unexpected(std::move(statement).error());
  auto done = (*statement)->run();
  if (!done) return core::unexpected(std::move(done).error());
  return core::Ok{};
}

constexpr std::string_view kSavepoint = "SAVEPOINT mediagate_nested";
constexpr std::string_view kRelease = "RELEASE mediagate_nested";
constexpr std::string_view kRollbackTo = "ROLLBACK TO mediagate_nested";

}  // namespace

StoreResult<Transaction> Transaction::begin(Connection& connection, Kind kind) {
  const bool nested = connection.in_transaction();
  auto ok = run(connection, nested                     ? kSavepoint
                            : kind == Kind::kImmediate ? "BEGIN IMMEDIATE"
                                                       : "BEGIN DEFERRED");
  if (!ok) return core::unexpected(std::move(ok).error());
  return Transaction(connection, nested);
}

Transaction::Transaction(Transaction&& other) noexcept
    : connection_(other.connection_), nested_(other.nested_) {
  other.connection_ = nullptr;
}

Transaction::~Transaction() {
  rollback();
}

Status Transaction::commit() {
  if (connection_ == nullptr)
    return core::unexpected(core::Error::store("sqlite: no open transaction"));
  auto ok = run(*connection_, nested_ ? kRelease : "COMMIT");
  if (!ok) {
    rollback();  // a failed COMMIT leaves the transaction open
    return ok;
  }
  connection_ = nullptr;
  return core::Ok{};
}

void Transaction::rollback() noexcept {
  if (connection_ == nullptr) return;
  if (nested_) {
    // Undo this savepoint's work, then drop it; the outer transaction carries on.
    if (run(*connection_, kRollbackTo)) (void)run(*connection_, kRelease);
  } else if (connection_->in_transaction()) {
    (void)run(*connection_, "ROLLBACK");
  }
  connection_ = nullptr;
}

}  // namespace mediagate::store::sqlite
