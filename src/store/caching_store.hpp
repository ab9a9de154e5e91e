// A Store in front of another that keeps the answers of the small lookups every vendor request
// makes (credentials, partners, users, a channel's owner, an account's categories and
// sub-accounts) in memory, for as long as the inner store's data_generation() stays the same.
// A request then verifies its signature without a database round trip. Pages, exports and
// writes go to the inner store unchanged (pages have their own caches: the SQLite rank cache and
// the vendors' page cache). A store that cannot tell a generation is passed through untouched.
// The lookups of modules that have their own repository are cached by the module
// (cached_lookups() tells it how many answers to keep; store/cached_lookup.hpp the rule).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/generation_cache.hpp"
#include "store/store.hpp"

namespace mediagate::store {

class CachingStore final : public Store {
 public:
  // Keeps at most `max_entries` answers of each kind of lookup.
  CachingStore(std::unique_ptr<Store> inner, std::size_t max_entries);

  StoreResult<ImportSummary> import(const Dataset& data) override { return inner_->import(data); }
  StoreResult<Dataset> export_all() override { return inner_->export_all(); }

  StoreResult<std::optional<PolyvAccountKeys>> find_polyv_account_by_user_id(
      std::string_view user_id) override;
  StoreResult<std::optional<PolyvAccountKeys>> find_polyv_account_by_app_id(
      std::string_view app_id) override;
  StoreResult<std::vector<Category>> list_categories(std::string_view user_id) override;
  StoreResult<bool> has_sub_account(std::string_view user_id, std::string_view email) override;
  StoreResult<Page<Video>> query_videos(const VideoQuery& query) override {
    return inner_->query_videos(query);
  }

  StoreResult<std::optional<std::string>> find_channel_owner(std::string_view channel_id) override;
  StoreResult<Page<LiveSession>> query_sessions(const SessionQuery& query) override {
    return inner_->query_sessions(query);
  }

  StoreResult<std::optional<PolyvGroupKeys>> find_polyv_group(std::string_view app_id) override;
  StoreResult<Page<Allocation>> query_allocations(const AllocationQuery& query) override {
    return inner_->query_allocations(query);
  }

  StoreResult<bool> transact(
      const std::function<StoreResult<Outcome>(EntityStore&)>& body) override {
    return inner_->transact(body);
  }
  StoreResult<core::Ok> snapshot(
      const std::function<StoreResult<core::Ok>(EntityStore&)>& body) override {
    return inner_->snapshot(body);
  }
  std::optional<std::uint64_t> data_generation() override { return inner_->data_generation(); }
  StoreResult<core::Ok> read(
      ReadKind kind, const std::function<StoreResult<core::Ok>(SqlBackend)>& body) override {
    return inner_->read(kind, body);
  }
  // The modules' repositories made over this store keep as many answers of each lookup.
  std::size_t cached_lookups() const override { return max_entries_; }

  // Hits and misses of all lookups together (for tests and benchmarks).
  core::GenerationCacheStats stats() const;

 private:
  template <class T>
  using Cache = core::GenerationCache<T>;

  // The inner store's answer to `load()`, from `cache` while the generation stays put.
  template <class T, class Load>
  StoreResult<T> cached(Cache<T>& cache, const core::CacheKey& key, Load&& load);

  std::unique_ptr<Store> inner_;
  const std::size_t max_entries_;
  Cache<std::optional<PolyvAccountKeys>> accounts_by_user_;
  Cache<std::optional<PolyvAccountKeys>> accounts_by_app_;
  Cache<std::vector<Category>> categories_;
  Cache<bool> sub_accounts_;
  Cache<std::optional<std::string>> channel_owners_;
  Cache<std::optional<PolyvGroupKeys>> groups_;
};

}  // namespace mediagate::store
