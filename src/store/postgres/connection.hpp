// One PostgreSQL connection (RAII over PGconn*), its cache of prepared statements, and the
// results it returns. Every round trip runs in libpq's non-blocking mode under a deadline, so a
// server that stops answering (stopped, frozen, unreachable) costs at most that long: the
// connection is then marked broken, and a broken connection is never used again (the pool
// discards it and opens a fresh one). Parameters and results travel as text.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql/result.hpp"
#include "store/store.hpp"

struct pg_conn;
struct pg_result;

namespace mediagate::store::postgres {

using sql::propagate;
using sql::Status;

// A parameter in text form; nothing = SQL NULL.
using Param = std::optional<std::string>;

inline Param param(std::int64_t value) {
  return std::to_string(value);
}
inline Param param(std::string_view value) {
  return std::string(value);
}
inline Param param(const std::string& value) {
  return value;
}
inline Param param(const char* value) {
  return std::string(value);
}
inline Param param(const std::optional<std::int64_t>& value) {
  return value ? param(*value) : Param{};
}
inline Param param(const std::optional<std::string>& value) {
  return value;
}

// What a write holding a text with a NUL byte fails with (PostgreSQL text cannot hold one).
StoreError nul_byte_error();

// A PostgreSQL array literal ('{1,2}', '{"a","b"}') for a `= ANY($n::bigint[])` parameter.
std::string array_literal(const std::vector<std::int64_t>& values);
// Strings holding a NUL byte are left out: PostgreSQL text cannot hold one, so none can match.
std::string array_literal(const std::vector<std::string>& values);

// The rows (or the row count) of one statement.
class Rows {
 public:
  explicit Rows(pg_result* result) noexcept : result_(result) {}
  ~Rows();
  Rows(Rows&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  Rows& operator=(Rows&& other) noexcept;
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;

  int size() const noexcept;
  bool empty() const noexcept { return size() == 0; }
  int columns() const noexcept;
  // Rows inserted, updated or deleted by the statement.
  std::int64_t affected() const noexcept;

  bool is_null(int row, int column) const noexcept;
  std::string text(int row, int column) const;
  std::int64_t int64(int row, int column) const;
  std::optional<std::string> optional_text(int row, int column) const;
  std::optional<std::int64_t> optional_int64(int row, int column) const;

 private:
  pg_result* result_;
};

// One row of a Rows, for the functions that map rows to values.
class Row {
 public:
  Row(const Rows& rows, int row) noexcept : rows_(rows), row_(row) {}
  std::string text(int column) const { return rows_.text(row_, column); }
  std::int64_t int64(int column) const { return rows_.int64(row_, column); }
  std::optional<std::string> optional_text(int column) const {
    return rows_.optional_text(row_, column);
  }
  std::optional<std::int64_t> optional_int64(int column) const {
    return rows_.optional_int64(row_, column);
  }

 private:
  const Rows& rows_;
  int row_;
};

struct ConnectionOptions {
  std::chrono::milliseconds connect_timeout{5000};
  // Server-side limit of one statement; the client gives up this long plus a second later.
  std::chrono::milliseconds statement_timeout{10'000};
};

class Connection {
 public:
  // Connects to `url` (a postgresql:// URI), with TCP keepalives, and sets statement_timeout,
  // lock_timeout and idle_in_transaction_session_timeout for the session.
  static StoreResult<std::unique_ptr<Connection>> open(const std::string& url,
                                                       const ConnectionOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs a script of one or more statements without parameters (simple query protocol);
  // returns the last statement's result.
  StoreResult<Rows> exec(std::string_view sql);

  // COPY ... FROM STDIN (`copy_sql`), fed `data`: whole lines of COPY's text format. Sent in
  // chunks as the socket takes them, under the same deadline as any other call; a row the
  // server refuses fails the whole COPY. Returns its result (affected() = rows copied).
  StoreResult<Rows> copy_in(std::string_view copy_sql, std::string_view data);

  // Allows each statement `scale` times its usual time from now on, on the server
  // (statement_timeout: in a transaction SET LOCAL, until it or its savepoint ends; outside
  // one for the session) and in the client (every deadline); scale 1 restores both. For
  // set-wise statements over many rows, in a transaction; for VACUUM, outside one.
  Status scale_time(std::size_t scale);

  // Runs `sql` (placeholders written `?`, numbered here) with `params`; the statement is
  // prepared on the first use and then reused by name for the connection's lifetime.
  // In a SELECT, a text parameter holding a NUL byte is bound as NULL (no stored text can
  // equal it); in any other statement it is an error (it cannot be stored).
  StoreResult<Rows> query(std::string_view sql, const std::vector<Param>& params);
  template <class... Args>
  StoreResult<Rows> run(std::string_view sql, const Args&... args) {
    return query(sql, std::vector<Param>{param(args)...});
  }

  // One write of a pipeline: a statement (placeholders `?`) and its parameters.
  struct Write {
    std::string_view sql;
    std::vector<Param> params;
  };
  // Runs `writes` in libpq's pipeline mode: every statement sent back to back, then one
  // synchronisation, so N writes cost one round trip instead of N (bulk import). Returns the
  // rows each write changed, in order, or the first error (the statements after a failed one are
  // not run; the caller's transaction or savepoint then undoes the ones before). Statements are
  // prepared on first use as in `query`; one deadline covers the whole pipeline, scaled by its
  // length (every statement may take up to statement_timeout). Not for SELECTs.
  StoreResult<std::vector<std::int64_t>> pipeline(const std::vector<Write>& writes);

  // Lost, timed out or otherwise unusable: to be discarded, never reused.
  bool broken() const noexcept;
  void mark_broken() noexcept { broken_ = true; }
  bool in_transaction() const noexcept;
  // Requests sent since the connection opened (a prepare counts as one).
  std::uint64_t requests() const noexcept { return requests_; }
  std::size_t prepared_statements() const noexcept { return statements_.size(); }

 private:
  Connection(pg_conn* conn, std::string password, const ConnectionOptions& options) noexcept;

  // Waits for the results of the request just sent; returns the last one, or the first error.
  StoreResult<Rows> await(std::string_view what);
  StoreResult<Rows> await(std::string_view what, std::chrono::steady_clock::time_point deadline,
                          std::chrono::milliseconds budget);
  // Sends `data` on a connection in the COPY IN state, then its end; the reason it failed.
  // (false in `aborted` unless the server ended the COPY first: its error is then to be read).
  std::optional<std::string> send_copy_data(std::string_view data,
                                            std::chrono::steady_clock::time_point deadline,
                                            std::chrono::milliseconds budget, bool& aborted);
  // The deadline of one round trip (scaled by scale_time).
  std::chrono::milliseconds round_trip() const noexcept {
    return deadline_ * static_cast<std::chrono::milliseconds::rep>(scale_);
  }
  // Waits until `deadline` for the socket to be readable (or writable too, while output is
  // pending) and reads what arrived; the reason the connection is lost, if it is (`budget` is
  // the wait the message names).
  std::optional<std::string> wait_for_socket(bool writing,
                                             std::chrono::steady_clock::time_point deadline,
                                             std::chrono::milliseconds budget);
  // The prepared statement's name for `sql` (prepared now on first use).
  StoreResult<std::string> prepared(std::string_view sql, std::size_t parameters);
  // Reads a pipeline's results (pipeline mode on, everything sent and synced).
  StoreResult<std::vector<std::int64_t>> pipeline_results(std::size_t writes,
                                                          std::chrono::milliseconds budget);
  StoreError failure(std::string_view what, std::string_view detail) const;

  pg_conn* conn_;
  std::string password_;  // scrubbed from every message
  std::chrono::milliseconds statement_timeout_;
  std::chrono::milliseconds deadline_;
  std::size_t scale_ = 1;
  bool broken_ = false;
  std::uint64_t requests_ = 0;
  std::map<std::string, std::string, std::less<>> statements_;  // SQL -> prepared name
};

// `url` with any password replaced by "***" (userinfo and password= parameter).
std::string redact_url(std::string_view url);

// Runs one SQL script on a new connection to `url` and returns the first column of the
// first row of its last result, if any. For tests and tools (creating a schema, counting rows).
StoreResult<std::optional<std::string>> run_once(const std::string& url, std::string_view sql,
                                                 const ConnectionOptions& options = {});

}  // namespace mediagate::store::postgres
