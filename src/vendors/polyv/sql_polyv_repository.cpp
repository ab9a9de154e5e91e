#include "vendors/polyv/sql_polyv_repository.hpp"

#include <utility>

#include "store/sql_access.hpp"
#include "vendors/polyv/polyv_queries.hpp"

namespace mediagate::vendors::polyv {
namespace {

using store::ReadKind;
using store::StoreResult;

class SqlPolyvRepository final : public PolyvRepository {
 public:
  explicit SqlPolyvRepository(store::Engine& engine) noexcept : engine_(engine) {}

  StoreResult<std::optional<PolyvAccountKeys>> find_account_by_user_id(
      std::string_view user_id) override {
    return read<std::optional<PolyvAccountKeys>>(
        ReadKind::kStatement, [&](auto& db) { return queries::account(db, user_id); });
  }

  StoreResult<std::optional<PolyvAccountKeys>> find_account_by_app_id(
      std::string_view app_id) override {
    return read<std::optional<PolyvAccountKeys>>(
        ReadKind::kStatement, [&](auto& db) { return queries::account_by_app_id(db, app_id); });
  }

  StoreResult<std::vector<Category>> list_categories(std::string_view user_id) override {
    return read<std::vector<Category>>(
        ReadKind::kStatement, [&](auto& db) { return queries::all_categories(db, user_id); });
  }

  StoreResult<bool> has_sub_account(std::string_view user_id, std::string_view email) override {
    return read<bool>(ReadKind::kStatement,
                      [&](auto& db) { return queries::has_sub_account(db, user_id, email); });
  }

  StoreResult<store::Page<Video>> query_videos(const VideoQuery& query) override {
    return read<store::Page<Video>>(ReadKind::kPage,
                                    [&](auto& db) { return queries::ranked_videos(db, query); });
  }

  StoreResult<std::optional<std::string>> find_channel_owner(std::string_view channel_id) override {
    return read<std::optional<std::string>>(
        ReadKind::kStatement, [&](auto& db) { return queries::channel_owner(db, channel_id); });
  }

  StoreResult<store::Page<LiveSession>> query_sessions(const SessionQuery& query) override {
    return read<store::Page<LiveSession>>(
        ReadKind::kPage, [&](auto& db) { return queries::query_sessions(db, query); });
  }

  StoreResult<std::optional<PolyvGroupKeys>> find_group(std::string_view app_id) override {
    return read<std::optional<PolyvGroupKeys>>(
        ReadKind::kStatement, [&](auto& db) { return queries::group(db, app_id); });
  }

  StoreResult<store::Page<Allocation>> query_allocations(const AllocationQuery& query) override {
    return read<store::Page<Allocation>>(ReadKind::kPage,
                                         [&](auto& db) { return queries::allocations(db, query); });
  }

 private:
  template <class T, class Body>
  StoreResult<T> read(ReadKind kind, Body&& body) {
    return store::read_sql<T>(engine_, kind, std::forward<Body>(body));
  }

  store::Engine& engine_;
};

}  // namespace

std::unique_ptr<PolyvRepository> make_sql_polyv_repository(store::Engine& engine) {
  return std::make_unique<SqlPolyvRepository>(engine);
}

}  // namespace mediagate::vendors::polyv
