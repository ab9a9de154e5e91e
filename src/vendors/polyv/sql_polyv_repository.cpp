#include "vendors/polyv/sql_polyv_repository.hpp"

#include "store/sql_access.hpp"
#include "vendors/polyv/polyv_queries.hpp"

namespace mediagate::vendors::polyv {

using store::ReadKind;
using store::StoreResult;

StoreResult<std::optional<vendors::polyv::PolyvAccountKeys>>
SqlPolyvRepository::find_account_by_user_id(std::string_view user_id) {
  return store::read_sql<std::optional<vendors::polyv::PolyvAccountKeys>>(
      engine_, ReadKind::kStatement, [&](auto& db) { return queries::account(db, user_id); });
}

StoreResult<std::optional<vendors::polyv::PolyvAccountKeys>>
SqlPolyvRepository::find_account_by_app_id(std::string_view app_id) {
  return store::read_sql<std::optional<vendors::polyv::PolyvAccountKeys>>(
      engine_, ReadKind::kStatement,
      [&](auto& db) { return queries::account_by_app_id(db, app_id); });
}

StoreResult<std::vector<vendors::polyv::Category>> SqlPolyvRepository::list_categories(
    std::string_view user_id) {
  return store::read_sql<std::vector<vendors::polyv::Category>>(
      engine_, ReadKind::kStatement,
      [&](auto& db) { return queries::all_categories(db, user_id); });
}

StoreResult<bool> SqlPolyvRepository::has_sub_account(std::string_view user_id,
                                                      std::string_view email) {
  return store::read_sql<bool>(engine_, ReadKind::kStatement, [&](auto& db) {
    return queries::has_sub_account(db, user_id, email);
  });
}

StoreResult<store::Page<vendors::polyv::Video>> SqlPolyvRepository::query_videos(
    const VideoQuery& query) {
  return store::read_sql<store::Page<vendors::polyv::Video>>(
      engine_, ReadKind::kSnapshot, [&](auto& db) { return queries::ranked_videos(db, query); });
}

StoreResult<std::optional<std::string>> SqlPolyvRepository::find_channel_owner(
    std::string_view channel_id) {
  return store::read_sql<std::optional<std::string>>(engine_, ReadKind::kStatement, [&](auto& db) {
    return queries::channel_owner(db, channel_id);
  });
}

StoreResult<store::Page<vendors::polyv::LiveSession>> SqlPolyvRepository::query_sessions(
    const SessionQuery& query) {
  return store::read_sql<store::Page<vendors::polyv::LiveSession>>(
      engine_, ReadKind::kSnapshot, [&](auto& db) { return queries::query_sessions(db, query); });
}

StoreResult<std::optional<vendors::polyv::PolyvGroupKeys>> SqlPolyvRepository::find_group(
    std::string_view app_id) {
  return store::read_sql<std::optional<vendors::polyv::PolyvGroupKeys>>(
      engine_, ReadKind::kStatement, [&](auto& db) { return queries::group(db, app_id); });
}

StoreResult<store::Page<vendors::polyv::Allocation>> SqlPolyvRepository::query_allocations(
    const AllocationQuery& query) {
  return store::read_sql<store::Page<vendors::polyv::Allocation>>(
      engine_, ReadKind::kSnapshot, [&](auto& db) { return queries::allocations(db, query); });
}

}  // namespace mediagate::vendors::polyv
