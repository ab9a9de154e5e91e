#include "vendors/polyv/caching_polyv_repository.hpp"

#include <utility>

#include "store/cached_lookup.hpp"

namespace mediagate::vendors::polyv {
namespace {

core::GenerationCacheLimits limits(std::size_t max_entries) {
  return {.max_entries = max_entries, .max_bytes = 0};
}

}  // namespace

using store::StoreResult;

CachingPolyvRepository::CachingPolyvRepository(std::unique_ptr<PolyvRepository> inner,
                                               store::Engine& engine, std::size_t max_entries)
    : inner_(std::move(inner)),
      engine_(engine),
      accounts_by_user_(limits(max_entries)),
      accounts_by_app_(limits(max_entries)),
      categories_(limits(max_entries)),
      sub_accounts_(limits(max_entries)),
      channel_owners_(limits(max_entries)),
      groups_(limits(max_entries)) {}

StoreResult<std::optional<vendors::polyv::PolyvAccountKeys>>
CachingPolyvRepository::find_account_by_user_id(std::string_view user_id) {
  return store::cached_lookup(engine_, accounts_by_user_, core::CacheKey("").add(user_id),
                              [&] { return inner_->find_account_by_user_id(user_id); });
}

StoreResult<std::optional<vendors::polyv::PolyvAccountKeys>>
CachingPolyvRepository::find_account_by_app_id(std::string_view app_id) {
  return store::cached_lookup(engine_, accounts_by_app_, core::CacheKey("").add(app_id),
                              [&] { return inner_->find_account_by_app_id(app_id); });
}

StoreResult<std::vector<vendors::polyv::Category>> CachingPolyvRepository::list_categories(
    std::string_view user_id) {
  return store::cached_lookup(engine_, categories_, core::CacheKey("").add(user_id),
                              [&] { return inner_->list_categories(user_id); });
}

StoreResult<bool> CachingPolyvRepository::has_sub_account(std::string_view user_id,
                                                          std::string_view email) {
  return store::cached_lookup(engine_, sub_accounts_, core::CacheKey("").add(user_id).add(email),
                              [&] { return inner_->has_sub_account(user_id, email); });
}

StoreResult<std::optional<std::string>> CachingPolyvRepository::find_channel_owner(
    std::string_view channel_id) {
  return store::cached_lookup(engine_, channel_owners_, core::CacheKey("").add(channel_id),
                              [&] { return inner_->find_channel_owner(channel_id); });
}

StoreResult<std::optional<vendors::polyv::PolyvGroupKeys>> CachingPolyvRepository::find_group(
    std::string_view app_id) {
  return store::cached_lookup(engine_, groups_, core::CacheKey("").add(app_id),
                              [&] { return inner_->find_group(app_id); });
}

core::GenerationCacheStats CachingPolyvRepository::stats() const {
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

}  // namespace mediagate::vendors::polyv
