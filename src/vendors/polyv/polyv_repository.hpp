// What Polyv's endpoints read from the store: an account by its user id or its app id, the
// account's categories and sub-accounts, a page of its videos, a channel's owner and a page of
// its sessions, a group and a page of its allocation log. polyv_repository() gives the one a
// store keeps: SQL written once for both engines (polyv_queries.hpp), with the lookup cache in
// front where the store keeps one (caching_polyv_repository.hpp). A test puts a fake in its
// place (store::Repositories::put).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/engine.hpp"
#include "store/store.hpp"
#include "vendors/polyv/polyv_data.hpp"
#include "vendors/polyv/polyv_model.hpp"

namespace mediagate::vendors::polyv {

class PolyvRepository {
 public:
  virtual ~PolyvRepository() = default;

  // VOD: the account by its user id (the VOD API's credential) or its app id (the live API's).
  virtual store::StoreResult<std::optional<vendors::polyv::PolyvAccountKeys>>
  find_account_by_user_id(std::string_view user_id) = 0;
  virtual store::StoreResult<std::optional<vendors::polyv::PolyvAccountKeys>>
  find_account_by_app_id(std::string_view app_id) = 0;
  // Every category of the account, by cataid.
  virtual store::StoreResult<std::vector<vendors::polyv::Category>> list_categories(
      std::string_view user_id) = 0;
  virtual store::StoreResult<bool> has_sub_account(std::string_view user_id,
                                                   std::string_view email) = 0;
  virtual store::StoreResult<store::Page<vendors::polyv::Video>> query_videos(
      const VideoQuery& query) = 0;

  // Live: the user_id owning a channel, if the channel exists; a page of its sessions.
  virtual store::StoreResult<std::optional<std::string>> find_channel_owner(
      std::string_view channel_id) = 0;
  virtual store::StoreResult<store::Page<vendors::polyv::LiveSession>> query_sessions(
      const SessionQuery& query) = 0;

  // Group: the group by its app id; a page of its allocation log.
  virtual store::StoreResult<std::optional<vendors::polyv::PolyvGroupKeys>> find_group(
      std::string_view app_id) = 0;
  virtual store::StoreResult<store::Page<vendors::polyv::Allocation>> query_allocations(
      const AllocationQuery& query) = 0;
};

// The repository `engine` keeps for Polyv, made on first use.
PolyvRepository& polyv_repository(store::Engine& engine);

}  // namespace mediagate::vendors::polyv
