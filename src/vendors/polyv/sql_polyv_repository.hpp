// PolyvRepository over a store's SQL engine (polyv_queries.hpp, on either backend). The pages
// of videos and allocations use the backend's lists of ordered ids where it keeps them
// (SQLite's rank cache).
#pragma once

#include "vendors/polyv/polyv_repository.hpp"

namespace mediagate::vendors::polyv {

class SqlPolyvRepository final : public PolyvRepository {
 public:
  explicit SqlPolyvRepository(store::Engine& engine) noexcept : engine_(engine) {}

  store::StoreResult<std::optional<vendors::polyv::PolyvAccountKeys>> find_account_by_user_id(
      std::string_view user_id) override;
  store::StoreResult<std::optional<vendors::polyv::PolyvAccountKeys>> find_account_by_app_id(
      std::string_view app_id) override;
  store::StoreResult<std::vector<vendors::polyv::Category>> list_categories(
      std::string_view user_id) override;
  store::StoreResult<bool> has_sub_account(std::string_view user_id,
                                           std::string_view email) override;
  store::StoreResult<store::Page<vendors::polyv::Video>> query_videos(
      const VideoQuery& query) override;
  store::StoreResult<std::optional<std::string>> find_channel_owner(
      std::string_view channel_id) override;
  store::StoreResult<store::Page<vendors::polyv::LiveSession>> query_sessions(
      const SessionQuery& query) override;
  store::StoreResult<std::optional<vendors::polyv::PolyvGroupKeys>> find_group(
      std::string_view app_id) override;
  store::StoreResult<store::Page<vendors::polyv::Allocation>> query_allocations(
      const AllocationQuery& query) override;

 private:
  store::Engine& engine_;
};

}  // namespace mediagate::vendors::polyv
