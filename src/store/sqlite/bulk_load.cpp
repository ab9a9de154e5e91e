// SQLite's big loads (sql::BulkLoadBackend): maintaining a table's secondary indexes row by row
// costs about three times the inserts themselves, while rebuilding them afterwards is one sort
// each. So a load bringing at least Backend's bulk_load_rows rows of a table, and at least as
// many as the table already holds, drops its indexes inside the transaction and re-creates them
// at its end.
#include <string>
#include <vector>

#include "store/sqlite/backend.hpp"

namespace mediagate::store::sqlite {
namespace {

std::string quoted(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Drops the secondary indexes of `table`; returns the SQL that re-creates them.
StoreResult<std::vector<std::string>> drop_indexes(Connection& writer, std::string_view table) {
  std::vector<std::string> names;
  std::vector<std::string> definitions;
  {
    auto list = writer.prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?"
        " AND sql IS NOT NULL ORDER BY name");
    if (!list) return propagate(list);
    (*list)->bind(1, std::string(table));
    while (true) {
      auto row = (*list)->step();
      if (!row) return propagate(row);
      if (!*row) break;
      names.push_back((*list)->text(0));
      definitions.push_back((*list)->text(1));
    }
  }
  for (const auto& name : names) {
    if (auto ok = writer.exec("DROP INDEX " + quoted(name)); !ok) return propagate(ok);
  }
  return definitions;
}

StoreResult<std::int64_t> row_count(Connection& writer, std::string_view table) {
  auto count = writer.prepare("SELECT count(*) FROM " + quoted(table));
  if (!count) return propagate(count);
  auto row = (*count)->step();
  if (!row) return propagate(row);
  return *row ? (*count)->int64(0) : 0;
}

}  // namespace

StoreResult<sql::BulkLoad> Backend::start_bulk_load(std::string_view table, std::size_t rows) {
  sql::BulkLoad load;
  load.table = std::string(table);
  if (rows < bulk_load_rows_) return load;
  auto existing = row_count(c_, table);  // its statement reset before the indexes are dropped
  if (!existing) return propagate(existing);
  if (static_cast<std::int64_t>(rows) < *existing) return load;
  auto dropped = drop_indexes(c_, table);
  if (!dropped) return propagate(dropped);
  load.indexes = std::move(*dropped);
  load.on = true;
  return load;
}

Status Backend::finish_bulk_load(const sql::BulkLoad& load) {
  for (const auto& definition : load.indexes) {
    if (auto ok = c_.exec(definition); !ok) return propagate(ok);
  }
  // Statistics let the planner pick the right index for a filter (e.g. a column IN a list
  // rather than a scan in another index's order); a bulk load is when they change the most.
  if (load.on) {
    if (auto ok = c_.exec("ANALYZE " + quoted(load.table)); !ok) return propagate(ok);
  }
  return core::Ok{};
}

}  // namespace mediagate::store::sqlite
