// What every entity's row mappings share (each module's own are in vendors/<v>/<v>_rows.hpp):
// a backend's Row has the getters text / int64 / optional_text / optional_int64 (0-based), read
// inlined, per row.
#pragma once

#include <string>
#include <string_view>

namespace mediagate::store::sql {

// One text column (an email, a channel id, an owner).
inline constexpr auto text_of = [](const auto& s, int first = 0) { return s.text(first); };

// "SELECT <columns>" and "SELECT <columns> <rest>" (the SQL of one query, built once).
inline std::string select(std::string_view columns, std::string_view rest = {}) {
  std::string sql = "SELECT ";
  sql += columns;
  if (!rest.empty()) {
    sql += ' ';
    sql += rest;
  }
  return sql;
}

}  // namespace mediagate::store::sql
