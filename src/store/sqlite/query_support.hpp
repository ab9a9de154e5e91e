// Small helpers shared by the SQLite queries: positional parameters, collecting rows into
// values, one optional row.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/logger.hpp"  // append_json_string
#include "store/sql/backend.hpp"
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

using sql::non_negative;

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

}  // namespace mediagate::store::sqlite
