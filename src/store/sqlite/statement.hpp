// A prepared SQLite statement (RAII over sqlite3_stmt*): typed binding, stepping and column
// reads, with every SQLite failure turned into a StoreError. A bind failure is remembered and
// reported by the next step(), so call sites can bind a whole row and check once.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/sql/result.hpp"
#include "store/store.hpp"

namespace mediagate::store::sqlite {

using sql::Status;

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) noexcept : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite. Text is copied (SQLITE_TRANSIENT).
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view{value});
  }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view{value}); }
  Statement& bind(int index, std::nullopt_t);
  Statement& bind(int index, const std::optional<std::int64_t>& value);
  Statement& bind(int index, const std::optional<std::string>& value);

  // Binds parameters 1..N in order.
  template <class... Args>
  Statement& bind_all(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  // Advances: true when a row is available, false when done.
  StoreResult<bool> step();
  // Runs a statement that returns no rows; the number of rows it changed.
  StoreResult<std::int64_t> run();
  // bind_all + run + reset: one execution of a reusable write statement.
  template <class... Args>
  StoreResult<std::int64_t> execute(const Args&... args) {
    bind_all(args...);
    auto changed = run();
    reset();
    return changed;
  }

  // Column reads (0-based) on the current row.
  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  std::string text(int column) const;
  std::optional<std::int64_t> optional_int64(int column) const;
  std::optional<std::string> optional_text(int column) const;

  // Makes the statement ready for reuse: resets it and clears its bindings and bind error.
  void reset() noexcept;
  const char* sql() const noexcept { return sqlite3_sql(stmt_); }

 private:
  void note_bind(int rc, int index);

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::optional<StoreError> bind_error_;
};

// A cached statement borrowed for one use: resets it when the use ends, so that a finished
// (or abandoned) SELECT never keeps a read transaction open.
class ScopedStatement {
 public:
  explicit ScopedStatement(Statement& statement) noexcept : statement_(&statement) {}
  ~ScopedStatement() {
    if (statement_ != nullptr) statement_->reset();
  }
  ScopedStatement(ScopedStatement&& other) noexcept : statement_(other.statement_) {
    other.statement_ = nullptr;
  }
  ScopedStatement(const ScopedStatement&) = delete;
  ScopedStatement& operator=(const ScopedStatement&) = delete;
  ScopedStatement& operator=(ScopedStatement&&) = delete;

  Statement* operator->() const noexcept { return statement_; }
  Statement& operator*() const noexcept { return *statement_; }

 private:
  Statement* statement_;
};

using sql::propagate;  // passes the error of a failed result on as the caller's error

}  // namespace mediagate::store::sqlite
