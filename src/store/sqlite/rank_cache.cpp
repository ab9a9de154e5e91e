#include "store/sqlite/rank_cache.hpp"

#include <algorithm>
#include <utility>

namespace mediagate::store::sqlite {

void RankCache::evict_last() {
  const auto victim = entries_.find(lru_.back());
  ids_ -= victim->second->counted;
  victim->second->counted = 0;
  victim->second->evicted = true;
  entries_.erase(victim);
  lru_.pop_back();
}

std::shared_ptr<RankCache::Entry> RankCache::entry_for(const std::string& key) {
  const std::lock_guard lock(mutex_);
  if (const auto it = entries_.find(key); it != entries_.end()) {
    lru_.splice(lru_.begin(), lru_, it->second->lru);
    return it->second;
  }
  auto entry = std::make_shared<Entry>();
  lru_.push_front(key);
  entry->lru = lru_.begin();
  entries_.emplace(key, entry);
  while (entries_.size() > limits_.max_lists && lru_.size() > 1) evict_last();
  return entry;
}

void RankCache::account(Entry& entry, std::size_t count) {
  const std::lock_guard lock(mutex_);
  if (entry.evicted) return;
  ids_ = ids_ - entry.counted + count;
  entry.counted = count;
  while (ids_ > limits_.max_ids && lru_.size() > 1) {
    if (entries_.find(lru_.back())->second.get() == &entry) break;  // the newest list stays
    evict_last();
  }
}

StoreResult<std::optional<RankSlice>> RankCache::slice(Connection& connection,
                                                       const std::string& key,
                                                       const std::string& select_ids,
                                                       const std::vector<Param>& params,
                                                       std::int64_t offset, std::int64_t limit,
                                                       std::uint64_t generation) {
  const auto entry = entry_for(key);
  std::shared_ptr<const Ids> ids;
  {
    const std::lock_guard build(entry->build);
    if (!entry->built || entry->generation != generation) {
      auto statement = connection.prepare(select_ids);
      if (!statement) return propagate(statement);
      bind_params(**statement, params);
      auto list = std::make_shared<Ids>();
      bool too_long = false;
      while (true) {
        auto more = (*statement)->step();
        if (!more) return propagate(more);
        if (!*more) break;
        if (list->size() >= limits_.max_ids) {
          too_long = true;
          break;
        }
        list->push_back((*statement)->int64(0));
      }
      list->shrink_to_fit();
      entry->ids = too_long ? nullptr : std::move(list);
      entry->generation = generation;
      entry->built = true;
      account(*entry, entry->ids ? entry->ids->size() : 0);
    }
    if (!entry->ids) return std::optional<RankSlice>{};
    ids = entry->ids;
  }

  RankSlice slice;
  slice.total = static_cast<std::int64_t>(ids->size());
  const auto first = non_negative(offset);
  const auto count = std::min(non_negative(limit), std::max<std::int64_t>(0, slice.total - first));
  if (count > 0) {
    const auto begin = ids->begin() + first;
    slice.ids.assign(begin, begin + count);
  }
  return std::optional<RankSlice>{std::move(slice)};
}

std::size_t RankCache::lists() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

std::size_t RankCache::ids() const {
  const std::lock_guard lock(mutex_);
  return ids_;
}

}  // namespace mediagate::store::sqlite
