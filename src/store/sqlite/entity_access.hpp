// EntityStore over one SQLite connection: the admin API's reads and writes, entity by entity.
// It runs every statement on the connection it is given and opens no transaction of its own
// (SqliteStore::transact / snapshot wrap it in one); SqliteStore's own reads reuse its queries.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite/connection.hpp"
#include "store/sqlite/query_support.hpp"
#include "store/store.hpp"

namespace mediagate::store::sqlite {

// The pieces of a get-by-uploader query, shared by query_videos and SqliteStore's cached path: the
// columns of a Video, a row of them as a Video, the "FROM ... WHERE" of a query (its parameters
// appended to `params`), and its ORDER BY.
inline constexpr std::string_view kVideoColumns =
    "SELECT vid, cataid, title, context, times, first_image, tag, aac_link, status,"
    " uploader_email, ptime";
Video video_of(const Statement& s, int first = 0);
std::string video_filter(const VideoQuery& query, std::vector<Param>& params);
std::string_view video_order(VideoOrder order);

class ConnectionEntityStore final : public EntityStore {
 public:
  // `bulk_import_videos`: see ImportOptions::bulk_videos (used by upsert()).
  explicit ConnectionEntityStore(Connection& connection,
                                 std::size_t bulk_import_videos = 50'000) noexcept
      : c_(connection), bulk_import_videos_(bulk_import_videos) {}

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

  StoreResult<Page<IqiyiPartner>> list_iqiyi_partners(Range range) override;
  StoreResult<std::optional<IqiyiPartner>> find_iqiyi_partner(
      std::string_view partner_code) override;
  StoreResult<Page<IqiyiUser>> list_iqiyi_users(std::string_view partner_code,
                                                Range range) override;
  StoreResult<std::optional<IqiyiUser>> find_iqiyi_user(std::string_view partner_code,
                                                        std::string_view user_id,
                                                        std::string_view area) override;

  StoreResult<Page<PumpkinPartner>> list_pumpkin_partners(Range range) override;
  StoreResult<std::optional<PumpkinPartner>> find_pumpkin_partner(std::string_view pid) override;
  StoreResult<Page<PumpkinMedia>> list_pumpkin_media(Range range) override;
  StoreResult<std::optional<PumpkinMedia>> find_pumpkin_media(std::int64_t movie_id) override;

  StoreResult<ImportSummary> upsert(const Dataset& data) override;
  StoreResult<bool> remove(const EntityRef& entity) override;

 private:
  Connection& c_;
  std::size_t bulk_import_videos_;
};

}  // namespace mediagate::store::sqlite
