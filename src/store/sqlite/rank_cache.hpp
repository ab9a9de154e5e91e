// Pages of a long ordered list at a cost that does not grow with the page number or the list.
//
// A plain `COUNT(*)` plus `LIMIT ? OFFSET ?` reads every matching row before the page, and
// counts all of them for the total: ~30 ms per get-by-uploader page for an account of 360 000
// videos, more the deeper the page (docs/benchmarks.md). This cache keeps, per query shape
// (everything of a query but offset and limit, as a string key), the ids of every matching
// row in order. A page is then the list's size (the total) and `limit` lookups by id,
// whatever the offset. A list is built by one ordered scan on first use and rebuilt once the
// database changed (a generation number, see SqliteStore::generation). A module's query reaches
// it through its read connection's backend (sqlite::Backend::ranked_ids, sql::RanksIds).
//
// Bounded: at most `max_lists` lists holding at most `max_ids` ids in all (least recently
// used out first); a list longer than that is not kept and the caller falls back to SQL.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/sql/backend.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/query_support.hpp"
#include "store/store.hpp"

namespace mediagate::store::sqlite {

struct RankLimits {
  std::size_t max_lists = 256;
  std::size_t max_ids = 32 * 1024 * 1024;  // 8 bytes each: 256 MiB at most
};

// Rows [offset, offset + limit) of a list, as ids, and the list's length.
using RankSlice = sql::RankedIds;

class RankCache {
 public:
  explicit RankCache(RankLimits limits = {}) : limits_(limits) {}

  // The slice of the list `select_ids` (a SELECT of one integer column, in order; with
  // `params`) yields, from the list cached under `key` as of `generation`, built or rebuilt
  // here on `connection` if needed. Nothing if the list is too long to keep.
  StoreResult<std::optional<RankSlice>> slice(Connection& connection, const std::string& key,
                                              const std::string& select_ids,
                                              const std::vector<Param>& params, std::int64_t offset,
                                              std::int64_t limit, std::uint64_t generation);

  // Lists held and ids in them (for tests and the docs' memory figures).
  std::size_t lists() const;
  std::size_t ids() const;

 private:
  using Ids = std::vector<std::int64_t>;
  struct Entry {
    std::mutex build;  // one builder per list; the others wait for it
    std::uint64_t generation = 0;
    std::shared_ptr<const Ids> ids;  // null until built, and when too long
    bool built = false;
    std::size_t counted = 0;  // ids counted in ids_ (0 once evicted)
    bool evicted = false;
    std::list<std::string>::iterator lru;
  };

  std::shared_ptr<Entry> entry_for(const std::string& key);
  // Records that `entry` now holds `count` ids, then evicts the least recently used others
  // until the limits hold.
  void account(Entry& entry, std::size_t count);
  void evict_last();  // with mutex_ held

  const RankLimits limits_;
  mutable std::mutex mutex_;  // guards the map, the LRU order and ids_
  std::unordered_map<std::string, std::shared_ptr<Entry>> entries_;
  std::list<std::string> lru_;  // most recently used first
  std::size_t ids_ = 0;
};

}  // namespace mediagate::store::sqlite
