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
  std::optional<store::PolyvAccountKeys> account;
  std::optional<std::string> channel_owner;
  store::Page<store::LiveSession> sessions;
  std::optional<store::PolyvGroupKeys> group;
  store::Page<store::Allocation> allocations;

  std::optional<vendors::polyv::SessionQuery> last_session_query;
  std::optional<vendors::polyv::AllocationQuery> last_allocation_query;
  std::string last_channel_asked;

  store::StoreResult<std::optional<store::PolyvAccountKeys>> find_account_by_user_id(
      std::string_view) override {
    return error<std::optional<store::PolyvAccountKeys>>();
  }
  store::StoreResult<std::optional<store::PolyvAccountKeys>> find_account_by_app_id(
      std::string_view app_id) override {
    if (fail) return error<std::optional<store::PolyvAccountKeys>>();
    if (account && account->app_id == app_id) return account;
    return std::optional<store::PolyvAccountKeys>{};
  }
  store::StoreResult<std::vector<store::Category>> list_categories(std::string_view) override {
    return error<std::vector<store::Category>>();
  }
  store::StoreResult<bool> has_sub_account(std::string_view, std::string_view) override {
    return error<bool>();
  }
  store::StoreResult<store::Page<store::Video>> query_videos(
      const vendors::polyv::VideoQuery&) override {
    return error<store::Page<store::Video>>();
  }
  store::StoreResult<std::optional<std::string>> find_channel_owner(
      std::string_view channel_id) override {
    last_channel_asked = std::string(channel_id);
    if (fail) return error<std::optional<std::string>>();
    return channel_owner;
  }
  store::StoreResult<store::Page<store::LiveSession>> query_sessions(
      const vendors::polyv::SessionQuery& query) override {
    last_session_query = query;
    if (fail || fail_queries) return error<store::Page<store::LiveSession>>();
    return sessions;
  }
  store::StoreResult<std::optional<store::PolyvGroupKeys>> find_group(
      std::string_view app_id) override {
    if (fail) return error<std::optional<store::PolyvGroupKeys>>();
    if (group && group->app_id == app_id) return group;
    return std::optional<store::PolyvGroupKeys>{};
  }
  store::StoreResult<store::Page<store::Allocation>> query_allocations(
      const vendors::polyv::AllocationQuery& query) override {
    last_allocation_query = query;
    if (fail || fail_queries) return error<store::Page<store::Allocation>>();
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
