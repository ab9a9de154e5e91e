// EntityStore over one connection of an SQL backend (backend.hpp): the admin API's reads and
// writes, entity by entity, written once for SQLite and PostgreSQL. It runs every statement on
// the backend it holds and opens no transaction of its own (the store's transact / snapshot
// wrap it in one); the stores' own reads reuse its queries. Each write runs as the backend's
// write(): in PostgreSQL a savepoint, so that a failed one leaves the transaction usable.
//
// Each backend instantiates it once (its entity_access.cpp includes entity_access_impl.hpp).
#pragma once

#include <concepts>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sql/backend.hpp"
#include "store/store.hpp"

namespace mediagate::store::sql {

// The pieces of a get-by-uploader query, shared by EntityAccess::query_videos and SqliteStore's
// cached path: the "FROM ... WHERE" of a query (its parameters appended to `params`), and its
// ORDER BY (ties: vid ascending).
template <class B>
std::string video_filter(const VideoQuery& query, std::vector<typename B::Param>& params) {
  std::string from_where = "FROM polyv_videos WHERE user_id = ?";
  params.emplace_back(B::param(query.user_id));
  if (query.cataids) {
    // One list parameter whatever the list's length: the statement stays cacheable.
    from_where += " AND ";
    B::append_in_list(from_where, "cataid", ListOf::kIntegers);
    params.emplace_back(B::list_param(*query.cataids));
  }
  if (query.uploader_email) {
    from_where += " AND uploader_email = ?";
    params.emplace_back(B::param(*query.uploader_email));
  }
  // A text no stored one can equal: every row differs from it.
  if (query.exclude_uploader_email && B::storable(*query.exclude_uploader_email)) {
    from_where += " AND uploader_email <> ?";
    params.emplace_back(B::param(*query.exclude_uploader_email));
  }
  if (query.published_only) from_where += " AND status IN ('60', '61')";
  add_search<B>(from_where, params, {"vid", "title"}, query.search);
  return from_where;
}

inline std::string_view video_order(VideoOrder order) {
  switch (order) {
    case VideoOrder::kPtimeAsc:
      return " ORDER BY ptime ASC, vid ASC";
    case VideoOrder::kPtimeDesc:
      return " ORDER BY ptime DESC, vid ASC";
    case VideoOrder::kTimesAsc:
      return " ORDER BY times ASC, vid ASC";
    case VideoOrder::kTimesDesc:
      return " ORDER BY times DESC, vid ASC";
  }
  return " ORDER BY ptime ASC, vid ASC";
}

// The "FROM ... WHERE" of a group's allocation log query (its parameters appended to
// `params`: app_id, the emails as one list, then type, from and to where given), and its order.
template <class B>
std::string allocation_filter(const AllocationQuery& query,
                              std::vector<typename B::Param>& params) {
  std::string from_where = "FROM polyv_allocations WHERE app_id = ? AND ";
  B::append_in_list(from_where, "email", ListOf::kTexts);
  params.emplace_back(B::param(query.app_id));
  params.emplace_back(B::list_param(query.emails));
  if (query.type) {
    from_where += " AND type = ?";
    params.emplace_back(B::param(*query.type));
  }
  if (query.from) {
    from_where += " AND date >= ?";
    params.emplace_back(B::param(*query.from));
  }
  if (query.to) {
    from_where += " AND date <= ?";
    params.emplace_back(B::param(*query.to));
  }
  return from_where;
}
inline constexpr std::string_view kAllocationOrder = " ORDER BY date DESC, id ASC";

template <Backend B>
class EntityAccess final : public EntityStore {
 public:
  // Arguments of the backend's constructor (its connection, and its options).
  template <class... Args>
  requires std::constructible_from<B, Args&&...>
  explicit EntityAccess(Args&&... args) : db_(std::forward<Args>(args)...) {}

  StoreResult<Page<PolyvAccountKeys>> list_polyv_accounts(Range range) override;
  StoreResult<std::optional<PolyvAccountKeys>> find_polyv_account(
      std::string_view user_id) override;
  StoreResult<std::optional<PolyvAccountKeys>> find_polyv_account_by_app_id(
      std::string_view app_id) override;
  StoreResult<Page<std::string>> list_polyv_sub_accounts(std::string_view user_id,
                                                         Range range) override;
  StoreResult<bool> has_polyv_sub_account(std::string_view user_id,
                                          std::string_view email) override;
  StoreResult<Page<Category>> list_categories(std::string_view user_id, Range range) override;
  StoreResult<Page<Video>> query_videos(const VideoQuery& query) override;
  StoreResult<std::optional<VideoRecord>> find_video(std::string_view vid) override;
  StoreResult<Page<std::string>> list_channels(std::string_view user_id, Range range) override;
  StoreResult<std::optional<std::string>> find_channel_owner(std::string_view channel_id) override;
  StoreResult<Page<LiveSession>> list_sessions(std::string_view channel_id, Range range) override;
  StoreResult<std::optional<SessionRecord>> find_session(std::string_view session_id) override;

  StoreResult<Page<PolyvGroupKeys>> list_polyv_groups(Range range) override;
  StoreResult<std::optional<PolyvGroupKeys>> find_polyv_group(std::string_view app_id) override;
  StoreResult<Page<std::string>> list_group_sub_accounts(std::string_view app_id,
                                                         Range range) override;
  StoreResult<bool> has_group_sub_account(std::string_view app_id, std::string_view email) override;
  StoreResult<Page<AllocationRecord>> list_allocations(std::string_view app_id,
                                                       const std::optional<std::string>& email,
                                                       Range range) override;
  StoreResult<std::optional<AllocationRecord>> find_allocation(std::string_view app_id,
                                                               std::int64_t id) override;
  StoreResult<std::optional<std::int64_t>> find_allocation_id(std::string_view app_id,
                                                              const Allocation& key) override;
  StoreResult<bool> update_allocation(std::string_view app_id, std::int64_t id,
                                      const Allocation& allocation) override;

  StoreResult<ImportSummary> upsert(const Dataset& data) override;
  StoreResult<bool> remove(const EntityRef& entity) override;
  std::optional<SqlBackend> sql_backend() override { return SqlBackend{&db_}; }

  // The stores' own reads beside the ones above (see Store for what each answers).
  StoreResult<std::vector<Category>> all_categories(std::string_view user_id);
  StoreResult<Page<LiveSession>> query_sessions(const SessionQuery& query);
  StoreResult<Page<Allocation>> query_allocations(const AllocationQuery& query);

 private:
  B db_;
};

}  // namespace mediagate::store::sql
