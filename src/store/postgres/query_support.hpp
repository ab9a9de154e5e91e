// Small helpers shared by the PostgreSQL queries: rows mapped to values, one optional row, and
// a page (count(*) then LIMIT/OFFSET) of a filtered query. The SQL is SQLite's with `?`
// placeholders (Connection numbers them), so the two backends' queries read alike.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/postgres/connection.hpp"

namespace mediagate::store::postgres {

inline std::int64_t non_negative(std::int64_t value) {
  return std::max<std::int64_t>(0, value);
}

template <class T, class Map>
std::vector<T> map_rows(const Rows& rows, Map&& map) {
  std::vector<T> out;
  out.reserve(static_cast<std::size_t>(rows.size()));
  for (int i = 0; i < rows.size(); ++i) out.push_back(map(Row(rows, i)));
  return out;
}

template <class T, class Map, class... Args>
StoreResult<std::vector<T>> list_rows(Connection& connection, std::string_view sql, Map&& map,
                                      const Args&... args) {
  auto rows = connection.run(sql, args...);
  if (!rows) return propagate(rows);
  return map_rows<T>(*rows, std::forward<Map>(map));
}

template <class T, class Map, class... Args>
StoreResult<std::optional<T>> find_one(Connection& connection, std::string_view sql, Map&& map,
                                       const Args&... args) {
  auto rows = connection.run(sql, args...);
  if (!rows) return propagate(rows);
  if (rows->empty()) return std::optional<T>{};
  return std::optional<T>{map(Row(*rows, 0))};
}

// count(*) of `from_where`, then one page of `select ... from_where order_by`. Run it inside
// a transaction (or a snapshot) for the two statements to see the same data.
template <class T, class Map>
StoreResult<Page<T>> page_of(Connection& connection, std::string_view select,
                             const std::string& from_where, std::string_view order_by,
                             const std::vector<Param>& params, std::int64_t offset,
                             std::int64_t limit, Map&& map) {
  Page<T> page;
  {
    auto count = connection.query("SELECT count(*) " + from_where, params);
    if (!count) return propagate(count);
    page.total = count->empty() ? 0 : count->int64(0, 0);
  }
  const auto bounded_limit = non_negative(limit);
  if (bounded_limit == 0 || non_negative(offset) >= page.total) return page;

  std::string sql(select);
  sql += ' ';
  sql += from_where;
  sql += order_by;
  sql += " LIMIT ? OFFSET ?";
  auto all = params;
  all.push_back(param(bounded_limit));
  all.push_back(param(non_negative(offset)));
  auto rows = connection.query(sql, all);
  if (!rows) return propagate(rows);
  page.items = map_rows<T>(*rows, std::forward<Map>(map));
  return page;
}

}  // namespace mediagate::store::postgres
