// EntityStore over one PostgreSQL connection: the admin API's reads and writes, entity by
// entity, with the same SQL and orders as the SQLite backend. It opens no transaction of its
// own (PostgresStore::transact / snapshot wrap it in one); PostgresStore's reads reuse it.
// Each write runs in a savepoint: a failed one undoes itself and leaves the transaction usable
// (in PostgreSQL a failed statement otherwise poisons the whole transaction; not in SQLite).
#pragma once

#include "store/postgres/connection.hpp"
#include "store/store.hpp"

namespace mediagate::store::postgres {

class ConnectionEntityStore final : public EntityStore {
 public:
  explicit ConnectionEntityStore(Connection& connection) noexcept : c_(connection) {}

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
};

}  // namespace mediagate::store::postgres
