// Small helpers shared by the SQLite queries: positional parameters, collecting rows into
// values, one optional row, and a page (COUNT(*) then LIMIT/OFFSET) of a filtered query.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/logger.hpp"  // append_json_string
#include "store/sqlite/connection.hpp"

namespace mediagate::store::sqlite {

using Param = std::variant<std::int64_t, std::string>;

inline std::string json_array(const std::vector<std::int64_t>& values) {
  std::string out = "[";
  for (const auto value : values) {
    if (out.size() > 1) out += ',';
    out += std::to_string(value);
  }
  return out + "]";
}

inline std::string json_array(const std::vector<std::string>& values) {
  std::string out = "[";
  for (const auto& value : values) {
    if (out.size() > 1) out += ',';
    core::append_json_string(out, value);  // JSON string literal, escaped
  }
  return out + "]";
}

inline void bind_params(Statement& statement, const std::vector<Param>& params) {
  int index = 0;
  for (const auto& param : params) {
    std::visit([&](const auto& value) { statement.bind(++index, value); }, param);
  }
}

inline std::int64_t non_negative(std::int64_t value) {
  return std::max<std::int64_t>(0, value);
}

// A query's rows mapped to values with `map(statement)`.
template <class T, class Map>
StoreResult<std::vector<T>> collect(Statement& statement, Map&& map) {
  std::vector<T> rows;
  while (true) {
    auto more = statement.step();
    if (!more) return propagate(more);
    if (!*more) return rows;
    rows.push_back(map(statement));
  }
}

template <class T, class Map, class... Args>
StoreResult<std::vector<T>> list_rows(Connection& connection, std::string_view sql, Map&& map,
                                      const Args&... args) {
  auto statement = connection.prepare(sql);
  if (!statement) return propagate(statement);
  (*statement)->bind_all(args...);
  return collect<T>(**statement, std::forward<Map>(map));
}

template <class T, class Map, class... Args>
StoreResult<std::optional<T>> find_one(Connection& connection, std::string_view sql, Map&& map,
                                       const Args&... args) {
  auto statement = connection.prepare(sql);
  if (!statement) return propagate(statement);
  auto row = (*statement)->bind_all(args...).step();
  if (!row) return propagate(row);
  if (!*row) return std::optional<T>{};
  return std::optional<T>{map(**statement)};
}

// COUNT(*) of `from_where`, then one page of `select ... from_where order_by`.
template <class T, class Map>
StoreResult<Page<T>> page_of(Connection& connection, std::string_view select,
                             const std::string& from_where, std::string_view order_by,
                             const std::vector<Param>& params, std::int64_t offset,
                             std::int64_t limit, Map&& map) {
  Page<T> page;
  {
    auto count = connection.prepare("SELECT count(*) " + from_where);
    if (!count) return propagate(count);
    bind_params(**count, params);
    auto row = (*count)->step();
    if (!row) return propagate(row);
    page.total = *row ? (*count)->int64(0) : 0;
  }
  const auto bounded_limit = non_negative(limit);
  if (bounded_limit == 0 || non_negative(offset) >= page.total) return page;

  std::string sql(select);
  sql += ' ';
  sql += from_where;
  sql += order_by;
  sql += " LIMIT ? OFFSET ?";
  auto statement = connection.prepare(sql);
  if (!statement) return propagate(statement);
  bind_params(**statement, params);
  const int next = static_cast<int>(params.size());
  (*statement)->bind(next + 1, bounded_limit).bind(next + 2, non_negative(offset));
  auto items = collect<T>(**statement, std::forward<Map>(map));
  if (!items) return propagate(items);
  page.items = std::move(*items);
  return page;
}

}  // namespace mediagate::store::sqlite
