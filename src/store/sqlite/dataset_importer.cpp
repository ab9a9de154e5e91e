#include "store/sqlite/dataset_importer.hpp"

#include <string>
#include <vector>

#include "store/sql/dataset_import.hpp"
#include "store/sqlite/backend.hpp"
#include "store/sqlite/transaction.hpp"

namespace mediagate::store::sqlite {
namespace {

// Bulk loads: maintaining five secondary indexes row by row costs about three times the
// inserts themselves, while rebuilding them afterwards is one sort each. So an import bringing
// at least ImportOptions::bulk_videos videos, and at least as many as the table already holds,
// drops the video indexes inside its transaction and re-creates them from their own saved SQL (so
// this stays true whatever a later migration makes of them). DDL is transactional in SQLite: a
// rollback restores them, and readers keep using them until the commit.
std::size_t videos_in(const Dataset& data) {
  std::size_t count = 0;
  for (const auto& account : data.polyv_accounts) count += account.videos.size();
  return count;
}

// Drops the secondary indexes of polyv_videos; returns the SQL that re-creates them.
StoreResult<std::vector<std::string>> drop_video_indexes(Connection& writer) {
  std::vector<std::string> names;
  std::vector<std::string> definitions;
  {
    auto list = writer.prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'polyv_videos'"
        " AND sql IS NOT NULL ORDER BY name");
    if (!list) return propagate(list);
    while (true) {
      auto row = (*list)->step();
      if (!row) return propagate(row);
      if (!*row) break;
      names.push_back((*list)->text(0));
      definitions.push_back((*list)->text(1));
    }
  }
  for (const auto& name : names) {
    if (auto ok = writer.exec("DROP INDEX \"" + name + "\""); !ok) return propagate(ok);
  }
  return definitions;
}

StoreResult<bool> is_bulk(Connection& writer, const Dataset& data, std::size_t threshold) {
  const std::size_t incoming = videos_in(data);
  if (incoming < threshold) return false;
  auto count = writer.prepare("SELECT count(*) FROM polyv_videos");
  if (!count) return propagate(count);
  auto row = (*count)->step();
  if (!row) return propagate(row);
  const std::int64_t existing = *row ? (*count)->int64(0) : 0;
  return static_cast<std::int64_t>(incoming) >= existing;
}

StoreResult<ImportSummary> run_import(Connection& writer, const Dataset& data,
                                      const ImportOptions& options) {
  auto bulk = is_bulk(writer, data, options.bulk_videos);
  if (!bulk) return propagate(bulk);
  std::vector<std::string> indexes;
  if (*bulk) {
    auto dropped = drop_video_indexes(writer);
    if (!dropped) return propagate(dropped);
    indexes = std::move(*dropped);
  }
  Backend db(writer, options.bulk_videos);
  auto summary = sql::import_rows(db, data);
  if (!summary) return summary;
  for (const auto& definition : indexes) {
    if (auto ok = writer.exec(definition); !ok) return propagate(ok);
  }
  // Statistics let the planner pick the right index for a filter (e.g. cataid IN a list
  // rather than scanning in ptime order); a bulk load is when they change the most.
  if (*bulk) {
    if (auto ok = writer.exec("ANALYZE polyv_videos"); !ok) return propagate(ok);
  }
  return summary;
}

}  // namespace

StoreResult<ImportSummary> import_dataset(Connection& writer, const Dataset& data,
                                          const ImportOptions& options) {
  // Statement journals (the undo log of each upsert) in memory: once one outgrows 64 KiB it
  // otherwise becomes a temporary file that every later row of the transaction writes to.
  if (auto ok = writer.exec("PRAGMA temp_store = MEMORY"); !ok) return propagate(ok);
  auto transaction = Transaction::begin(writer, Transaction::Kind::kImmediate);
  if (!transaction) return propagate(transaction);
  auto summary = run_import(writer, data, options);
  if (!summary) {
    return core::unexpected(core::Error::store("import rolled back: " + summary.error().message));
  }
  if (auto ok = transaction->commit(); !ok) {
    return core::unexpected(core::Error::store("import rolled back: " + ok.error().message));
  }
  return summary;
}

StoreResult<ImportSummary> Backend::upsert(const Dataset& data) {
  return import_dataset(c_, data, {.bulk_videos = bulk_import_videos_});
}

}  // namespace mediagate::store::sqlite
