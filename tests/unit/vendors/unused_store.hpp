// A store::Store whose every call fails as "not used by this test": a fake that a test needs as
// its endpoint::Context's store derives from it and answers only what the test uses; a module's
// repository fake is put in its repositories() instead (store::Repositories::put).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace mediagate::testing {

class UnusedStore : public store::Store {
 public:
  store::StoreResult<store::ImportSummary> import(const store::Dataset&) override {
    return unused<store::ImportSummary>();
  }
  store::StoreResult<store::Dataset> export_all() override { return unused<store::Dataset>(); }
  store::StoreResult<std::optional<store::PolyvAccountKeys>> find_polyv_account_by_user_id(
      std::string_view) override {
    return unused<std::optional<store::PolyvAccountKeys>>();
  }
  store::StoreResult<std::optional<store::PolyvAccountKeys>> find_polyv_account_by_app_id(
      std::string_view) override {
    return unused<std::optional<store::PolyvAccountKeys>>();
  }
  store::StoreResult<std::vector<store::Category>> list_categories(std::string_view) override {
    return unused<std::vector<store::Category>>();
  }
  store::StoreResult<bool> has_sub_account(std::string_view, std::string_view) override {
    return unused<bool>();
  }
  store::StoreResult<store::Page<store::Video>> query_videos(const store::VideoQuery&) override {
    return unused<store::Page<store::Video>>();
  }
  store::StoreResult<std::optional<std::string>> find_channel_owner(std::string_view) override {
    return unused<std::optional<std::string>>();
  }
  store::StoreResult<store::Page<store::LiveSession>> query_sessions(
      const store::SessionQuery&) override {
    return unused<store::Page<store::LiveSession>>();
  }
  store::StoreResult<std::optional<store::PolyvGroupKeys>> find_polyv_group(
      std::string_view) override {
    return unused<std::optional<store::PolyvGroupKeys>>();
  }
  store::StoreResult<store::Page<store::Allocation>> query_allocations(
      const store::AllocationQuery&) override {
    return unused<store::Page<store::Allocation>>();
  }

 protected:
  template <class T>
  static store::StoreResult<T> unused() {
    return core::unexpected(store::StoreError{"not used by this test"});
  }
};

}  // namespace mediagate::testing
