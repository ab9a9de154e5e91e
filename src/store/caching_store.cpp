#include "store/caching_store.hpp"

#include <algorithm>
#include <limits>
#include <utility>

namespace mediagate::store {
namespace {

core::GenerationCacheLimits limits(std::size_t max_entries) {
  return {.max_entries = max_entries, .max_bytes = 0};
}

}  // namespace

CachingStore::CachingStore(std::unique_ptr<Store> inner, std::size_t max_entries)
    : inner_(std::move(inner)),
      max_entries_(max_entries),
      accounts_by_user_(limits(max_entries)),
      accounts_by_app_(limits(max_entries)),
      categories_(limits(max_entries)),
      sub_accounts_(limits(max_entries)),
      channel_owners_(limits(max_entries)),
      groups_(limits(max_entries)),
      iqiyi_keys_(limits(max_entries)),
      iqiyi_users_(limits(max_entries)),
      pumpkin_partners_(limits(max_entries)) {}

template <class T, class Load>
StoreResult<T> CachingStore::cached(Cache<T>& cache, const core::CacheKey& key, Load&& load) {
  const auto generation = inner_->data_generation();  // before the read: see generation_cache.hpp
  if (!generation) return load();
  if (auto hit = cache.find(key.str(), *generation)) return std::move(*hit);
  auto loaded = load();
  if (loaded) cache.insert(key.str(), *generation, *loaded, 1);  // failures are not kept
  return loaded;
}

StoreResult<std::optional<PolyvAccountKeys>> CachingStore::find_polyv_account_by_user_id(
    std::string_view user_id) {
  return cached(accounts_by_user_, core::CacheKey("").add(user_id),
                [&] { return inner_->find_polyv_account_by_user_id(user_id); });
}

StoreResult<std::optional<PolyvAccountKeys>> CachingStore::find_polyv_account_by_app_id(
    std::string_view app_id) {
  return cached(accounts_by_app_, core::CacheKey("").add(app_id),
                [&] { return inner_->find_polyv_account_by_app_id(app_id); });
}

StoreResult<std::vector<Category>> CachingStore::list_categories(std::string_view user_id) {
  return cached(categories_, core::CacheKey("").add(user_id),
                [&] { return inner_->list_categories(user_id); });
}

StoreResult<bool> CachingStore::has_sub_account(std::string_view user_id, std::string_view email) {
  return cached(sub_accounts_, core::CacheKey("").add(user_id).add(email),
                [&] { return inner_->has_sub_account(user_id, email); });
}

StoreResult<std::optional<std::string>> CachingStore::find_channel_owner(
    std::string_view channel_id) {
  return cached(channel_owners_, core::CacheKey("").add(channel_id),
                [&] { return inner_->find_channel_owner(channel_id); });
}

StoreResult<std::optional<PolyvGroupKeys>> CachingStore::find_polyv_group(std::string_view app_id) {
  return cached(groups_, core::CacheKey("").add(app_id),
                [&] { return inner_->find_polyv_group(app_id); });
}

StoreResult<std::optional<std::string>> CachingStore::find_iqiyi_md5_key(
    std::string_view partner_code) {
  return cached(iqiyi_keys_, core::CacheKey("").add(partner_code),
                [&] { return inner_->find_iqiyi_md5_key(partner_code); });
}

StoreResult<std::optional<IqiyiUser>> CachingStore::find_iqiyi_user(std::string_view partner_code,
                                                                    std::string_view user_id,
                                                                    std::string_view area) {
  return cached(iqiyi_users_, core::CacheKey("").add(partner_code).add(user_id).add(area),
                [&] { return inner_->find_iqiyi_user(partner_code, user_id, area); });
}

StoreResult<std::optional<PumpkinPartner>> CachingStore::find_pumpkin_partner(
    std::string_view pid) {
  return cached(pumpkin_partners_, core::CacheKey("").add(pid),
                [&] { return inner_->find_pumpkin_partner(pid); });
}

StoreResult<std::vector<PumpkinMedia>> CachingStore::list_offline_media(EpochMs from, EpochMs to) {
  const auto generation = inner_->data_generation();  // before the read: see generation_cache.hpp
  if (!generation || max_entries_ == 0 || offline_too_large_.load()) {
    return inner_->list_offline_media(from, to);
  }
  std::shared_ptr<const OfflineMedia> media;
  {
    const std::lock_guard lock(offline_mutex_);
    if (offline_ && offline_->generation == *generation) media = offline_;
  }
  if (!media) {
    auto all = inner_->list_offline_media(std::numeric_limits<EpochMs>::min(),
                                          std::numeric_limits<EpochMs>::max());
    if (!all) return all;
    if (all->size() > max_entries_) {
      offline_too_large_.store(true);
      return inner_->list_offline_media(from, to);
    }
    auto built = std::make_shared<OfflineMedia>(OfflineMedia{*generation, std::move(*all)});
    {
      const std::lock_guard lock(offline_mutex_);
      if (!offline_ || offline_->generation <= *generation) offline_ = built;
    }
    media = std::move(built);
  }
  // from <= delete_time < to; every kept item has a delete time.
  const auto& items = media->items;
  auto time_of = [](const PumpkinMedia& item) { return item.delete_time.value_or(0); };
  const auto first = std::partition_point(items.begin(), items.end(),
                                          [&](const PumpkinMedia& m) { return time_of(m) < from; });
  const auto last = std::partition_point(first, items.end(),
                                         [&](const PumpkinMedia& m) { return time_of(m) < to; });
  return std::vector<PumpkinMedia>(first, last);
}

core::GenerationCacheStats CachingStore::stats() const {
  core::GenerationCacheStats total;
  auto add = [&](const auto& cache) {
    const auto s = cache.stats();
    total.hits += s.hits;
    total.misses += s.misses;
    total.entries += s.entries;
    total.bytes += s.bytes;
  };
  add(accounts_by_user_);
  add(accounts_by_app_);
  add(categories_);
  add(sub_accounts_);
  add(channel_owners_);
  add(groups_);
  add(iqiyi_keys_);
  add(iqiyi_users_);
  add(pumpkin_partners_);
  return total;
}

}  // namespace mediagate::store
