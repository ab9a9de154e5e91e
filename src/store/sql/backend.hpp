// The backend-neutral SQL layer (store/sql/): the entity access, import and export of the SQL
// backends, written once as templates over a small "backend" each of them implements
// (sqlite::Backend, postgres::Backend). A backend wraps one connection and runs statements
// written with `?` placeholders (PostgreSQL's numbers them $1, $2, ...); its Row has the
// column getters text / int64 / optional_text / optional_int64 (0-based). Everything is
// resolved at compile time: no virtual call and no allocation per row beyond the values'.
//
// The SQL itself is the same for both engines (SQLite >= 3.39 reads PostgreSQL's
// `IS DISTINCT FROM` and `INSERT INTO t AS alias`); where they differ (a list parameter, what
// a text can hold, a failed write inside a transaction) the backend says how.
#pragma once

#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sql/result.hpp"
#include "store/store.hpp"

namespace mediagate::store::sql {

// The element type of a list parameter (see Backend::append_in_list).
enum class ListOf { kIntegers, kTexts };

// What the shared code asks of a backend `B` (an object wrapping one connection):
//   B::Row, B::Param                    a result row; one bound parameter (for dynamic lists)
//   B::param(std::int64_t | string_view)  a Param
//   B::list_param(vector<int64_t> | vector<string>)  one parameter holding a whole list
//   B::append_in_list(sql, column, ListOf)  appends "<column> is in the list parameter ?"
//   B::storable(text)                   whether a stored text can equal `text`
//   db.find_one<T>(sql, map, args...)   StoreResult<optional<T>> (first row mapped)
//   db.list_rows<T>(sql, map, args...)  StoreResult<vector<T>>
//   db.count(sql, params)               StoreResult<int64_t>: the first column of the first row
//   db.rows<T>(sql, params, limit, offset, map)  the rows of `sql` (params, then the two)
//   db.execute(sql, args...)            StoreResult<int64_t>: the rows a write changed
//   db.for_each_row(sql, fn)            fn(const Row&) -> Status for each row of `sql`
//   db.write(body)                      body() as one write that, failing, leaves the
//                                       surrounding transaction usable (PostgreSQL: savepoint)
//   db.atomically(body)                 body() (several writes) as one step of the surrounding
//                                       transaction: failing, it undoes only its own writes
template <class B>
concept Backend = requires(B& db, const typename B::Row& row, std::string& sql,
                           const std::vector<std::int64_t>& ints,
                           const std::vector<std::string>& texts) {
  { B::param(std::int64_t{}) } -> std::convertible_to<typename B::Param>;
  { B::param(std::string_view{}) } -> std::convertible_to<typename B::Param>;
  { B::list_param(ints) } -> std::convertible_to<typename B::Param>;
  { B::list_param(texts) } -> std::convertible_to<typename B::Param>;
  B::append_in_list(sql, std::string_view{}, ListOf::kIntegers);
  { B::storable(std::string_view{}) } -> std::same_as<bool>;
  { row.text(0) } -> std::same_as<std::string>;
  { row.int64(0) } -> std::same_as<std::int64_t>;
  { row.optional_text(0) } -> std::same_as<std::optional<std::string>>;
  { row.optional_int64(0) } -> std::same_as<std::optional<std::int64_t>>;
  { db.execute(std::string_view{}) } -> std::same_as<StoreResult<std::int64_t>>;
  {
    db.count(std::string_view{}, std::vector<typename B::Param>{})
    } -> std::same_as<StoreResult<std::int64_t>>;
};

// Rows [offset, offset + limit) of an ordered list, as ids, and the list's length.
struct RankedIds {
  std::int64_t total = 0;
  std::vector<std::int64_t> ids;
};

// A backend that may keep lists of ordered ids (SQLite's rank cache, sqlite/rank_cache.hpp), so
// that a long page costs its length, not its offset:
//   db.ranks()                          whether this connection keeps any
//   db.ranked_ids(key, select_ids, params, offset, limit)
//                                       StoreResult<optional<RankedIds>>: the slice of the list
//                                       `select_ids` (a SELECT of one integer column, in order,
//                                       with `params`) yields, kept under `key` (every parameter
//                                       of the query's shape) while the data stays the same;
//                                       nothing when it keeps no such list (then: plain SQL)
// A module's query asks `if constexpr (RanksIds<B>)`; other backends answer with SQL alone.
template <class B>
concept RanksIds = requires(B& db, const std::string& text,
                            const std::vector<typename B::Param>& params) {
  { db.ranks() } -> std::same_as<bool>;
  {
    db.ranked_ids(text, text, params, std::int64_t{}, std::int64_t{})
    } -> std::same_as<StoreResult<std::optional<RankedIds>>>;
};

// A backend that answers a page and its total in one statement (PostgreSQL: a round trip per
// statement, so page_of sends one instead of a count and the rows, and needs no snapshot):
//   B::kOneStatementPages               true
//   db.page_and_total<T>(sql, params, map)
//                                       StoreResult<Page<T>>: the rows of `sql`, whose last
//                                       column is the total on every row and whose rows with a
//                                       NULL first column are no items (an empty page's one row)
template <class B>
concept OneStatementPages = requires {
  requires B::kOneStatementPages;
};

// Call-site shorthands for the backend's member templates.
template <class T, class B, class Map, class... Args>
StoreResult<std::optional<T>> find_one(B& db, std::string_view sql, Map&& map,
                                       const Args&... args) {
  return db.template find_one<T>(sql, std::forward<Map>(map), args...);
}

template <class T, class B, class Map, class... Args>
StoreResult<std::vector<T>> list_rows(B& db, std::string_view sql, Map&& map, const Args&... args) {
  return db.template list_rows<T>(sql, std::forward<Map>(map), args...);
}

inline std::int64_t non_negative(std::int64_t value) {
  return value < 0 ? 0 : value;
}

// The LIKE pattern of a search (Range::search): "%text%" with `%`, `_` and `\` escaped by a
// `\` and ASCII letters lower-cased (the column is compared lower-cased).
inline std::string search_pattern(std::string_view search) {
  std::string pattern;
  pattern.reserve(search.size() + 8);
  pattern += '%';
  for (const char c : search) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  pattern += '%';
  return pattern;
}

// Narrows `from_where` (a "FROM ..." with or without a WHERE) to the rows where one of
// `columns` contains `search` (see Range::search), its parameters appended to `params`: one
// bound pattern per column, never text spliced into the SQL. Nothing when `search` is empty.
template <class B>
void add_search(std::string& from_where, std::vector<typename B::Param>& params,
                std::initializer_list<std::string_view> columns, std::string_view search) {
  if (search.empty() || columns.size() == 0) return;
  from_where += from_where.find(" WHERE ") == std::string::npos ? " WHERE " : " AND ";
  if (!B::storable(search)) {  // no stored text can contain it
    from_where += "1 = 0";
    return;
  }
  const std::string pattern = search_pattern(search);
  from_where += '(';
  bool first = true;
  for (const auto column : columns) {
    if (!first) from_where += " OR ";
    first = false;
    from_where += "lower(CAST(";
    from_where += column;
    from_where += " AS TEXT)) LIKE ? ESCAPE '\\'";
    params.emplace_back(B::param(std::string_view(pattern)));
  }
  from_where += ')';
}

// One statement answering a page and its total where the backend runs it
// (OneStatementPages): the count and, beside it, the page, as
//   SELECT page_rows.*, page_total.n
//   FROM (SELECT count(*) AS n <from_where>) AS page_total
//   LEFT JOIN LATERAL (<select> <from_where, and page_total.n > ?> <order_by> LIMIT ? OFFSET ?)
//     AS page_rows ON true
// Each part keeps the plan it has as a statement of its own (an index-only count, the ordered
// index under LIMIT; not a window count, which reads every matching row: docs/benchmarks.md),
// and `page_total.n > offset` is a one-time filter: past the end no row is read. The one row of
// an empty page carries the total beside NULLs. Parameters: `params`, `params` again, the
// offset, the limit, the offset (page_statement_params).
inline std::string page_statement(std::string_view select, std::string_view from_where,
                                  std::string_view order_by) {
  std::string sql = "SELECT page_rows.*, page_total.n FROM (SELECT count(*) AS n ";
  sql += from_where;
  sql += ") AS page_total LEFT JOIN LATERAL (";
  sql += select;
  sql += ' ';
  // The guard first, the query's own conditions after it in parentheses: whatever they hold,
  // it stays a condition of its own.
  constexpr std::string_view kWhere = " WHERE ";
  if (const auto where = from_where.find(kWhere); where == std::string_view::npos) {
    sql += from_where;
    sql += " WHERE page_total.n > ?";
  } else {
    sql += from_where.substr(0, where);
    sql += " WHERE page_total.n > ? AND (";
    sql += from_where.substr(where + kWhere.size());
    sql += ')';
  }
  sql += order_by;
  sql += " LIMIT ? OFFSET ?) AS page_rows ON true";
  return sql;
}

template <class B>
std::vector<typename B::Param> page_statement_params(const std::vector<typename B::Param>& params,
                                                     std::int64_t offset, std::int64_t limit) {
  std::vector<typename B::Param> all;
  all.reserve(2 * params.size() + 3);
  all.insert(all.end(), params.begin(), params.end());
  all.push_back(B::param(offset));
  all.insert(all.end(), params.begin(), params.end());
  all.push_back(B::param(limit));
  all.push_back(B::param(offset));
  return all;
}

// One page of `select from_where order_by` (`limit` rows from `offset`; none when limit is 0)
// and the count(*) of `from_where`: in one statement where the backend answers so
// (OneStatementPages), else a count, then the rows (none past the end). Run the latter inside
// a transaction (or a snapshot) for the two statements to see the same data.
template <class T, class B, class Map>
StoreResult<Page<T>> page_of(B& db, std::string_view select, const std::string& from_where,
                             std::string_view order_by,
                             const std::vector<typename B::Param>& params, std::int64_t offset,
                             std::int64_t limit, Map&& map) {
  const auto bounded_limit = non_negative(limit);
  const auto bounded_offset = non_negative(offset);
  if constexpr (OneStatementPages<B>) {
    return db.template page_and_total<T>(
        page_statement(select, from_where, order_by),
        page_statement_params<B>(params, bounded_offset, bounded_limit), std::forward<Map>(map));
  } else {
    Page<T> page;
    auto total = db.count("SELECT count(*) " + from_where, params);
    if (!total) return propagate(total);
    page.total = *total;
    if (bounded_limit == 0 || bounded_offset >= page.total) return page;

    std::string sql(select);
    sql += ' ';
    sql += from_where;
    sql += order_by;
    sql += " LIMIT ? OFFSET ?";
    auto items =
        db.template rows<T>(sql, params, bounded_limit, bounded_offset, std::forward<Map>(map));
    if (!items) return propagate(items);
    page.items = std::move(*items);
    return page;
  }
}

}  // namespace mediagate::store::sql
