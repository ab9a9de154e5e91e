#include "vendors/polyv/polyv_entities.hpp"

#include "store/sql_access.hpp"
#include "vendors/polyv/polyv_queries.hpp"

namespace mediagate::vendors::polyv {

using store::StoreResult;

StoreResult<store::Page<vendors::polyv::PolyvAccountKeys>> PolyvEntities::list_accounts(
    store::Range range) {
  return store::in_transaction<store::Page<vendors::polyv::PolyvAccountKeys>>(
      entities_, [&](auto& db) { return queries::accounts(db, range); });
}

StoreResult<std::optional<vendors::polyv::PolyvAccountKeys>> PolyvEntities::find_account(
    std::string_view user_id) {
  return store::in_transaction<std::optional<vendors::polyv::PolyvAccountKeys>>(
      entities_, [&](auto& db) { return queries::account(db, user_id); });
}

StoreResult<std::optional<vendors::polyv::PolyvAccountKeys>> PolyvEntities::find_account_by_app_id(
    std::string_view app_id) {
  return store::in_transaction<std::optional<vendors::polyv::PolyvAccountKeys>>(
      entities_, [&](auto& db) { return queries::account_by_app_id(db, app_id); });
}

StoreResult<store::Page<std::string>> PolyvEntities::list_sub_accounts(std::string_view user_id,
                                                                       store::Range range) {
  return store::in_transaction<store::Page<std::string>>(
      entities_, [&](auto& db) { return queries::sub_accounts(db, user_id, range); });
}

StoreResult<bool> PolyvEntities::has_sub_account(std::string_view user_id, std::string_view email) {
  return store::in_transaction<bool>(
      entities_, [&](auto& db) { return queries::has_sub_account(db, user_id, email); });
}

StoreResult<store::Page<vendors::polyv::Category>> PolyvEntities::list_categories(
    std::string_view user_id, store::Range range) {
  return store::in_transaction<store::Page<vendors::polyv::Category>>(
      entities_, [&](auto& db) { return queries::categories(db, user_id, range); });
}

StoreResult<store::Page<vendors::polyv::Video>> PolyvEntities::query_videos(
    const VideoQuery& query) {
  return store::in_transaction<store::Page<vendors::polyv::Video>>(
      entities_, [&](auto& db) { return queries::videos(db, query); });
}

StoreResult<std::optional<VideoRecord>> PolyvEntities::find_video(std::string_view vid) {
  return store::in_transaction<std::optional<VideoRecord>>(
      entities_, [&](auto& db) { return queries::find_video(db, vid); });
}

StoreResult<store::Page<std::string>> PolyvEntities::list_channels(std::string_view user_id,
                                                                   store::Range range) {
  return store::in_transaction<store::Page<std::string>>(
      entities_, [&](auto& db) { return queries::channels(db, user_id, range); });
}

StoreResult<std::optional<std::string>> PolyvEntities::find_channel_owner(
    std::string_view channel_id) {
  return store::in_transaction<std::optional<std::string>>(
      entities_, [&](auto& db) { return queries::channel_owner(db, channel_id); });
}

StoreResult<store::Page<vendors::polyv::LiveSession>> PolyvEntities::list_sessions(
    std::string_view channel_id, store::Range range) {
  return store::in_transaction<store::Page<vendors::polyv::LiveSession>>(
      entities_, [&](auto& db) { return queries::sessions(db, channel_id, range); });
}

StoreResult<std::optional<SessionRecord>> PolyvEntities::find_session(std::string_view session_id) {
  return store::in_transaction<std::optional<SessionRecord>>(
      entities_, [&](auto& db) { return queries::find_session(db, session_id); });
}

StoreResult<store::Page<vendors::polyv::PolyvGroupKeys>> PolyvEntities::list_groups(
    store::Range range) {
  return store::in_transaction<store::Page<vendors::polyv::PolyvGroupKeys>>(
      entities_, [&](auto& db) { return queries::groups(db, range); });
}

StoreResult<std::optional<vendors::polyv::PolyvGroupKeys>> PolyvEntities::find_group(
    std::string_view app_id) {
  return store::in_transaction<std::optional<vendors::polyv::PolyvGroupKeys>>(
      entities_, [&](auto& db) { return queries::group(db, app_id); });
}

StoreResult<store::Page<std::string>> PolyvEntities::list_group_sub_accounts(
    std::string_view app_id, store::Range range) {
  return store::in_transaction<store::Page<std::string>>(
      entities_, [&](auto& db) { return queries::group_sub_accounts(db, app_id, range); });
}

StoreResult<bool> PolyvEntities::has_group_sub_account(std::string_view app_id,
                                                       std::string_view email) {
  return store::in_transaction<bool>(
      entities_, [&](auto& db) { return queries::has_group_sub_account(db, app_id, email); });
}

StoreResult<store::Page<AllocationRecord>> PolyvEntities::list_allocations(
    std::string_view app_id, const std::optional<std::string>& email, store::Range range) {
  return store::in_transaction<store::Page<AllocationRecord>>(
      entities_, [&](auto& db) { return queries::allocation_records(db, app_id, email, range); });
}

StoreResult<std::optional<AllocationRecord>> PolyvEntities::find_allocation(std::string_view app_id,
                                                                            std::int64_t id) {
  return store::in_transaction<std::optional<AllocationRecord>>(
      entities_, [&](auto& db) { return queries::find_allocation(db, app_id, id); });
}

StoreResult<std::optional<std::int64_t>> PolyvEntities::find_allocation_id(
    std::string_view app_id, const vendors::polyv::Allocation& key) {
  return store::in_transaction<std::optional<std::int64_t>>(
      entities_, [&](auto& db) { return queries::find_allocation_id(db, app_id, key); });
}

StoreResult<bool> PolyvEntities::update_allocation(std::string_view app_id, std::int64_t id,
                                                   const vendors::polyv::Allocation& allocation) {
  return store::in_transaction<bool>(
      entities_, [&](auto& db) { return queries::update_allocation(db, app_id, id, allocation); });
}

}  // namespace mediagate::vendors::polyv
