// The SQLite backend of Store. One writer connection (behind a mutex) for import, a pool of
// read-only connections (opened lazily) for everything else; WAL lets them run side by side.
// A multi-statement read (count + page, an export) runs in one read transaction, so it sees
// one snapshot even while an import commits. ":memory:" is supported for tests: one
// connection then serves reads and writes in turn.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>

#include "store/module_schema.hpp"
#include "store/sqlite/backend.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/connection_pool.hpp"
#include "store/sqlite/rank_cache.hpp"
#include "store/store.hpp"

namespace mediagate::store::sqlite {

struct SqliteOptions {
  std::size_t max_readers = 8;
  std::chrono::milliseconds busy_timeout{5000};
  int writer_cache_kib = 128 * 1024;  // a large import spills less to the WAL
  int reader_cache_kib = 16 * 1024;
  // A write of at least this many rows of one table, and at least as many as it holds, rebuilds
  // its indexes once at the end (Backend::start_bulk_load).
  std::size_t bulk_import_videos = 50'000;
  // The cache of ordered ids the read connections' backends offer (rank_cache.hpp,
  // sql::RanksIds): the modules' long pages.
  RankLimits ranks{};
  bool cache_ranks = true;
  // How often data_generation() asks SQLite whether another connection or process committed
  // (PRAGMA data_version, one read transaction); 0 = on every call.
  std::chrono::milliseconds change_check{200};
  // Engine::cached_lookups(): answers of each lookup the modules' repositories keep.
  std::size_t cached_lookups = 0;
};

class SqliteStore final : public Store, private RankedLists {
 public:
  // Opens (creating if needed) and migrates the database at `path`.
  static StoreResult<std::unique_ptr<SqliteStore>> open(const std::string& path,
                                                        const SqliteOptions& options,
                                                        std::span<const ModuleSchema> modules);

  StoreResult<core::Ok> read(ReadKind kind,
                             const std::function<StoreResult<core::Ok>(SqlBackend)>& body) override;

  StoreResult<bool> transact(
      const std::function<StoreResult<Outcome>(EntityStore&)>& body) override;
  StoreResult<core::Ok> snapshot(
      const std::function<StoreResult<core::Ok>(EntityStore&)>& body) override;

  std::optional<std::uint64_t> data_generation() override;
  std::size_t cached_lookups() const override { return options_.cached_lookups; }

  // What the cache of ordered ids holds: lists, and ids in them.
  std::size_t cached_rank_lists() const { return ranks_.lists(); }
  std::size_t cached_rank_ids() const { return ranks_.ids(); }

 private:
  SqliteStore(std::unique_ptr<Connection> writer, std::unique_ptr<ConnectionPool> readers,
              const SqliteOptions& options) noexcept
      : options_(options),
        ranks_(options.ranks),
        writer_(std::move(writer)),
        readers_(std::move(readers)) {}

  // Runs `body(Connection&)` on a read connection (the writer, in turn, for ":memory:").
  template <class Body>
  auto read(Body&& body) -> decltype(body(std::declval<Connection&>()));
  // The same inside a read transaction: one snapshot for several statements.
  template <class Body>
  auto read_snapshot(Body&& body) -> decltype(body(std::declval<Connection&>()));

  // The generation of the data as `connection` sees it: bumped after each commit of ours and
  // whenever a reader sees PRAGMA data_version move (a commit by another connection or
  // process; for a new connection too, conservatively). Lists of the RankCache built at an older
  // generation are rebuilt.
  StoreResult<std::uint64_t> generation(Connection& connection);
  // RankedLists: the slice from the cache of ordered ids at `connection`'s generation.
  StoreResult<std::optional<RankSlice>> slice(Connection& connection, const std::string& key,
                                              const std::string& select_ids,
                                              const std::vector<Param>& params, std::int64_t offset,
                                              std::int64_t limit) override;

  const SqliteOptions options_;
  std::atomic<std::uint64_t> generation_{1};
  // When data_generation() next asks SQLite (steady clock, ns); claimed by compare-exchange
  // so that one caller looks while the others answer with the generation known so far.
  std::atomic<std::int64_t> next_change_check_{0};
  RankCache ranks_;
  std::mutex writer_mutex_;
  std::unique_ptr<Connection> writer_;
  std::unique_ptr<ConnectionPool> readers_;  // null for ":memory:"
};

}  // namespace mediagate::store::sqlite
