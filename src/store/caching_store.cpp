#include "store/caching_store.hpp"

#include "store/cached_lookup.hpp"

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
      groups_(limits(max_entries)) {}

template <class T, class Load>
StoreResult<T> CachingStore::cached(Cache<T>& cache, const core::CacheKey& key, Load&& load) {
  return cached_lookup(*inner_, cache, key, std::forward<Load>(load));
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
  return total;
}

}  // namespace mediagate::store
