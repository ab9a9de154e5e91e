// SQLite's side of the shared SQL layer (store/sql/backend.hpp): statements run on one
// Connection through its cache of prepared statements, rows read straight off the stepped
// Statement (no copy of a result set). Cheap to make: a reference and an option.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sql/backend.hpp"
#include "store/sql/batched_writes.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/query_support.hpp"
#include "store/sqlite/transaction.hpp"

namespace mediagate::store::sqlite {

// Where a read connection's lists of ordered ids come from: the store's rank cache
// (rank_cache.hpp), at the generation of the data as `connection` sees it.
class RankedLists {
 public:
  virtual StoreResult<std::optional<sql::RankedIds>> slice(
      Connection& connection, const std::string& key, const std::string& select_ids,
      const std::vector<Param>& params, std::int64_t offset, std::int64_t limit) = 0;

 protected:
  ~RankedLists() = default;
};

class Backend {
 public:
  using Row = Statement;
  using Param = sqlite::Param;

  // `bulk_load_rows`: from how many incoming rows a load rebuilds a table's indexes
  // (start_bulk_load). `ranks`: the store's lists of ordered ids, for its read connections
  // (none: plain SQL).
  explicit Backend(Connection& connection, std::size_t bulk_load_rows = 50'000,
                   RankedLists* ranks = nullptr) noexcept
      : c_(connection), bulk_load_rows_(bulk_load_rows), ranks_(ranks) {}

  static Param param(std::int64_t value) { return value; }
  static Param param(std::string_view value) { return std::string(value); }
  static Param list_param(const std::vector<std::int64_t>& values) { return json_array(values); }
  static Param list_param(const std::vector<std::string>& values) { return json_array(values); }
  // One JSON array parameter whatever the list's length: the statement stays cacheable and
  // SQLite builds a temporary index over the list's values.
  static void append_in_list(std::string& sql, std::string_view column, sql::ListOf /*kind*/) {
    sql += column;
    sql += " IN (SELECT value FROM json_each(?))";
  }
  static bool storable(std::string_view /*text*/) { return true; }

  template <class T, class Map, class... Args>
  StoreResult<std::optional<T>> find_one(std::string_view sql, Map&& map, const Args&... args) {
    return sqlite::find_one<T>(c_, sql, std::forward<Map>(map), args...);
  }
  template <class T, class Map, class... Args>
  StoreResult<std::vector<T>> list_rows(std::string_view sql, Map&& map, const Args&... args) {
    return sqlite::list_rows<T>(c_, sql, std::forward<Map>(map), args...);
  }
  StoreResult<std::int64_t> count(std::string_view sql, const std::vector<Param>& params) {
    auto statement = c_.prepare(sql);
    if (!statement) return propagate(statement);
    bind_params(**statement, params);
    auto row = (*statement)->step();
    if (!row) return propagate(row);
    return *row ? (*statement)->int64(0) : 0;
  }
  template <class T, class Map>
  StoreResult<std::vector<T>> rows(std::string_view sql, const std::vector<Param>& params,
                                   std::int64_t limit, std::int64_t offset, Map&& map) {
    auto statement = c_.prepare(sql);
    if (!statement) return propagate(statement);
    bind_params(**statement, params);
    const int next = static_cast<int>(params.size());
    (*statement)->bind(next + 1, limit).bind(next + 2, offset);
    return collect<T>(**statement, std::forward<Map>(map));
  }

  template <class... Args>
  StoreResult<std::int64_t> execute(std::string_view sql, const Args&... args) {
    auto statement = c_.prepare(sql);
    if (!statement) return propagate(statement);
    return (*statement)->execute(args...);
  }

  // Calls `row(statement)` for each row of `sql` (no parameters); `row` returns Status.
  template <class RowFn>
  Status for_each_row(std::string_view sql, RowFn&& row) {
    auto statement = c_.prepare(sql);
    if (!statement) return propagate(statement);
    while (true) {
      auto more = (*statement)->step();
      if (!more) return propagate(more);
      if (!*more) return core::Ok{};
      if (auto ok = row(**statement); !ok) return ok;
    }
  }

  // Lists of ordered ids (sql::RanksIds).
  bool ranks() const noexcept { return ranks_ != nullptr; }
  StoreResult<std::optional<sql::RankedIds>> ranked_ids(const std::string& key,
                                                        const std::string& select_ids,
                                                        const std::vector<Param>& params,
                                                        std::int64_t offset, std::int64_t limit) {
    if (ranks_ == nullptr) return std::optional<sql::RankedIds>{};
    return ranks_->slice(c_, key, select_ids, params, offset, limit);
  }

  // A failed statement leaves an SQLite transaction usable: no savepoint needed.
  template <class Body>
  auto write(Body&& body) -> decltype(body()) {
    return body();
  }

  // Several writes as one step: inside a transaction a SAVEPOINT, so that failing they undo
  // only themselves.
  template <class Body>
  auto atomically(Body&& body) -> decltype(body()) {
    auto step = Transaction::begin(c_, Transaction::Kind::kImmediate);
    if (!step) return propagate(step);
    auto result = body();
    if (!result) return result;
    if (auto ok = step->commit(); !ok) return propagate(ok);
    return result;
  }

  // Big loads (sql::BulkLoadBackend, bulk_load.cpp): at least `bulk_load_rows` incoming rows,
  // and at least as many as `table` holds, drop its secondary indexes inside the transaction;
  // finish_bulk_load re-creates them from their own saved SQL (so this stays true whatever a
  // later migration makes of them) and refreshes the table's statistics. DDL is transactional
  // in SQLite: a rollback restores them, and readers keep using them until the commit.
  StoreResult<sql::BulkLoad> start_bulk_load(std::string_view table, std::size_t rows);
  Status finish_bulk_load(const sql::BulkLoad& load);

  Connection& connection() const noexcept { return c_; }

 private:
  Connection& c_;
  std::size_t bulk_load_rows_;
  RankedLists* ranks_;
};

static_assert(sql::Backend<Backend>);
static_assert(sql::RanksIds<Backend>);
static_assert(sql::BulkLoadBackend<Backend>);

}  // namespace mediagate::store::sqlite
