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

  StoreResult<std::optional<store::PolyvAccountKeys>> find_account_by_user_id(
      std::string_view user_id) override {
    return read<std::optional<store::PolyvAccountKeys>>(
        ReadKind::kStatement, [&](auto& db) { return queries::account(db, user_id); });
  }

  StoreResult<std::optional<store::PolyvAccountKeys>> find_account_by_app_id(
      std::string_view app_id) override {
    return read<std::optional<store::PolyvAccountKeys>>(
        ReadKind::kStatement, [&](auto& db) { return queries::account_by_app_id(db, app_id); });
  }

  StoreResult<std::vector<store::Category>> list_categories(std::string_view user_id) override {
    return read<std::vector<store::Category>>(
        ReadKind::kStatement, [&](auto& db) { return queries::all_categories(db, user_id); });
  }

  StoreResult<bool> has_sub_account(std::string_view user_id, std::string_view email) override {
    return read<bool>(ReadKind::kStatement,
                      [&](auto& db) { return queries::has_sub_account(db, user_id, email); });
  }

  StoreResult<store::Page<store::Video>> query_videos(const VideoQuery& query) override {
    return read<store::Page<store::Video>>(
        ReadKind::kPage, [&](auto& db) { return queries::ranked_videos(db, query); });
  }

  StoreResult<std::optional<std::string>> find_channel_owner(std::string_view channel_id) override {
    return read<std::optional<std::string>>(
        ReadKind::kStatement, [&](auto& db) { return queries::channel_owner(db, channel_id); });
  }

  StoreResult<store::Page<store::LiveSession>> query_sessions(const SessionQuery& query) override {
    return read<store::Page<store::LiveSession>>(
        ReadKind::kPage, [&](auto& db) { return queries::query_sessions(db, query); });
  }

  StoreResult<std::optional<store::PolyvGroupKeys>> find_group(std::string_view app_id) override {
    return read<std::optional<store::PolyvGroupKeys>>(
        ReadKind::kStatement, [&](auto& db) { return queries::group(db, app_id); });
  }

  StoreResult<store::Page<store::Allocation>> query_allocations(
      const AllocationQuery& query) override {
    return read<store::Page<store::Allocation>>(
        ReadKind::kPage, [&](auto& db) { return queries::allocations(db, query); });
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
