// Polyv's entities read one by one or a page at a time inside an admin transaction or snapshot
// (store::Store::transact / snapshot), on that transaction's connection, and the allocation
// rewrite. Other writes still go through the EntityStore (upsert of a Dataset, remove of an
// EntityRef). Lists are ordered by id unless said otherwise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/store.hpp"
#include "vendors/polyv/polyv_data.hpp"
#include "vendors/polyv/polyv_model.hpp"

namespace mediagate::vendors::polyv {

class PolyvEntities {
 public:
  explicit PolyvEntities(store::EntityStore& entities) noexcept : entities_(entities) {}

  // Accounts and what they hold
  store::StoreResult<store::Page<vendors::polyv::PolyvAccountKeys>> list_accounts(
      store::Range range);
  store::StoreResult<std::optional<vendors::polyv::PolyvAccountKeys>> find_account(
      std::string_view user_id);
  store::StoreResult<std::optional<vendors::polyv::PolyvAccountKeys>> find_account_by_app_id(
      std::string_view app_id);
  store::StoreResult<store::Page<std::string>> list_sub_accounts(std::string_view user_id,
                                                                 store::Range range);
  store::StoreResult<bool> has_sub_account(std::string_view user_id, std::string_view email);
  store::StoreResult<store::Page<vendors::polyv::Category>> list_categories(
      std::string_view user_id, store::Range range);
  // As PolyvRepository::query_videos (e.g. limit 0 and an uploader: how many videos that
  // uploader has).
  store::StoreResult<store::Page<vendors::polyv::Video>> query_videos(const VideoQuery& query);
  store::StoreResult<std::optional<VideoRecord>> find_video(std::string_view vid);
  store::StoreResult<store::Page<std::string>> list_channels(std::string_view user_id,
                                                             store::Range range);
  store::StoreResult<std::optional<std::string>> find_channel_owner(std::string_view channel_id);
  // Ordered by startTime descending, as PolyvRepository::query_sessions.
  store::StoreResult<store::Page<vendors::polyv::LiveSession>> list_sessions(
      std::string_view channel_id, store::Range range);
  store::StoreResult<std::optional<SessionRecord>> find_session(std::string_view session_id);

  // Groups
  store::StoreResult<store::Page<vendors::polyv::PolyvGroupKeys>> list_groups(store::Range range);
  store::StoreResult<std::optional<vendors::polyv::PolyvGroupKeys>> find_group(
      std::string_view app_id);
  store::StoreResult<store::Page<std::string>> list_group_sub_accounts(std::string_view app_id,
                                                                       store::Range range);
  store::StoreResult<bool> has_group_sub_account(std::string_view app_id, std::string_view email);
  // In insertion order; only `email`'s when given.
  store::StoreResult<store::Page<AllocationRecord>> list_allocations(
      std::string_view app_id, const std::optional<std::string>& email, store::Range range);
  store::StoreResult<std::optional<AllocationRecord>> find_allocation(std::string_view app_id,
                                                                      std::int64_t id);
  // The id of the allocation with this key (email, date, origin, type), if any.
  store::StoreResult<std::optional<std::int64_t>> find_allocation_id(
      std::string_view app_id, const vendors::polyv::Allocation& key);
  // Rewrites allocation `id` in place (it keeps its id, hence its place in the order).
  store::StoreResult<bool> update_allocation(std::string_view app_id, std::int64_t id,
                                             const vendors::polyv::Allocation& allocation);

 private:
  store::EntityStore& entities_;
};

}  // namespace mediagate::vendors::polyv
