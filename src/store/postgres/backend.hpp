// PostgreSQL's side of the shared SQL layer (store/sql/backend.hpp): statements run on one
// Connection (prepared once, `?` numbered there), rows mapped from its result set. Each write runs
// in a savepoint: a failed one undoes itself and leaves the transaction usable (in PostgreSQL
// a failed statement otherwise poisons the whole transaction; not in SQLite).
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/postgres/connection.hpp"
#include "store/postgres/transaction.hpp"
#include "store/sql/backend.hpp"
#include "store/sql/batched_writes.hpp"

namespace mediagate::store::postgres {

class Backend {
 public:
  using Row = postgres::Row;
  using Param = postgres::Param;

  // `set_wise`: when a big write loads a table set-wise (sql::SetWiseBackend).
  explicit Backend(Connection& connection, const sql::SetWiseOptions& set_wise = {}) noexcept
      : c_(connection), set_wise_(set_wise) {}

  static Param param(std::int64_t value) { return postgres::param(value); }
  static Param param(std::string_view value) { return postgres::param(value); }
  static Param list_param(const std::vector<std::int64_t>& values) { return array_literal(values); }
  static Param list_param(const std::vector<std::string>& values) { return array_literal(values); }
  // One array parameter whatever the list's length: the statement stays cacheable.
  static void append_in_list(std::string& sql, std::string_view column, sql::ListOf kind) {
    sql += column;
    sql += kind == sql::ListOf::kIntegers ? " = ANY(?::bigint[])" : " = ANY(?::text[])";
  }
  // PostgreSQL text cannot hold a NUL byte.
  static bool storable(std::string_view text) { return text.find('\0') == std::string_view::npos; }

  template <class T, class Map, class... Args>
  StoreResult<std::optional<T>> find_one(std::string_view sql, Map&& map, const Args&... args) {
    auto rows = c_.run(sql, args...);
    if (!rows) return propagate(rows);
    if (rows->empty()) return std::optional<T>{};
    return std::optional<T>{map(Row(*rows, 0))};
  }
  template <class T, class Map, class... Args>
  StoreResult<std::vector<T>> list_rows(std::string_view sql, Map&& map, const Args&... args) {
    auto rows = c_.run(sql, args...);
    if (!rows) return propagate(rows);
    return map_rows<T>(*rows, std::forward<Map>(map));
  }
  StoreResult<std::int64_t> count(std::string_view sql, const std::vector<Param>& params) {
    auto rows = c_.query(sql, params);
    if (!rows) return propagate(rows);
    return rows->empty() ? 0 : rows->int64(0, 0);
  }
  template <class T, class Map>
  StoreResult<std::vector<T>> rows(std::string_view sql, const std::vector<Param>& params,
                                   std::int64_t limit, std::int64_t offset, Map&& map) {
    auto all = params;
    all.push_back(param(limit));
    all.push_back(param(offset));
    auto rows = c_.query(sql, all);
    if (!rows) return propagate(rows);
    return map_rows<T>(*rows, std::forward<Map>(map));
  }

  // A page and its total in one statement (sql::OneStatementPages, sql::page_statement): one
  // round trip, one snapshot of its own, so a page needs no transaction around it.
  static constexpr bool kOneStatementPages = true;
  template <class T, class Map>
  StoreResult<Page<T>> page_and_total(std::string_view sql, const std::vector<Param>& params,
                                      Map&& map) {
    auto rows = c_.query(sql, params);
    if (!rows) return propagate(rows);
    Page<T> page;
    if (rows->empty()) return page;  // not from page_statement: it always has the count's row
    const int total = rows->columns() - 1;
    page.total = rows->int64(0, total);
    page.items.reserve(static_cast<std::size_t>(rows->size()));
    for (int i = 0; i < rows->size(); ++i) {
      if (rows->is_null(i, 0)) continue;
      page.items.push_back(map(Row(*rows, i)));
    }
    return page;
  }

  template <class... Args>
  StoreResult<std::int64_t> execute(std::string_view sql, const Args&... args) {
    auto rows = c_.run(sql, args...);
    if (!rows) return propagate(rows);
    return rows->affected();
  }

  // Pipelined writes (sql::PipelinedBackend): the bulk import sends them in batches.
  using Write = Connection::Write;
  template <class... Args>
  static Write make_write(std::string_view sql, const Args&... args) {
    return Write{sql, std::vector<Param>{postgres::param(args)...}};
  }
  StoreResult<std::vector<std::int64_t>> pipeline(const std::vector<Write>& writes) {
    return c_.pipeline(writes);
  }

  // Set-wise loads (sql::SetWiseBackend): one value in COPY's text format (\N for NULL; a
  // backslash, tab, newline or carriage return escaped); false for a text holding a NUL byte.
  static bool append_field(std::string& line, std::string_view text) {
    bool storable = true;
    for (const char c : text) {
      switch (c) {
        case '\\':
          line += "\\\\";
          break;
        case '\t':
          line += "\\t";
          break;
        case '\n':
          line += "\\n";
          break;
        case '\r':
          line += "\\r";
          break;
        case '\0':
          storable = false;
          break;
        default:
          line += c;
      }
    }
    return storable;
  }
  static bool append_field(std::string& line, const std::string& text) {
    return append_field(line, std::string_view(text));
  }
  static bool append_field(std::string& line, std::int64_t value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    line.append(digits, end);
    return true;
  }
  template <class T>
  static bool append_field(std::string& line, const std::optional<T>& value) {
    if (!value) {
      line += "\\N";
      return true;
    }
    return append_field(line, *value);
  }
  static StoreError unstorable() { return nul_byte_error(); }
  // COPY of `lines` (`count` rows) into a temporary table (made once per transaction, dropped at
  // its end), then `table.upsert`; both allowed time in proportion to `count`.
  StoreResult<std::int64_t> upsert_set(const sql::SetWiseTable& table, std::string_view lines,
                                       std::size_t count);
  const sql::SetWiseOptions& set_wise_options() const noexcept { return set_wise_; }

  // Calls `row(Row)` for each row of `sql` (no parameters); `row` returns Status.
  template <class RowFn>
  Status for_each_row(std::string_view sql, RowFn&& row) {
    auto rows = c_.run(sql);
    if (!rows) return propagate(rows);
    for (int i = 0; i < rows->size(); ++i) {
      if (auto ok = row(Row(*rows, i)); !ok) return ok;
    }
    return core::Ok{};
  }

  template <class Body>
  auto write(Body&& body) -> decltype(body()) {
    return in_savepoint(c_, std::forward<Body>(body));
  }

  // Several writes in one savepoint (when a transaction is open).
  template <class Body>
  auto atomically(Body&& body) -> decltype(body()) {
    return in_savepoint(c_, std::forward<Body>(body));
  }

  Connection& connection() const noexcept { return c_; }

 private:
  template <class T, class Map>
  static std::vector<T> map_rows(const Rows& rows, Map&& map) {
    std::vector<T> out;
    out.reserve(static_cast<std::size_t>(rows.size()));
    for (int i = 0; i < rows.size(); ++i) out.push_back(map(Row(rows, i)));
    return out;
  }

  Connection& c_;
  sql::SetWiseOptions set_wise_;
};

static_assert(sql::Backend<Backend>);
static_assert(sql::OneStatementPages<Backend>);

}  // namespace mediagate::store::postgres
