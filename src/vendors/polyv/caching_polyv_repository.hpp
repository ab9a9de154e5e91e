// A PolyvRepository in front of another that answers the small lookups every Polyv request
// makes (accounts by user id and by app id, an account's categories and sub-accounts, a
// channel's owner, a group) from memory while the engine's data generation stays the same
// (store/cached_lookup.hpp): a request then verifies its signature without a database round
// trip. Pages go to the repository below unchanged (they have their own caches: the backend's
// lists of ordered ids and the vendors' page cache). An engine that tells no generation is
// passed through.
#pragma once

#include <cstddef>
#include <memory>

#include "core/generation_cache.hpp"
#include "vendors/polyv/polyv_repository.hpp"

namespace mediagate::vendors::polyv {

class CachingPolyvRepository final : public PolyvRepository {
 public:
  // Keeps at most `max_entries` answers of each lookup.
  CachingPolyvRepository(std::unique_ptr<PolyvRepository> inner, store::Engine& engine,
                         std::size_t max_entries);

  store::StoreResult<std::optional<vendors::polyv::PolyvAccountKeys>> find_account_by_user_id(
      std::string_view user_id) override;
  store::StoreResult<std::optional<vendors::polyv::PolyvAccountKeys>> find_account_by_app_id(
      std::string_view app_id) override;
  store::StoreResult<std::vector<vendors::polyv::Category>> list_categories(
      std::string_view user_id) override;
  store::StoreResult<bool> has_sub_account(std::string_view user_id,
                                           std::string_view email) override;
  store::StoreResult<store::Page<vendors::polyv::Video>> query_videos(
      const VideoQuery& query) override {
    return inner_->query_videos(query);
  }
  store::StoreResult<std::optional<std::string>> find_channel_owner(
      std::string_view channel_id) override;
  store::StoreResult<store::Page<vendors::polyv::LiveSession>> query_sessions(
      const SessionQuery& query) override {
    return inner_->query_sessions(query);
  }
  store::StoreResult<std::optional<vendors::polyv::PolyvGroupKeys>> find_group(
      std::string_view app_id) override;
  store::StoreResult<store::Page<vendors::polyv::Allocation>> query_allocations(
      const AllocationQuery& query) override {
    return inner_->query_allocations(query);
  }

  // Hits and misses of all lookups together (for tests and benchmarks).
  core::GenerationCacheStats stats() const;

 private:
  template <class T>
  using Cache = core::GenerationCache<T>;

  std::unique_ptr<PolyvRepository> inner_;
  store::Engine& engine_;
  Cache<std::optional<vendors::polyv::PolyvAccountKeys>> accounts_by_user_;
  Cache<std::optional<vendors::polyv::PolyvAccountKeys>> accounts_by_app_;
  Cache<std::vector<vendors::polyv::Category>> categories_;
  Cache<bool> sub_accounts_;
  Cache<std::optional<std::string>> channel_owners_;
  Cache<std::optional<vendors::polyv::PolyvGroupKeys>> groups_;
};

}  // namespace mediagate::vendors::polyv
