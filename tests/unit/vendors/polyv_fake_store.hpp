// An in-memory Polyv repository for the Polyv live/group unit tests: canned answers, the last
// query received, and a switch that makes every call fail like a broken database. The endpoint
// tests' store (PolyvFakeStore) holds one in its repositories (store::Repositories::put).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "unused_store.hpp"
#include "vendors/polyv/polyv_repository.hpp"

namespace mediagate::testing {

class PolyvFakeRepository final : public vendors::polyv::PolyvRepository {
 public:
  bool fail = false;          // every call returns a StoreError
  bool fail_queries = false;  // only query_sessions / query_allocations fail
  std::optional<vendors::polyv::PolyvAccountKeys> account;
  std::optional<std::string> channel_owner;
  store::Page<vendors::polyv::LiveSession> sessions;
  std::optional<vendors::polyv::PolyvGroupKeys> group;
  store::Page<vendors::polyv::Allocation> allocations;

  std::optional<vendors::polyv::SessionQuery> last_session_query;
  std::optional<vendors::polyv::AllocationQuery> last_allocation_query;
  std::string last_channel_asked;

  store::StoreResult<std::optional<vendors::polyv::PolyvAccountKeys>> find_account_by_user_id(
      std::string_view) override {
    return error<std::optional<vendors::polyv::PolyvAccountKeys>>();
  }
  store::StoreResult<std::optional<vendors::polyv::PolyvAccountKeys>> find_account_by_app_id(
      std::string_view app_id) override {
    if (fail) return error<std::optional<vendors::polyv::PolyvAccountKeys>>();
    if (account && account->app_id == app_id) return account;
    return std::optional<vendors::polyv::PolyvAccountKeys>{};
  }
  store::StoreResult<std::vector<vendors::polyv::Category>> list_categories(
      std::string_view) override {
    return error<std::vector<vendors::polyv::Category>>();
  }
  store::StoreResult<bool> has_sub_account(std::string_view, std::string_view) override {
    return error<bool>();
  }
  store::StoreResult<store::Page<vendors::polyv::Video>> query_videos(
      const vendors::polyv::VideoQuery&) override {
    return error<store::Page<vendors::polyv::Video>>();
  }
  store::StoreResult<std::optional<std::string>> find_channel_owner(
      std::string_view channel_id) override {
    last_channel_asked = std::string(channel_id);
    if (fail) return error<std::optional<std::string>>();
    return channel_owner;
  }
  store::StoreResult<store::Page<vendors::polyv::LiveSession>> query_sessions(
      const vendors::polyv::SessionQuery& query) override {
    last_session_query = query;
    if (fail || fail_queries) return error<store::Page<vendors::polyv::LiveSession>>();
    return sessions;
  }
  store::StoreResult<std::optional<vendors::polyv::PolyvGroupKeys>> find_group(
      std::string_view app_id) override {
    if (fail) return error<std::optional<vendors::polyv::PolyvGroupKeys>>();
    if (group && group->app_id == app_id) return group;
    return std::optional<vendors::polyv::PolyvGroupKeys>{};
  }
  store::StoreResult<store::Page<vendors::polyv::Allocation>> query_allocations(
      const vendors::polyv::AllocationQuery& query) override {
    last_allocation_query = query;
    if (fail || fail_queries) return error<store::Page<vendors::polyv::Allocation>>();
    return allocations;
  }

 private:
  template <class T>
  static store::StoreResult<T> error() {
    return core::unexpected(core::Error::store("disk I/O error (fake)"));
  }
};

// A store for an endpoint::Context whose Polyv repository is a PolyvFakeRepository (polyv());
// its other calls are unused.
class PolyvFakeStore final : public UnusedStore {
 public:
  PolyvFakeStore() {
    auto fake = std::make_unique<PolyvFakeRepository>();
    polyv_ = fake.get();
    repositories().put<vendors::polyv::PolyvRepository>(std::move(fake));
  }

  PolyvFakeRepository& polyv() noexcept { return *polyv_; }

 private:
  PolyvFakeRepository* polyv_ = nullptr;
};

}  // namespace mediagate::testing
